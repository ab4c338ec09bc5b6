"""What a review file looked like on disk, to notice when someone else changed it.

A fingerprint is taken when a review is opened and after each of pmtui's own writes. Before
the next write, the file's current fingerprint is compared with it: the same size and
content hash mean nobody else wrote it (a `touch` or a `git checkout` of the same text is
not a change); the modification time says when it changed.

Reading a large file takes a while, and another program may write it meanwhile: a
fingerprint is only taken as read when the file's identity (device, inode, size,
modification time) is the same after the read as before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    digest: str
    identity: tuple[int, int, int, int] = (0, 0, 0, 0)
    """Device, inode, size and modification time: which file, as it was when read."""

    def same_content(self, other: Fingerprint | None) -> bool:
        return other is not None and (self.size, self.digest) == (other.size, other.digest)

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9, dt.UTC)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def of_bytes(data: bytes, stat: os.stat_result) -> Fingerprint:
    return Fingerprint(len(data), stat.st_mtime_ns, digest(data), identity(stat))


def identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def fingerprint(path: Path, attempts: int = 5) -> Fingerprint | None:
    """The file as it is now; None when there is no file.

    A file that changes while it is read is read again; one that never holds still gives
    the last reading (whose content then differs from anything pmtui saw: a conflict).
    """
    taken = None
    for _ in range(attempts):
        try:
            with path.open("rb") as file:
                before = os.fstat(file.fileno())
                taken = of_bytes(file.read(), before)
            if identity(path.stat()) == taken.identity:
                break
        except (FileNotFoundError, NotADirectoryError):
            return None
    return taken
