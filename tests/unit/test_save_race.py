"""A save never writes over what it did not see, however late the other edit comes.

The other program writes the review after pmtui has read it, formatted its text and written
its temp file: the last moment before the rename. A save must then refuse, and the other
edit must survive, on a small review and on a large one (~5 MB, where that moment is long).
"""

import os

import pytest

from pmtui.document.model import Review
from pmtui.files import disk, filelock, store
from pmtui.files.session import ChangedOnDisk, GoneFromDisk, ReviewSession

SAMPLE_EVENT = '\n[[timeline]]\nat = 2026-11-14 12:00:00+00:00\ntext = "event {} {}"\n'


def review_text(events: int) -> str:
    head = 'schema_version = 1\n\n[incident]\ntitle = "first"\n'
    return head + "".join(SAMPLE_EVENT.format(n, "x" * 60) for n in range(events))


def open_edited(path, events):
    path.write_text(review_text(events))
    session = ReviewSession.open(path)
    session.review.incident.title = "mine"
    session.changed()
    return session


@pytest.fixture
def opened(tmp_path):
    return open_edited(tmp_path / "r.toml", 3)


def theirs_after_the_temp_file(monkeypatch, edit):
    """Make the other program's edit land once the temp file is written, just before the
    rename (pmtui sets the temp file's mode as its last step on it)."""
    real_fchmod = os.fchmod
    pending = [edit]

    def fchmod_then_theirs(handle, mode):
        real_fchmod(handle, mode)
        while pending:
            pending.pop()()

    monkeypatch.setattr(os, "fchmod", fchmod_then_theirs)


@pytest.mark.parametrize("events", [3, 50_000], ids=["small", "5MB"])
def test_an_edit_that_lands_while_pmtui_writes_survives(tmp_path, monkeypatch, events):
    opened = open_edited(tmp_path / "r.toml", events)
    path = opened.path
    assert len(opened.review.timeline) == events
    theirs = path.read_text().replace('title = "first"', 'title = "theirs"')
    theirs_after_the_temp_file(monkeypatch, lambda: path.write_text(theirs))
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        opened.write(opened.snapshot())
    assert path.read_text() == theirs
    assert [p.name for p in path.parent.iterdir()] == ["r.toml"]  # no temp file left
    assert opened.dirty  # mine is still to be saved (the app asks what to do)


def test_a_rename_by_the_other_program_is_seen_too(opened, monkeypatch):
    """An editor that saves atomically puts a new file (a new inode) in place."""
    path = opened.path
    theirs = path.read_text().replace('title = "first"', 'title = "theirs"')

    def replace_it():
        path.with_name("theirs.tmp").write_text(theirs)
        os.replace(path.with_name("theirs.tmp"), path)

    theirs_after_the_temp_file(monkeypatch, replace_it)
    with pytest.raises(ChangedOnDisk):
        opened.write(opened.snapshot())
    assert path.read_text() == theirs


def test_through_a_link_the_file_checked_is_the_file_replaced(tmp_path, monkeypatch):
    """The other program edits the review a link points to and points the link at a copy
    of the old text: the save checks the file it is about to replace, not the link's new
    target, and leaves their edit."""
    review, copy, link = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "link.toml"
    review.write_text(review_text(3))
    link.symlink_to(review.name)
    opened = ReviewSession.open(link)
    opened.review.incident.title = "mine"
    opened.changed()
    theirs = review_text(3).replace('title = "first"', 'title = "theirs"')

    def edit_and_relink():
        review.write_text(theirs)
        copy.write_text(review_text(3))
        link.unlink()
        link.symlink_to(copy.name)

    theirs_after_the_temp_file(monkeypatch, edit_and_relink)
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        opened.write(opened.snapshot())
    assert review.read_text() == theirs and copy.read_text() == review_text(3)


def test_a_file_removed_while_pmtui_writes_is_not_recreated(opened, monkeypatch):
    theirs_after_the_temp_file(monkeypatch, opened.path.unlink)
    with pytest.raises(GoneFromDisk):
        opened.write(opened.snapshot())
    assert list(opened.path.parent.iterdir()) == []


def test_without_a_late_edit_the_save_goes_through(opened):
    opened.write(opened.snapshot())
    assert store.load(opened.path).incident.title == "mine"
    assert opened.on_disk == disk.fingerprint(opened.path)


def test_save_as_does_not_write_over_a_file_created_meanwhile(tmp_path, monkeypatch):
    session = ReviewSession(Review(incident={"title": "mine"}), None)
    target = tmp_path / "new.toml"
    theirs_after_the_temp_file(monkeypatch, lambda: target.write_text("theirs"))
    with pytest.raises(store.ReviewFileError, match="already exists"):
        session.save_as(target)
    assert target.read_text() == "theirs"
    assert session.path is None


def test_another_pmtui_mid_save_holds_the_save_back(tmp_path, monkeypatch):
    """Two pmtui saving one file take turns: one that cannot get the lock does not write."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "first"}), path)
    session = ReviewSession.open(path)
    session.review.incident.title = "mine"
    session.changed()
    monkeypatch.setattr(filelock, "SAVE_WAIT_SECONDS", 0)
    with filelock.saving(path), pytest.raises(store.ReviewFileError) as raised:
        session.write(session.snapshot())
    assert str(raised.value) == (
        f"{path}: cannot write (another pmtui is saving it and does not finish)"
    )
    assert store.load(path).incident.title == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]
    session.write(session.snapshot())  # the lock is free again
    assert store.load(path).incident.title == "mine"


def test_the_last_moment_check_runs_under_the_save_lock(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    path.write_text("")
    monkeypatch.setattr(filelock, "SAVE_WAIT_SECONDS", 0)
    seen = []

    def check(target):
        with pytest.raises(TimeoutError), filelock.saving(path):  # another pmtui cannot
            pass
        seen.append(target)

    store.write_atomically(path, "new", check=check)
    assert seen == [path]
    assert path.read_text() == "new"


def test_a_fingerprint_taken_while_the_file_changes_is_taken_again(tmp_path, monkeypatch):
    """Reading a large file takes time: one rewritten meanwhile is read again."""
    path = tmp_path / "r.toml"
    path.write_text("old")
    real_digest = disk.digest
    calls = []

    def digest_while_rewritten(data):
        if not calls:
            path.write_text("new text")
        calls.append(data)
        return real_digest(data)

    monkeypatch.setattr(disk, "digest", digest_while_rewritten)
    taken = disk.fingerprint(path)
    assert calls == [b"old", b"new text"]
    assert taken.digest == real_digest(b"new text")
    assert taken.size == len(b"new text")
