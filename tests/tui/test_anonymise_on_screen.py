"""Anonymise mode (ctrl+r) shows roles wherever a name would show: in the dialog titles,
the notices, the header and its meeting clock, and what a new row's form suggests."""

from helpers import SIZE, app_on, said, screen_text, settle, shown_notices, write

from pmtui.document.model import AgendaItem
from pmtui.files import store
from pmtui.tui.forms.dialog import FormDialog


async def test_the_milestones_dialog_titles_the_event_with_roles(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#timeline-table")
        events = app.session.review.timeline
        table.move_cursor(next(n for n, e in enumerate(events) if e.text.startswith("Adam")))
        await pilot.press("ctrl+r", "m")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        title = app.screen.form_title
        assert "IT Admin" in title and "Adam" not in title


async def test_undoing_a_turn_to_speak_names_no_one(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "ctrl+g", "down", "enter")  # Paulo speaks
        await settle(app, pilot)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.told[-1].startswith("Undone: counted Product Owner")
        assert not any("Paulo" in told for told in app.told)


async def test_a_new_action_suggests_no_owner_by_name(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("actions")
        await settle(app, pilot)
        await pilot.press("ctrl+r", "n", "tab", "A", "d")
        await settle(app, pilot)
        owner = app.screen.query_one("#field-owner")
        assert owner.value == "Ad" and owner._suggestion == ""  # not "Adam"
        await pilot.press("escape", "escape", "ctrl+r")
        await settle(app, pilot)
        await pilot.press("n", "tab", "A", "d")
        await settle(app, pilot)
        assert app.screen.query_one("#field-owner")._suggestion == "Adam"  # names shown again


async def test_the_header_and_the_clock_show_roles(pet_clinic):
    review = store.load(pet_clinic)
    review.incident.title = "Dan's deploy broke the clinic"
    review.meeting.agenda.insert(0, AgendaItem(title="Adam tells the story", minutes=5))
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "enter", "ctrl+r")  # any key puts the ground rules away
        await settle(app, pilot)
        header = screen_text(app).splitlines()[0]
        assert "Development representative's de" in header and "Dan" not in header
        assert "▶ IT Admin / " in header and "Adam" not in header


async def test_a_parked_topic_s_notice_names_no_one(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "f8")
        await write(pilot, "ask Adam about restarts", "enter")
        await settle(app, pilot)
        assert app.told[-1] == "Parked a topic: ask IT Admin / SRE about restarts"
        assert "Adam" not in said(app)


async def test_turning_anonymise_on_clears_the_notices_that_name_people(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f9")
        await write(pilot, "Adam owns the restarts", "enter")
        await settle(app, pilot)
        assert "Noted a decision: Adam owns the restarts" in shown_notices(app)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert shown_notices(app) == ["Roles instead of names, on screen and in export"]
