"""ctrl+z in a form's one-line field takes back what was typed there: it did nothing, as
the review's undo cannot reach typing the form has not saved yet."""

from helpers import SIZE, app_on, on_table, saved, settle, write

from pmtui.tui.forms.dialog import FormDialog


async def test_ctrl_z_and_ctrl_y_in_a_form_field_undo_and_redo_its_typing(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        title = app.focused.current_record().title
        await write(pilot, "enter", "end", " EDIT")
        assert app.focused.value == f"{title} EDIT"
        await pilot.press("ctrl+z")
        assert (app.focused.value, app.focused.cursor_position) == (title, len(title))
        await pilot.press("ctrl+z")
        assert app.focused.value == title  # nothing more: the field opened so
        await pilot.press("ctrl+y")
        assert app.focused.value == f"{title} EDIT"
        await pilot.press("ctrl+z", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert saved(pet_clinic)["actions"][0]["title"] == title
