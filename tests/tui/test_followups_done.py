"""Marking an action done stamps the day (the app's clock), opening it again clears it, and
the action form shows and edits that day: what `pmtui stats` reads to say what was on time."""

import datetime as dt

from helpers import NOW, SIZE, app_on, focus_on, said, settle, shown_notices, write

from pmtui.files import store
from pmtui.tui.app import make_app
from pmtui.tui.forms.dialog import FormDialog


def saved_action(path, action_id: str):
    return next(a for a in store.load(path).actions if a.id == action_id)


async def test_x_marks_the_action_done_today_and_again_open_as_before(pet_clinic):
    """A1 has no status: `x` twice leaves it with none, not a `status = "open"` it never had."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await write(pilot, "x", "ctrl+s")
        await settle(app, pilot)
        action = saved_action(pet_clinic, "A1")
        assert (action.status, action.done_on) == ("done", NOW.date())
        assert "done_on = 2026-11-20" in pet_clinic.read_text()
        await write(pilot, "x", "ctrl+s")
        await settle(app, pilot)
    action = saved_action(pet_clinic, "A1")
    assert (action.status, action.done_on, action.closed) == (None, None, False)
    assert "done_on" not in pet_clinic.read_text()
    assert 'status = "open"' not in pet_clinic.read_text()


async def test_x_after_an_undo_and_a_redo_of_it_still_gives_back_no_status(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await pilot.press("x", "ctrl+z", "ctrl+y", "x", "ctrl+s")
        await settle(app, pilot)
    assert saved_action(pet_clinic, "A1").status is None
    assert 'status = "open"' not in pet_clinic.read_text()


async def test_x_twice_gives_back_the_status_it_had_and_a_done_one_opens(pet_clinic):
    text = pet_clinic.read_text().replace('id = "A1"\n', 'id = "A1"\nstatus = "in progress"\n')
    text = text.replace('id = "A2"\n', 'id = "A2"\nstatus = "done"\n')
    pet_clinic.write_text(text)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await write(pilot, "x", "x", "down", "x", "ctrl+s")
        await settle(app, pilot)
    assert [saved_action(pet_clinic, id).status for id in ("A1", "A2")] == ["in progress", "open"]


async def test_the_day_stamped_is_the_reviews_own_day_by_the_apps_clock(pet_clinic):
    text = pet_clinic.read_text().replace('timezone = "Europe/London"', 'timezone = "Asia/Tokyo"')
    pet_clinic.write_text(text)
    late = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)  # already the 21st in Tokyo
    app = make_app(pet_clinic, clock=lambda: late, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await write(pilot, "x", "ctrl+s")
        await settle(app, pilot)
    assert saved_action(pet_clinic, "A1").done_on == dt.date(2026, 11, 21)


async def test_the_action_form_shows_and_edits_the_day_it_was_done(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await write(pilot, "x", "enter")  # done today, then its form
        form = app.screen
        assert isinstance(form, FormDialog)
        field = form.query_one("#field-done_on")
        assert field.value == "2026-11-20"
        field.value = "2026-11-18"
        await pilot.pause()
        await write(pilot, "ctrl+s", "ctrl+s")  # the form's, then the review's
        await settle(app, pilot)
    action = saved_action(pet_clinic, "A1")
    assert (action.status, action.done_on) == ("done", dt.date(2026, 11, 18))


async def test_setting_done_in_the_form_dates_it_and_opening_it_again_undates_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-status").value = "done"
        await pilot.pause()
        await write(pilot, "ctrl+s", "ctrl+s")
        await settle(app, pilot)
        assert saved_action(pet_clinic, "A1").done_on == NOW.date()
        await pilot.press("enter")
        app.screen.query_one("#field-status").value = "in progress"
        await pilot.pause()
        await write(pilot, "ctrl+s", "ctrl+s")
        await settle(app, pilot)
    action = saved_action(pet_clinic, "A1")
    assert (action.status, action.done_on) == ("in progress", None)


async def test_x_twice_with_only_the_open_ones_shown_gives_back_the_same_action(pet_clinic):
    """With `f` on, A3 marked done vanished at once and the cursor fell on A4, which `x`
    again marked done too: now A3 stays on screen, done, until the cursor leaves it."""
    before = pet_clinic.read_text()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        table = await focus_on(app, pilot, "actions")
        await pilot.press("f")
        table.move_cursor(row=2)
        assert table.current_record().id == "A3"
        await pilot.press("x")
        await settle(app, pilot)
        assert (table.current_record().id, table.current_record().closed) == ("A3", True)
        assert "A3 done · x again opens it" in said(app)
        await write(pilot, "x")
        await settle(app, pilot)
        # The notice that it was done goes: it said "A3 done" over A3 open again.
        assert shown_notices(app) == ["A3 open again"]
        await write(pilot, "ctrl+s")
        await settle(app, pilot)
    assert pet_clinic.read_text() == before


async def test_an_action_marked_done_leaves_the_open_ones_with_the_cursor(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await focus_on(app, pilot, "actions")
        await pilot.press("f", "x")
        assert table.row_count == 6
        assert table.border_title == "Open actions: 5 of 6 · f shows all"
        await pilot.press("down")
        assert (table.row_count, table.current_record().id) == (5, "A2")
        await pilot.press("up")
        assert table.current_record().id == "A2"
