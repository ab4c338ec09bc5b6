"""A copy pmtui writes of a review takes the review's mode: a private review's copies are
private. Kept beside it from a recovery copy ("keep both"), set aside before a restore,
saved as (F12), kept as mine on a conflict: each has the mode of the review it copies."""

import datetime as dt
import os
import stat

import pytest

from pmtui.document.model import Review
from pmtui.files import disk, recovery, store
from pmtui.files.session import ChangedOnDisk, ReviewSession

NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
MODES = [0o600, 0o640, 0o660, 0o644]


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    """The umask most people have (0o022): a new file is readable by everyone."""
    umask = os.umask(0o022)
    yield
    os.umask(umask)


def review_with_mode(path, file_mode):
    store.save(Review(incident={"title": "on disk"}), path)
    path.chmod(file_mode)
    return path


def edited(path) -> ReviewSession:
    session = ReviewSession.open(path)
    session.review.incident.title = "mine"
    session.changed()
    return session


@pytest.mark.parametrize("file_mode", MODES, ids=oct)
def test_keep_both_puts_the_recovered_copy_beside_with_the_reviews_mode(
    tmp_path, usual_umask, file_mode
):
    path = review_with_mode(tmp_path / "rec.toml", file_mode)
    rescued = store.dumps(Review(incident={"title": "rescued"}))
    copy = recovery.rescue(path, rescued, disk.fingerprint(path))
    assert mode(copy) == 0o600  # in the state folder: private, whatever the review's mode
    kept = recovery.keep_both(path, copy, NOW)
    assert kept.name == "rec.recovered-20261120-140000.toml"
    assert oct(mode(kept)) == oct(file_mode)


@pytest.mark.parametrize("file_mode", MODES, ids=oct)
def test_the_file_set_aside_before_a_restore_keeps_its_mode(tmp_path, usual_umask, file_mode):
    path = review_with_mode(tmp_path / "rec.toml", file_mode)
    aside = recovery.set_aside(path, NOW)
    assert oct(mode(aside)) == oct(file_mode)


@pytest.mark.parametrize("file_mode", MODES, ids=oct)
def test_save_as_a_new_file_takes_the_reviews_mode(tmp_path, usual_umask, file_mode):
    path = review_with_mode(tmp_path / "rec.toml", file_mode)
    session = edited(path)
    session.save_as(tmp_path / "rec-copy.toml")
    assert oct(mode(tmp_path / "rec-copy.toml")) == oct(file_mode)
    session.review.incident.title = "mine again"  # and later saves there keep it
    session.changed()
    session.save_now()
    assert oct(mode(tmp_path / "rec-copy.toml")) == oct(file_mode)


@pytest.mark.parametrize("file_mode", MODES, ids=oct)
def test_keep_mine_as_a_copy_on_a_conflict_takes_the_reviews_mode(tmp_path, usual_umask, file_mode):
    path = review_with_mode(tmp_path / "rec.toml", file_mode)
    session = edited(path)
    store.save(Review(incident={"title": "theirs"}), path)
    with pytest.raises(ChangedOnDisk):
        session.save_now()
    copy = session.keep_mine_as_copy(NOW)
    assert copy.name == "rec.mine-20261120-140000.toml"
    assert oct(mode(copy)) == oct(file_mode)
    assert oct(mode(path)) == oct(file_mode)


@pytest.mark.parametrize("file_mode", [0o600, 0o640], ids=oct)
def test_through_a_link_the_copy_takes_the_mode_of_the_file_linked_to(
    tmp_path, usual_umask, file_mode
):
    target = review_with_mode(tmp_path / "real.toml", file_mode)
    link = tmp_path / "rec.toml"
    link.symlink_to(target)
    edited(link).save_as(tmp_path / "rec-copy.toml")
    kept = recovery.keep_both(
        link, recovery.rescue(link, target.read_text(), disk.fingerprint(link)), NOW
    )
    assert oct(mode(tmp_path / "rec-copy.toml")) == oct(file_mode)
    assert oct(mode(kept)) == oct(file_mode)


def test_a_copy_is_never_wider_whatever_the_umask(tmp_path):
    path = review_with_mode(tmp_path / "rec.toml", 0o600)
    umask = os.umask(0o000)
    try:
        edited(path).save_as(tmp_path / "rec-copy.toml")
    finally:
        os.umask(umask)
    assert oct(mode(tmp_path / "rec-copy.toml")) == oct(0o600)


def test_a_copy_of_a_read_only_review_is_its_owners_to_edit(tmp_path, usual_umask):
    """Saving a read-only review elsewhere is how its edits are kept: the copy is no more
    readable by others than the review, and writable by its owner, so saves go on there."""
    path = review_with_mode(tmp_path / "rec.toml", 0o440)
    session = edited(path)
    session.save_as(tmp_path / "rec-copy.toml")
    assert oct(mode(tmp_path / "rec-copy.toml")) == oct(0o640)
    session.review.incident.title = "mine again"
    session.changed()
    session.save_now()
    assert store.load(tmp_path / "rec-copy.toml").incident.title == "mine again"


def test_without_an_original_a_new_file_gets_the_usual_mode(tmp_path, usual_umask):
    ReviewSession(Review(), None).save_as(tmp_path / "new.toml")  # `pmtui new`
    assert oct(mode(tmp_path / "new.toml")) == oct(0o644)
    gone = review_with_mode(tmp_path / "gone.toml", 0o600)
    gone.unlink()
    store.write_atomically(tmp_path / "other.toml", "x = 1\n", copy_of=gone)
    assert oct(mode(tmp_path / "other.toml")) == oct(0o644)


def test_writing_over_an_existing_file_keeps_that_files_mode(tmp_path, usual_umask):
    review = review_with_mode(tmp_path / "rec.toml", 0o600)
    existing = review_with_mode(tmp_path / "existing.toml", 0o664)
    store.write_atomically(existing, store.dumps(Review()), copy_of=review)
    assert oct(mode(existing)) == oct(0o664)
