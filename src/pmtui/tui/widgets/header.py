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
        """User text as plain text (never markup), one line, controls as symbols, cut short."""
        incident = session.review.incident
        parts: list[str | tuple[str, str]] = []
        if incident.id:
            parts.append((f"{one_line(incident.id, 40)}  ", "bold"))
        parts.append((one_line(incident.title, 200) or "Untitled review", "bold"))
        if incident.severity:
            parts.append((f"  {one_line(incident.severity, 20)}", "reverse bold"))
        parts.append(f"  {incident.status.value}")
        name = one_line(session.path.name, 80) if session.path else "(no file)"
        parts.append(f"   {name} ")
        # The theme's $unsaved, looked up at each paint, so a theme change recolours it.
        if session.dirty:
            parts.append((" ● unsaved ", "bold $text on $unsaved"))
        elif session.on_disk is None:  # a missing file opened: written at the first edit
            parts.append(("new file, not yet written", "italic"))
        else:
            parts.append(("✓ saved", "bold"))
        self.query_one("#header-title", Static).update(Content.assemble(*parts))
        self.query_one(MeetingClock).tick()
