"""The command line: parse, call one function, print, exit code."""

from pmtui.cli.commands import main

__all__ = ["main"]
