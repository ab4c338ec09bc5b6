"""After a run that leaves the review with no frame kept for it (it was saved, or its
screen was touched before it settled), its meeting screen is drawn off-screen in a process
of its own and kept (`tui.painting`), so that the next `pmtui FILE` puts it up at once
(`cli.frame_at_launch`): a review prepared before the meeting is painted in it too. The
screens of the days ahead are drawn too (overdue actions count by the day), those not drawn
yet, so a review prepared the day before, or on the Friday, is painted at the meeting's
first opening.

The painter starts as pmtui ends, by ctrl+q or with its terminal closed, and outlives it
by a few seconds: it runs at a lower priority, reads the review, and writes only the frame
and the parsed review's cache, in the user's state folder. One painter of a review draws at
a time (an empty lock file there holds the turn): one started meanwhile waits, then draws
only what is still missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pmtui.cli.frame_at_launch import launch_on
from pmtui.files import filelock, kept_frames, store

MODULE = "pmtui.cli.paint_ahead"
NICENESS = 10
"""How much lower the painter's priority is: a pmtui started meanwhile comes first."""
TURN_WAITS_AT_MOST = 330.0
"""Seconds a painter waits for the one drawing the same review: as long as that one can
take (`DAYS_AHEAD` + 1 screens, each giving up after `tui.painting.GIVES_UP_AFTER`), and a
margin. Then it draws all the same: the one before is stuck."""


def paint_ahead(review: Path, screen: TextIO | None = None) -> bool:
    """Start the painter for `review` at the size of `screen` (standard error), unless it
    is no terminal (`start_painter`)."""
    return start_painter(review, launch_on(review, screen or sys.__stderr__))


def start_painter(review: Path, launch: kept_frames.Launch | None) -> bool:
    """Start the painter for `launch` of `review` (as named: its screen shows the name),
    unless it is None or frames are kept for it today and `DAYS_AHEAD` days on. True when
    started; one that cannot start costs only the next launch its painted frame."""
    if launch is None or not sys.executable or _all_drawn(launch):
        return False
    columns, lines = launch.size
    command = [sys.executable, "-P", "-m", MODULE, str(review), str(columns), str(lines)]
    try:
        subprocess.Popen(  # this Python, this module
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ),  # as the frame's key read it (a library can set its own)
            start_new_session=True,  # not ended with the terminal's session
        )
    except (OSError, ValueError):
        return False
    return True


def main(argv: Sequence[str]) -> int:
    """Draw and keep the frames of `REVIEW COLUMNS LINES` as `pmtui REVIEW` opens it from
    this folder in a terminal of that size: today's, and those of the days ahead."""
    review, size = Path(argv[0]), (int(argv[1]), int(argv[2]))
    named = kept_frames.launch(review, size)
    if named is None:
        return 0
    with filelock.painting(named.review, TURN_WAITS_AT_MOST):  # its full path: any name's
        launch = kept_frames.launch(review, size)  # the one before may have drawn it all
        if launch is not None:
            _draw_missing(review, launch)
    return 0


def _draw_missing(review: Path, launch: kept_frames.Launch) -> None:
    """Today's frame, unless kept, then the days ahead not drawn yet."""
    start = dt.datetime.fromtimestamp(launch.at, dt.UTC)
    if kept_frames.painted(launch) is None:
        _draw(review, launch, start, 0)
        if kept_frames.painted(launch) is None:
            return  # unreadable, or a screen that never qualifies: the days ahead alike
    for days_ahead in range(kept_frames.days_drawn_ahead(launch) + 1, kept_frames.DAYS_AHEAD + 1):
        _draw(review, launch, start, days_ahead)


def _all_drawn(launch: kept_frames.Launch) -> bool:
    return (
        kept_frames.painted(launch) is not None
        and kept_frames.days_drawn_ahead(launch) >= kept_frames.DAYS_AHEAD
    )


def _draw(review: Path, launch: kept_frames.Launch, start: dt.datetime, days_ahead: int) -> None:
    """Draw the meeting screen of `launch` as it is `days_ahead` of `start`, and keep it
    if it qualifies; nothing when the review cannot be read (the next launch says why)."""
    from pmtui.tui.app import make_app
    from pmtui.tui.painting import PaintingApp

    app = None

    def clock() -> dt.datetime:  # once read, the review's timezone decides the day
        read = app is not None and app.session is not None
        return drawn_at(start, days_ahead, app.session.review.zone if read else None)

    try:
        app = make_app(review, clock=clock, as_command=True, launch=launch, app_class=PaintingApp)
    except store.ReviewFileError:
        return
    app.run(headless=True, size=launch.size)


def drawn_at(start: dt.datetime, days_ahead: int, zone: dt.tzinfo | None) -> dt.datetime:
    """The moment a screen `days_ahead` of `start` is drawn at, held still while it is
    drawn (a painter at midnight kept a day's count under the next day's dates): `start`
    for today; for a later day, noon of that day in the review's `zone`, whose whole day
    shows the same (a day a clock change makes 23 or 25 hours long cannot skip it). Before
    the review is read, the same hour that many days on; none left (`PMTUI_TODAY` at the
    calendar's end), `start`."""
    if not days_ahead:
        return start
    try:
        if zone is None:
            return start + dt.timedelta(days=days_ahead)
        there = start.astimezone(zone).date() + dt.timedelta(days=days_ahead)
        return dt.datetime.combine(there, dt.time(12), zone)
    except OverflowError:
        return start


if __name__ == "__main__":
    with contextlib.suppress(AttributeError, OSError):  # none on Windows
        os.nice(NICENESS)
    sys.exit(main(sys.argv[1:]))
