"""The table that draws only what is on screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from pmtui.tui.tables.virtual_table import TableColumn, VirtualTable

COLUMNS = [
    TableColumn("ID", 4, stay=9),
    TableColumn("Title", 40, stay=9),
    TableColumn("Owner", 12, stay=8),
    TableColumn("Kind", 8),
    TableColumn("Note", stay=1),
]


def test_columns_fit_the_room_and_the_flexible_one_takes_the_rest():
    widths = VirtualTable(COLUMNS)._widths(120)
    assert widths == [4, 40, 12, 8, 120 - 64 - 10]


def test_a_narrow_room_hides_the_least_kept_columns_first_then_shrinks_the_widest():
    table = VirtualTable(COLUMNS)
    # Note (keep 1) goes first; the room it leaves goes to the widest shown column.
    assert table._widths(80) == [4, 40 + 80 - 72, 12, 8, 0]
    assert table._widths(70) == [4, 40 + 70 - 62, 12, 0, 0]  # then Kind (keep 5)
    assert table._widths(40) == [4, 32, 0, 0, 0]  # Owner (keep 8), then Title shrinks


class Big(App):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked: set[int] = set()

    def compose(self):
        yield VirtualTable(COLUMNS, id="table")

    def on_mount(self) -> None:
        def cells(row: int):
            self.asked.add(row)
            return [Text(str(row)), Text(f"title {row}"), Text("Adam"), Text("k"), Text("")]

        self.query_one(VirtualTable).set_rows(self.rows, cells)
        self.query_one(VirtualTable).focus()


async def test_ten_thousand_rows_draw_only_the_visible_ones():
    app = Big(10_000)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert app.asked and max(app.asked) < 20
        table = app.query_one(VirtualTable)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 9_999
        assert 9_999 in app.asked and len(app.asked) < 60
        assert "title 9999" in table.render_line(table.size.height - 1).text


async def test_keys_move_the_cursor_and_keep_it_in_view():
    app = Big(100)
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.press("down", "down", "up")
        assert table.cursor_row == 1
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        row = table.cursor_row
        assert row > 10 and table.scroll_y <= row < table.scroll_y + table.size.height - 1
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0


async def test_clicking_the_cursor_row_chooses_it():
    chosen = []

    class Watch(Big):
        def on_virtual_table_row_chosen(self, message) -> None:
            chosen.append(self.query_one(VirtualTable).cursor_row)

    app = Watch(5)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.click(VirtualTable, offset=(3, 3))
        await pilot.pause()
        assert app.query_one(VirtualTable).cursor_row == 2 and chosen == []
        await pilot.click(VirtualTable, offset=(3, 3))
        await pilot.pause()
        assert chosen == [2]


async def test_a_cell_keeps_its_own_base_style():
    class Star(App):
        def compose(self):
            yield VirtualTable([TableColumn("★", 1)])

        def on_mount(self) -> None:
            self.query_one(VirtualTable).set_rows(1, lambda row: [Text("★", style="bold yellow")])

    app = Star()
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        strip = app.query_one(VirtualTable).render_line(1)
        star = next(segment for segment in strip if "★" in segment.text)
        assert star.style.bold and star.style.color.name == "yellow"
