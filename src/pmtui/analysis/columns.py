"""Plain-text tables for the command line: columns sized to their longest cell, so a long
value ("about 1d 23h 21m") never runs into the next one, whatever its width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

GAP = 2
"""Spaces between two columns, at the least."""


def width(text: str) -> int:
    """Terminal cells `text` takes: wide (CJK) characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def aligned(
    tables: Sequence[Sequence[Sequence[str]]], label_min: int = 0, value_min: int = 0
) -> list[list[str]]:
    """Each table's rows as lines: the first column left-aligned, the others right-aligned.

    Every table shares the first column's width, so their values start together; each
    value column is at least `value_min` wide (gap included) and `GAP` wider than its
    longest cell.
    """
    labels = [row[0] for table in tables for row in table]
    label_width = max([label_min, *(width(label) + GAP for label in labels)])
    return [_lines(table, label_width, value_min) for table in tables]


def _lines(table: Sequence[Sequence[str]], label_width: int, value_min: int) -> list[str]:
    columns = range(1, max((len(row) for row in table), default=1))
    widths = [max([value_min, *(width(row[c]) + GAP for row in table)]) for c in columns]
    return [
        _pad(row[0], label_width, left=True)
        + "".join(_pad(cell, w, left=False) for cell, w in zip(row[1:], widths, strict=True))
        for row in table
    ]


def _pad(text: str, size: int, *, left: bool) -> str:
    room = " " * max(0, size - width(text))
    return text + room if left else room + text


def left_aligned(table: Sequence[Sequence[str]]) -> str:
    """Rows as lines, every column left-aligned to its widest cell and `GAP` apart; the
    last column is not padded (a title, a path: it may be long)."""
    widths = [max(width(row[c]) for row in table) for c in range(len(table[0]) - 1)]
    lines = []
    for row in table:
        padded = [_pad(cell, w, left=True) for cell, w in zip(row, widths, strict=False)]
        lines.append((" " * GAP).join([*padded, row[-1]]) + "\n")
    return "".join(lines)
