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
