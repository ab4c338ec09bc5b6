"""The meeting clock in the header: the current agenda item's time left, and the total.

It reads the app's clock (injected: tests pass a fake one and call `tick()`), redraws every
second, and marks the header `-overrun` when the item or the meeting runs over its time:
colour, never a popup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from pmtui.document import meeting_clock
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.literal import in_cells
from pmtui.tui.meeting.anonymised import shown_text


class MeetingClock(Static):
    DEFAULT_CSS = """
    MeetingClock { width: auto; padding: 0 1; }
    MeetingClock.-overrun { background: $error; color: $text; text-style: bold; }
    """

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        """Redraw from the clock; the header carries the overrun class too."""
        meeting = self.session.review.meeting
        reading = meeting_clock.reading(meeting, self.app.clock())
        overrun = reading.item_overrun or (reading.running and reading.meeting_overrun)
        self.set_class(overrun, "-overrun")
        if self.parent is not None:
            self.parent.set_class(overrun, "-overrun")
        header_width = self.parent.size.width if self.parent is not None else 0
        room = header_width * CLOCK_SHARE // 100 - 2 if header_width else 200
        title = shown_text(self.app)(reading.item.title) if reading.item is not None else ""
        self.update(self._line(reading, title, pinned=self.screen.agenda_pinned, room=room))
        self.display = meeting.started_at is not None

    @staticmethod
    def _line(
        reading: meeting_clock.ClockReading, title: str, pinned: bool, room: int = 200
    ) -> Text:
        """The clock in `room` cells or little more: the item's `title` (as shown: roles
        in anonymise mode) is cut to fit, and the meeting's total goes before the item's
        time left does."""
        total = meeting_clock.clock_text(reading.elapsed)
        if not reading.running:
            return Text(f"meeting stopped · {total}")
        meeting = f"meeting {total}"
        if reading.budget:
            meeting += f" / {meeting_clock.clock_text(reading.budget)}"
        if reading.item is None:
            return Text(meeting)
        lead = "pinned: " if pinned else "▶ "
        left = meeting_clock.clock_text(reading.item_left)
        left = f"  {left} over" if reading.item_overrun else f"  {left} left"
        after = f"{left}  │  {meeting}"
        if room - len(lead) - len(after) < MIN_ITEM_TITLE:
            after = left
        title_room = max(MIN_ITEM_TITLE, room - len(lead) - len(after))
        line = Text(lead)
        line.append(in_cells(title, title_room), style="bold")
        line.append(after)
        return line


CLOCK_SHARE = 45
"""The most of the header the running clock takes, in per cent: the rest is the review's."""
MIN_ITEM_TITLE = 10
