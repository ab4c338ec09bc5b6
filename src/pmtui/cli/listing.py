"""`pmtui list`: the reviews under a folder as a table or JSON, newest first (no Textual).

Cells are escaped (`printable.escaped`) before the columns are measured, so a title holding
ESC neither reaches the terminal raw nor pushes its row out of line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pmtui.analysis import columns
from pmtui.document.printable import CELL_MOST, escaped
from pmtui.errors import cut
from pmtui.files.catalog import Entry

COLUMNS = ("DATE", "ID", "SEVERITY", "STATUS", "OPEN", "TITLE", "FILE")


def as_table(entries: Sequence[Entry], folder: Path) -> str:
    """Aligned columns; a file that cannot be read says why in the title column."""
    rows = [COLUMNS]
    for entry in entries:
        title = entry.problem_cell if entry.problem else entry.title
        cells = (
            entry.date.isoformat() if entry.date else "",
            entry.id,
            entry.severity,
            entry.status,
            "" if entry.problem else str(entry.open_actions),
            title,
        )
        path = entry.as_json(folder)["path"]
        rows.append((*(escaped(_cell(text)) for text in cells), escaped(path, one_line=True)))
    return columns.left_aligned(rows)


def as_json(entries: Sequence[Entry], folder: Path) -> str:
    return json.dumps([entry.as_json(folder) for entry in entries], ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    """On one line, its blanks folded, cut to `CELL_MOST` (… marks the cut)."""
    read = CELL_MOST * 4  # enough however much white space the split folds
    flat = " ".join(text[:read].split())
    return cut(flat if len(text) <= read else flat + "…", CELL_MOST)
