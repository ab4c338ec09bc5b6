"""The meeting clock on its own: start, stop, the agenda's turns, what the header reads."""

import datetime as dt
import tomllib
from pathlib import Path

from pmtui.document import meeting_clock as clock
from pmtui.document.model import AgendaItem, Meeting, Participant, Review
from pmtui.files import store

T0 = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def agenda() -> Meeting:
    return Meeting(
        agenda=[
            AgendaItem(title="Ground rules", minutes=3, tab="summary"),
            AgendaItem(title="Timeline", minutes=15, tab="timeline"),
            AgendaItem(title="Impact", minutes=5, tab="impact"),
        ]
    )


def test_before_the_start_nothing_runs_and_the_budget_is_the_agenda():
    meeting = agenda()
    reading = clock.reading(meeting, T0)
    assert (reading.running, reading.elapsed, reading.budget, reading.item) == (
        False,
        0,
        23 * 60,
        None,
    )
    assert not clock.move_to(meeting, 1, T0)


def test_start_runs_the_first_item_and_counts_its_time_down():
    meeting = agenda()
    clock.start(meeting, T0)
    reading = clock.reading(meeting, at(2))
    assert meeting.started_at == T0 and meeting.agenda[0].started_at == T0
    assert (reading.item.title, reading.item_left, reading.elapsed) == ("Ground rules", 60, 120)
    assert not reading.item_overrun


def test_an_item_past_its_timebox_overruns():
    meeting = agenda()
    clock.start(meeting, T0)
    reading = clock.reading(meeting, at(4))
    assert reading.item_left == -60 and reading.item_overrun
    assert not reading.meeting_overrun


def test_going_back_to_an_item_carries_on_its_clock():
    meeting = agenda()
    clock.start(meeting, T0)
    assert clock.move_to(meeting, 1, at(1))
    assert clock.move_to(meeting, 0, at(11))  # 10 minutes on the timeline
    assert meeting.agenda[1].spent_seconds == 600 and meeting.agenda[1].ended_at == at(11)
    clock.move_to(meeting, 1, at(12))
    assert clock.reading(meeting, at(14)).item_left == (15 - 12) * 60
    assert meeting.agenda[0].spent_seconds == 120  # 1 minute, then 1 more


def test_stop_ends_the_item_and_start_resumes_it():
    meeting = agenda()
    clock.start(meeting, T0)
    clock.move_to(meeting, 2, at(3))
    clock.stop(meeting, at(5))
    assert meeting.ended_at == at(5) and clock.current_index(meeting) is None
    stopped = clock.reading(meeting, at(30))
    assert (stopped.running, stopped.elapsed) == (False, 300)
    clock.start(meeting, at(30))
    assert meeting.started_at == T0 and meeting.ended_at is None
    assert clock.current_index(meeting) == 2
    assert clock.reading(meeting, at(31)).item_left == 5 * 60 - 3 * 60


def test_the_time_a_meeting_was_stopped_is_not_counted():
    meeting = agenda()
    clock.start(meeting, T0)
    clock.stop(meeting, at(5))
    clock.start(meeting, at(30))  # a 25-minute break
    assert clock.reading(meeting, at(32)).elapsed == 7 * 60
    assert not clock.reading(meeting, at(32)).meeting_overrun
    assert meeting.started_at == T0  # the record keeps when it really started


def test_a_meeting_with_no_agenda_counts_from_its_start():
    meeting = agenda()
    meeting.agenda.clear()
    clock.start(meeting, T0)
    assert clock.reading(meeting, at(3)).elapsed == 3 * 60


def test_a_meeting_with_no_agenda_leaves_its_breaks_out_too():
    """It counted from its start to now, the hour's break after a stop included."""
    meeting = agenda()
    meeting.agenda.clear()
    clock.start(meeting, T0)
    clock.stop(meeting, at(10))
    assert clock.reading(meeting, at(40)).elapsed == 10 * 60
    clock.start(meeting, at(70))
    assert clock.reading(meeting, at(75)).elapsed == 15 * 60
    clock.stop(meeting, at(80))
    assert clock.reading(meeting, at(99)).elapsed == 20 * 60
    assert meeting.started_at == T0  # the record keeps when it really started
    text = store.dumps(Review(meeting=meeting))  # kept in the file
    again = store.review_in(Path("r.toml"), text)[0].meeting
    assert clock.reading(again, at(99)).elapsed == 20 * 60


def test_a_meeting_stopped_once_before_its_runs_were_kept_counts_start_to_end():
    meeting = Meeting(started_at=T0, ended_at=at(12))  # a file from an older pmtui
    assert clock.reading(meeting, at(99)).elapsed == 12 * 60


def test_the_meeting_overruns_past_the_whole_agenda():
    meeting = agenda()
    clock.start(meeting, T0)
    assert clock.reading(meeting, at(24)).meeting_overrun


def test_a_tab_finds_its_item_and_the_current_one_wins():
    meeting = agenda()
    meeting.agenda.append(AgendaItem(title="More timeline", tab="timeline"))
    clock.start(meeting, T0)
    assert clock.item_for_tab(meeting, "timeline") == 1
    clock.move_to(meeting, 3, at(1))
    assert clock.item_for_tab(meeting, "timeline") == 3
    assert clock.item_for_tab(meeting, "actions") is None


def test_clock_text():
    assert [clock.clock_text(s) for s in (0, 59, 61, -61, 3723)] == [
        "0:00",
        "0:59",
        "1:01",
        "1:01",
        "1:02:03",
    ]


def test_the_meeting_in_the_file_is_canonical_and_reads_back():
    review = Review(people=[Participant(name="Adam", spoke=2)], meeting=agenda())
    clock.start(review.meeting, T0)
    clock.move_to(review.meeting, 1, at(4))
    text = store.dumps(review)
    assert text.split("[meeting]")[1] == (
        "\nstarted_at = 2026-11-20 14:00:00+00:00\n"
        '\n[[meeting.agenda]]\ntitle = "Ground rules"\nminutes = 3\ntab = "summary"\n'
        "started_at = 2026-11-20 14:00:00+00:00\nended_at = 2026-11-20 14:04:00+00:00\n"
        "spent_seconds = 240\n"
        '\n[[meeting.agenda]]\ntitle = "Timeline"\nminutes = 15\ntab = "timeline"\n'
        "started_at = 2026-11-20 14:04:00+00:00\n"
        '\n[[meeting.agenda]]\ntitle = "Impact"\ntab = "impact"\n'
    )
    assert '[[people]]\nname = "Adam"\nspoke = 2\n' in text
    loaded = store.from_data(tomllib.loads(text), Path("r.toml"))
    assert loaded == review and store.dumps(loaded) == text
