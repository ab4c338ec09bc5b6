import datetime as dt

import pytest

from pmtui import store
from pmtui.model import Event, Review
from pmtui.session import ReviewSession


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


def test_delete_and_undo_put_the_item_back_in_place():
    session = ReviewSession(Review(timeline=[event("a"), event("b"), event("c")]), None)
    session.delete(session.review.timeline, 1, "event b")
    assert [e.text for e in session.review.timeline] == ["a", "c"]
    undone = session.undo()
    assert undone.label == "event b"
    assert [e.text for e in session.review.timeline] == ["a", "b", "c"]
    assert session.undo() is None
    assert session.revision == 2


def test_newer_schema_is_never_written(tmp_path):
    path = tmp_path / "r.toml"
    session = ReviewSession(Review(schema_version=store.SCHEMA_VERSION + 1), path)
    with pytest.raises(store.ReviewFileError, match="newer pmtui"):
        session.save_now()
    assert not path.exists()
