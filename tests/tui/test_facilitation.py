"""Running the meeting, key by key, on a clock the test moves by hand."""

import datetime as dt
import errno
import os
import tomllib

import pytest
from helpers import NOW, SIZE, burst, settle, until, write
from textual.widgets import Select

from pmtui.export import markdown
from pmtui.files import store
from pmtui.tui.app import make_app
from pmtui.tui.dialogs.ground_rules import GroundRulesCard
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.meeting.type_ahead import Grace


class FakeClock:
    """Stands still until a test moves it on."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def app_with_clock(path, clock):
    return make_app(path, clock=clock, autosave_delay=60.0)


def header_clock(app) -> str:
    app.screen.query_one("#meeting-clock").tick()
    return str(app.screen.query_one("#meeting-clock").render())


def overrun(app) -> bool:
    return app.screen.query_one("#review-header").has_class("-overrun")


async def start_meeting(pilot) -> None:
    await pilot.press("f5")
    assert isinstance(pilot.app.screen, GroundRulesCard)
    await pilot.press("enter")  # any key puts the ground rules away
    assert not isinstance(pilot.app.screen, GroundRulesCard)


async def test_a_note_typed_straight_after_f5_keeps_its_first_letter(pet_clinic):
    """The card takes the first key to go away, and a character goes on into the note: on
    the timeline table (the sample opens there) it goes onto the entry line."""
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused.id == "timeline-table"
        await pilot.press("f5", *"Chun joined")
        await pilot.pause()
        assert not isinstance(app.screen, GroundRulesCard)
        assert app.screen.query_one("#timeline-entry").value == "Chun joined"


async def test_keys_arriving_in_one_read_with_the_key_that_closes_the_card(pet_clinic):
    """Keys in one read (a paste, keys batched over ssh) all reach the card before it is
    gone: the first closes it, the rest go on into the note, Enter adds it. Two Enters
    close it once (closing it twice crashed the app)."""
    for keys, added in ((("Chun joined", "enter"), ["Chun joined"]), (("enter", "enter"), [])):
        app = app_with_clock(pet_clinic, FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            before = [event.text for event in app.session.review.timeline]
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, GroundRulesCard)
            await burst(pilot, *keys)
            await pilot.pause()
            assert not isinstance(app.screen, GroundRulesCard)
            after = [event.text for event in app.session.review.timeline]
            assert [text for text in after if text not in before] == added
            assert app.screen.query_one("#timeline-entry").value == ""


async def test_enter_space_or_escape_only_put_the_ground_rules_away(pet_clinic):
    for key in ("enter", "space", "escape"):
        app = app_with_clock(pet_clinic, FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            events = len(app.session.review.timeline)
            await pilot.press("f5", key)
            await pilot.pause()
            assert not isinstance(app.screen, GroundRulesCard)
            assert app.screen.query_one("#timeline-entry").value == ""
            assert len(app.session.review.timeline) == events


async def test_timeboxes_overrun_and_the_saved_times(pet_clinic):
    clock = FakeClock()
    app = app_with_clock(pet_clinic, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query_one("#meeting-clock").display
        await start_meeting(pilot)
        assert "Blameless" not in str(app.screen.query_one("#header-title").render())
        assert "Ground rules  3:00 left" in header_clock(app)
        clock.advance(minutes=2, seconds=30)
        assert "Ground rules  0:30 left" in header_clock(app)
        assert "meeting 2:30 / 58:00" in header_clock(app)
        assert not overrun(app)
        clock.advance(minutes=1, seconds=15)
        assert "Ground rules  0:45 over" in header_clock(app)
        assert overrun(app)
        await pilot.press("ctrl+o")  # the next item: the timeline, on its own tab
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "timeline"
        assert "Timeline  15:00 left" in header_clock(app)
        assert not overrun(app)
        clock.advance(minutes=5)
        await pilot.press("f5", "ctrl+s")
        await settle(app, pilot)
        assert "meeting stopped · 8:45" in header_clock(app)

    meeting = tomllib.loads(pet_clinic.read_text())["meeting"]
    assert (meeting["started_at"], meeting["ended_at"]) == (NOW, clock.now)
    rules, timeline = meeting["agenda"][:2]
    assert rules["started_at"] == NOW and rules["spent_seconds"] == 225
    assert timeline["ended_at"] == clock.now and timeline["spent_seconds"] == 300


@pytest.mark.parametrize("columns", [80, 60])
async def test_the_saved_mark_stays_in_view_beside_a_running_clock(pet_clinic, columns):
    """At 80 columns, or 60, with an agenda item of a long title, the header keeps the
    saved mark in what its text widget can show (it was cut off at the right)."""
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=(columns, 24)) as pilot:
        app.session.review.meeting.agenda[0].title = "Ground rules, and the blameless way " * 3
        await start_meeting(pilot)
        await settle(app, pilot)
        for selector in ("#header-title", "#meeting-clock"):
            widget = app.screen.query_one(selector)
            assert widget.render().cell_length <= widget.content_size.width
        title = app.screen.query_one("#header-title").render().plain
        assert title.rstrip().endswith("● unsaved") and "Pet Clinic" in title
        assert "▶ Ground rule" in header_clock(app) and "left" in header_clock(app)


async def test_a_tab_moves_the_agenda_unless_pinned(pet_clinic):
    clock = FakeClock()
    app = app_with_clock(pet_clinic, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+3")  # before the meeting: nothing moves
        assert app.session.review.meeting.started_at is None
        await start_meeting(pilot)
        await pilot.press("alt+2")
        await pilot.pause()
        assert "▶ Timeline" in header_clock(app)
        await pilot.press("ctrl+b", "alt+4")
        await pilot.pause()
        assert "pinned: Timeline" in header_clock(app)
        await pilot.press("ctrl+b", "5")

        def on_action_items() -> bool:
            """the agenda on the action items (a digit on a table waits a moment for more)"""
            return "▶ Action items" in header_clock(app)

        await until(pilot, on_action_items)
        await pilot.press("alt+4", "alt+5")  # back and forth: the actions clock carries on
        clock.advance(minutes=1)
        assert "Action items  14:00 left" in header_clock(app)


async def test_parking_lot_and_decisions_from_any_pane_end_up_in_the_file(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "half-typed event")  # inside the timeline's entry line
        await pilot.press("f8")
        await write(pilot, "On-call rota for weekends", "enter")
        await pilot.press("alt+6", "f9")  # the wrap-up tab, from inside the entry line
        await write(pilot, "Alerts go to the team channel", "enter")
        await pilot.press("f8", "escape")  # closed: nothing parked
        assert app.screen.query_one("#timeline-entry").value == "half-typed event"
        parked = app.screen.query_one("#wrapup-7")  # the wrap-up's parking-lot table
        assert parked.cells(parked.row_count - 1)[0].plain == "On-call rota for weekends"
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    meeting = tomllib.loads(pet_clinic.read_text())["meeting"]
    assert meeting["parking_lot"][-1] == "On-call rota for weekends"
    assert meeting["decisions"][-1] == "Alerts go to the team channel"
    assert "- On-call rota for weekends" in markdown.render(store.load(pet_clinic))


async def test_speaking_turns_are_counted_and_the_quiet_are_named(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        people = app.session.review.people
        await start_meeting(pilot)
        not_heard = app.screen.query_one("#not-heard")
        assert str(not_heard.render()).startswith("Not heard yet: Chun, Paulo, Santhosh")
        await pilot.press("ctrl+g", "down", "down", "enter")  # Santhosh speaks
        await pilot.press("ctrl+g", "enter")  # again: the picker starts on the last speaker
        await pilot.pause()
        assert people[2].spoke == 2
        assert "Santhosh" not in str(not_heard.render())
        assert "Chun" in str(not_heard.render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert tomllib.loads(pet_clinic.read_text())["people"][2]["spoke"] == 2


async def test_the_speaker_is_found_by_typing_the_start_of_the_name(pet_clinic):
    """Typing `ad` finds Adam; then `t`, which fits no name after `ad`, starts again: Tina. A
    letter that fits nobody moves nothing."""
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        people = {person.name: person for person in app.session.review.people}
        await pilot.press("ctrl+g", "a", "d", "enter")
        await pilot.press("ctrl+g", "a", "d", "t", "z", "enter")
        await pilot.pause()
        assert (people["Adam"].spoke, people["Tina"].spoke, people["Chun"].spoke) == (1, 1, 0)


async def test_presentation_mode_shows_only_the_pane(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one("#tabs")
        narrow = tabs.region.width
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.has_class("-presenting")
        assert app.screen.query_one("#sidebar").region.width == 0
        assert app.screen.query_one("Footer").region.height == 0
        assert tabs.region.width == SIZE[0] > narrow
        assert app.screen.query_one("#timeline").styles.padding.left > 1
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert tabs.region.width == narrow


async def test_anonymise_shows_roles_on_screen_and_in_export(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.screen.query_one("#timeline-table")
        people = app.screen.query_one("#people-table")

        def row_text(table, row):
            return " ".join(cell.plain for cell in table.cells(row))

        adam_row = next(
            row for row in range(timeline.row_count) if "Adam" in row_text(timeline, row)
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Adam" not in row_text(timeline, adam_row)
        assert "IT Admin / SRE" in row_text(timeline, adam_row)
        assert row_text(people, 0).split()[1] == "DevOps"
        await pilot.press("ctrl+e")
        await pilot.pause()
        preview = app.screen.text
        assert "Adam" not in preview and "IT Admin / SRE" in preview
        await pilot.press("escape", "ctrl+r")
        await pilot.pause()
        assert "Adam" in row_text(timeline, adam_row)
    assert "Adam" in pet_clinic.read_text()  # the file keeps the names


def test_presenting_a_running_meeting_anonymised_looks_right(snap_compare, pet_clinic):
    """Presentation and anonymise modes, the clock red: the Ground rules ran a minute over."""
    clock = FakeClock()

    async def run_before(pilot) -> None:
        await start_meeting(pilot)
        clock.advance(minutes=4)
        await pilot.press("ctrl+f", "ctrl+r")
        pilot.app.screen.query_one("#meeting-clock").tick()
        pilot.app.clear_notifications()
        await settle(pilot.app, pilot)

    assert snap_compare(
        app_with_clock(pet_clinic, clock), run_before=run_before, terminal_size=SIZE
    )


async def test_agenda_items_are_edited_in_the_wrap_up(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+6")
        await pilot.pause()
        agenda = app.screen.query_one("#wrapup-15")
        app.screen.set_focus(agenda)
        await write(pilot, "n", "Coffee break", "tab", "10", "ctrl+s")  # no tab of its own
        await pilot.press("up")  # the Wrap-up item: give it 8 minutes
        await pilot.press("enter")
        app.screen.query_one("#field-minutes").value = "8"
        await pilot.press("ctrl+s", "down", "enter")  # the break opens again for editing
        await pilot.pause()
        assert app.screen.query_one("#field-tab").value is Select.NULL
        await pilot.press("escape", "ctrl+s")
        await settle(app, pilot)
    agenda = tomllib.loads(pet_clinic.read_text())["meeting"]["agenda"]
    assert agenda[-2:] == [
        {"title": "Wrap-up", "minutes": 8, "tab": "wrapup"},
        {"title": "Coffee break", "minutes": 10},
    ]


async def test_meeting_times_are_saved_to_the_second(pet_clinic):
    clock = FakeClock()
    clock.advance(seconds=1.25)
    app = app_with_clock(pet_clinic, clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    meeting = tomllib.loads(pet_clinic.read_text())["meeting"]
    assert meeting["started_at"] == NOW + dt.timedelta(seconds=1)
    assert meeting["agenda"][0]["started_at"] == NOW + dt.timedelta(seconds=1)


async def test_ctrl_q_with_a_parking_lot_line_typed_keeps_it(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await write(pilot, "Weekend on-call rota", "ctrl+q")
        assert app.return_code == 0
    assert tomllib.loads(pet_clinic.read_text())["meeting"]["parking_lot"][-1] == (
        "Weekend on-call rota"
    )


async def test_a_line_closed_with_escape_comes_back_when_opened_again(pet_clinic):
    """Esc in a hurry loses no words: the next F8 opens with them (F9 keeps its own)."""
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await write(pilot, "Weekend on-call rota", "escape")
        assert app.session.review.meeting.parking_lot[-1] != "Weekend on-call rota"
        assert "Line kept: f8 brings it back, ctrl+u empties it" in app.told
        await pilot.press("f9")
        assert app.screen.query_one("#line-input").value == ""
        await pilot.press("escape", "f8")
        await write(pilot, " and holidays", "enter")
        await pilot.press("f8")
        assert app.screen.query_one("#line-input").value == ""  # added: no draft left
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    parked = tomllib.loads(pet_clinic.read_text())["meeting"]["parking_lot"]
    assert parked[-1] == "Weekend on-call rota and holidays"


async def test_lines_closed_with_escape_go_into_the_file_on_quitting(pet_clinic):
    """A line kept with Esc lived in memory only: quitting with its dialog closed lost it."""
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await write(pilot, "Weekend on-call rota", "escape")
        await pilot.press("f9")
        await write(pilot, "  Keep the weekly upgrade window  ", "escape", "ctrl+q")
        assert app.return_code == 0
    meeting = tomllib.loads(pet_clinic.read_text())["meeting"]
    assert meeting["parking_lot"][-1] == "Weekend on-call rota"
    assert meeting["decisions"][-1] == "Keep the weekly upgrade window"


async def test_anonymise_masks_the_summary_fields_and_changes_nothing_in_the_file(pet_clinic):
    from pmtui.tui.panes.summary import INCIDENT_FIELDS

    before = pet_clinic.read_bytes()
    summary = f"#live-{[spec.name for spec in INCIDENT_FIELDS].index('summary')}"
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+1")
        await pilot.pause()
        field = app.screen.query_one(summary)
        assert "Adam, Dan and Tina" in field.text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Adam" not in field.text and "IT Admin" in field.text and field.disabled
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Adam, Dan and Tina" in field.text and not field.disabled
        await pilot.press("ctrl+q")
    assert pet_clinic.read_bytes() == before


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        ("", "Minutes (the timebox): empty: write a whole number, like 10"),
        ("ten", "Minutes (the timebox): not a whole number (got 'ten')"),
        ("-5", "Minutes (the timebox): must be 0 or more (got '-5')"),
    ],
)
async def test_an_agenda_items_minutes_not_a_number_are_said_in_words(pet_clinic, minutes, said):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+6")
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#wrapup-15"))
        await write(pilot, "n", "Coffee break", "tab", "ctrl+u")
        await write(pilot, *([minutes] if minutes else []), "ctrl+s")
        assert str(app.screen.query_one("#form-error").render()) == said
        assert app.screen.query_one("#field-title").value == "Coffee break"


async def test_quitting_stops_the_meeting_and_the_time_closed_never_counts(pet_clinic):
    clock = FakeClock()
    app = app_with_clock(pet_clinic, clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        clock.advance(minutes=2)
        await pilot.press("ctrl+q")
        assert app.return_code == 0
    meeting = tomllib.loads(pet_clinic.read_text())["meeting"]
    assert meeting["ended_at"] == clock.now
    ground_rules = meeting["agenda"][0]
    assert (ground_rules["ended_at"], ground_rules["spent_seconds"]) == (clock.now, 120)
    clock.advance(hours=18)  # the next morning
    app = app_with_clock(pet_clinic, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "meeting stopped · 2:00" in header_clock(app)
        await pilot.press("f5")  # resumes: no ground rules card this time
        clock.advance(seconds=30)
        assert "Ground rules  0:30 left" in header_clock(app)
        assert "meeting 2:30 / 58:00" in header_clock(app)


def no_space_left(*args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_a_quit_whose_save_fails_leaves_the_meeting_running(pet_clinic, monkeypatch):
    """Quitting stops the meeting before it saves; when the save fails, pmtui stays open
    and the meeting runs on as before, its time still counting."""
    clock = FakeClock()
    app = app_with_clock(pet_clinic, clock)
    app.dialog_grace = Grace(0.0)  # the save-as question takes Esc at once
    monkeypatch.setattr(os, "replace", no_space_left)  # the disk stays full
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        clock.advance(minutes=2)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")  # not saved elsewhere either
        clock.advance(seconds=30)
        await pilot.pause()
        assert "Ground rules  0:30 left" in header_clock(app)
        assert "meeting 2:30 / 58:00" in header_clock(app)
        await pilot.press("ctrl+q")  # again: quits, as the warning said
        await pilot.pause()
        assert not app.is_running


async def test_anonymised_rows_open_no_form_that_would_show_the_names(pet_clinic):
    app = app_with_clock(pet_clinic, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert app.told[-1] == "Roles are shown: ctrl+r shows the names to edit"
        await pilot.press("ctrl+r", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
