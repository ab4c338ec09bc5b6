"""The `id = "…"` lines that a first save adds to a file written before `item_ids`."""

import re
from pathlib import Path

GIVEN_ID = re.compile(r'[ \t]*id = "[0-9a-f]{8}(?:-\d+)?"[ \t]*\r?\n?')
"""A line giving an item the id that its content made."""


def without_given_ids(text: str) -> str:
    """`text` without the lines giving ids."""
    return "".join(line for line in text.splitlines(True) if not GIVEN_ID.fullmatch(line))


def given_ids(text: str) -> list[str]:
    """The lines giving ids, without their line ends."""
    return [line.strip() for line in text.splitlines(True) if GIVEN_ID.fullmatch(line)]


def text_of(path: Path) -> str:
    """The text of the file at `path`, without the lines giving ids."""
    return without_given_ids(path.read_text(encoding="utf-8"))
