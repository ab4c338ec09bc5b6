"""A one-line note from anywhere: a parking-lot topic, a decision. Enter saves; Esc closes
and keeps what was typed as a draft, which the next opening of the same note brings back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.forms.fields import FieldInput
from pmtui.tui.keys import bindings, key_line
from pmtui.tui.widgets.insights import BlameHint

if TYPE_CHECKING:
    from pmtui.tui.typed import Put


class LineDialog(Dialog[str | None]):
    """Hands the typed line (stripped) to `add` and dismisses with it; None when closed or
    left empty. `add` runs before the dialog closes, so quitting can keep the line too.
    `draft` is the line the dialog opens with; `keep_draft` is given what is typed when the
    dialog closes (empty once the line is added). `typed` gives what `add` would put in for
    a line, for a copy of the review (`typed.typed_so_far`)."""

    BINDINGS: ClassVar = bindings("line")
    DEFAULT_CSS = """
    LineDialog { align: center bottom; }
    LineDialog > .box { margin-bottom: 3; }
    """

    def __init__(
        self,
        title: str,
        add: Callable[[str], None],
        *,
        draft: str = "",
        keep_draft: Callable[[str], None] = lambda line: None,
        typed: Callable[[str], list[Put]],
    ) -> None:
        super().__init__()
        self.line_title = title
        self.add = add
        self.draft = draft
        self.keep_draft = keep_draft
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="box") as box:
            box.border_title = self.line_title
            yield FieldInput(self.draft, id="line-input")
            yield BlameHint(self.draft, id="line-hint")
            yield Static(Text(key_line("line")), id="line-keys", classes="keys")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#line-input", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Blaming words are marked as they are typed, as in the panes and forms."""
        self.query_one("#line-hint", BlameHint).check(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        self.keep_before_quit()

    def action_cancel(self) -> None:
        self.keep_draft(self.query_one("#line-input", Input).value)
        super().action_cancel()

    def keep_before_quit(self) -> bool:
        """Keep the typed line (also when quitting with the dialog open); True if any."""
        line = self._line()
        if line:
            self.add(line)
        self.keep_draft("")
        self.dismiss(line or None)
        return bool(line)

    def typed_so_far(self) -> list[Put]:
        """What `keep_before_quit` would add, for a copy of the review; the dialog stays."""
        line = self._line()
        return self.typed(line) if line else []

    def _line(self) -> str:
        return self.query_one("#line-input", Input).value.strip()
