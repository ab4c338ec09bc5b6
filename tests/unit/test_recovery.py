"""Recovery copies: kept in the state folder, offered once, restored, discarded or kept."""

import contextlib
import datetime as dt
import os
import secrets
import subprocess

import pytest

from pmtui.document.model import Review
from pmtui.files import disk, locations, recovery, store
from pmtui.files.session import ReviewSession

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
    assert recovery.all_pending(path) == [copy]
    assert store.load(copy).incident.title == "unsaved"
    assert store.load(path).incident.title == "on disk"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_a_copy_equal_to_the_file_is_not_offered_and_removed_only_when_asked(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    copy = recovery.rescue(path, path.read_text(), disk.fingerprint(path))
    assert recovery.all_pending(path) == []
    assert copy.exists()  # asking what to offer changes nothing
    recovery.discard_unchanged(path)
    assert not copy.exists()


def test_keep_both_puts_the_copy_beside_the_review(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    rescued(path, "rescued")
    [copy] = recovery.all_pending(path)
    kept = recovery.keep_both(path, copy, NOW)
    assert kept == tmp_path / "r.recovered-20261120-140000.toml"
    assert store.load(kept).incident.title == "rescued"
    assert recovery.all_pending(path) == []


def test_keep_both_beside_a_review_whose_name_is_near_the_limit_says_why_not(tmp_path):
    """The stamped name is too long for the system: looking for it raised OSError."""
    path = tmp_path / f"{'r' * 240}.toml"
    path.write_text('[incident]\ntitle = "on disk"\n', encoding="utf-8")
    copy = tmp_path / "copy.toml"
    store.save(Review(incident={"title": "rescued"}), copy)
    with pytest.raises(store.ReviewFileError, match=r"cannot look at it \(file name too long\)$"):
        recovery.keep_both(path, copy, NOW)
    assert store.load(copy).incident.title == "rescued"


def test_each_session_keeps_its_own_copy_of_one_review(tmp_path, monkeypatch):
    """Twenty sessions on one review (browser tabs of `pmtui serve`, each a process): each
    rescue has its own slot, and every one is offered once its pmtui has ended, oldest
    first."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    copies = [rescued_by(ended_pid(), path, f"tab {tab}", monkeypatch) for tab in range(20)]
    offered = recovery.all_pending(path)
    assert sorted(offered) == sorted(copies)
    assert [copy.stat().st_mtime_ns for copy in offered] == sorted(
        copy.stat().st_mtime_ns for copy in copies
    )
    assert sorted(store.load(copy).incident.title for copy in offered) == sorted(
        f"tab {tab}" for tab in range(20)
    )


def rescued_by(pid: int, path, title: str, monkeypatch):
    """A recovery copy made by the pmtui of process `pid`."""
    monkeypatch.setattr(recovery, "SLOT", f"{pid}-{secrets.token_hex(4)}")
    return rescued(path, title)


def ended_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@contextlib.contextmanager
def another_process():
    """The pid of a process of this host that runs until the block ends."""
    process = subprocess.Popen(["cat"], stdin=subprocess.PIPE)
    try:
        yield process.pid
    finally:
        process.stdin.close()
        process.wait()


def test_a_copy_of_a_pmtui_still_running_is_not_offered_until_it_ends(tmp_path, monkeypatch):
    """Another `pmtui serve` tab is still at work: its copy is live, not left behind."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    with another_process() as pid:
        live = rescued_by(pid, path, "another tab's work", monkeypatch)
        assert recovery.all_pending(path) == []
    assert recovery.all_pending(path) == [live]


def test_a_slot_naming_no_single_process_is_offered(tmp_path, monkeypatch):
    """Pid 0 would name this process group, always running: such a copy is never hidden."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    copy = rescued_by(0, path, "rescued", monkeypatch)
    assert recovery.all_pending(path) == [copy]


def test_a_copy_of_a_pmtui_still_running_is_never_removed(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "on disk"}), path)
    with another_process() as pid:
        live = rescued_by(pid, path, "on disk", monkeypatch)  # equal to the file, for now
        recovery.discard_unchanged(path)
        assert live.read_bytes() == path.read_bytes()
    recovery.discard_unchanged(path)
    assert not live.exists()


def test_an_older_pmtuis_single_copy_is_still_offered(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    old = locations.state_file("recovery", path, ".toml")
    old.parent.mkdir(parents=True)
    old.write_text(store.dumps(Review(incident={"title": "from an older pmtui"})))
    assert recovery.all_pending(path) == [old]


def test_recovery_copies_are_private(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    copy = rescued(path, "private")
    assert os.stat(copy).st_mode & 0o777 == 0o600
    assert os.stat(copy.parent).st_mode & 0o777 == 0o700
    assert os.stat(locations.state_dir()).st_mode & 0o777 == 0o700


def test_a_lone_surrogate_never_stops_a_rescue(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    session = ReviewSession.open(path)
    session.review.incident.title = "half a pair \ud83d from a paste 👩‍💻"
    session.changed()
    copy = session.rescue()
    assert store.load(copy).incident.title == "half a pair \ufffd from a paste 👩‍💻"


def rescued(path, title: str):
    """The copy a pmtui leaves that read `path` as it is now, its title then changed."""
    return recovery.rescue(
        path, store.dumps(Review(incident={"title": title})), disk.fingerprint(path)
    )


def test_a_file_written_after_it_was_read_has_changed_and_is_set_aside_before_a_restore(
    tmp_path,
):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "before the crash"}), path)
    copy = rescued(path, "rescued")
    assert recovery.changed_since(path, copy) is False
    store.save(Review(incident={"title": "saved later by another pmtui"}), path)
    assert recovery.changed_since(path, copy) is True
    aside = recovery.set_aside(path, NOW)
    assert aside == tmp_path / "r.replaced-20261120-140000.toml"
    assert store.load(aside).incident.title == "saved later by another pmtui"


def test_a_file_changed_before_the_copy_was_made_has_changed_though_the_copy_is_newer(
    tmp_path,
):
    """The session read the file, someone else wrote it, and only then was the copy made
    (its save refused, the terminal closed): comparing times said nothing had changed."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "as read"}), path)
    read = disk.fingerprint(path)
    store.save(Review(incident={"title": "theirs"}), path)
    copy = recovery.rescue(path, store.dumps(Review(incident={"title": "mine"})), read)
    os.utime(path, ns=(0, copy.stat().st_mtime_ns - 1))
    assert recovery.changed_since(path, copy) is True


def test_a_touch_that_changes_no_byte_is_no_change(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    copy = rescued(path, "rescued")
    os.utime(path, ns=(0, copy.stat().st_mtime_ns + 10**9))
    assert recovery.changed_since(path, copy) is False


def test_a_copy_without_its_hash_cannot_tell_and_goes_with_it(tmp_path):
    """An older pmtui kept no hash: whether the file changed is unknown (None). Discarding
    a copy removes its hash too."""
    path = tmp_path / "r.toml"
    store.save(Review(), path)
    old = locations.state_file("recovery", path, ".toml")
    old.parent.mkdir(parents=True)
    old.write_text(store.dumps(Review(incident={"title": "from an older pmtui"})))
    assert recovery.changed_since(path, old) is None
    copy = rescued(path, "rescued")
    recovery.discard(copy)
    assert sorted(copy.parent.iterdir()) == [old]
