"""Save as: a path for the review, asked when its own file cannot be written (or on F12).

The dialog stays until a save works or Esc closes it; the review stays in memory either way.
After a failed write it comes up on its own: during its grace, typed keys go on below. After
the grace its name field still takes no key (a note typed on without looking up became the
file name, and the review went on there): Enter saves under the name shown, `e` on its own
edits it, and any other character is typing, as under the other questions (`Unasked`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from pmtui.document.printable import flat, without_controls
from pmtui.tui.forms.fields import FieldInput
from pmtui.tui.forms.literal import literal
from pmtui.tui.keys import key_of
from pmtui.tui.meeting.type_ahead import EDITING_KEYS, Grace, Unasked

Save = Callable[[Path], str | None]
"""Try to save to a path: None when it worked, else the one-line problem."""


class SaveAsDialog(Unasked[Path | None]):
    DEFAULT_CSS = """
    SaveAsDialog > .box { padding: 1 2; }
    SaveAsDialog #save-as-problem { text-style: bold; margin-bottom: 1; }
    SaveAsDialog #save-as-keys { margin-top: 1; }
    """

    def __init__(
        self, problem: str, suggestion: Path, save: Save, grace: Grace | None = None
    ) -> None:
        super().__init__(grace)
        self.problem = problem
        self.suggestion = suggestion
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="box -warning") as box:
            box.border_title = "Save as"
            yield Static(literal(self.problem), id="save-as-problem")
            yield Static(literal("Save the review to this file (a new one):"))
            # A field that runs its keys as it reads them: a plain Input ran ctrl+u, Home
            # and Enter after the characters typed behind them, and saved under those.
            # its control characters dropped: a field draws its text as it is
            path = flat(without_controls(str(self.suggestion)))
            name_from = path.rfind(os.sep) + 1  # typing replaces the name, in the same folder
            yield FieldInput(path, id="save-as-path", offered_from=name_from)
            yield Static("", id="save-as-error", classes="problem")
            edits = "" if self.grace is None else f" · {key_of('edit_name', 'save-as')} edits it"
            yield Static(
                literal(f"Enter saves there{edits} · Esc keeps the review in memory for now"),
                id="save-as-keys",
                classes="keys",
            )

    def on_mount(self) -> None:
        self.take_keys_after_grace(self.query_one(Input) if self.grace is None else None)

    @property
    def naming(self) -> bool:
        """The name field takes the keys: opened by the scribe (F12), or after `e`."""
        return self.focused is not None

    def on_key(self, event: events.Key) -> None:
        if self.naming or self.typed_on_an_answer(event):
            return
        if event.key == "enter":
            event.stop()
            self._save_to(self.query_one(Input).value)
        elif event.key == key_of("edit_name", "save-as"):
            event.stop()
            self.answer_alone(event, self.action_edit_name)
        elif event.is_printable or event.key in EDITING_KEYS:  # typing, not a name
            event.stop()
            self.type_on(event)

    def on_paste(self, event: events.Paste) -> None:
        if not self.naming and not self.typed_on_an_answer(event):
            event.stop()
            self.type_on(event)

    def action_edit_name(self) -> None:
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save_to(event.value)

    def _save_to(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        path = Path(text).expanduser()
        problem = self.save(path)
        if problem is None:
            self.dismiss(path)
        else:
            self.query_one("#save-as-error", Static).update(literal(problem))
