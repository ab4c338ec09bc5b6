"""One pmtui per review: a second one is told who has it; dead holders are replaced."""

import os
import subprocess
import sys
import tomllib

import pytest

from pmtui.files import filelock, locations


@pytest.fixture
def review(tmp_path):
    return tmp_path / "r.toml"


def write_lock(review, pid, host):
    path = filelock.lock_file(review)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'pid = {pid}\nhost = "{host}"\n')


def test_the_lock_lives_in_the_state_folder_and_goes_on_release(review):
    assert filelock.acquire(review) is None
    lock = filelock.lock_file(review)
    assert lock.parent.parent == locations.state_dir()
    assert filelock.holder_of(lock) == filelock.me()
    filelock.release(review)
    assert not lock.exists()
    assert list(review.parent.iterdir()) == []


def test_a_review_whose_name_is_not_utf8_is_locked_and_named_in_the_lock(tmp_path):
    review = tmp_path / os.fsdecode(b"bad\xff name.toml")
    assert filelock.acquire(review) is None
    lock = filelock.lock_file(review)
    assert filelock.holder_of(lock) == filelock.me()
    assert tomllib.loads(lock.read_text(encoding="utf-8"))["review"].endswith("bad\\xff name.toml")


def test_a_live_holder_is_reported_and_kept(review):
    other = filelock.Holder(os.getppid(), filelock.me().host)  # alive, not us
    write_lock(review, other.pid, other.host)
    assert filelock.acquire(review) == other
    filelock.release(review)  # not ours: stays
    assert filelock.holder_of(filelock.lock_file(review)) == other


def test_a_dead_holder_is_stale_and_replaced(review):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    write_lock(review, int(finished.stdout), filelock.me().host)
    assert filelock.acquire(review) is None
    assert filelock.holder_of(filelock.lock_file(review)) == filelock.me()


def test_another_host_cannot_be_checked_so_it_counts(review):
    write_lock(review, 1, "elsewhere.invalid")
    assert filelock.acquire(review) == filelock.Holder(1, "elsewhere.invalid")


def test_a_garbled_lock_is_replaced(review):
    filelock.lock_file(review).parent.mkdir(parents=True)
    filelock.lock_file(review).write_bytes(b"\xff not a lock")
    assert filelock.acquire(review) is None


def test_two_reviews_of_the_same_name_in_two_folders_have_two_locks(tmp_path):
    one, two = tmp_path / "a" / "r.toml", tmp_path / "b" / "r.toml"
    assert filelock.lock_file(one) != filelock.lock_file(two)
