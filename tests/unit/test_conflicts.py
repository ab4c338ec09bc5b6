"""A file changed, created or removed by someone else is never written over silently."""

import datetime as dt

import pytest

from pmtui.document.model import Review
from pmtui.files import recovery, store
from pmtui.files.session import ChangedOnDisk, GoneFromDisk, ReviewSession

STAMP = dt.datetime(2026, 11, 20, 14, 5, 0, tzinfo=dt.UTC)


@pytest.fixture
def opened(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "first"}), path)
    session = ReviewSession.open(path)
    session.review.incident.title = "mine"
    session.changed()
    return session


def theirs(path, title="theirs"):
    store.save(Review(incident={"title": title}), path)


def test_a_change_on_disk_is_refused_and_the_file_kept(opened):
    theirs(opened.path)
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        opened.save_now()
    assert store.load(opened.path).incident.title == "theirs"
    assert opened.dirty


def test_same_content_written_again_is_no_conflict(opened):
    text = opened.path.read_bytes()
    opened.path.write_bytes(text)  # a touch, a checkout of the same text
    opened.save_now()
    assert store.load(opened.path).incident.title == "mine"


def test_after_our_own_save_the_next_save_goes_through(opened):
    opened.save_now()
    opened.review.incident.title = "mine again"
    opened.changed()
    opened.save_now()
    assert store.load(opened.path).incident.title == "mine again"


def test_overwrite_is_a_choice_that_keeps_theirs_beside(opened):
    theirs(opened.path)
    kept = opened.overwrite(STAMP)
    assert store.load(opened.path).incident.title == "mine"
    assert not opened.dirty
    assert kept.name == "r.replaced-20261120-140500.toml"
    assert store.load(kept).incident.title == "theirs"


def test_overwrite_never_writes_over_a_change_it_did_not_keep(opened, monkeypatch):
    """Theirs changed again between being kept beside and the write: refused."""
    theirs(opened.path)
    set_aside = recovery.set_aside

    def and_then_another_change(*args, **kwargs):
        kept = set_aside(*args, **kwargs)
        theirs(opened.path, "theirs again")
        return kept

    monkeypatch.setattr(recovery, "set_aside", and_then_another_change)
    with pytest.raises(ChangedOnDisk):
        opened.overwrite(STAMP)
    assert store.load(opened.path).incident.title == "theirs again"
    assert opened.dirty


def test_reload_takes_theirs_and_later_saves_build_on_it(opened):
    theirs(opened.path)
    mine = opened.reload(STAMP)
    assert opened.review.incident.title == "theirs" and not opened.dirty
    assert mine.name == "r.mine-20261120-140500.toml"
    assert store.load(mine).incident.title == "mine"
    opened.review.incident.severity = "SEV2"
    opened.changed()
    opened.save_now()
    saved = store.load(opened.path).incident
    assert (saved.title, saved.severity) == ("theirs", "SEV2")


def test_keep_mine_as_a_copy_leaves_theirs_in_place(opened):
    original = opened.path
    theirs(original)
    copy = opened.keep_mine_as_copy(STAMP)
    assert copy.name == "r.mine-20261120-140500.toml"
    assert opened.path == copy and not opened.dirty
    assert store.load(copy).incident.title == "mine"
    assert store.load(original).incident.title == "theirs"


def test_a_deleted_file_is_not_silently_recreated(opened):
    opened.path.unlink()
    with pytest.raises(GoneFromDisk, match="deleted or moved"):
        opened.save_now()
    assert not opened.path.exists()


def test_a_new_review_finds_a_file_created_meanwhile(tmp_path):
    session = ReviewSession(Review(), tmp_path / "new.toml")
    session.changed()
    theirs(session.path)
    with pytest.raises(ChangedOnDisk):
        session.save_now()


def test_save_as_never_writes_over_an_existing_file(opened, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text("keep me")
    with pytest.raises(store.ReviewFileError, match="already exists"):
        opened.save_as(other)
    assert other.read_text() == "keep me"
    opened.save_as(tmp_path / "fresh.toml")
    assert opened.path.name == "fresh.toml" and not opened.dirty
    assert store.load(opened.path).incident.title == "mine"
