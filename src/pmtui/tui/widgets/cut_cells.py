"""The selected row's cut cells in full, under its table.

A table cell is cut to its column (why answers to about 22 characters at 120 columns), and a
column a narrow pane hides is not drawn at all. A scribe in front of a room needs to read
the row being discussed without opening its form: this line shows each cell of the
selected row that is not drawn in full, wrapped, while the table has the focus.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static


class CutCells(Static):
    DEFAULT_CSS = """
    CutCells {
        display: none; max-height: 5; padding: 0 1;
        background: $panel; color: $foreground;
    }
    """

    lines = 0
    """The height it has while shown: it grows to the longest text since it appeared and
    never shrinks, so the table above does not jump, nor the screen get laid out again, at
    each row a long timeline's cursor passes."""

    def show_cells(self, cells: Sequence[tuple[str, Text]] | None) -> None:
        """Show `(column title, cell)` pairs, one a paragraph; blank (its height kept, so
        moving the cursor never lays the screen out again) when none; hide on None (the
        table lost the focus). The cells are user text made safe by the table: a `Text`,
        never parsed as markup."""
        if cells is None or self.parent is None:
            self.display = False
            self.lines = 0
            return
        if not cells:
            self.update("", layout=False)
            return
        text = Text("\n").join(Text.assemble((f"{title}: ", "bold"), cell) for title, cell in cells)
        width = max(1, self.parent.content_size.width - self.styles.gutter.width)
        self.lines = max(self.lines, len(text.wrap(self.app.console, width)))
        self.styles.height = self.lines
        self.update(text, layout=False)
        self.display = True
