"""Words typed while the timeline table has the focus (a review with events opens there)
become an event on the entry line; the one-key commands they spell never run."""

import tomllib

import pytest
from helpers import SIZE, app_on, burst, settle, until
from textual import events

from pmtui.tui.screens.meeting import MeetingScreen

SENTENCE = "Rollback agreed, then send a status memo"
"""Holds n (add), d (delete), s (star) and m (milestones): each a key of the table."""


def key_name(character: str) -> str:
    return {" ": "space", ",": "comma"}.get(character, character)


def saved_timeline(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))["timeline"]


def starred_and_milestones(timeline):
    return [(event.get("starred", False), event.get("milestone", [])) for event in timeline]


async def test_a_sentence_typed_on_the_table_becomes_an_event_and_runs_no_command(pet_clinic):
    before = saved_timeline(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "timeline-table"
        for character in SENTENCE:
            await pilot.press(key_name(character))
            assert isinstance(app.screen, MeetingScreen)  # no form, no question opened
        entry = app.screen.query_one("#timeline-entry")
        assert app.focused is entry
        assert entry.value == SENTENCE
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
    after = saved_timeline(pet_clinic)
    added = [event for event in after if event["text"] == SENTENCE]
    assert len(added) == 1 and added[0]["approx"] is True
    assert len(after) == len(before) + 1
    kept = [event for event in after if event["text"] != SENTENCE]
    assert starred_and_milestones(kept) == starred_and_milestones(before)


@pytest.mark.parametrize("then", ["nothing", "down"])
async def test_a_table_key_acts_after_its_wait_or_before_the_next_key(pet_clinic, then):
    """`s` alone stars the row once its wait is over; `s` then ↓, however fast, stars the
    row under the cursor, then the cursor moves."""
    app = app_on(pet_clinic)
    app.word_wait = 0.01 if then == "nothing" else 60.0  # 60: only the next key decides
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.focused
        event = table.current_record()
        starred = event.starred
        await pilot.press("s")
        if then == "down":
            assert event.starred is starred  # waiting to see whether a word follows
            await pilot.press("down")
            assert table.current_record() is not event
        await until(pilot, lambda: event.starred is not starred)  # the wait is a real timer
        assert app.screen.query_one("#timeline-entry").value == ""


@pytest.mark.parametrize(
    "words",
    [
        "server restarted",
        "mitigated by rollback",
        "deploy undone",
        "network down",
        "ssh keys",
        "ddos",
    ],
)
async def test_a_word_starting_with_a_table_key_goes_whole_on_the_line(pet_clinic, words):
    """`s`, `m`, `d` and `n` start words too, twice over too (`ssh`): typed at a person's
    pace, none stars, opens the milestones, asks to delete or opens an empty line, and the
    word keeps its first letters."""
    before = saved_timeline(pet_clinic)
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for character in words:
            await pilot.press(key_name(character))
            assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#timeline-entry").value == words
        assert not app.screen.query("Toast")  # no delete question
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
    after = saved_timeline(pet_clinic)
    assert [event["text"] for event in after if event["text"] == words] == [words]
    kept = [event for event in after if event["text"] != words]
    assert starred_and_milestones(kept) == starred_and_milestones(before)


async def test_keys_already_queued_for_the_table_follow_onto_the_entry_line(pet_clinic):
    """Typed fast, keys reach the table before it has handed the focus on: those after the
    first follow it, command letters too."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.focused
        starred = [event.starred for event in app.session.review.timeline]
        for character in "Rn sd":
            table.post_message(events.Key(key_name(character), character))
        await pilot.pause()
        assert app.screen.query_one("#timeline-entry").value == "Rn sd"
        assert isinstance(app.screen, MeetingScreen)
        assert [event.starred for event in app.session.review.timeline] == starred


async def test_text_pasted_on_the_table_goes_on_the_entry_line_without_control_bytes(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.focused.post_message(events.Paste("Pager fires\x1b[31m again\nsecond line"))
        await pilot.pause()
        entry = app.screen.query_one("#timeline-entry")
        assert app.focused is entry
        assert entry.value == "Pager fires[31m again second line"  # no line lost
        assert app.told[-1] == (
            "2 pasted lines joined into one event · ctrl+t makes an event of each line"
        )


async def test_lines_pasted_on_the_entry_line_are_one_event_and_it_says_so(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        entry = app.screen.query_one("#timeline-entry")
        entry.post_message(events.Paste("10:02 db slow\n\n10:05 pager fires\n"))
        await pilot.pause()
        assert entry.value == "10:02 db slow 10:05 pager fires"
        assert app.told[-1].startswith("2 pasted lines joined into one event")
        told = len(app.told)
        entry.post_message(events.Paste(" one line"))
        await pilot.pause()
        assert entry.value.endswith(" one line") and len(app.told) == told  # nothing to say


async def test_escape_from_the_entry_line_keeps_its_words(pet_clinic):
    """Esc goes back to the table and the half-typed line stays: typing on the table goes
    on after it, and quitting adds it as an event."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Tina says", "escape")
        entry = app.screen.query_one("#timeline-entry")
        assert app.focused.id == "timeline-table"
        assert entry.value == "Tina says"
        await pilot.press("space", *"green", "ctrl+q")
        await settle(app, pilot)
    assert [event["text"] for event in saved_timeline(pet_clinic)].count("Tina says green") == 1


@pytest.mark.parametrize("fast", [True, False])
async def test_words_typed_on_the_table_go_on_after_the_lines_words_a_space_apart(pet_clinic, fast):
    """They were glued to the last word ("sentenceand"); the words' own letters, fast or
    not, reach the line one after another."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"half typed sentence", "escape")
        assert app.focused.id == "timeline-table"
        if fast:
            await burst(pilot, "and continued")
        else:
            await pilot.press(*map(key_name, "and continued"))
        entry = app.screen.query_one("#timeline-entry")
        assert entry.value == "half typed sentence and continued"


async def test_events_typed_fast_on_the_entry_line_stay_apart(pet_clinic):
    """Enter in a burst adds what was typed before it; what comes after is the next event
    (as Input's plain binding, Enter ran once the later keys were in: one event of both)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await burst(pilot, "10:31 first line", "enter", "10:32 second line", "enter", "third")
        await settle(app, pilot)
        assert app.screen.query_one("#timeline-entry").value == "third"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    texts = {event["text"]: event["at"] for event in saved_timeline(pet_clinic)}
    assert (texts["first line"].hour, texts["first line"].minute) == (10, 31)
    assert (texts["second line"].hour, texts["second line"].minute) == (10, 32)


async def test_enter_typed_fast_after_words_on_the_table_adds_them(pet_clinic):
    """Enter queued at the table behind the words it sent on adds their event; it does not
    open the table row's form."""
    before = saved_timeline(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.focused
        for character in "Tina confirms":
            table.post_message(events.Key(key_name(character), character))
        table.post_message(events.Key("enter", None))
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#timeline-entry").value == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = saved_timeline(pet_clinic)
    assert len(after) == len(before) + 1
    assert [event["text"] for event in after].count("Tina confirms") == 1


async def test_a_time_typed_on_the_table_starts_the_event_at_that_time(pet_clinic):
    """Times begin with a digit, the tab keys elsewhere: on the timeline table a digit is
    typed, and ctrl+pagedown changes tabs."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for character in "14:53 DB paged":
            await pilot.press(key_name(character))
        assert app.screen.query_one("#tabs").active == "timeline"
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        app.screen.set_focus(app.screen.query_one("#timeline-table"))
        # The focus's news reaches the tabs a few messages later, and makes its pane the
        # active tab: let it land first, or it takes back the tab ctrl+pagedown showed.
        await pilot.pause()
        await pilot.press("ctrl+pagedown")
        assert app.screen.query_one("#tabs").active == "impact"
    added = [event for event in saved_timeline(pet_clinic) if event["text"] == "DB paged"]
    assert len(added) == 1
    assert (added[0]["at"].hour, added[0]["at"].minute) == (14, 53)


async def test_a_table_key_starting_a_burst_is_the_words_first_letter(pet_clinic):
    """Keys read together from the terminal are one word: `s` then "end logs" is
    "send logs" on the line, and no row is starred. It used to star the row and lose
    the `s`."""
    app = app_on(pet_clinic)
    app.word_wait = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        event = app.focused.current_record()
        starred = event.starred
        await burst(pilot, "send logs")
        assert event.starred is starred
        assert app.screen.query_one("#timeline-entry").value == "send logs"


@pytest.mark.parametrize("then", ["ctrl+n", "f9"])
async def test_a_waiting_table_key_never_runs_once_the_scribe_went_elsewhere(pet_clinic, then):
    """`m` then ctrl+n (or F9, keys the table never sees): the milestones dialog used to
    open once the wait was over, over the words typed meanwhile, and took them."""
    app = app_on(pet_clinic)
    app.word_wait = 1.0  # long enough that `then` comes first, even on a loaded machine
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        event = app.focused.current_record()
        milestones = list(event.milestone)
        await pilot.press("m", then)
        await pilot.pause(1.5)  # past the wait
        await pilot.press(*"db down")
        assert app.focused.value == "db down"
        assert not any(type(screen).__name__ == "FormDialog" for screen in app.screen_stack)
        assert event.milestone == milestones


@pytest.mark.parametrize(
    "words",
    [
        "dd if=/dev/zero ran",
        "ss -tlnp showed port closed",
        "d 5 hosts",
        "nn 42 hosts",
        "s3 bucket",
        "m. smith",
    ],
)
async def test_a_word_of_table_keys_alone_goes_whole_on_the_line(pet_clinic, words):
    """Typed in one burst, `dd`, `ss`, `d` or `nn` then a space are words as `s3` or `m.`
    are: on the line, nothing deleted, starred or ticked. The space used to drop them, and
    itself: `dd if=/dev/zero ran` wrote `if=/dev/zero ran`."""
    before = saved_timeline(pet_clinic)
    app = app_on(pet_clinic)
    app.word_wait = 60.0  # only the next key decides
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        timeline = list(app.session.review.timeline)
        await burst(pilot, words)
        assert app.screen.query_one("#timeline-entry").value == words
        assert isinstance(app.screen, MeetingScreen)  # no milestones dialog
        assert not app.screen.query("Toast")  # no delete question
        assert app.session.review.timeline == timeline
        await burst(pilot, "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = saved_timeline(pet_clinic)
    assert [event["text"] for event in after if event["text"] == words] == [words]
    kept = [event for event in after if event["text"] != words]
    assert [event["text"] for event in kept] == [event["text"] for event in before]
    assert starred_and_milestones(kept) == starred_and_milestones(before)


async def test_enter_then_tab_typed_at_once_edit_the_row_in_its_form(pet_clinic):
    """Enter on a row opens its form; Tab typed with it goes to the form's next field. The
    app runs Tab itself (between fields): it went ahead of the Enter still on its way to
    the table, the focus went to the entry line, no form opened, and Enter added the
    words left there as an event."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("timeline")
        await settle(app, pilot)
        entry = app.screen.query_one("#timeline-entry")
        entry.value = "half words"  # left there before an Esc
        app.screen.set_focus(app.screen.query_one("#timeline-table"))
        await pilot.pause()
        texts = [event.text for event in app.session.review.timeline]
        await burst(pilot, "enter", "tab", "end", " E1", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert [event.text for event in app.session.review.timeline] == [
            texts[0] + " E1",
            *texts[1:],
        ]
        assert entry.value == "half words"
