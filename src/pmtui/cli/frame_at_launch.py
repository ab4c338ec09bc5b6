"""`pmtui FILE` puts up the meeting screen the app drew last time at once, before Textual
and the review load (`files.kept_frames`); the app then draws over it, cell for cell.

The frame goes up where the app draws (standard error) in the alternate screen, as
Textual's own, with the cursor hidden; keys typed meanwhile wait in the terminal
(`keys_as_typed`) and reach the app in order once it reads them. If the app never takes
the screen over (the review cannot be read after all), the screen is given back before its
one line is said.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from pmtui.files import kept_frames

SHOW = "\x1b[?1049h\x1b[?25l\x1b[?2026h"
"""The alternate screen, no cursor, and the frame as one update where the terminal can."""
SHOWN = "\x1b[?2026l"
GIVE_BACK = SHOWN + "\x1b[?1049l\x1b[?25h"
"""The main screen and the cursor back; the one update ended too, should a ctrl+c have cut
the frame short before its `SHOWN` (a terminal would hold its output until it gave up)."""


class Painted:
    """What the launch painted, and whether the app has taken the screen over since."""

    def __init__(self, size: tuple[int, int] | None, launch: kept_frames.Launch | None) -> None:
        self.size = size
        """The terminal's size at launch (columns, lines), where the app lays out at it;
        None without a review, or off a terminal."""
        self.launch = launch
        """The launch whose frame the app keeps once drawn; None off a terminal."""
        self.shown = False
        self.handed_over = False

    def hand_over(self) -> None:
        """The app draws from now on, and gives the screen back when it ends."""
        self.handed_over = True


@contextlib.contextmanager
def frame_at_launch(review: Path | None, screen: TextIO | None = None) -> Iterator[Painted]:
    """Within the block, the frame kept for this launch of `review` (None when the app will
    not draw on a terminal) is on `screen` (standard error) if there is one; on leaving it
    before `hand_over`, it is taken off."""
    screen = screen or sys.__stderr__
    size = None if review is None else size_of(screen)
    painted = Painted(size, _launch_at(review, size))
    frame = None if painted.launch is None else kept_frames.painted(painted.launch)
    try:
        if frame is not None:
            painted.shown = True  # first: a ctrl+c in the write (a slow link) gives it back
            painted.shown = _write(screen, SHOW + frame + SHOWN)
        yield painted
    finally:
        if painted.shown and not painted.handed_over:
            _write(screen, GIVE_BACK)


def launch_on(review: Path | None, screen: TextIO) -> kept_frames.Launch | None:
    """The launch of `review` (None: the app draws elsewhere) on `screen`, if a terminal
    that the app lays out at its own size."""
    return _launch_at(review, None if review is None else size_of(screen))


def _launch_at(review: Path | None, size: tuple[int, int] | None) -> kept_frames.Launch | None:
    return None if review is None or size is None else kept_frames.launch(review, size)


def size_of(screen: TextIO) -> tuple[int, int] | None:
    """The size of `screen` (columns, lines), if a terminal that the app lays out at its
    own size."""
    try:
        size = os.get_terminal_size(screen.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a terminal
        return None
    return None if _laid_out_otherwise(size) else (size.columns, size.lines)


def _laid_out_otherwise(size: os.terminal_size) -> bool:
    """Textual lays out at COLUMNS and LINES where they are set to another size than the
    terminal's, and at 80x25 where the terminal tells none (0x0, `shutil.get_terminal_size`):
    a frame of the terminal's size is not its screen, and the painter (`cli.paint_ahead`),
    told that size, would keep one."""
    if not (size.columns and size.lines):
        return True
    for name, actual in (("COLUMNS", size.columns), ("LINES", size.lines)):
        try:
            given = int(os.environ.get(name, "0"))
        except ValueError:
            given = 0
        if given > 0 and given != actual:
            return True
    return False


def _write(screen: TextIO, text: str) -> bool:
    try:
        screen.write(text)
        screen.flush()
    except (OSError, ValueError):  # the terminal went away
        return False
    return True
