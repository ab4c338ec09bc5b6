"""One pmtui per review: a lock file with the pid and host of the pmtui that has it open.

The lock lives in the user state folder, not beside the review, so opening and quitting
leaves nothing in the review's folder. A lock whose process is gone (same host, pid not
running) is stale and taken over. A lock from another host cannot be checked, so it counts.
"""

from __future__ import annotations

import os
import socket
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from pmtui import locations


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
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = holder_of(path)
            if holder is not None and holder != me() and alive(holder):
                return holder
            path.unlink(missing_ok=True)  # stale, unreadable, or ours from before
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            mine = me()
            file.write(tomli_w.dumps({"pid": mine.pid, "host": mine.host, "review": str(review)}))
        return None
    return holder_of(path)  # stale twice over (a race of three): go on without a warning


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
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OverflowError:
        return False
    return True
