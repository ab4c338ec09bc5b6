"""A second footer line: the meeting's keys that the footer has no room for.

Textual's footer shows one line of the focused widget's and the app's keys; with every
meeting key it would run off the screen. This strip lists the rest, read from the key
registry, so every action of the meeting screen is on screen as well as in F1 and ctrl+p.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pmtui.tui.keys import KEYS

SHORT = {"ctrl": "^", "pagedown": "pgdn", "pageup": "pgup"}


def short(keys: str) -> str:
    """`ctrl+pagedown` -> `^pgdn`, `f12` -> `F12`."""
    first = keys.split(",")[0]
    for long, brief in SHORT.items():
        first = first.replace(f"{long}+", brief).replace(long, brief)
    return first.upper() if first.startswith("f") and first[1:].isdigit() else first


def strip_content() -> Content:
    """The keys with `show=False` in the app and meeting scopes; the tab keys as one entry."""
    parts: list[tuple[str, str] | str] = [("1-6 ^pgup ^pgdn", "bold"), " Tabs  "]
    for scope in ("app", "meeting"):
        for key in KEYS[scope]:
            if key.show or key.action.startswith(("show_tab", "next_tab", "previous_tab")):
                continue
            parts += [(short(key.keys), "bold"), f" {key.title}  "]
    return Content.assemble(*parts)


class KeyStrip(Static):
    DEFAULT_CSS = """
    KeyStrip {
        height: auto; max-height: 3; padding: 0 1;
        background: $footer-background; color: $footer-foreground;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(strip_content(), **kwargs)
