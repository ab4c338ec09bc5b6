"""A form that will not save says why where it is seen: the reason was only at the foot of
a tall form, below the fold (the action form at 120x40), so ctrl+s seemed to do nothing."""

import pytest
from helpers import app_on, on_table, screen_text, settle, write

from pmtui.tui.forms.dialog import FormDialog


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_reason_a_form_will_not_save_is_on_screen(pet_clinic, size):
    app = app_on(pet_clinic)
    async with app.run_test(size=size) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await write(pilot, "n", "tab", "Ben", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert "Action: write it first (or Esc)" in screen_text(app)
        assert app.focused.id == "field-title"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_date_the_form_cannot_read_is_said_once_and_whole(pet_clinic, size):
    """Said under its field and again at the form's foot, whose copy covered the second
    line of the first at 80x24 ("… +1q, fri,")."""
    app = app_on(pet_clinic)
    async with app.run_test(size=size) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await write(pilot, "n", "Page the on-call DBA", "tab", "tab", "next week", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        shown = screen_text(app)
        assert shown.count("'next week' is not a date") == 1
        assert "or dec 12" in shown  # its end, on its second line
        assert app.focused.id == "field-due"
        assert app.screen.query_one("#field-title").value == "Page the on-call DBA"
