import datetime as dt
import os
from pathlib import Path

import pytest

from pmtui.document import meeting_clock
from pmtui.document.model import AgendaItem, Event, Review
from pmtui.files import store
from pmtui.files.session import ReviewSession


def event(text: str) -> Event:
    return Event(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), text=text)


def test_snapshot_write_marks_only_that_revision_saved(tmp_path):
    session = ReviewSession(Review(), tmp_path / "r.toml")
    session.review.incident.title = "one"
    session.changed()
    snap = session.snapshot()
    session.review.incident.title = "two"  # typed while the worker writes
    session.changed()
    session.mark_saved(session.write(snap))
    assert session.dirty  # the second edit is not on disk yet
    assert store.load(session.path).incident.title == "one"
    session.save_now()
    assert not session.dirty and store.load(session.path).incident.title == "two"


def test_an_older_write_finishing_late_does_not_hide_newer_edits(tmp_path):
    session = ReviewSession(Review(), tmp_path / "r.toml")
    session.changed()
    old = session.snapshot()
    session.changed()
    session.save_now()
    session.mark_saved(old.revision)
    assert not session.dirty


def texts(session):
    return [e.text for e in session.review.timeline]


def test_undo_and_redo_walk_every_kind_of_change_and_report_it():
    session = ReviewSession(Review(timeline=[event("a"), event("b"), event("c")]), None)
    review, timeline = session.review, session.review.timeline
    del timeline[1]
    session.edited("deleted the event")
    timeline[0].text = "A"
    session.edited("edited the event")
    timeline.reverse()
    session.edited("moved the event")
    assert texts(session) == ["c", "A"]
    assert session.undo() == "moved the event"
    assert session.undo() == "edited the event"
    assert texts(session) == ["a", "c"]
    assert session.redo() == "edited the event"
    assert texts(session) == ["A", "c"]
    assert session.undo() == "edited the event"
    assert session.undo() == "deleted the event"
    assert texts(session) == ["a", "b", "c"]
    assert session.undo() is None
    assert session.review is review  # the same document: panes and the replay keep it
    assert session.dirty


def test_a_new_change_after_an_undo_forgets_what_was_undone():
    session = ReviewSession(Review(timeline=[event("a")]), None)
    session.review.timeline[0].text = "b"
    session.edited("edited the event")
    session.undo()
    session.review.timeline[0].text = "c"
    session.edited("edited the event")
    assert session.redo() is None
    assert texts(session) == ["c"]


def test_typing_is_one_step_until_it_pauses():
    session = ReviewSession(Review(), None)
    for typed in ("D", "DB", "DB down"):
        session.review.incident.title = typed
        session.edited("typed in Title", typing=True)
    session.end_undo_step()  # the pause
    session.review.incident.title = "DB down again"
    session.edited("typed in Title", typing=True)
    assert session.undo() == "typed in Title"  # what was typed since the pause, kept first
    assert session.review.incident.title == "DB down"
    assert session.undo() == "typed in Title"
    assert session.review.incident.title == ""


def test_undo_never_takes_back_the_meeting_clock():
    session = ReviewSession(Review(), None)
    session.review.incident.title = "Outage"
    session.edited("typed in Title")
    session.review.meeting.started_at = dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)
    session.clock_moved()
    assert session.undo() == "typed in Title"
    assert session.review.incident.title == ""
    assert session.review.meeting.started_at == dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)


def test_undo_takes_back_agenda_edits_and_keeps_its_timings():
    """Deleting an agenda item, then undo, said "Undone" and left it deleted: the clock's
    carry-over gave back the whole agenda as it was, edits and all."""
    start = dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)
    session = ReviewSession(Review(), None)
    meeting = session.review.meeting
    meeting.agenda = [AgendaItem(title="Ground rules"), AgendaItem(title="Timeline")]
    session.edited("added the agenda")
    meeting_clock.start(meeting, start)
    meeting_clock.move_to(meeting, 1, start + dt.timedelta(minutes=3))
    session.clock_moved()
    del meeting.agenda[0]
    meeting.agenda[0].minutes = 20
    session.edited("deleted the agenda item")
    later = start + dt.timedelta(minutes=10)
    meeting_clock.stop(meeting, later)
    session.clock_moved()
    assert session.undo() == "deleted the agenda item"
    rules, timeline = session.review.meeting.agenda
    assert (rules.title, timeline.title, timeline.minutes) == ("Ground rules", "Timeline", 5)
    assert timeline.spent_seconds == 420  # as the clock ran: 10:03 to 10:10
    assert rules.spent_seconds == 0  # back as the history kept it: deleted, its time went
    assert timeline.ended_at == later and session.review.meeting.ended_at == later
    assert meeting_clock.current_index(session.review.meeting) is None


def test_undo_goes_back_to_the_file_as_opened_read_again_from_its_text(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(timeline=[event("a")]), path)
    session = ReviewSession.open(path)
    assert session.history.done[0].pickled is None  # nothing kept at opening
    session.review.timeline.clear()
    session.edited("deleted the event")
    session.save_now()
    assert session.undo() == "deleted the event"
    assert texts(session) == ["a"]
    session.save_now()
    assert store.load(path).timeline[0].text == "a"


def test_the_oldest_changes_are_forgotten_past_the_memory_budget():
    session = ReviewSession(Review(), None)
    session.history.budget = 1
    for n in range(5):
        session.review.incident.title = str(n)
        session.edited("typed in Title")
    assert session.undo() == "typed in Title"
    assert session.review.incident.title == "3"
    assert session.undo() is None  # two documents kept at least: one step back


def test_newer_schema_is_never_written(tmp_path):
    path = tmp_path / "r.toml"
    session = ReviewSession(Review(schema_version=store.SCHEMA_VERSION + 1), path)
    with pytest.raises(store.ReviewFileError, match="newer pmtui"):
        session.save_now()
    assert not path.exists()


def test_a_pipe_or_a_folder_is_refused_as_a_review_before_it_is_read(pet_clinic, tmp_path):
    """A review is opened to be saved back to its file. A pipe gave its text to the first
    read and nothing to the next: the app opened an empty "Untitled review" in its place."""
    read_end, write_end = os.pipe()
    os.write(write_end, pet_clinic.read_bytes())
    os.close(write_end)
    pipe = Path(f"/dev/fd/{read_end}")
    try:
        with pytest.raises(store.ReviewFileError) as refused:
            ReviewSession.open(pipe)
        assert os.read(read_end, 16) == pet_clinic.read_bytes()[:16]  # nothing read it
    finally:
        os.close(read_end)
    assert str(refused.value) == (
        f"{pipe}: not a regular file (a pipe or a device): pmtui saves a review back "
        "to its file, so copy it into one first"
    )
    with pytest.raises(store.ReviewFileError, match="is a folder, not a review file"):
        ReviewSession.open(tmp_path)
