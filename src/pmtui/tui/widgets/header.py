"""The top line: which review, how severe, where it stands, whether it is saved, and the
meeting clock on the right."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

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
        incident = session.review.incident
        parts: list[str | tuple[str, str]] = []
        if incident.id:
            parts.append((f"{incident.id}  ", "bold"))
        parts.append((incident.title or "Untitled review", "bold"))
        if incident.severity:
            parts.append((f"  {incident.severity}", "reverse bold"))
        parts.append(f"  {incident.status.value}")
        parts.append(f"   {session.path.name if session.path else '(no file)'} ")
        # The theme's $unsaved, looked up at each paint, so a theme change recolours it.
        parts.append(
            (" ● unsaved ", "bold $text on $unsaved") if session.dirty else ("✓ saved", "bold")
        )
        self.query_one("#header-title", Static).update(Content.assemble(*parts))
        self.query_one(MeetingClock).tick()
