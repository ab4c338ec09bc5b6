"""The command line: parse, call one function, print, exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from pmtui.cli.exit_codes import INTERRUPTED


def script() -> NoReturn:
    """The `pmtui` script, and `python -m pmtui`."""
    sys.exit(main(end=ended_at_once))


def ended_at_once(exit_code: int) -> NoReturn:
    """The process ends here, its output written, without freeing what the command made:
    Python's own exit frees every object one by one (and collects cycles among them), about
    0.1 s after a 10,000-event review's export or check, for nothing (mypy ends the same
    way). No exit handler runs: what a report starts, it stops before it returns (a
    parse-ahead child nobody took: `parse_cache.parsing_ahead`)."""
    try:
        sys.stderr.flush()
    finally:
        os._exit(exit_code)


def main(argv: Sequence[str] | None = None, *, end: Callable[[int], object] | None = None) -> int:
    """The `pmtui` command.

    Its modules load here, not when the command's script imports this one: ctrl+c in the
    first tenth of a second, while they load, then exits as it does later (130, nothing
    printed), not with Python's traceback.
    """
    try:
        from pmtui.cli.commands import main as run_command

        return run_command(argv, end=end)
    except KeyboardInterrupt:
        return INTERRUPTED
