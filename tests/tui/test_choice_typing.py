"""Letters typed on a closed dropdown pick the choice they start, as in a browser's list."""

from helpers import SIZE, app_on, burst, on_table, saved, settle
from textual import events
from textual.widgets import Select

from pmtui.document.model import Milestone
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.panes.summary import INCIDENT_FIELDS


async def edit_first_action(app, pilot) -> FormDialog:
    await on_table(app, pilot, "actions", "#actions-table")
    await pilot.press("enter")
    assert isinstance(app.screen, FormDialog)
    return app.screen


async def on_dropdown(app, pilot, name: str) -> Select:
    """The first action's form open, its dropdown `name` focused."""
    form = await edit_first_action(app, pilot)
    dropdown = form.query_one(f"#field-{name}", Select)
    form.set_focus(dropdown)
    return dropdown


def first_action(path) -> dict:
    return next(action for action in saved(path)["actions"] if action["id"] == "A1")


async def test_letters_typed_fast_on_closed_dropdowns_pick_their_choices(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_first_action(app, pilot)
        # Title, owner, due, co-owners: then priority, status (Tab between them as typed)
        await burst(pilot, "tab", "tab", "tab", "tab", "p2", "tab", "in p")
        assert app.focused is form.query_one("#field-status")
        assert not app.focused.expanded  # the space went on the search: no list opened
        await burst(pilot, "tab", "tab", "d", "tab", "l")  # kind: detect; horizon: long term
        await pilot.press("ctrl+s")  # saves the form
        assert app.told == []
        await pilot.press("ctrl+s")  # and the review
        await settle(app, pilot)
    action = first_action(pet_clinic)
    assert (action["priority"], action["status"]) == ("P2", "in progress")
    assert (action["kind"], action["horizon"]) == ("detect", "long term")


def key(character: str, time: float) -> events.Key:
    typed = events.Key(character, character)
    typed.time = time
    return typed


async def test_a_letter_after_a_pause_starts_a_new_search(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        status = await on_dropdown(app, pilot, "status")
        for typed in (key("d", 10.0), key("o", 10.2)):
            app.post_message(typed)
        await pilot.pause()
        assert status.value == "done"
        for typed in (key("d", 20.0), key("o", 21.0)):
            app.post_message(typed)
        await pilot.pause()
        assert status.value == "open"


async def test_space_alone_still_opens_the_list_and_enter_picks_there(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        priority = await on_dropdown(app, pilot, "priority")
        await pilot.press("space")
        assert priority.expanded
        await pilot.press("3", "enter")  # Textual's own search, in the open list
        assert (priority.value, priority.expanded) == ("P3", False)


async def test_a_letter_no_choice_holds_is_said_and_changes_nothing(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        priority = await on_dropdown(app, pilot, "priority")
        await pilot.press("x")
        assert priority.value == "P1"
        assert app.told == ["“x” is in none of the choices (Enter lists them)"]


async def test_summary_status_takes_a_letter_and_a_tab_digit_still_changes_tab(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("summary")
        await settle(app, pilot)
        index = [spec.name for spec in INCIDENT_FIELDS].index("status")
        app.screen.set_focus(app.screen.query_one(f"#live-{index}"))
        await pilot.press("r")
        assert app.session.review.incident.status == "reviewed"
        await pilot.press("2")
        assert app.screen.query_one("#tabs").active == "timeline"
        assert app.told == []
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert saved(pet_clinic)["incident"]["status"] == "reviewed"


async def test_letters_on_the_milestone_ticks_go_to_the_one_they_start(pet_clinic):
    """The ticks list (m on an event) finds a milestone as a dropdown does: its digits still
    tick by number, space ticks the one the letters found, even with a digit typed right
    after it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.review.sorted_timeline()[0]
        await on_table(app, pilot, "timeline", "#timeline-table")
        await pilot.press("m")
        await burst(pilot, "root", "space", "2")  # root cause identified, then detected
        await pilot.press("x")
        assert app.told == ["“x” is in none of the choices (a digit or space ticks one)"]
        await pilot.press("enter")
        assert first.milestone == [Milestone.DETECTED, Milestone.ROOT_CAUSE]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert saved(pet_clinic)["timeline"][0]["milestone"] == ["detected", "root cause identified"]
