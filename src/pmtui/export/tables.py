"""Markdown tables without the columns nobody filled in.

A layout with optional columns (a contact, a ticket, a horizon…) writes the table whole and
wraps it in `{% filter used_columns %}`: a column blank in every row of a table is left out,
so a review that never recorded attendance shows no "Present" column of blanks. Tables a
seed template prescribes column by column are not wrapped: there a blank cell is the answer.

Cells hold escaped user text (`escape.cell`), where a `|` of the text is `\\|`: only a pipe
after an even number of backslashes ends a cell.
"""

from __future__ import annotations

import re

_CELL = re.compile(r"((?:[^|\\]|\\.)*)\|")
"""One cell and the pipe that ends it; a backslash and the character after it stay inside."""
_DELIMITER = re.compile(r"\s*:?-+:?\s*")


def used_columns(text: str) -> str:
    """`text` with each table's all-blank columns left out (a table with no rows stays)."""
    lines = text.split("\n")
    out: list[str] = []
    table: list[str] = []
    for line in lines:
        if line.startswith("|"):
            table.append(line)
            continue
        out += _pruned(table)
        table = []
        out.append(line)
    out += _pruned(table)
    return "\n".join(out)


def _pruned(table: list[str]) -> list[str]:
    rows = [_cells(line) for line in table]
    if len(rows) < 3 or not all(_DELIMITER.fullmatch(cell) for cell in rows[1]):
        return table  # no table, or one with no rows: as written
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        return table
    kept = [i for i in range(width) if any(row[i].strip() for row in rows[2:])]
    if len(kept) in (0, width):
        return table
    header, delimiter, *body = ([row[i].strip() for i in kept] for row in rows)
    return [_line(header), "|" + "|".join(delimiter) + "|", *map(_line, body)]


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cells(line: str) -> list[str]:
    if "\\" not in line:  # no escaped pipe: every pipe ends a cell (and split is quicker)
        return line[1:].split("|")[:-1]
    return _CELL.findall(line[1:])
