"""The `pmtui` command's exit codes, in one place for the command and its launcher."""

OK, FINDINGS, CANNOT = 0, 1, 2
INTERRUPTED = 130
"""ctrl+c: 128 + SIGINT, as a shell reports a command it interrupted."""
