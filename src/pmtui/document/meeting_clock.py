"""The meeting's clock: start, stop, move along the agenda, and what the header shows.

Pure logic on `model.Meeting` with the time passed in, so tests use any clock they like.
At most one agenda item runs at a time: the one with `started_at` set and no `ended_at`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app imports this module before its first frame; the model after
    from pmtui.document.model import AgendaItem, Meeting


@dataclass(frozen=True)
class ClockReading:
    """What the header shows at one moment."""

    running: bool
    elapsed: int
    """Seconds the meeting has run, stops not counted (`_time_run`)."""
    budget: int
    """Seconds the whole agenda allows."""
    item: AgendaItem | None = None
    item_left: int = 0
    """Seconds left in the current item's timebox; negative once it overruns."""

    @property
    def item_overrun(self) -> bool:
        return self.item is not None and self.item_left < 0

    @property
    def meeting_overrun(self) -> bool:
        return self.budget > 0 and self.elapsed > self.budget


def is_running(meeting: Meeting) -> bool:
    return meeting.started_at is not None and meeting.ended_at is None


def current_index(meeting: Meeting) -> int | None:
    return next(
        (n for n, item in enumerate(meeting.agenda) if item.started_at and not item.ended_at),
        None,
    )


def start(meeting: Meeting, now: dt.datetime) -> None:
    """Start the meeting, or carry on after a stop; the agenda picks up where it was."""
    if meeting.started_at is None:
        meeting.started_at = now
    elif meeting.ended_at is not None and not meeting.agenda:
        meeting.resumed_at = now
    meeting.ended_at = None
    if current_index(meeting) is None and meeting.agenda:
        left = [n for n, item in enumerate(meeting.agenda) if item.ended_at]
        resume = max(left, key=lambda n: meeting.agenda[n].ended_at) if left else 0
        _begin(meeting.agenda[resume], now)


def stop(meeting: Meeting, now: dt.datetime) -> None:
    index = current_index(meeting)
    if index is not None:
        _finish(meeting.agenda[index], now)
    elif not meeting.agenda and is_running(meeting):
        meeting.spent_seconds = _time_run(meeting, now)
    meeting.ended_at = now


def move_to(meeting: Meeting, index: int, now: dt.datetime) -> bool:
    """Make agenda item `index` the current one; False when it already is (or none runs)."""
    current = current_index(meeting)
    if not is_running(meeting) or current == index or not 0 <= index < len(meeting.agenda):
        return False
    if current is not None:
        _finish(meeting.agenda[current], now)
    _begin(meeting.agenda[index], now)
    return True


def item_for_tab(meeting: Meeting, tab: str) -> int | None:
    """The agenda item discussed on `tab`: the current one if it is, else the first."""
    current = current_index(meeting)
    if current is not None and meeting.agenda[current].tab == tab:
        return current
    return next((n for n, item in enumerate(meeting.agenda) if item.tab == tab), None)


def spent(item: AgendaItem, now: dt.datetime) -> int:
    """Seconds spent on an item over all its turns, the running one included."""
    running = item.started_at is not None and item.ended_at is None
    return item.spent_seconds + (_seconds(item.started_at, now) if running else 0)


def reading(meeting: Meeting, now: dt.datetime) -> ClockReading:
    budget = sum(item.minutes for item in meeting.agenda) * 60
    if meeting.started_at is None:
        return ClockReading(running=False, elapsed=0, budget=budget)
    elapsed = _time_run(meeting, now)
    index = current_index(meeting)
    if index is None:
        return ClockReading(running=is_running(meeting), elapsed=elapsed, budget=budget)
    item = meeting.agenda[index]
    left = item.minutes * 60 - spent(item, now)
    return ClockReading(True, elapsed, budget, item, left)


def _time_run(meeting: Meeting, now: dt.datetime) -> int:
    """Seconds the meeting has run, a stop and the break after it not counted: the time
    spent on its agenda items, or with no agenda the time of its runs (a file from before
    the runs were kept: from its start to its end)."""
    if meeting.agenda:
        return sum(spent(item, now) for item in meeting.agenda)
    if is_running(meeting):
        return meeting.spent_seconds + _seconds(meeting.resumed_at or meeting.started_at, now)
    if meeting.resumed_at is None and not meeting.spent_seconds:
        return _seconds(meeting.started_at, meeting.ended_at or now)
    return meeting.spent_seconds


def clock_text(seconds: int) -> str:
    """`12:05` or `1:02:03`; the sign is the caller's to show."""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def _begin(item: AgendaItem, now: dt.datetime) -> None:
    item.started_at = now
    item.ended_at = None


def _finish(item: AgendaItem, now: dt.datetime) -> None:
    item.spent_seconds = spent(item, now)
    item.ended_at = now


def _seconds(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def carry_over(clock: Meeting, into: Meeting) -> None:
    """Give `into` the clock of `clock`: its start and end, and each agenda item's
    timings, an item found by its title, else by its place. An undo takes back edits to the
    agenda (an item added, deleted, moved, retitled, given other minutes), never the time
    the meeting has run. An item the undo brings back has the time the history kept with
    it (its time went with it when it was deleted), and does not run beside the one
    running now."""
    into.started_at, into.ended_at = clock.started_at, clock.ended_at
    into.resumed_at, into.spent_seconds = clock.resumed_at, clock.spent_seconds
    paired = _pairs(clock.agenda, into.agenda)
    for n, item in enumerate(into.agenda):
        if n in paired:
            timed = clock.agenda[paired[n]]
            item.started_at, item.ended_at = timed.started_at, timed.ended_at
            item.spent_seconds = timed.spent_seconds
        elif item.started_at is not None and item.ended_at is None:
            item.ended_at = item.started_at


def _pairs(old: list[AgendaItem], new: list[AgendaItem]) -> dict[int, int]:
    """Which item of `old` each item of `new` is (by index): the same title, else the same
    place."""
    free = set(range(len(old)))
    paired: dict[int, int] = {}
    for n, item in enumerate(new):
        found = next((m for m in sorted(free) if old[m].title == item.title), None)
        if found is not None:
            paired[n] = found
            free.discard(found)
    for n in range(len(new)):
        if n not in paired and n in free:
            paired[n] = n
            free.discard(n)
    return paired
