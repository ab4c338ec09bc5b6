"""User text for widgets: a Rich `Text` (never parsed as markup), control characters
shown as symbols (never sent to the terminal). Every label, cell and line built from a
review's text goes through here.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from pmtui.document.printable import flat, one_line, printable


def literal(text: str, **style: Any) -> Text:
    """Text shown exactly as written: `[bold]` stays `[bold]`, ESC shows as ␛."""
    return Text(printable(text), **style)


def line(text: str, limit: int = 1000, **style: Any) -> Text:
    """One line of user text, cut to `limit` cells (a cell, a header part)."""
    return Text(in_cells(text, limit), no_wrap=True, overflow="ellipsis", **style)


def in_cells(text: str, cells: int, *, keep_end: bool = False) -> str:
    """User text on one line (`one_line`) in at most `cells` cells of the terminal, an
    ellipsis where it is cut: at its start with `keep_end` (a file name's end tells copies
    apart). A wide character (Chinese, Japanese, most emoji) takes two cells: cut by
    characters, a Japanese title took the header's room for the saved mark."""
    if not keep_end:
        shown = one_line(text, cells)
        return shown if cell_len(shown) <= cells else set_cell_size(shown, cells - 1).rstrip() + "…"
    shown = one_line(text[-cells - 1 :], cells + 1)
    if cell_len(shown) <= cells and len(shown) == len(text):
        return shown
    while cell_len(shown) > cells - 1:
        shown = shown[1:]
    return "…" + shown


def safe(text: Text) -> Text:
    """A `Text` built elsewhere as a table's cell, with any control characters made
    visible, on one line (`flat`), its styles kept."""
    shown = flat(text.plain)
    if shown == text.plain:
        return text
    copy = text.copy()
    copy.plain = shown
    return copy
