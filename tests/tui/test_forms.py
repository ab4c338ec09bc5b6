"""Form dialogs: what they say, where they open, and that quitting keeps what is typed."""

import pytest
from helpers import SIZE, app_on, screen_text, write
from textual.containers import VerticalScroll

from pmtui import store
from pmtui.tui.forms import FormDialog


async def new_action(app, pilot) -> None:
    await app.action_show_tab("actions")
    await pilot.pause()
    app.screen.set_focus(app.screen.query_one("#actions-table"))
    await pilot.press("n")
    assert isinstance(app.screen, FormDialog)


async def test_ctrl_q_in_a_form_saves_its_values_and_quits(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "Adam", "ctrl+q")
        assert app.return_code == 0
    action = store.load(pet_clinic).actions[-1]
    assert (action.title, action.owner) == ("Page the on-call DBA", "Adam")


async def test_ctrl_q_with_a_form_that_is_not_valid_stays_and_says_why(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "tab", "someday", "ctrl+q")
        assert app.return_code is None
        assert isinstance(app.screen, FormDialog)
        said = [notification.message for notification in app._notifications]
        assert any(message.startswith("Not quit: the form has a problem") for message in said)
        assert "Due" in str(app.screen.query_one("#form-error").render())
        assert app.screen.query_one("#field-title").value == "Page the on-call DBA"
    assert pet_clinic.read_bytes() == before


async def test_ctrl_q_in_an_untouched_form_quits_and_changes_no_byte(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await pilot.press("ctrl+q")
        assert app.return_code == 0
    assert pet_clinic.read_bytes() == before


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_a_form_opens_at_its_top_with_the_first_field_focused(pet_clinic, size):
    app = app_on(pet_clinic)
    async with app.run_test(size=size) as pilot:
        await new_action(app, pilot)
        await pilot.pause()
        form = app.screen
        assert app.focused is form.query_one(f"#field-{form.fields[0].name}")
        assert form.query_one(VerticalScroll).scroll_y == 0
        assert form.fields[0].label in screen_text(app)


async def test_a_form_says_which_keys_save_it_even_when_taller_than_the_screen(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_action(app, pilot)
        await pilot.pause()
        assert "ctrl+s saves · Enter too, in a one-line field · Esc cancels" in screen_text(app)
        assert "Enter or ctrl+s saves" not in screen_text(app)
