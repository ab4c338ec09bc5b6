"""The ground rules, read out as the meeting starts; any key (or a click) puts them away."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmtui.tui.dialogs.base import Dialog

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
    text.append("Press any key to begin.", style="italic")
    return text


class GroundRulesCard(Dialog[None]):
    """Any key (escape too) or a click puts it away."""

    DEFAULT_CSS = """
    GroundRulesCard > .box { width: 76; padding: 1 3; }
    GroundRulesCard #ground-rules-title { text-style: bold; color: $accent; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="box -accent"):
            yield Static(Text("Ground rules"), id="ground-rules-title")
            yield Static(ground_rules_text(), id="ground-rules")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss()

    def on_click(self) -> None:
        self.dismiss()
