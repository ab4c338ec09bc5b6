"""ctrl+z undoes the last change of any kind and ctrl+y makes it again, through saves, and the
saved file follows."""

from helpers import SIZE, app_on, burst, delete_row, focus_on, said, saved, settle, until, write

from pmtui.tui import app as app_module


async def save(app, pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_an_added_event_a_moved_action_and_a_deletion_undo_and_redo_in_turn(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        events = len(app.session.review.timeline)
        await write(pilot, "ctrl+n", "14:05 DB latency alert fires", "enter")
        table = await focus_on(app, pilot, "actions")
        table.move_cursor(row=1)
        await pilot.press("alt+up")
        await delete_row(app, pilot)
        await save(app, pilot)
        assert [a["id"] for a in saved(pet_clinic)["actions"]][:2] == ["A1", "A3"]

        await pilot.press("ctrl+z")  # the deletion
        await save(app, pilot)
        assert [a["id"] for a in saved(pet_clinic)["actions"]][:3] == ["A2", "A1", "A3"]
        await pilot.press("ctrl+z")  # the move
        await pilot.press("ctrl+z")  # the event
        await save(app, pilot)
        assert [a["id"] for a in saved(pet_clinic)["actions"]][:3] == ["A1", "A2", "A3"]
        assert len(saved(pet_clinic)["timeline"]) == events
        assert "Undone: added the event" in said(app)

        await pilot.press("ctrl+y", "ctrl+y")
        await save(app, pilot)
        assert len(saved(pet_clinic)["timeline"]) == events + 1
        assert [a["id"] for a in saved(pet_clinic)["actions"]][:2] == ["A2", "A1"]
        assert [row.id for row in app.session.review.actions[:2]] == ["A2", "A1"]
        assert len(table.row_items) == len(app.session.review.actions)  # the table redrawn


async def test_typing_in_a_summary_field_is_undone_and_the_field_shows_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        field = await focus_on(app, pilot, "summary", "live-0")
        before = field.value
        await write(pilot, "-X")
        await write(pilot, "Y")  # one burst: one step
        assert app.session.review.incident.id == before + "-XY"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.session.review.incident.id == before
        field = app.screen.query_one("#summary #live-0")
        assert field.value == before
        assert app.focused is field  # the scribe goes on typing where they were
        await pilot.press("ctrl+y")
        await save(app, pilot)
        assert saved(pet_clinic)["incident"]["id"] == before + "-XY"


async def test_the_field_undone_in_stays_in_sight(pet_clinic):
    """At 80x24 ctrl+z scrolled the Summary to its last questions, the focus left in the
    Title out of sight: what was typed next went into it unseen."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(app, pilot, "summary", "live-0")
        await write(pilot, "tab", "end", " MORE")  # in the Title
        for key in ("ctrl+z", "ctrl+y"):
            await pilot.press(key)
            await settle(app, pilot)
            field = app.screen.query_one("#incident-form #live-1")
            box = app.screen.query_one("#summary-fields")
            assert app.focused is field
            assert box.content_region.contains_region(field.region)


async def test_typing_after_an_undo_adds_to_the_restored_text_not_over_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        field = await focus_on(app, pilot, "summary", "live-0")
        before = field.value
        await write(pilot, "-draft")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        await write(pilot, "!")
        await save(app, pilot)
        assert saved(pet_clinic)["incident"]["id"] == before + "!"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.session.review.incident.id == before


async def test_undo_lasts_through_autosave(pet_clinic):
    app = app_on(pet_clinic, autosave_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "14:05 first", "enter", "14:06 second", "enter")
        await until(pilot, lambda: not app.session.dirty)  # autosaved
        await settle(app, pilot)
        assert "second" in [event["text"] for event in saved(pet_clinic)["timeline"]]
        await pilot.press("ctrl+z")
        await until(pilot, lambda: not app.session.dirty)  # autosaved
        await settle(app, pilot)
        texts = [event["text"] for event in saved(pet_clinic)["timeline"]]
        assert "first" in texts and "second" not in texts


async def test_nothing_to_undo_says_so_and_changes_nothing(pet_clinic):
    before = pet_clinic.read_text(encoding="utf-8")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z", "ctrl+y")
        await settle(app, pilot)
        assert "Nothing to undo" in said(app)
        assert "Nothing to redo" in said(app)
        assert not app.session.dirty
    assert pet_clinic.read_text(encoding="utf-8") == before


async def test_ctrl_z_in_a_form_does_not_undo_the_review_under_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "actions")
        await delete_row(app, pilot)
        count = len(app.session.review.actions)
        await pilot.press("n")
        await pilot.press("ctrl+z")
        assert len(app.session.review.actions) == count  # the form is on top: no undo
        await pilot.press("escape", "ctrl+z")
        assert len(app.session.review.actions) == count + 1


async def test_undo_and_redo_put_the_cursor_on_the_row_they_change(pet_clinic):
    """Redoing an added action left the cursor on the row above it; undoing a deletion
    left it off the row brought back."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await focus_on(app, pilot, "actions")
        await write(pilot, "n", "Rotate the keys", "ctrl+s")
        assert table.current_record().title == "Rotate the keys"
        await pilot.press("ctrl+z")
        assert "Rotate the keys" not in [a.title for a in app.session.review.actions]
        await pilot.press("ctrl+y")
        assert table.current_record().title == "Rotate the keys"

        table.move_cursor(row=1)
        second = table.current_record().title
        await delete_row(app, pilot)
        await pilot.press("down", "down")  # the cursor elsewhere when the room undoes
        await pilot.press("ctrl+z")
        assert table.current_record().title == second


async def test_an_undo_typed_just_before_quitting_is_saved(pet_clinic):
    """ctrl+z then ctrl+q in one read: ctrl+q is read at once (it gets past dialogs), and
    it quit before the undo, typed first, had reached the screen."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        events = len(app.session.review.timeline)
        await delete_row(app, pilot)
        await save(app, pilot)
        assert len(saved(pet_clinic)["timeline"]) == events - 1
        await burst(pilot, "ctrl+z", "ctrl+q")
        await pilot.pause()
    assert len(saved(pet_clinic)["timeline"]) == events


async def test_an_undo_typed_just_before_quitting_is_saved_on_a_busy_machine(
    pet_clinic, monkeypatch
):
    """The quit waited for the app to go idle, read from its CPU time: on a busy machine
    the process, waiting its turn, looked idle with the undo still on its way."""

    async def looks_idle_at_once(*args) -> None:
        pass

    monkeypatch.setattr(app_module, "wait_for_idle", looks_idle_at_once)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        events = len(app.session.review.timeline)
        await delete_row(app, pilot)
        await save(app, pilot)
        await burst(pilot, "ctrl+z", "ctrl+q")
        await pilot.pause()
    assert len(saved(pet_clinic)["timeline"]) == events


async def test_deleting_an_agenda_item_is_undone(pet_clinic):
    """It said "Undone" and left the item deleted: the meeting clock, which undo never
    takes back, carried the whole agenda over."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("wrapup")
        await settle(app, pilot)
        agenda = next(t for t in app.screen.query("RecordTable") if t.spec.noun == "agenda item")
        app.screen.set_focus(agenda)
        titles = [item.title for item in app.session.review.meeting.agenda]
        await delete_row(app, pilot)
        await settle(app, pilot)
        assert [item.title for item in app.session.review.meeting.agenda] == titles[1:]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert [item.title for item in app.session.review.meeting.agenda] == titles
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert [item["title"] for item in saved(pet_clinic)["meeting"]["agenda"]] == titles
