"""What a review file looked like on disk, to notice when someone else changed it.

A fingerprint is taken when a review is opened and after each of pmtui's own writes. Before
the next write, the file's current fingerprint is compared with it: the same size and
content hash mean nobody else wrote it (a `touch` or a `git checkout` of the same text is
not a change); the modification time says when it changed.
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

    def same_content(self, other: Fingerprint | None) -> bool:
        return other is not None and (self.size, self.digest) == (other.size, other.digest)

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9, dt.UTC)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def of_bytes(data: bytes, stat: os.stat_result) -> Fingerprint:
    return Fingerprint(len(data), stat.st_mtime_ns, digest(data))


def fingerprint(path: Path) -> Fingerprint | None:
    """The file as it is now; None when there is no file."""
    try:
        with path.open("rb") as file:
            stat = os.fstat(file.fileno())
            return of_bytes(file.read(), stat)
    except (FileNotFoundError, NotADirectoryError):
        return None
