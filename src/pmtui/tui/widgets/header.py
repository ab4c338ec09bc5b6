"""The top line: which review, how severe, where it stands, whether it is saved, and the
meeting clock on the right."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from pmtui.printable import one_line
from pmtui.session import ReviewSession
from pmtui.tui.widgets.clock import MeetingClock


class ReviewHeader(Horizontal):
    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; background: $primary; color: $text; }
    ReviewHeader #header-title { width: 1fr; padding: 0 1; }
    """

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield MeetingClock(self.session, id="meeting-clock")

    def show(self, session: ReviewSession) -> None:
        """User text as plain text (never markup), one line, controls as symbols; in a narrow
        terminal the title is cut first, so the file name and the saved mark stay in view."""
        self.session = session
        incident = session.review.incident
        head: list[str | tuple[str, str]] = []
        if incident.id:
            head.append((f"{one_line(incident.id, 40)}  ", "bold"))
        tail: list[str | tuple[str, str]] = []
        if incident.severity:
            tail.append((f"  {one_line(incident.severity, 20)}", "reverse bold"))
        tail.append(f"  {incident.status.value}")
        name = one_line(session.path.name, 80) if session.path else "(no file)"
        tail.append(f"   {name} ")
        # The theme's $unsaved, looked up at each paint, so a theme change recolours it.
        tail.append(saved_mark(session))
        title_widget = self.query_one("#header-title", Static)
        room = title_widget.size.width - 2 - Content.assemble(*head, *tail).cell_length
        title = one_line(incident.title, max(12, room) if title_widget.size.width else 200)
        parts = [*head, (title or "Untitled review", "bold"), *tail]
        title_widget.update(Content.assemble(*parts))
        self.query_one(MeetingClock).tick()

    def on_resize(self) -> None:
        self.call_after_refresh(self.show, self.session)


def saved_mark(session: ReviewSession) -> tuple[str, str]:
    """Unsaved, a missing file not yet written (it is at the first edit), or saved."""
    if session.dirty:
        return (" ● unsaved ", "bold $text on $unsaved")
    if session.on_disk is None:
        return ("new file, not yet written", "italic")
    return ("✓ saved", "bold")
