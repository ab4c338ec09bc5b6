"""What every dialog shares: its look, its cancel key, the type of its answer.

A dialog is a `Dialog[T]` that dismisses with a `T`. Its box (the one widget holding the
rest, marked `classes="box"`) is centred on the dimmed screen below, with a thick border
and the surface colour; a line of keys is `.keys` (muted), a line saying what is wrong is
`.problem`. Escape closes it with `NOTHING_CHOSEN`.

A dialog writes only what differs: `-warning`, `-error` or `-accent` on its box for the
border's colour, and a short rule for its size (`SpeakerDialog > .box { width: 60; }`,
which wins over the rule here: a subclass's CSS beats its base's at equal specificity).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.screen import ModalScreen

from pmtui.tui.forms.text_field import takes_lines
from pmtui.tui.keys import bindings

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    BINDINGS: ClassVar = bindings("dialog")
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .box {
        width: 90; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Dialog > .box.-warning { border: thick $warning; }
    Dialog > .box.-error { border: thick $error; }
    Dialog > .box.-accent { border: thick $accent; }
    Dialog .keys { color: $text-muted; }
    Dialog .problem { color: $error; text-style: bold; }
    """

    NOTHING_CHOSEN: ClassVar[Any] = None
    """The answer when the dialog is closed without one (escape)."""

    drawn = False
    """On screen, its first field focused: keys reach it from now on (until then the app
    holds them, `PmtuiApp._kept_until_drawn`)."""

    @property
    def takes_keys_typed_before(self) -> bool:
        """Opened by the user: the keys typed right after the key that opened it are its
        own, however fast they came (a question that comes up on its own says no)."""
        return True

    def may_close_on(self, key: str) -> bool:
        """Whether `key` can close the dialog: Enter, Esc, or a key of its own (ctrl+s in a
        form, a choice's letter). The keys typed after it wait until it has been dealt
        with (`PmtuiApp.on_event`). Enter in a long text field starts a new line."""
        if key == "enter" and takes_lines(self.focused):
            return False
        bound = self._bindings.key_to_bindings.get(key, ())
        return key in ("enter", "escape") or any(not binding.priority for binding in bound)

    def on_mount(self) -> None:
        self.call_after_refresh(self._take_typed)

    def _take_typed(self) -> None:
        """Drawn, its first field focused: the keys held for it come now, in order."""
        self.drawn = True
        if self.takes_keys_typed_before:
            self.app.give_back_typed()

    def action_cancel(self) -> None:
        self.dismiss(self.NOTHING_CHOSEN)
