"""The top line: which review, how severe, where it stands, and whether it is saved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from pmtui.printable import one_line
from pmtui.session import ReviewSession


class ReviewHeader(Static):
    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; background: $primary; color: $text; padding: 0 1; }
    """

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
        parts.append(
            (" ● unsaved ", "bold $text on $unsaved") if session.dirty else ("✓ saved", "bold")
        )
        self.update(Content.assemble(*parts))
