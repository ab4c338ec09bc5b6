"""Saving keeps what the file is: a link stays a link, the mode, owner and group stay."""

import errno
import os
import stat

import pytest

from pmtui.document.model import Review
from pmtui.files import store
from pmtui.files.session import ReviewSession


def saved_review(path, title="old"):
    store.save(Review(incident={"title": title}), path)
    return path


def test_through_a_symlink_the_target_is_written_and_the_link_stays(tmp_path):
    (tmp_path / "shared").mkdir()
    target = saved_review(tmp_path / "shared" / "real.toml")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    store.save(Review(incident={"title": "new"}), link)
    assert link.is_symlink() and link.readlink() == target
    assert store.load(target).incident.title == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "shared"]
    assert [p.name for p in target.parent.iterdir()] == ["real.toml"]  # no temp file left


def test_a_session_opened_through_a_relative_link_saves_the_target(tmp_path):
    target = saved_review(tmp_path / "real.toml")
    link = tmp_path / "link.toml"
    link.symlink_to("real.toml")
    session = ReviewSession.open(link)
    session.review.incident.title = "mine"
    session.changed()
    session.save_now()
    session.review.incident.title = "mine again"  # the second save sees its own first one
    session.changed()
    session.save_now()
    assert link.is_symlink()
    assert store.load(target).incident.title == "mine again"


def test_a_link_to_a_read_only_file_is_refused(tmp_path):
    """Read-only by its mode, so refused even for root, who may write it."""
    target = saved_review(tmp_path / "real.toml")
    target.chmod(0o444)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    with pytest.raises(store.ReviewFileError, match="read-only"):
        store.save(Review(incident={"title": "new"}), link)
    assert link.is_symlink()


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755, 0o664, 0o620])
def test_the_mode_is_kept(tmp_path, mode):
    path = saved_review(tmp_path / "r.toml")
    path.chmod(mode)
    umask = os.umask(0o077)  # the mode is the file's, whatever the umask says
    try:
        store.save(Review(incident={"title": "new"}), path)
    finally:
        os.umask(umask)
    assert oct(path.stat().st_mode & 0o777) == oct(mode)


def test_owner_and_group_are_kept_where_this_user_may_set_them(tmp_path, monkeypatch):
    """Only root may give a file to another user: so for everyone, the file looks like
    another user's and `fchown` records what the new file is given."""
    path = saved_review(tmp_path / "r.toml")
    before = path.stat()
    given = []
    monkeypatch.setattr(
        os, "fchown", lambda handle, uid, gid: given.append((os.fstat(handle).st_ino, uid, gid))
    )
    monkeypatch.setattr(os, "geteuid", lambda: before.st_uid + 1)  # as if another's file
    store.save(Review(incident={"title": "new"}), path)
    monkeypatch.undo()
    assert store.load(path).incident.title == "new"
    assert given == [(path.stat().st_ino, before.st_uid, before.st_gid)]  # the new file


@pytest.mark.parametrize(
    "refusal", [errno.EPERM, errno.EINVAL, errno.EOPNOTSUPP], ids=["EPERM", "EINVAL", "EOPNOTSUPP"]
)
def test_an_owner_this_user_or_the_file_system_may_not_set_is_no_failure(
    tmp_path, monkeypatch, refusal
):
    """EPERM: another user's file. EINVAL, EOPNOTSUPP: FUSE, vfat and some NFS refuse
    every chown; the save goes on with this user's own."""
    path = saved_review(tmp_path / "r.toml")
    os.chown(path, -1, os.getgid())
    given = []

    def refuse(handle, uid, gid):
        given.append((uid, gid))
        raise OSError(refusal, os.strerror(refusal))

    real_stat = path.stat()
    monkeypatch.setattr(os, "fchown", refuse)
    monkeypatch.setattr(os, "geteuid", lambda: real_stat.st_uid + 1)  # as if another's file
    store.save(Review(incident={"title": "new"}), path)
    monkeypatch.undo()
    assert store.load(path).incident.title == "new"
    assert given == [(real_stat.st_uid, real_stat.st_gid), (-1, real_stat.st_gid)]


def test_a_write_never_replaces_a_pipe_a_folder_or_a_link_to_one(tmp_path, not_regular_files):
    """Every writer (save, export, settings, samples) goes through here: as root, a rename
    over /dev/null would replace the device with a file."""
    fifo, folder, link = not_regular_files
    for target in (fifo, folder, link):
        with pytest.raises(store.ReviewFileError, match="not a regular file"):
            store.write_atomically(target, "text")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir() and link.is_symlink()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fifo", "folder", "link"]


def test_a_link_to_nothing_is_refused_and_nothing_is_created_where_it_points(tmp_path):
    """A link planted in a shared folder must not make pmtui create a file elsewhere."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "victim").mkdir()
    link = tmp_path / "shared" / "report.md"
    link.symlink_to("../victim/authorized_keys")
    with pytest.raises(
        store.ReviewFileError, match=r"a link to \.\./victim/authorized_keys, which does not exist"
    ):
        store.write_atomically(link, "ssh-ed25519 AAAA attacker")
    with pytest.raises(store.ReviewFileError, match="which does not exist"):
        store.save(Review(), link)
    assert link.is_symlink() and os.listdir(tmp_path / "victim") == []
    assert os.listdir(tmp_path / "shared") == ["report.md"]
