"""Keys typed right after the key that closes a dialog (Enter, ctrl+s, Esc) go to what is
on screen once it has closed, however fast they come: they used to reach the dialog's own
field or list first, so a note ran into the one just saved (and, saved twice, crashed the
app), a form's next record went into its date field, and words after a milestone vanished."""

import datetime as dt

import pytest
from helpers import NOW, SIZE, app_on, burst, on_table, saved, settle, until, write
from textual import events

from pmtui.tui.app import make_app
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.meeting.type_ahead import until_dealt_with
from pmtui.tui.screens.meeting import MeetingScreen


async def burst_then_saved(app, pilot, opening: str, *keys: str) -> None:
    """The key `opening` a dialog, and once it is up, `keys` in one burst (as a terminal
    sends them); then ctrl+s once they have landed."""
    await pilot.press(opening)
    await settle(app, pilot)
    assert not isinstance(app.screen, MeetingScreen)
    await burst(pilot, *keys)
    await settle(app, pilot)
    assert isinstance(app.screen, MeetingScreen)  # every dialog in the burst has closed
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def new_action_form(app, pilot) -> None:
    await on_table(app, pilot, "actions", "#actions-table")
    await pilot.press("n")
    await settle(app, pilot)


async def test_a_parking_lot_topic_then_a_decision_typed_in_one_go(pet_clinic):
    before = saved(pet_clinic)["meeting"]
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await burst_then_saved(app, pilot, "f8", "topic C", "enter", "f9", "decision D", "enter")
    meeting = saved(pet_clinic)["meeting"]
    assert meeting["parking_lot"] == [*before.get("parking_lot", []), "topic C"]
    assert meeting["decisions"] == [*before.get("decisions", []), "decision D"]


async def test_an_event_typed_right_after_a_parking_lot_topic_is_added(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await burst_then_saved(
            app, pilot, "f8", "topic E", "enter", "14:40 Tina restarts the pods", "enter"
        )
    review = saved(pet_clinic)
    assert review["meeting"]["parking_lot"][-1] == "topic E"
    assert "Tina restarts the pods" in [event["text"] for event in review["timeline"]]


async def test_two_actions_typed_one_after_the_other_in_one_go(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst_then_saved(app, pilot, "n", "Gamma", "enter", "n", "Delta", "enter")
    titles = [action["title"] for action in saved(pet_clinic)["actions"]]
    assert titles[-2:] == ["Gamma", "Delta"]


async def test_the_next_action_typed_right_after_ctrl_s_is_its_own(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst_then_saved(
            app, pilot, "n", "First", "tab", "Dan", "tab", "+1w", "ctrl+s",
            "n", "Second action typed fast", "tab", "Tina", "ctrl+s",
        )  # fmt: skip
    first, second = saved(pet_clinic)["actions"][-2:]
    assert (first["title"], first["owner"]) == ("First", "Dan") and "due" in first
    assert (second["title"], second["owner"]) == ("Second action typed fast", "Tina")


async def test_words_typed_right_after_ticking_a_milestone_make_the_next_event(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "ctrl+n", "15:45 status page updated", "enter")
        await settle(app, pilot)
        await burst_then_saved(
            app, pilot, "ctrl+l", "1", "enter", "Selma closed the bridge call", "enter"
        )
    timeline = saved(pet_clinic)["timeline"]
    [updated] = [event for event in timeline if event["text"] == "status page updated"]
    assert updated.get("milestone")
    assert "Selma closed the bridge call" in [event["text"] for event in timeline]


async def test_escape_then_typing_goes_on_below_the_closed_note(pet_clinic):
    """Esc keeps the note as a draft; the words after it are the next event's."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await burst_then_saved(app, pilot, "f8", "half a topic", "escape", "db back", "enter")
    assert "db back" in [event["text"] for event in saved(pet_clinic)["timeline"]]


async def test_enter_in_a_long_text_field_starts_a_line_and_holds_nothing(pet_clinic):
    """Only a key that can close the dialog makes the keys after it wait."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action_form(app, pilot)
        form = app.screen
        assert form.may_close_on("enter") and form.may_close_on("ctrl+s")  # in the title
        assert not form.may_close_on("a") and not form.may_close_on("tab")
        form.set_focus(form.query_one("#field-description"))
        assert not form.may_close_on("enter")
        await burst(pilot, "first line", "enter", "second line")
        await settle(app, pilot)
        assert form.query_one("#field-description").text == "first line\nsecond line"


async def test_words_held_behind_a_closing_key_come_back_without_a_wait_per_letter(
    pet_clinic, monkeypatch
):
    """Each held key waited for the app to go idle (20 ms at least): a sentence typed after
    ctrl+s took seconds to appear. Characters into a field now follow each other at once."""
    from pmtui.tui.meeting import type_ahead

    waits = []
    idle = type_ahead.wait_for_idle

    async def counted(*args) -> None:
        waits.append(args)
        await idle(*args)

    monkeypatch.setattr(type_ahead, "wait_for_idle", counted)
    sentence = "db restored at 14:20 after the failover"
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await burst_then_saved(app, pilot, "f8", "topic", "enter", "ctrl+n", sentence, "enter")
    assert sentence in [event["text"] for event in saved(pet_clinic)["timeline"]]
    assert 0 < len(waits) < 10  # ctrl+n, Enter, the first letters: not one per character


async def a_line_over_an_action_form(path, key: str, words: str) -> dict:
    """In a new action's form, half its title, then `key` and `words` on the line it opens
    (Enter adds them), then the rest of the title and ctrl+s, all typed fast; the review
    as then saved (the clock stopped at NOW)."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await new_action_form(app, pilot)
        await burst(pilot, "Add a retention check", key, words, "enter")
        await burst(pilot, " in CI", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    return saved(path)


async def test_f8_from_a_form_parks_a_topic_and_the_form_goes_on_as_typed(pet_clinic):
    """F8 did nothing in a form: the topic typed after it ran into the action's title."""
    review = await a_line_over_an_action_form(pet_clinic, "f8", "who owns the backups")
    assert review["meeting"]["parking_lot"][-1] == "who owns the backups"
    assert review["actions"][-1]["title"] == "Add a retention check in CI"


async def test_ctrl_n_from_a_form_adds_an_event_now_and_the_form_goes_on_as_typed(pet_clinic):
    """ctrl+n did nothing in a form: the event's words ran into the action's title."""
    review = await a_line_over_an_action_form(pet_clinic, "ctrl+n", "db restarted")
    assert review["actions"][-1]["title"] == "Add a retention check in CI"
    [event] = [e for e in review["timeline"] if e["text"] == "db restarted"]
    assert event["at"] == NOW


async def test_esc_on_ctrl_ns_line_over_a_form_puts_its_words_on_the_entry_line(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await new_action_form(app, pilot)
        await burst(pilot, "ctrl+n", "half an event", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.screen_stack[-2].query_one("#timeline-entry").value == "half an event"


@pytest.mark.parametrize("way_to_the_line", ["tab", "n"])
async def test_words_put_on_the_entry_line_by_esc_keep_the_moment_ctrl_n_was_pressed(
    pet_clinic, way_to_the_line
):
    """They were added after the last event, marked about, as if ctrl+n was never pressed
    (`n`, the table's key for the entry line, dropped the moment of words half-typed there
    after ctrl+n too)."""
    clock = [NOW]
    app = make_app(pet_clinic, clock=lambda: clock[0], autosave_delay=60.0)
    app.word_wait = 0.0
    async with app.run_test(size=SIZE) as pilot:
        await new_action_form(app, pilot)
        await burst(pilot, "Add a retention check", "ctrl+n", "Selma joins the call", "escape")
        await settle(app, pilot)
        clock[0] = NOW + dt.timedelta(minutes=5)
        await pilot.press("ctrl+s")  # the action
        await settle(app, pilot)
        await on_table(app, pilot, "timeline", "#timeline-table")
        await pilot.press(way_to_the_line)
        assert app.focused.id == "timeline-entry"
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
    [event] = [e for e in saved(pet_clinic)["timeline"] if e["text"] == "Selma joins the call"]
    assert (event["at"], event.get("approx", False)) == (NOW, False)


async def test_save_as_typed_in_one_go_saves_there_and_the_words_after_are_an_event(
    pet_clinic,
):
    """A plain field ran ctrl+u and Enter after the characters behind them: the review was
    saved to a file named after the next event's words."""
    target = pet_clinic.with_name("saved.toml")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await settle(app, pilot)
        await burst(pilot, "ctrl+u", str(target), "enter", "next words", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path == target
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert "next words" in [event["text"] for event in saved(target)["timeline"]]
    assert sorted(path.name for path in target.parent.iterdir() if path.suffix != ".toml") == []


async def test_an_action_typed_before_its_form_is_drawn_keeps_its_keys_in_order(
    pet_clinic, monkeypatch
):
    """The form's first field took the characters before the form was drawn, while the
    ctrl+s among them waited for it, so the next action's `n` and title went into this
    one's owner."""
    app = app_on(pet_clinic)
    keys = [*typed("First action"), events.Key("tab", "\t"), *typed("Dan")]
    keys += [events.Key("ctrl+s", None), events.Key("n", "n"), *typed("Second")]
    opened = FormDialog.on_mount

    def typed_on_as_it_opens(form: FormDialog) -> None:
        """The next reads of a paste or a slow link: they come as the first field takes
        the focus, before the form is drawn."""
        opened(form)
        if keys:
            for key in keys:
                app.post_message(key)
            keys.clear()

    monkeypatch.setattr(FormDialog, "on_mount", typed_on_as_it_opens)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        before = len(app.session.review.actions)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)  # the second action's, its title typed
        assert app.screen.focused.value == "Second"
        first = app.session.review.actions[before]
        assert (first.title, first.owner) == ("First action", "Dan")


def typed(text: str) -> list[events.Key]:
    return [events.Key("space" if c == " " else c, c) for c in text]


@pytest.mark.parametrize(("opening", "typed_first"), [("f8", "topic F"), ("ctrl+g", "")])
async def test_the_wait_after_enter_lasts_until_the_dialog_has_closed(
    pet_clinic, opening, typed_first
):
    """Enter's binding is a field's or a list's: it posts their own message, and that
    message closes the dialog on its way up. Following Enter alone, the wait could end with
    the dialog still open, and only the app looking idle kept the next key out of it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(opening)
        await settle(app, pilot)
        dialog = app.screen
        if typed_first:
            await write(pilot, typed_first)
        app.post_message(events.Key("enter", "\r"))
        await until_dealt_with(app, dialog, sent_on=False)
        assert app.screen is not dialog


async def test_ctrl_q_quits_while_a_dialog_is_not_drawn_yet(pet_clinic):
    """Keys for a dialog not drawn yet wait for it; ctrl+q waited too, and would have
    waited for ever had the dialog never been drawn."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await settle(app, pilot)
        app.screen.drawn = False  # as before its first frame
        app.post_message(events.Key("ctrl+q", None))
        await until(pilot, lambda: not app.is_running)


async def test_words_typed_after_a_palette_command_go_into_the_note_it_opens(pet_clinic):
    """Enter ran the palette's "park a topic" once the palette had gone: the words typed
    on went into the palette as it went, and a second Enter ran it again with no palette
    left to close, which crashed the app."""
    before = saved(pet_clinic)["meeting"]["parking_lot"]
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await write(pilot, "park")
        await settle(app, pilot)
        await burst(pilot, "enter", "topic from the palette", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert saved(pet_clinic)["meeting"]["parking_lot"] == [*before, "topic from the palette"]


async def test_escape_from_the_palette_then_words_go_on_the_entry_line(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")  # the entry line
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await burst(pilot, "escape", "db restored")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#timeline-entry").value == "db restored"


async def test_an_action_then_a_decision_typed_in_one_go_keeps_both(pet_clinic):
    """F9 is run as the app reads it, ahead of `n` and the title still on their way to
    the table: the decision took "nWrite the runbook" and no action was made."""
    app = app_on(pet_clinic)
    app.word_wait = 60.0  # as the app runs: only the next key decides for a table's letter
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await burst(pilot, "n", "Write the runbook", "f9", "we write runbooks", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused.value == "Write the runbook"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    review = saved(pet_clinic)
    assert review["meeting"]["decisions"][-1] == "we write runbooks"
    assert review["actions"][-1]["title"] == "Write the runbook"
