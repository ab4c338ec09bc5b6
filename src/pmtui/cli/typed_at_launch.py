"""Keys typed while the app starts reach it as they were typed.

Until Textual's driver takes the terminal (after the imports and, for a small review, the
read: about a quarter of a second), the terminal is in its line mode, and it changes keys on
their way in: Enter arrived as ctrl+j (which adds no event), ctrl+q was taken as flow
control and never arrived, and letters were echoed over the shell. From the start of the
command the terminal passes keys as they are (no line editing, echo, newline translation,
flow control or extended keys such as ctrl+v; ctrl+c still interrupts), and its settings
are put back when the app ends.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO


@contextlib.contextmanager
def keys_as_typed(stream: TextIO | None = None) -> Iterator[None]:
    """Within the block, `stream` (standard input) passes keys as typed, if a terminal."""
    try:
        import termios
    except ImportError:  # Windows: its console has no line mode to undo here
        yield
        return
    stream = stream or sys.stdin
    try:
        descriptor = stream.fileno()
        before = termios.tcgetattr(descriptor)
    except (AttributeError, OSError, ValueError, termios.error):  # not a terminal
        yield
        return
    keys = termios.tcgetattr(descriptor)
    keys[0] &= ~(termios.ICRNL | termios.IXON)
    keys[3] &= ~(termios.ICANON | termios.ECHO | termios.IEXTEN)  # IEXTEN: ctrl+v, ctrl+o
    termios.tcsetattr(descriptor, termios.TCSANOW, keys)
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):  # the terminal went away meanwhile
            termios.tcsetattr(descriptor, termios.TCSADRAIN, before)
