"""The command line: parse, call one function, print, exit code."""

from __future__ import annotations

from collections.abc import Sequence

from pmtui.cli.exit_codes import INTERRUPTED


def main(argv: Sequence[str] | None = None) -> int:
    """The `pmtui` command.

    Its modules load here, not when the command's script imports this one: ctrl+c in the
    first tenth of a second, while they load, then exits as it does later (130, nothing
    printed), not with Python's traceback.
    """
    try:
        from pmtui.cli.commands import main as run_command

        return run_command(argv)
    except KeyboardInterrupt:
        return INTERRUPTED
