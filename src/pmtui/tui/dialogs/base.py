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

    def action_cancel(self) -> None:
        self.dismiss(self.NOTHING_CHOSEN)
