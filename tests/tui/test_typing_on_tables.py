"""Words typed while a table other than the timeline's has the focus (after ctrl+pagedown
to Actions, say) start a new row, its form open with them; the one-key commands they spell
never run. "expect fix" marked two actions done (`x`) and hid them (`f`), saved so."""

import pytest
from helpers import SIZE, app_on, burst, on_table, saved, settle, until
from textual import events

from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.screens.meeting import MeetingScreen


def statuses(path) -> list[str]:
    return [action.get("status", "open") for action in saved(path)["actions"]]


async def test_words_typed_on_the_actions_table_start_an_action_and_mark_nothing_done(
    pet_clinic,
):
    before = statuses(pet_clinic)
    app = app_on(pet_clinic)
    app.word_wait = 60.0  # only the next key decides
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        shown = app.focused.row_count
        await burst(pilot, "expect fix")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused.id == "field-title"
        assert app.focused.value == "expect fix"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.focused.row_count == shown + 1  # no filter turned on: one row more
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    actions = saved(pet_clinic)["actions"]
    assert statuses(pet_clinic)[: len(before)] == before
    assert actions[-1]["title"] == "expect fix"


@pytest.mark.parametrize("typed", ["fix", "xx-ray"])
async def test_a_table_key_that_starts_a_word_runs_nothing(pet_clinic, typed):
    """A word may start with a table key (`f`), and with one typed twice (`xx`)."""
    before = statuses(pet_clinic)
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst(pilot, typed)
        await settle(app, pilot)
        assert app.focused.value == typed
        await pilot.press("escape", "escape")  # typed in: the second Esc drops it
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert statuses(pet_clinic) == before


async def test_x_alone_marks_the_action_done_once_its_wait_is_over(pet_clinic):
    app = app_on(pet_clinic)
    app.word_wait = 0.01
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        action = app.focused.current_record()
        await burst(pilot, "x")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert action.status == "done"


async def test_a_why_typed_on_the_whys_table_opens_with_the_words_as_its_question(
    pet_clinic,
):
    """The new why's form offers a question, selected: the words typed replace it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "whys", "#whys-table")
        await burst(pilot, "Why was the disk full?")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused.value == "Why was the disk full?"


async def test_n_then_a_title_in_one_go_is_the_new_actions_title(pet_clinic):
    """`n` opens the form at once: the title typed right after it is all there."""
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst(pilot, "n", "Write the runbook", "tab", "Dan", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    added = saved(pet_clinic)["actions"][-1]
    assert (added["title"], added["owner"]) == ("Write the runbook", "Dan")


@pytest.mark.parametrize("then", ["ctrl+s", "ctrl+q", "f9"])
async def test_x_then_save_quit_or_a_note_in_one_go_marks_done_first(pet_clinic, then):
    """`x` waits for a word; a key of another place runs it first (ctrl+q quit before it,
    F9's line dropped it)."""
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst(pilot, "x", then)
        await settle(app, pilot)
        if then == "f9":
            assert app.session.review.actions[0].status == "done"  # before the line closes
            await pilot.press("escape", "ctrl+s")
            await settle(app, pilot)
    assert statuses(pet_clinic)[0] == "done"


async def test_x_then_the_palette_marks_the_action_done_once_the_wait_is_over(pet_clinic):
    """ctrl+p opens the palette as the app reads it; the `x` waiting for a word was then
    dropped, as on the timeline, though no key of this table opens a dialog."""
    app = app_on(pet_clinic)
    app.word_wait = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst(pilot, "x")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.session.review.actions[0].status == "done")


@pytest.mark.parametrize(
    ("tab", "table", "typed"),
    [
        ("impact", "#impact-table", "40 orders lost"),
        ("actions", "#actions-table", "2 pagers"),
        ("whys", "#whys-table", "5xx errors spiked"),
        ("actions", "#actions-table", "1st responder"),
    ],
)
async def test_words_that_start_with_a_number_keep_it(pet_clinic, tab, table, typed):
    """A digit goes to its tab, but typed on with more it begins the words: "40 orders
    lost" was recorded as "0 orders lost", its 4 taken as a tab key; "5xx" went to Actions
    as "xx…", and "1st responder" into the live incident ID."""
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, tab, table)
        await burst(pilot, typed)
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused.value == typed


async def test_a_digit_alone_on_a_table_goes_to_its_tab_once_its_wait_is_over(pet_clinic):
    app = app_on(pet_clinic)
    app.word_wait = 0.01
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "impact", "#impact-table")
        await burst(pilot, "4")

        def on_the_whys() -> bool:
            """the 5 whys tab shown"""
            return app.screen.query_one("#tabs").active == "whys"

        await until(pilot, on_the_whys)


@pytest.mark.parametrize(("tab", "table"), [("actions", "#actions-table"), ("whys", "#whys-table")])
async def test_text_pasted_on_a_table_starts_a_new_row_with_it(pet_clinic, tab, table):
    """A paste there did nothing, with no word said."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, tab, table)
        app.post_message(events.Paste("Document the rollback\nrunbook"))
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused.value == "Document the rollback runbook"


async def test_a_tab_digit_and_a_letter_then_a_pause_go_to_the_tab_and_run_its_key(pet_clinic):
    app = app_on(pet_clinic)
    app.word_wait = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "whys", "#whys-table")
        await burst(pilot, "5", "n")

        def new_action() -> bool:
            """the new action's form open, its first field taking the typing (a test that
            ends while the form is still being put up tears it down half made)"""
            form = app.screen
            return getattr(form, "form_title", "") == "New action" and form.focused is not None

        await until(pilot, new_action)


async def test_a_digit_waiting_then_a_paste_is_one_text(pet_clinic):
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "impact", "#impact-table")
        await burst(pilot, "4")
        app.post_message(events.Paste("0 orders lost"))
        await settle(app, pilot)
        assert app.focused.value == "40 orders lost"


async def test_a_digit_waiting_then_ctrl_pagedown_goes_past_the_digit_s_tab(pet_clinic):
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "whys", "#whys-table")
        await burst(pilot, "5")
        await pilot.press("ctrl+pagedown")
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "wrapup"
