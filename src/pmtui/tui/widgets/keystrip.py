"""A second footer line: the meeting's keys that the footer has no room for.

Textual's footer shows one line of the focused widget's and the app's keys; with every
meeting key it would run off the screen. This strip lists the rest, read from the key
registry, so every action of the meeting screen is on screen as well as in F1 and ctrl+p.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from pmtui.tui.forms.text_field import takes_text
from pmtui.tui.keys import KEYS, key_display


class KeyStrip(Static):
    DEFAULT_CSS = """
    KeyStrip {
        height: auto; max-height: 3; padding: 0 1;
        background: $footer-background; color: $footer-foreground;
    }
    """

    _entries: Sequence[Content] = ()

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self.show_for)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def show_for(self, focused: Widget | None) -> None:
        """In a text field a digit is typed, and on the timeline table it starts a time, so
        there the strip offers the tab keys that work there; elsewhere the digits."""
        typing = takes_text(focused) or (focused is not None and focused.id == "timeline-table")
        self._entries = self.entries(typing=typing)
        self._lay_out()

    def _lay_out(self) -> None:
        self.update(in_lines(self._entries, self.content_size.width))

    def entries(self, *, typing: bool = False) -> list[Content]:
        """The keys with `show=False` in the app and meeting scopes, each with its title, as
        the footer writes keys; the tab keys as one entry."""
        tabs = "^pgup ^pgdn" if typing else "1-6 ^pgup ^pgdn"
        entries = [Content.assemble((tabs, "bold"), " Tabs")]
        for scope in ("app", "review", "meeting"):
            for key in KEYS[scope]:
                if key.show or key.action.startswith(("show_tab", "next_tab", "previous_tab")):
                    continue
                shown = key_display(self.app, key.keys.split(",")[0])
                entries.append(Content.assemble((shown, "bold"), f" {key.title}"))
        return entries


def in_lines(entries: Sequence[Content], width: int) -> Content:
    """`entries` two spaces apart, a new line where the next would not fit in `width`
    (0: unknown yet, one line). Textual wraps at any space, and left a key at a line's end
    and its title at the start of the next ("^g" / "Speaking")."""
    lines: list[list[Content]] = [[]]
    used = 0
    for entry in entries:
        needed = entry.cell_length + (2 if lines[-1] else 0)
        if lines[-1] and width and used + needed > width:
            lines.append([])
            used, needed = 0, entry.cell_length
        lines[-1].append(entry)
        used += needed
    return Content("\n").join(Content("  ").join(line) for line in lines)
