"""A table cell cut to its column is readable in full under the table when its row is
selected, without opening the form; the line goes away on a row with nothing cut."""

import pytest
from helpers import SIZE, app_on, settle, write

from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.widgets.cut_cells import CutCells

LONG_QUESTION = "Why did it take so long to detect, and why could the review not trace it?"
LONG_ANSWER = (
    "No monitoring or alarms on the servers, and the detailed logs had been recycled before the "
    "review."
)
SHORT_WHY = '\n[[whys]]\nquestion = "Why so late?"\nanswer = "No alarms."\n'


async def whys_table(app, pilot, question: str):
    """The 5 Whys table, focused, its cursor on the why asking `question` (rows are
    grouped by chain, under heading rows, so a why's row is looked up)."""
    await app.screen.show_tab("whys")
    await pilot.pause()
    table = app.screen.query_one("#whys-table")
    app.screen.set_focus(table)
    whys = app.session.review.whys
    row = next(
        n for n, i in enumerate(table.row_items) if i is not None and whys[i].question == question
    )
    table.move_cursor(row=row)
    await settle(app, pilot)
    return table


def detail(table) -> str | None:
    """What the line under `table` shows (None: nothing, hidden or blank)."""
    line = table.parent.query_one(CutCells)
    return (str(line.render()) or None) if line.display else None


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_a_long_why_answer_is_shown_in_full_under_the_table(pet_clinic, size):
    pet_clinic.write_text(pet_clinic.read_text() + SHORT_WHY)
    app = app_on(pet_clinic)
    async with app.run_test(size=size) as pilot:
        table = await whys_table(app, pilot, LONG_QUESTION)
        shown = detail(table)
        assert shown is not None
        assert f"Answer: {LONG_ANSWER}" in shown.replace("\n", " ")
        assert f"Why?: {LONG_QUESTION}" in shown
        await whys_table(app, pilot, "Why so late?")  # the short why: nothing cut
        assert table.current_record().answer == "No alarms."
        assert detail(table) is None
        assert table.parent.query_one(CutCells).display  # blank, its room kept: no relayout
        await whys_table(app, pilot, "Why were tests, monitoring and log retention missing?")
        assert "Answer: The team lived in a reactive" in detail(table)
        app.screen.set_focus(None)  # only the focused table says more
        await settle(app, pilot)
        assert not table.parent.query_one(CutCells).display


async def test_the_line_follows_an_edit_and_its_undo(pet_clinic):
    pet_clinic.write_text(pet_clinic.read_text() + SHORT_WHY)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await whys_table(app, pilot, "Why so late?")
        assert detail(table) is None
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)
        await write(pilot, "tab", " Nobody had set thresholds for the key variables.", "ctrl+s")
        await settle(app, pilot)
        assert "Nobody had set thresholds for the key variables." in detail(table)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert table.current_record().answer == "No alarms."
        assert detail(table) is None


async def test_a_column_hidden_for_room_is_shown_for_the_selected_row(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.show_tab("wrapup")
        await settle(app, pilot)
        table = app.screen.query_one("#wrapup-0")
        app.screen.set_focus(table)
        await settle(app, pilot)
        assert not table._widths(table.scrollable_content_region.width)[-1]  # Phase hidden
        assert "Phase: detection" in detail(table)


async def test_the_table_keeps_its_height_while_the_cursor_moves_over_cut_rows(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await whys_table(app, pilot, LONG_QUESTION)  # its answer takes two lines
        height = table.size.height
        # An answer on one line: the line under it keeps its size.
        await whys_table(app, pilot, "Why was the Pet Clinic application offline?")
        assert "Answer: An underlying application bug" in detail(table)
        assert table.size.height == height
