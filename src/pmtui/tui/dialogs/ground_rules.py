"""The ground rules, read out as the meeting starts; any key (or a click) puts them away,
and a character typed is the start of a note."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.meeting.type_ahead import type_below

GROUND_RULES = (
    ("Blameless", "we look for causes in the system, never for someone to blame."),
    ("The why rather than the who", "ask why it made sense at the time, not who did it."),
    ("Open and transparent", "say what you saw, did and thought; every voice counts."),
)


def ground_rules_text() -> Text:
    text = Text()
    for title, line in GROUND_RULES:
        text.append("• ")
        text.append(title, style="bold")
        text.append(f": {line}\n\n")
    text.append("Press Enter to begin, or start typing.", style="italic")
    return text


class GroundRulesCard(Dialog[None]):
    """Any key (escape too) or a click puts it away. A character (not a space) also goes
    into the field below, or onto the timeline's entry line from its table: a scribe who
    started typing a note straight after F5 lost its first letter to the card."""

    DEFAULT_CSS = """
    GroundRulesCard > .box { width: 76; padding: 1 3; }
    GroundRulesCard #ground-rules-title { text-style: bold; color: $accent; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="box -accent"):
            yield Static(Text("Ground rules"), id="ground-rules-title")
            yield Static(ground_rules_text(), id="ground-rules")

    closing = False
    """A key put it away: keys that came in the same read reach it still, and go below."""

    def may_close_on(self, key: str) -> bool:
        """Every key closes it, and it types the keys that come after on below itself
        (`on_key`), never as commands: nothing for the app to hold."""
        return False

    def on_key(self, event: events.Key) -> None:
        event.stop()
        if self.closing:
            type_below(self, event)
            return
        self.closing = True
        if event.is_printable and event.character and event.character.strip():
            type_below(self, event)
        self.dismiss()

    def on_click(self) -> None:
        if not self.closing:
            self.closing = True
            self.dismiss()
