"""The first frame of `pmtui FILE` on a large review (`opens_at_once`): the review's name in
the header and a line saying it is being opened, drawn before the document model, the review
and the meeting screen load.

Only the few lines the header needs are read here (as `pmtui list` reads them), so the
frame costs what a bare Textual app's does, whatever the size of the review.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from pmtui.document.printable import one_line
from pmtui.files import catalog
from pmtui.tui.widgets.footer import KeyFooter
from pmtui.tui.widgets.header import UNTITLED, around_title


class OpeningScreen(Screen):
    DEFAULT_CSS = """
    OpeningScreen #opening-header { dock: top; height: 1; background: $primary; color: $text;
        padding: 0 1; }
    OpeningScreen #opening-note { width: 1fr; height: 1fr; content-align: center middle;
        color: $text-muted; }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Static(header_line(self.path), id="opening-header")
        yield Static(Content(f"Opening {one_line(self.path.name, 80)} …"), id="opening-note")
        yield KeyFooter()


def header_line(path: Path) -> Content:
    """What the meeting screen's header will show, from a quick read of the file: its ID,
    title, severity and status (each as plain text), and the file's name."""
    try:
        entry = catalog.describe(path, actions=False) if path.is_file() else None
    except OSError:  # cannot be looked at (a name too long): the read says why
        entry = None
    if entry is None or entry.problem:
        return Content.assemble(*around_title("", "", "", path.name)[1])
    head, tail = around_title(entry.id, entry.severity, entry.status, path.name)
    return Content.assemble(*head, (one_line(entry.title, 200) or UNTITLED, "bold"), *tail)
