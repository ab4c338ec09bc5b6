"""One open review: the document, its file, what is unsaved, what can be undone.

No Textual here: the app calls `changed()` after every edit, takes a `snapshot()` on its
own thread, and hands it to `write()` in a worker, so typing never waits for the disk.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmtui import store
from pmtui.model import Review


@dataclass(frozen=True)
class Snapshot:
    revision: int
    data: dict[str, Any]


@dataclass
class Deleted:
    """An item taken out of one of the document's lists, and where it was."""

    items: list[Any]
    index: int
    item: Any
    label: str


@dataclass
class ReviewSession:
    review: Review
    path: Path | None
    revision: int = 0
    saved_revision: int = 0
    deleted: list[Deleted] = field(default_factory=list)
    written_revision: int = -1
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def changed(self) -> None:
        self.revision += 1

    def snapshot(self) -> Snapshot:
        return Snapshot(self.revision, store.snapshot(self.review))

    def write(self, snapshot: Snapshot) -> int:
        """Write a snapshot to the file (safe in a worker thread); its revision.

        Writes happen one at a time, and a snapshot older than one already written is
        skipped, so a slow write can never put older text over newer.
        """
        if self.path is None:
            raise store.ReviewFileError("this review has no file yet")
        store.refuse_newer(snapshot.data["schema_version"], self.path)
        with self._write_lock:
            if snapshot.revision > self.written_revision:
                store.write_atomically(self.path, store.format_snapshot(snapshot.data))
                self.written_revision = snapshot.revision
        return snapshot.revision

    def mark_saved(self, revision: int) -> None:
        self.saved_revision = max(self.saved_revision, revision)

    def save_now(self) -> None:
        """Save on this thread (used when quitting)."""
        self.mark_saved(self.write(self.snapshot()))

    def delete(self, items: list[Any], index: int, label: str) -> None:
        """Take `items[index]` out, keeping it for `undo()`."""
        self.deleted.append(Deleted(items, index, items.pop(index), label))
        self.changed()

    def undo(self) -> Deleted | None:
        """Put the last deleted item back where it was."""
        if not self.deleted:
            return None
        last = self.deleted.pop()
        last.items.insert(min(last.index, len(last.items)), last.item)
        self.changed()
        return last
