"""Wall-clock times from a chat log into aware datetimes in the review's timezone.

Chat logs often give only `10:42`. The day starts at the review's date and moves on when a
time is smaller than the one before (the log crossed midnight). Around a DST change a
local time can happen twice (autumn): a time that goes back within that repeated hour is
its second occurrence, not the next day. A time that never happens (spring gap) moves on
by the gap (01:30 becomes 02:30 in London), and the day moves on only when the time as
written goes back, so a 02:10 after it stays on the night of the change.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from pmtui.chat.message import ChatFormatError


class ChatClock:
    def __init__(self, zone: ZoneInfo, day: dt.date) -> None:
        self.zone = zone
        self.day = day
        self.previous: dt.datetime | None = None
        self.previous_wall: dt.time | None = None
        """The time the log wrote last, as written."""
        self.dated = False
        """The log said a date (a date line, a dated stamp): its days are its own."""

    def set_day(self, day: dt.date) -> None:
        """A date line in the log: times that follow are on that day."""
        self.day = day
        self.previous = self.previous_wall = None
        self.dated = True

    def at(self, time: dt.time, day: dt.date | None = None) -> dt.datetime:
        """The instant of a wall-clock time, on `day` if the log says it, else the log's day;
        `ChatFormatError` for a day in year 1 or 9999, where Python's dates end (a review
        keeps no time there: `model.Moment`)."""
        try:
            moment = self._at(time, day)
        except OverflowError:
            moment = None
        if moment is None or moment.year in (dt.MINYEAR, dt.MAXYEAR):
            raise ChatFormatError(
                f"a time around {self.day} that pmtui cannot place "
                f"(times must be in the years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})"
            )
        return moment

    def _at(self, time: dt.time, day: dt.date | None) -> dt.datetime:
        if day is not None:
            self.day = day
            self.dated = True
        moment = self._on(self.day, time)
        if self.previous is not None and moment < self.previous:
            second = self._on(self.day, time, fold=1)
            if second >= self.previous:  # the repeated hour of an autumn DST change
                moment = second
            elif day is None and self.previous_wall is not None and time < self.previous_wall:
                # the log crossed midnight; not a time after one in a spring gap, which
                # that gap moved on past it (00:50, 01:30, 02:10 on the night of the change)
                self.day += dt.timedelta(days=1)
                moment = self._on(self.day, time)
        self.previous, self.previous_wall = moment, time
        return moment

    def _on(self, day: dt.date, time: dt.time, fold: int = 0) -> dt.datetime:
        local = dt.datetime.combine(day, time.replace(fold=fold), tzinfo=self.zone)
        return in_zone(local.astimezone(dt.UTC), self.zone)  # a time in a gap moves on


def in_zone(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """An instant as the zone's local time with its fixed offset.

    A fixed offset, not the zone itself: Python compares two datetimes of one zone by
    their wall clocks, so the two 01:30s of an autumn night would be equal.
    """
    local = moment.astimezone(zone)
    return local.replace(tzinfo=dt.timezone(local.utcoffset()))
