"""Form dialogs: what they say, where they open, and that quitting keeps what is typed."""

import signal

import pytest
from helpers import SIZE, app_on, burst, focus_on, screen_text, settle, shown_notices, write
from textual import events
from textual.containers import VerticalScroll

from pmtui.files import store
from pmtui.tui.forms.dialog import FormDialog


async def new_action(app, pilot) -> None:
    await app.screen.show_tab("actions")
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
        said = app.told
        assert any(message.startswith("Not quit: the form has a problem") for message in said)
        assert "'someday' is not a date" in reads(app.screen, "due")
        assert app.screen.query_one("#field-title").value == "Page the on-call DBA"
    assert pet_clinic.read_bytes() == before


async def test_the_notice_that_a_form_stopped_quitting_goes_once_it_is_fixed(pet_clinic):
    """It stayed over the first actions for seconds after the form was fixed and saved."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "tab", "someday", "ctrl+q")
        await settle(app, pilot)
        assert any(notice.startswith("Not quit") for notice in shown_notices(app))
        await write(pilot, *["backspace"] * len("someday"), "+1w", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, FormDialog)
        assert not any(notice.startswith("Not quit") for notice in shown_notices(app))


DUE = "Due: after the freeze"


async def signal_over_an_action_form(path, *steps: str):
    """An action's form typed in, then the terminal closes (SIGHUP): the app once ended."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await write(pilot, *steps)
        app.safekeeping._on_signal(signal.SIGHUP)
        await pilot.pause()
    app.safekeeping.stand_down()
    return app


async def test_a_closed_terminal_keeps_a_form_with_a_date_it_cannot_read(pet_clinic):
    """The whole action was dropped: no recovery copy, title and owner gone."""
    before = pet_clinic.read_bytes()
    typed = ("Rotate the credentials", "tab", "Selma", "tab", "after the freeze")
    app = await signal_over_an_action_form(pet_clinic, *typed)
    assert app.return_code == 128 + signal.SIGHUP
    assert pet_clinic.read_bytes() == before
    kept = store.load(app.safekeeping.rescued)
    action = kept.actions[-1]
    assert (action.title, action.owner, action.due) == ("Rotate the credentials", "Selma", None)
    assert kept.meeting.parking_lot[-1] == (
        f"As typed when pmtui stopped · New action · Action: Rotate the credentials · {DUE}"
    )


async def test_a_form_the_record_cannot_be_made_from_is_kept_as_typed(pet_clinic):
    """No title: no action can be made, and the owner and date typed are kept as a line."""
    actions = len(store.load(pet_clinic).actions)
    app = await signal_over_an_action_form(pet_clinic, "tab", "Selma", "tab", "after the freeze")
    kept = store.load(app.safekeeping.rescued)
    assert len(kept.actions) == actions
    assert kept.meeting.parking_lot[-1] == (
        f"As typed when pmtui stopped · New action · Owner: Selma · {DUE}"
    )


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


def reads(form, name: str) -> str:
    """The line under a date or time field: what its text was read as."""
    return str(form.query_one(f"#field-{name}-reads").render())


async def test_a_due_date_says_what_it_was_read_as_while_typed_and_saves_that(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "Adam", "tab", "+1")
        assert "+1" in reads(app.screen, "due")  # not yet a date: says what would be
        await write(pilot, "m")
        assert reads(app.screen, "due") == "→ Sun 20 Dec 2026"  # the suite's day is Fri 20 Nov
        app.focused.value = "dec 12"
        await pilot.pause()
        assert reads(app.screen, "due") == "→ Sat 12 Dec 2026"
        assert "→ Sat 12 Dec 2026" in screen_text(app)
        await write(pilot, "ctrl+s", "ctrl+s")  # the form's, then the review's
        await settle(app, pilot)
    dues = {action.title: action.due for action in store.load(pet_clinic).actions}
    assert dues["Page the on-call DBA"].isoformat() == "2026-12-12"


async def test_a_wrong_due_date_is_said_under_its_field_at_80x24_and_keeps_the_rest(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Page the on-call DBA", "tab", "Adam", "tab", "someday", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert "'someday' is not a date" in screen_text(app)  # under the field, in sight
        assert app.focused is form.query_one("#field-due")
        assert form.query_one("#field-title").value == "Page the on-call DBA"
        assert form.query_one("#field-owner").value == "Adam"
        assert pet_clinic.read_bytes() == before
        app.focused.value = "next mon"
        await pilot.pause()
        await write(pilot, "ctrl+s", "ctrl+s")
        await settle(app, pilot)
    [action] = [a for a in store.load(pet_clinic).actions if a.title == "Page the on-call DBA"]
    assert (action.owner, action.due.isoformat()) == ("Adam", "2026-11-23")


async def test_the_problem_at_a_forms_foot_goes_once_its_field_is_typed_in(pet_clinic):
    """Said of a missing title, typed in one burst with ctrl+s, it stays; typing the title
    takes it away (a wrong due date's stayed under a line reading the new one)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await burst(pilot, "tab", "Adam", "ctrl+s")
        await settle(app, pilot)
        problem = app.screen.query_one("#form-error")
        assert problem.has_class("-said")
        assert str(problem.render()) == "Action: write it first (or Esc)"
        await write(pilot, "Page the on-call DBA")
        await settle(app, pilot)
        assert not problem.has_class("-said")


async def test_an_event_time_says_what_it_was_read_as(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("timeline")
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#timeline-table"))
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert reads(form, "at").startswith("→ ")  # the stored time, read back
        app.focused.value = "yesterday 6:30pm"
        await pilot.pause()
        assert reads(form, "at") == "→ Thu 19 Nov 2026 18:30"
        await write(pilot, "ctrl+s", "ctrl+s")
        await settle(app, pilot)
    times = [event.at for event in store.load(pet_clinic).timeline]
    assert any(f"{at:%Y-%m-%d %H:%M}" == "2026-11-19 18:30" for at in times)


async def test_a_long_field_label_wraps_at_80_columns_instead_of_being_cut(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(app, pilot, "timeline")
        await pilot.press("enter")
        await pilot.pause()
        label = app.screen.query(".field").first()
        text = str(label.render())
        assert len(text) > 70  # long enough to need a second line at 80x24
        assert text.split()[-1] in screen_text(app)  # its end is on screen, not cut


async def in_a_wrapup_form(path, table: str, opening_key: str, words: str) -> None:
    """Open a form from a Wrap-up table, type `words` into it and save it, then the review."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("wrapup")
        await settle(app, pilot)
        app.screen.set_focus(app.screen.query_one(table))
        await pilot.press(opening_key)
        assert isinstance(app.screen, FormDialog)
        await write(pilot, words, "ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)


async def test_words_typed_in_a_row_opened_for_editing_go_after_its_text(pet_clinic):
    """A row of one text of several lines (a lesson) opened with Enter: the cursor waits
    after its text, and what is typed goes on from there (it went in front of it)."""
    await in_a_wrapup_form(pet_clinic, "#wrapup-2", "enter", " Really")
    assert store.load(pet_clinic).lessons.went_well[0] == (
        "The post-mortem was scheduled right after the incident was resolved. Really"
    )


async def test_attempted_work_saved_with_no_effect_chosen_says_none(pet_clinic):
    """Whether it helped is the room's to say: the form offers no default, and the file
    and the export say nothing until someone picks one (it was saved as `neutral`)."""
    await in_a_wrapup_form(pet_clinic, "#wrapup-1", "n", "Restarted the app servers")
    work = store.load(pet_clinic).work
    assert [(w.what, w.effect) for w in work][-1] == ("Restarted the app servers", None)


async def test_an_action_a_participant_or_an_impact_row_left_without_its_text_is_not_saved(
    pet_clinic,
):
    """n then ctrl+s made an untitled action (and a burst with the title lost, many), and
    an impact row with no metric, a blank line in the table and the export."""
    before = store.load(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        for tab, table in (
            ("actions", "#actions-table"),
            (None, "#people-table"),
            ("impact", "#impact-table"),
        ):
            if tab:
                await app.screen.show_tab(tab)
                await settle(app, pilot)
            app.screen.set_focus(app.screen.query_one(table))
            await pilot.press("n", "ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, FormDialog)  # it stays, and says why
            assert "write it first" in str(app.screen.query_one("#form-error").render())
            await pilot.press("escape")
            await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = store.load(pet_clinic)
    assert [len(after.actions), len(after.people), len(after.impact)] == [
        len(before.actions),
        len(before.people),
        len(before.impact),
    ]


async def test_tab_after_a_forms_last_field_comes_round_to_its_first(pet_clinic):
    """Tab never stops on the form's scroll box: there it showed no cursor and the words
    typed next were lost."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        form = app.screen
        await write(pilot, "Page the DBA")
        for _ in form.fields:
            await pilot.press("tab")
        assert app.focused is form.query_one("#field-title")
        await burst(pilot, " on call")
        assert app.focused.value == "Page the DBA on call"


@pytest.mark.parametrize("tab", ["summary", "wrapup"])
async def test_tab_through_a_pane_stops_only_where_something_can_be_typed(pet_clinic, tab):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab(tab)
        await pilot.pause()
        chain = app.screen.focus_chain
        assert len(chain) > 10
        assert not [stop for stop in chain if isinstance(stop, VerticalScroll)]


async def test_esc_in_a_form_typed_in_asks_before_dropping_the_words(pet_clinic):
    """One Esc in a long answer lost every word of the form: it now asks first, and a
    second Esc drops them."""
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        form = app.screen
        await write(pilot, "Page the DBA", "escape")
        assert app.screen is form
        assert "Esc again drops what you typed · ctrl+s saves it" in screen_text(app)
        await write(pilot, " on call", "escape")  # typing goes on: Esc asks again
        assert app.screen is form
        assert form.query_one("#field-title").value == "Page the DBA on call"
        await write(pilot, "escape")
        assert app.screen is not form
        assert [a.title for a in app.session.review.actions if "DBA" in a.title] == []
        await pilot.press("n")
        await pilot.press("escape")  # an untouched form closes at once
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+q")
    assert pet_clinic.read_bytes() == before


async def test_names_pasted_one_per_line_into_a_list_field_are_each_kept(pet_clinic):
    """A paste of several lines into the co-owners field: one name per line, joined by
    commas (joined by spaces, `Tina Dan` read as one name)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action(app, pilot)
        await write(pilot, "Rotate the keys")
        app.screen.set_focus(app.screen.query_one("#field-owners"))
        await pilot.pause()
        app.focused.post_message(events.Paste("Tina\nDan\n\n  Adam\n"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.session.review.actions[-1].owners == ["Tina", "Dan", "Adam"]
