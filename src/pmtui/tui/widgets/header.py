"""The top line: which review, how severe, where it stands, whether it is saved, and the
meeting clock on the right. A review this pmtui may not write (from a newer pmtui) gets a
second line saying why."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from pmtui.document.printable import one_line
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.literal import in_cells
from pmtui.tui.meeting.anonymised import shown_text
from pmtui.tui.widgets.clock import MeetingClock


class ReviewHeader(Horizontal):
    DEFAULT_CSS = """
    ReviewHeader { dock: top; height: 1; background: $primary; color: $text; }
    ReviewHeader.-read-only { height: 2; }
    ReviewHeader #header-title { width: 1fr; padding: 0 1; }
    """

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield HeaderTitle(id="header-title")
        yield MeetingClock(self.session, id="meeting-clock")

    def show(self, session: ReviewSession) -> None:
        """User text as plain text (never markup), one line, controls as symbols. In a narrow
        terminal, or beside a long meeting clock, the title is cut first, then the status, the
        file name and the ID go, then the title is cut shorter: the saved mark stays in view."""
        self.session = session
        incident = session.review.incident
        name = session.path.name if session.path else "(no file)"
        title_widget = self.query_one("#header-title", HeaderTitle)
        width = title_widget.size.width - 2 if title_widget.size.width else 0
        status, ident = incident.status.value, incident.id
        for shown in ((ident, status, name), (ident, "", name), (ident, "", ""), ("", "", "")):
            head, tail = around_title(shown[0], incident.severity, *shown[1:])
            # The theme's $unsaved, looked up at each paint, so a theme change recolours it.
            tail.append(saved_mark(session))
            room = width - Content.assemble(*head, *tail).cell_length
            if room >= MIN_TITLE or not width:
                break
        title = in_cells(shown_text(self.app)(incident.title), max(1, room) if width else 200)
        parts = [*head, (title or UNTITLED, "bold"), *tail]
        why = session.read_only_reason
        self.set_class(why is not None, "-read-only")
        if why is not None:
            parts += ["\n", (one_line(why, 400), "bold")]
        title_widget.update(Content.assemble(*parts))
        self.query_one(MeetingClock).tick()


class HeaderTitle(Static):
    """The header's text. Its width changes with the terminal's and with the meeting
    clock beside it: each change lays the text out again."""

    def on_resize(self) -> None:
        header = self.parent
        if isinstance(header, ReviewHeader):
            self.call_after_refresh(header.show, header.session)


Part = str | tuple[str, str]
UNTITLED = "Untitled review"
MIN_TITLE = 12


def around_title(
    incident_id: str, severity: str, status: str, file_name: str
) -> tuple[list[Part], list[Part]]:
    """What the header shows before the title (the ID) and after it (severity, status,
    file name), each as plain text, one line; also the opening frame's header."""
    head: list[Part] = [(f"{one_line(incident_id, 40)}  ", "bold")] if incident_id else []
    tail: list[Part] = [(f"  {one_line(severity, 20)}", "reverse bold")] if severity else []
    if status:
        tail.append(f"  {one_line(status, 20)}")
    if file_name:
        tail.append(f"   {one_line(file_name, 80)}")
    tail.append(" ")
    return head, tail


def saved_mark(session: ReviewSession) -> tuple[str, str]:
    """Read-only, unsaved, a missing or empty file not yet written (it is at the first
    edit), or saved."""
    if session.read_only_reason is not None:
        return (" read-only ", "bold reverse")
    if session.dirty:
        return (" ● unsaved ", "bold $text on $unsaved")
    if session.on_disk is None or (session.over_empty and session.written_revision < 0):
        return ("new file, not yet written", "italic")
    return ("✓ saved", "bold")
