"""A one-line field that stays quick with a megabyte in it.

Textual's Input measures and draws its whole value at every frame, cursor move and blink:
with a pasted megabyte that was 0.1 s a frame. Above `MEASURED_WHOLE` characters the value
is measured once, in chunks, and only the chunks on screen are drawn. This overrides
Input's private drawing methods, which is safe only because Textual is pinned exactly
(pyproject.toml); tests/tui/test_long_field.py checks the picture is the one Input draws.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input

MEASURED_WHOLE = 10_000
"""A one-line value up to this long is drawn by Input itself, which measures and draws the
whole value at every frame, cursor move and blink. A longer one (a pasted megabyte) is
measured once in chunks, and only the part on screen is drawn: the whole was 0.1 s a frame."""
_CHUNK = 64


class LongLineInput(Input):
    """Input, drawing a long value from only the chunks on screen."""

    _chunk_cells: tuple[str, list[int]] | None = None

    def _cells_before(self) -> list[int] | None:
        """Cells before each chunk of a long value, and the whole width last; None when
        Input draws the value itself. Only where a chunk's width is the sum of its
        characters' (no tab, zero-width joiner or variation selector) do chunks add up."""
        value = self.value
        if (
            len(value) <= MEASURED_WHOLE
            or self.password
            or self.highlighter is not None
            or any(mark in value for mark in "\t\u200d\ufe0f")
        ):
            return None
        if self._chunk_cells is None or self._chunk_cells[0] is not value:
            widths = (cell_len(value[at : at + _CHUNK]) for at in range(0, len(value), _CHUNK))
            self._chunk_cells = (value, [0, *itertools.accumulate(widths)])
        return self._chunk_cells[1]

    @property
    def content_width(self) -> int:
        cells = self._cells_before()
        return super().content_width if cells is None else cells[-1] + 1

    def _position_to_cell(self, position: int) -> int:
        cells = self._cells_before()
        if cells is None:
            return super()._position_to_cell(position)
        chunk = position // _CHUNK
        return cells[chunk] + cell_len(self.value[chunk * _CHUNK : position])

    def render_line(self, y: int) -> Strip:
        """As Input draws its line, from only the chunks on screen."""
        cells = self._cells_before()
        suggests = self.has_focus and len(self._suggestion) > len(self.value)
        if y != 0 or cells is None or suggests:
            return super().render_line(y)
        width = self.scrollable_content_region.width + 1
        scroll_x = self.scroll_offset.x
        first = max(bisect_right(cells, scroll_x) - 1, 0)
        start = first * _CHUNK
        end = min(bisect_left(cells, scroll_x + width) * _CHUNK, len(self.value))
        text = Text(self.value[start:end], no_wrap=True, overflow="ignore", end="")
        if self.has_focus:
            self._style_selection_and_cursor(text, start, end)
        options = self.app.console_options.update_width(text.cell_len + 1)
        strip = Strip(list(self.app.console.render(text, options)))
        left = scroll_x - cells[first]
        strip = strip.crop(left, left + width).extend_cell_length(width)
        return strip.apply_style(self.rich_style)

    def _style_selection_and_cursor(self, text: Text, start: int, end: int) -> None:
        """Input's selection and cursor styles on `text`, the value from `start` to `end`."""
        low, high = sorted(self.selection)
        low, high = max(low - start, 0), min(high - start, end - start)
        if not self.selection.is_empty and low < high:
            text.stylize_before(self.get_component_rich_style("input--selection"), low, high)
        if self._cursor_visible:
            if self.cursor_at_end and end == len(self.value):
                text.pad_right(1)
            cursor = self.cursor_position - start
            if 0 <= cursor < len(text):
                text.stylize(self.get_component_rich_style("input--cursor"), cursor, cursor + 1)
