"""Full disks, read-only files and folders: one clear line, the old file untouched."""

import errno
import os
import tempfile

import pytest

from pmtui.document.model import Review
from pmtui.files import store


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "old"}), path)
    return path


def no_space(*args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_disk_full_at_any_step_leaves_the_old_file_and_no_temp(saved, monkeypatch, call):
    monkeypatch.setattr(os, call, no_space)
    with pytest.raises(store.ReviewFileError) as raised:
        store.save(Review(incident={"title": "new"}), saved)
    monkeypatch.undo()
    assert str(raised.value) == f"{saved}: cannot write (no space left on device)"
    assert store.load(saved).incident.title == "old"
    assert [p.name for p in saved.parent.iterdir()] == ["r.toml"]


def test_a_write_cut_short_is_finished(saved, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    store.save(Review(incident={"title": "new, written seven bytes at a time"}), saved)
    monkeypatch.undo()
    assert store.load(saved).incident.title == "new, written seven bytes at a time"


def test_a_read_only_file_is_refused(saved):
    saved.chmod(0o444)
    with pytest.raises(store.ReviewFileError, match="the file is read-only"):
        store.save(Review(incident={"title": "new"}), saved)
    assert store.load(saved).incident.title == "old"


def test_a_file_on_a_read_only_mount_says_so(saved, monkeypatch):
    """Its mode allows writing, but the mount does not: chmod would not help."""
    real_statvfs = os.statvfs

    def mounted_read_only(path):
        result = real_statvfs(path)
        return os.statvfs_result((*result[:8], result.f_flag | os.ST_RDONLY, result.f_namemax))

    monkeypatch.setattr(os, "statvfs", mounted_read_only)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(store.ReviewFileError) as raised:
        store.save(Review(incident={"title": "new"}), saved)
    monkeypatch.undo()
    assert str(raised.value) == f"{saved}: its file system is mounted read-only"
    assert store.load(saved).incident.title == "old"


def test_a_read_only_folder_is_named(saved, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(store.ReviewFileError) as raised:
        store.save(Review(), saved)
    assert str(raised.value) == f"{saved}: cannot write in this folder (permission denied)"


def test_a_new_file_gets_the_usual_mode_not_the_temp_files(tmp_path):
    path = tmp_path / "new.toml"
    store.save(Review(), path)
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
