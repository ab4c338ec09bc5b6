"""`d` on a table asks; `d` again, once the question has been on screen a moment with no
other key between, deletes. Found trying the app as a new user would: a Tab from the entry
line put the focus on the participants table, and the rest of the sentence typed there
("Rollback of the upgrade agreed") deleted a participant at each `d`."""

import tomllib

from helpers import SIZE, app_on, settle, shown_notices

from pmtui.tui.meeting.type_ahead import Grace


class Clock:
    """The grace's clock, moved by the test: no test waits for real time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def names(path) -> list[str]:
    return [person["name"] for person in tomllib.loads(path.read_text())["people"]]


async def test_a_sentence_typed_onto_the_participants_table_deletes_no_one(pet_clinic):
    app = app_with(Clock(), pet_clinic)  # the keys come as fast as typing: no time passes
    async with app.run_test(size=SIZE) as pilot:
        before = [person.name for person in app.session.review.people]
        app.screen.query_one("#people-table").focus()
        await pilot.pause()
        assert app.focused.id == "people-table"
        await pilot.press(*"Rollback of the upgrade agreed and added")
        await pilot.press("ctrl+s")  # the words typed on a table started a new row's form
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert names(pet_clinic) == [*before, "Rollback of the upgrade agreed and added"]


def app_with(clock: Clock, pet_clinic):
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, clock)
    return app


async def ask_to_delete_the_first_participant(app, pilot) -> None:
    app.screen.query_one("#people-table").focus()
    await pilot.press("d")
    await pilot.pause()
    assert "Delete this participant? d again deletes it" in app.told[-1]


async def test_d_then_a_moment_then_d_deletes_the_row(pet_clinic):
    clock = Clock()
    app = app_with(clock, pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await ask_to_delete_the_first_participant(app, pilot)
        clock.now += 0.6  # the question has been on screen: the second d is meant
        await pilot.press("d", "ctrl+s")
        await settle(app, pilot)
    assert "Chun" not in names(pet_clinic) and "Paulo" in names(pet_clinic)


async def test_the_answer_takes_the_questions_place_on_screen(pet_clinic):
    """The question stayed on screen above "Deleted", still asking about a deleted row."""
    clock = Clock()
    app = app_with(clock, pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ask_to_delete_the_first_participant(app, pilot)
        await pilot.pause()
        assert shown_notices(app) == [
            "Delete this participant? d again deletes it · any other key keeps it"
        ]
        clock.now += 0.6
        await pilot.press("d")
        await pilot.pause()
        assert shown_notices(app) == ["Deleted the participant · ctrl+z brings it back"]


async def test_any_other_key_between_keeps_the_row(pet_clinic):
    clock = Clock()
    app = app_with(clock, pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await ask_to_delete_the_first_participant(app, pilot)
        clock.now += 0.6
        await pilot.press("down")  # the question lapses: this d asks again
        clock.now += 0.6
        await pilot.press("d", "ctrl+s")
        await settle(app, pilot)
    assert names(pet_clinic)[:2] == ["Chun", "Paulo"] and len(names(pet_clinic)) == 8


async def test_deleting_a_participant_who_owns_actions_says_which_keep_the_name(pet_clinic):
    """Adam's actions stayed with an owner no longer among the participants, unsaid."""
    clock = Clock()
    app = app_with(clock, pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#people-table")
        table.focus()
        table.move_cursor(row=[p.name for p in app.session.review.people].index("Adam"))
        await pilot.press("d")
        await pilot.pause()
        assert app.told[-1] == (
            "Delete this participant? They own A2, A3, which keep the name as owner. "
            "d again deletes it · any other key keeps it"
        )
        clock.now += 0.6
        await pilot.press("d", "ctrl+s")
        await settle(app, pilot)
    assert "Adam" not in names(pet_clinic)
    owners = [action["owner"] for action in tomllib.loads(pet_clinic.read_text())["actions"]]
    assert owners.count("Adam") == 2


async def test_a_key_that_keeps_the_row_takes_the_question_off_the_screen(pet_clinic):
    """Esc kept the row, but "d again deletes it" stayed on screen, no longer true."""
    app = app_with(Clock(), pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ask_to_delete_the_first_participant(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert shown_notices(app) == []
        assert app.focused.id == "people-table" and len(app.session.review.people) == 8


async def test_the_form_enter_opens_after_the_question_shows_no_question(pet_clinic):
    """Enter after the question opened the form with the question shown twice: on the form
    and on the screen under it."""
    app = app_with(Clock(), pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ask_to_delete_the_first_participant(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FormDialog"
        assert [str(toast.render()) for s in app.screen_stack for toast in s.query("Toast")] == []


async def test_d_and_esc_typed_at_once_leave_no_question_on_screen(pet_clinic):
    """`d` waits for a word (`word_wait`): Esc right after runs it, then keeps the row,
    before the app has the question to show."""
    app = app_with(Clock(), pet_clinic)
    app.word_wait = 5.0  # the d is still waiting when Esc comes
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.query_one("#people-table").focus()
        await pilot.pause()
        await pilot.press("d", "escape")
        await settle(app, pilot)
        assert app.told[-1].startswith("Delete this participant?")
        assert shown_notices(app) == []
