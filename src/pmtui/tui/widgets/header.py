"""The top line: which review, how severe, where it stands, and whether it is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pmtui.session import ReviewSession


class ReviewHeader(Static):
    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def show(self, session: ReviewSession) -> None:
        incident = session.review.incident
        line = Text()
        if incident.id:
            line.append(f"{incident.id}  ", style="bold")
        line.append(incident.title or "Untitled review", style="bold")
        if incident.severity:
            line.append(f"  {incident.severity}", style="reverse bold")
        line.append(f"  {incident.status.value}")
        name = session.path.name if session.path else "(no file)"
        line.append(f"   {name} ")
        line.append("● unsaved" if session.dirty else "✓ saved", style="bold")
        self.update(line)
