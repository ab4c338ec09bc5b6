"""Recovery copies: kept in the state folder, offered once, restored, discarded or kept."""

import datetime as dt

from pmtui import locations, recovery, store
from pmtui.model import Review
from pmtui.session import ReviewSession

NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def test_unsaved_edits_are_rescued_to_the_state_folder(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    session = ReviewSession.open(path)
    assert session.rescue() is None  # nothing unsaved, nothing to rescue
    session.review.incident.title = "unsaved"
    session.changed()
    copy = session.rescue()
    assert copy.is_relative_to(locations.state_dir())
    assert recovery.pending(path) == copy
    assert store.load(copy).incident.title == "unsaved"
    assert store.load(path).incident.title == "on disk"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_a_copy_equal_to_the_file_is_not_offered(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    recovery.rescue(path, path.read_text())
    assert recovery.pending(path) is None
    assert not recovery.copy_of(path).exists()


def test_keep_both_puts_the_copy_beside_the_review(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    recovery.rescue(path, store.dumps(Review(incident={"title": "rescued"})))
    kept = recovery.keep_both(path, NOW)
    assert kept == tmp_path / "r.recovered-20261120-140000.toml"
    assert store.load(kept).incident.title == "rescued"
    assert recovery.pending(path) is None
