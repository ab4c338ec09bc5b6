"""The top line: which review, how severe, where it stands, and whether it is saved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pmtui.session import ReviewSession


class ReviewHeader(Static):
    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; background: $primary; color: $text; padding: 0 1; }
    """

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
        self.update(Content.assemble(*parts))
