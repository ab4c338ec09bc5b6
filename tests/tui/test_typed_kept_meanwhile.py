"""Text typed and not yet added is in the recovery folder once typing pauses: a kill -9
or a power cut, which run nothing on the way out, then lose at most the last moment.

Leaving `run_test` without ctrl+q stops the app without its quit path: nothing is kept
as typed, nothing saved, as after a kill -9 (the copy of a pmtui that has ended is then
offered, this process's own included)."""

import pytest
from helpers import NOW, SIZE, app_on, on_table, settle, until, write

from pmtui.files import locations, recovery, store
from pmtui.tui.app import PmtuiApp
from pmtui.tui.dialogs.choice import ChoiceDialog
from pmtui.tui.forms.dialog import AS_TYPED, FormDialog
from pmtui.tui.meeting.type_ahead import Grace


@pytest.fixture(autouse=True)
def no_dialog_grace(monkeypatch):
    """The recovered-edits question takes keys as soon as it is drawn."""
    monkeypatch.setattr(PmtuiApp, "dialog_grace", Grace(0.0))


async def typing_paused(app, pilot) -> None:
    """The autosave's delay has passed since the last key: its timer's work, run now."""
    app.safekeeping.keep_typed_text()
    await settle(app, pilot)


async def open_new_action(app, pilot) -> None:
    await on_table(app, pilot, "actions", "#actions-table")
    await pilot.press("n")
    assert isinstance(app.screen, FormDialog)


async def restored(path):
    """The next `pmtui FILE` after the kill: it offers the copy, and r restores it."""
    again = app_on(path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ChoiceDialog)
        assert "unsaved edits" in again.screen.message
        await pilot.press("r")
        await settle(again, pilot)
    assert recovery.all_pending(path) == []
    return store.load(path)


async def test_the_entry_line_is_kept_once_typing_pauses_and_restored_after_a_kill(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic, autosave_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        events = len(app.session.review.timeline)
        await pilot.press("ctrl+n", *"db restarted")
        await until(pilot, lambda: recovery.copies_of(pet_clinic) != [])
        await settle(app, pilot)
        # Neither the file nor the review on screen has the line: it is still being typed.
        assert app.screen.query_one("EntryLine").value == "db restarted"
        assert len(app.session.review.timeline) == events and not app.session.dirty
    assert pet_clinic.read_bytes() == before
    review = await restored(pet_clinic)
    assert review.timeline[-1].text == "db restarted"
    assert len(review.timeline) == events + 1


async def test_an_open_form_is_kept_as_typed_in_the_parking_lot(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "Adam")
        await typing_paused(app, pilot)
        assert isinstance(app.screen, FormDialog)  # still open, still being typed in
    review = await restored(pet_clinic)
    assert review.meeting.parking_lot[-1] == (
        f"{AS_TYPED} · New action · Action: Page the on-call DBA · Owner: Adam"
    )


@pytest.mark.parametrize("put_away", [False, True])
async def test_a_parking_lot_line_open_or_put_away_is_kept(pet_clinic, put_away):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "f8", "the pager rota")
        if put_away:
            await pilot.press("escape")
        await typing_paused(app, pilot)
    review = await restored(pet_clinic)
    assert review.meeting.parking_lot[-1] == "the pager rota"


async def test_nothing_typed_leaves_no_copy(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await typing_paused(app, pilot)
    assert recovery.copies_of(pet_clinic) == []


async def test_the_copy_goes_once_the_entry_line_is_emptied(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
        assert recovery.copies_of(pet_clinic) != []
        await pilot.press("ctrl+u")
        await typing_paused(app, pilot)
        assert recovery.copies_of(pet_clinic) == []


async def test_the_copy_goes_once_the_line_is_added_and_saved(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
        await pilot.press("enter")
        app.saving.autosave()
        await settle(app, pilot)
        assert not app.session.dirty
        assert recovery.copies_of(pet_clinic) == []
    assert store.load(pet_clinic).timeline[-1].text == "db restarted"


async def test_a_save_while_typing_keeps_the_copy_with_the_file_as_saved(pet_clinic):
    """An edit saved while a line is typed on: the copy, kept for the line, is made again
    from the review as saved (a restore then keeps nothing beside)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "db restarted", "enter", "ctrl+n", "and again")
        await typing_paused(app, pilot)
        app.saving.autosave()
        await settle(app, pilot)
        [copy] = recovery.copies_of(pet_clinic)
        assert recovery.changed_since(pet_clinic, copy) is False
    review = await restored(pet_clinic)
    assert [event.text for event in review.timeline[-2:]] == ["db restarted", "and again"]
    assert list(pet_clinic.parent.glob("*.replaced-*")) == []


async def test_quitting_keeps_the_line_its_own_way_and_removes_the_copy(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    assert app.return_code == 0
    assert recovery.copies_of(pet_clinic) == []
    assert store.load(pet_clinic).timeline[-1].text == "db restarted"


async def test_an_event_line_over_a_form_is_kept_stamped(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_action(app, pilot)
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
    [event] = [
        event for event in (await restored(pet_clinic)).timeline if event.text == "db restarted"
    ]
    assert event.at == NOW and not event.approx


async def test_quitting_right_after_emptying_the_line_removes_the_copy(pet_clinic):
    """Nothing to save, and typing had no pause to drop the copy: quitting does."""
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
        await pilot.press("ctrl+u", "ctrl+q")
        await settle(app, pilot)
    assert app.return_code == 0
    assert recovery.copies_of(pet_clinic) == []
    assert pet_clinic.read_bytes() == before


async def test_a_copy_that_cannot_be_written_is_not_said(pet_clinic):
    """A state folder pmtui cannot write in: typing goes on, as after a rescue that fails."""
    locations.state_dir().mkdir(parents=True, exist_ok=True)
    (locations.state_dir() / "recovery").write_text("a file where the folder goes\n")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        told = list(app.told)
        await write(pilot, "ctrl+n", "db restarted")
        await typing_paused(app, pilot)
        assert app.told == told and app.is_running
        assert app.screen.query_one("EntryLine").value == "db restarted"


async def test_a_summary_time_in_red_is_kept_as_typed_in_the_parking_lot(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("summary")
        await settle(app, pilot)
        field = app.screen.query_one("#summary #live-5")  # Started
        app.screen.set_focus(field)
        field.value = ""
        await write(pilot, "Sat 14 Nov 09:12")
        assert field.has_class("-invalid")
        await typing_paused(app, pilot)
    review = await restored(pet_clinic)
    assert review.meeting.parking_lot[-1] == f"{AS_TYPED} · Started: Sat 14 Nov 09:12"
