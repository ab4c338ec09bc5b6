"""A table that draws only the rows on screen, so 10,000 rows cost what 40 do.

Textual's DataTable measures and stores every row it is given (seconds at 10,000 rows, and
again on each rebuild). Here a row exists only as an index until it is scrolled into view:
`render_line` asks `cells(row)` for the few rows visible. Columns have fixed widths, except
one flexible column that takes the room the others leave, so nothing needs measuring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # blank cells either side of each column


@dataclass(frozen=True)
class TableColumn:
    title: str
    width: int | None = None
    """None: the one flexible column."""
    stay: int = 5
    """When the room is short, columns with the lowest `stay` hide first (9: never)."""


class VirtualTable(ScrollView, can_focus=True):
    """Rows drawn on demand; a row cursor moved by keys and clicks."""

    BINDINGS: ClassVar = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }
    DEFAULT_CSS = """
    VirtualTable {
        width: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .virtual-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .virtual-table--even-row { background: $surface-lighten-1 50%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class RowChosen(Message):
        """Enter, or a click on the row already under the cursor."""

    def __init__(self, columns: Sequence[TableColumn], **kwargs) -> None:
        super().__init__(**kwargs)
        self.table_columns = tuple(columns)
        self.row_count = 0
        self.cells: Callable[[int], Sequence[Text] | Text] = lambda row: ()

    # Content ------------------------------------------------------------------------------

    def set_rows(self, count: int, cells: Callable[[int], Sequence[Text] | Text]) -> None:
        """Show `count` rows; `cells(row)` gives a row's cells when it comes into view, or
        one `Text` for a row across every column (a heading)."""
        self.row_count = count
        self.cells = cells
        self._resize_canvas()
        self.cursor_row = min(self.cursor_row, max(0, count - 1))
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def on_resize(self) -> None:
        self._resize_canvas()
        self._scroll_to_cursor()

    def _resize_canvas(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count + 1)

    @property
    def _rows_shown(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # 1: the header

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._rows_shown:
            self.scroll_to(y=self.cursor_row - self._rows_shown + 1, animate=False, immediate=True)

    # Drawing ------------------------------------------------------------------------------

    def _widths(self, room: int) -> list[int]:
        """Each column's width; 0 hides it.

        When the room is short, columns hide by their `keep` (lowest first, then rightmost
        first; F2 hiding the sidebar brings them back), then the widest gives up cells.
        The flexible column, or failing that the widest shown, takes any room left.
        """
        columns = self.table_columns
        widths = [column.width or 8 for column in columns]

        def total() -> int:
            return sum(widths) + 2 * PADDING * sum(1 for width in widths if width)

        hideable = sorted(
            (n for n, column in enumerate(columns) if column.stay < 9),
            key=lambda n: (columns[n].stay, -n),
        )
        for n in hideable:
            if total() <= room:
                break
            widths[n] = 0
        flexible = [n for n, c in enumerate(columns) if c.width is None and widths[n]]
        taker = flexible[0] if flexible else widths.index(max(widths))
        widths[taker] += max(0, room - total())
        while total() > room and max(widths) > 8:
            widths[widths.index(max(widths))] -= 1
        return widths

    def cut_cells(self, row: int) -> list[tuple[str, Text]]:
        """The cells of `row` not drawn in full, with their column titles: longer than their
        column, or in a column the room hides. Only this row is measured."""
        width = self.scrollable_content_region.width
        if not width or not 0 <= row < self.row_count:
            return []
        cells = self.cells(row)
        if isinstance(cells, Text):  # a heading across the table
            return []
        widths = self._widths(width)
        return [
            (column.title, cell)
            for column, cell, cell_width in zip(self.table_columns, cells, widths, strict=False)
            if cell.cell_len > cell_width and cell.plain.strip()
        ]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self._widths(width)
        base = self.rich_style
        if y == 0:
            titles = [Text(column.title) for column in self.table_columns]
            style = base + self.get_component_rich_style("virtual-table--header")
            return self._strip(titles, widths, style, width)
        row = round(self.scroll_y) + y - 1
        if row >= self.row_count:
            return Strip.blank(width, base)
        style = base
        if row % 2:
            style += self.get_component_rich_style("virtual-table--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("virtual-table--cursor")
        cells = self.cells(row)
        if isinstance(cells, Text):
            return self._strip([cells], [width - 2 * PADDING], style, width)
        return self._strip(cells, widths, style, width)

    def _strip(self, cells: Sequence[Text], widths: list[int], style: Style, width: int) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        pad = Segment(" " * PADDING)
        for cell, cell_width in zip(cells, widths, strict=False):
            if not cell_width:
                continue
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis", pad=True)
            drawn = text.render(console, end="")  # spans only: the base style is ours to add
            if text.style:
                drawn = Segment.apply_style(drawn, console.get_style(text.style))
            segments += [pad, *drawn, pad]
        line = Segment.adjust_line_length(list(Segment.apply_style(segments, style)), width)
        return Strip(line, width)

    # Keys and mouse -----------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._rows_shown)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._rows_shown)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = round(self.scroll_y) + offset.y - 1
        if row >= self.row_count:
            return
        if row == self.cursor_row or event.chain > 1:
            self.post_message(self.RowChosen())
        self.move_cursor(row)
