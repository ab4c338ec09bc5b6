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
from pmtui.document.printable import one_line
from pmtui.files.session import ReviewSession


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
        self.update(self._line(reading, pinned=self.screen.agenda_pinned))
        self.display = meeting.started_at is not None

    @staticmethod
    def _line(reading: meeting_clock.ClockReading, pinned: bool) -> Text:
        line = Text()
        total = meeting_clock.clock_text(reading.elapsed)
        if not reading.running:
            line.append(f"meeting stopped · {total}")
            return line
        if reading.item is not None:
            line.append("pinned: " if pinned else "▶ ")
            line.append(one_line(reading.item.title, 200), style="bold")
            left = meeting_clock.clock_text(reading.item_left)
            line.append(f"  {left} over" if reading.item_overrun else f"  {left} left")
            line.append("  │  ")
        line.append(f"meeting {total}")
        if reading.budget:
            line.append(f" / {meeting_clock.clock_text(reading.budget)}")
        return line
