"""A second footer line: the meeting's keys that the footer has no room for.

Textual's footer shows one line of the focused widget's and the app's keys; with every
meeting key it would run off the screen. This strip lists the rest, read from the key
registry, so every action of the meeting screen is on screen as well as in F1 and ctrl+p.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from pmtui.tui.forms.text_field import takes_text
from pmtui.tui.keys import KEYS


class KeyStrip(Static):
    DEFAULT_CSS = """
    KeyStrip {
        height: auto; max-height: 3; padding: 0 1;
        background: $footer-background; color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self.show_for)

    def show_for(self, focused: Widget | None) -> None:
        """In a text field a digit is typed, and on the timeline table it starts a time, so
        there the strip offers the tab keys that work there; elsewhere the digits."""
        typing = takes_text(focused) or (focused is not None and focused.id == "timeline-table")
        self.update(self.strip_content(typing=typing))

    def strip_content(self, *, typing: bool = False) -> Content:
        """The keys with `show=False` in the app and meeting scopes, written as the footer
        writes keys; the tab keys as one entry."""
        tabs = "^pgup ^pgdn" if typing else "1-6 ^pgup ^pgdn"
        parts: list[tuple[str, str] | str] = [(tabs, "bold"), " Tabs  "]
        for scope in ("app", "review", "meeting"):
            for key in KEYS[scope]:
                if key.show or key.action.startswith(("show_tab", "next_tab", "previous_tab")):
                    continue
                shown = self.app.get_key_display(Binding(key.keys.split(",")[0], key.action))
                parts += [(shown, "bold"), f" {key.title}  "]
        return Content.assemble(*parts)
