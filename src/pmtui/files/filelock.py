"""One pmtui per review: a lock file with the pid and host of the pmtui that has it open.

The lock lives in the user state folder, not beside the review, so opening and quitting
leaves nothing in the review's folder. A lock whose process is gone (same host, pid not
running) is stale and taken over. A lock from another host cannot be checked, so it counts.

Two pmtui may still edit one review (the second is warned). `saving()` is the short lock
they share for the last step of a save: the check that the file is as they last saw it,
and the rename that replaces it. `painting()` is the painters' turn at drawing a review.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from pmtui.files import locations


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str

    def __str__(self) -> str:
        return f"process {self.pid} on {self.host}"


def me() -> Holder:
    return Holder(os.getpid(), socket.gethostname())


def lock_file(review: Path) -> Path:
    return locations.state_file("locks", review, ".lock")


def acquire(review: Path) -> Holder | None:
    """Take the lock of `review`; when another live pmtui has it, leave it and say who."""
    path = lock_file(review)
    locations.private_folder(path.parent)
    for _ in range(2):
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, locations.PRIVATE_FILE)
        except FileExistsError:
            holder = holder_of(path)
            if holder is not None and holder != me() and alive(holder):
                return holder
            path.unlink(missing_ok=True)  # stale, unreadable, or ours from before
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            mine = me()
            file.write(tomli_w.dumps({"pid": mine.pid, "host": mine.host, "review": named(review)}))
        return None
    return holder_of(path)  # stale twice over (a race of three): go on without a warning


def named(review: Path) -> str:
    """The review's path as text for a person reading the lock: a byte of the name that is
    not UTF-8 (a name from another system) shows as its escape, `\\xff`, and stops nothing."""
    return os.fsencode(review).decode("utf-8", "backslashreplace")


SAVE_WAIT_SECONDS = 5.0
"""How long a save waits for another pmtui's save of the same file to finish."""


@contextlib.contextmanager
def saving(review: Path) -> Iterator[None]:
    """Hold the save lock of `review`: no other pmtui checks or replaces it meanwhile.

    A process stopped while holding it would hold up the others: after `SAVE_WAIT_SECONDS`
    the save fails (`TimeoutError`).
    """
    with _held(
        review, ".saving", lambda handle: _wait_for(handle, time.monotonic() + SAVE_WAIT_SECONDS)
    ):
        yield


@contextlib.contextmanager
def painting(review: Path, seconds: float) -> Iterator[None]:
    """Hold the painting lock of `review` (`cli.paint_ahead`), waiting for the painter that
    has it to end, `seconds` at most: two would draw the same frames at once on a busy
    machine. Past that wait, or where locks cannot be taken, the block goes on unlocked:
    frames are kept whole or not at all, and drawing twice only costs time."""

    def turn(handle: int) -> None:
        with contextlib.suppress(OSError):  # TimeoutError too
            _wait_for(handle, time.monotonic() + seconds, pause=0.1)

    with _held(review, ".painting", turn):
        yield


@contextlib.contextmanager
def _held(review: Path, suffix: str, wait: Callable[[int], None]) -> Iterator[None]:
    """An advisory `flock` on the review's lock file of `suffix`, taken by `wait`, and
    released when its file is closed (also when a process dies). Without a state folder
    to lock in, the block goes on unlocked: a save's own check still runs, and a painter
    keeps nothing but whole frames."""
    path = locations.state_file("locks", review, suffix)
    try:
        locations.private_folder(path.parent)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, locations.PRIVATE_FILE)
    except OSError:
        handle = None
    if handle is None:
        yield
        return
    try:
        wait(handle)
        yield
    finally:
        os.close(handle)


def _wait_for(handle: int, deadline: float, pause: float = 0.01) -> None:
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    errno.ETIMEDOUT, "another pmtui is saving it and does not finish"
                ) from None
            time.sleep(pause)


def release(review: Path) -> None:
    """Remove the lock if it is ours."""
    path = lock_file(review)
    if holder_of(path) == me():
        path.unlink(missing_ok=True)


def holder_of(path: Path) -> Holder | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return None


def alive(holder: Holder) -> bool:
    """Is the holder's process running? Unknowable for another host: assume it is."""
    if holder.host != socket.gethostname():
        return True
    return running(holder.pid)


def running(pid: int) -> bool:
    """Is process `pid` of this host running (another user's process counts)?"""
    if pid <= 0:
        return False  # 0 and below name process groups, never one process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OverflowError:
        return False
    return True
