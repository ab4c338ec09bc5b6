"""One open review: the document, its file, what is unsaved, what can be undone.

No Textual here: the app calls `changed()` after every edit, takes a `snapshot()` on its
own thread, and hands it to `write()` in a worker, so typing never waits for the disk.

The session remembers what the file looked like when it was read or last written (its
fingerprint). A write finds the file changed by someone else, or gone, and refuses: the
app then asks what to do (reload theirs, keep mine as a copy, overwrite, save as). The
file is checked again at the last moment, just before the new one takes its place, under
the save lock that every pmtui takes: a change made while pmtui formatted and wrote its
text is not written over either.

It also remembers the file's text and what it holds (`base`), so that a save changes only
what the edits changed and keeps the rest of the file as its author wrote it (`toml_edit`).
"Save as" and "keep mine as a copy" write that same text with this session's edits, so the
copy differs from the original by those edits alone. A new review is in pmtui's own style.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui import disk, recovery, store, toml_edit
from pmtui.disk import Fingerprint

if TYPE_CHECKING:  # the app starts with this module and validates reviews a moment later
    from pmtui.model import Review


class ChangedOnDisk(store.ReviewFileError):
    """Someone else wrote the file since this session read or wrote it."""

    def __init__(self, path: Path, now: Fingerprint | None) -> None:
        when = f" at {now.modified:%H:%M:%S} UTC" if now else ""
        super().__init__(f"{path}: changed on disk{when} since pmtui opened it")


class GoneFromDisk(store.ReviewFileError):
    """The file was deleted or moved away while open."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: deleted or moved away since pmtui opened it")


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
    on_disk: Fingerprint | None = None
    """The file as this session last read or wrote it (None: not written yet)."""
    base: toml_edit.Base | None = None
    """The text this session last read or wrote, and the snapshot of it (None: none yet)."""
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: Path) -> ReviewSession:
        """Load a review file (`ReviewFileError` if it cannot be), remembering its state.

        The fingerprint is taken before reading, so a change in between shows as a
        conflict at the first save rather than going unnoticed.
        """
        before = _fingerprint(path)
        review, text, current = store.load_with_text(path)
        base = toml_edit.Base(text, store.snapshot(review)) if current else None
        return cls(review, path, on_disk=before, base=base)

    @classmethod
    def open_or_start(cls, path: Path, today: dt.date) -> ReviewSession:
        """The review at `path`; where there is no file yet, a new review from the default
        template, written there at its first edit."""
        if path.exists():
            return cls.open(path)
        from pmtui import templates

        default = templates.load_template("default")
        return cls(templates.new_review(default, today=today), path)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    @property
    def read_only_reason(self) -> str | None:
        """Why this review is never written (it is from a newer pmtui), or None."""
        if self.path is None:
            return None
        return store.newer_schema_line(self.review.schema_version, self.path)

    def changed(self) -> None:
        self.revision += 1

    def snapshot(self) -> Snapshot:
        return Snapshot(self.revision, store.snapshot(self.review))

    def write(self, snapshot: Snapshot, *, overwrite: bool = False) -> int:
        """Write a snapshot to the file (safe in a worker thread); its revision.

        Writes happen one at a time, and a snapshot older than one already written is
        skipped, so a slow write can never put older text over newer. A file changed or
        removed by someone else is not written over (`ChangedOnDisk`, `GoneFromDisk`)
        unless `overwrite` says the person chose to.
        """
        if self.path is None:
            raise store.ReviewFileError("this review has no file yet")
        store.refuse_newer(snapshot.data["schema_version"], self.path)
        with self._write_lock:
            if snapshot.revision > self.written_revision or overwrite:
                path = self.path
                check = None if overwrite else lambda: self._check_unchanged(path)
                saved = toml_edit.saved(path, snapshot.data, self.base)
                self.on_disk = store.write_atomically(path, saved.text, check=check)
                self.base = saved
                self.written_revision = snapshot.revision
        return snapshot.revision

    def _check_unchanged(self, path: Path) -> None:
        now = _fingerprint(path)
        if self.on_disk is None and now is not None:
            raise ChangedOnDisk(path, now)
        if self.on_disk is not None and now is None:
            raise GoneFromDisk(path)
        if self.on_disk is not None and not self.on_disk.same_content(now):
            raise ChangedOnDisk(path, now)

    def mark_saved(self, revision: int) -> None:
        self.saved_revision = max(self.saved_revision, revision)

    def save_now(self) -> None:
        """Save on this thread (used when quitting)."""
        self.mark_saved(self.write(self.snapshot()))

    def save_as(self, path: Path) -> None:
        """Write the document to a new file (never over an existing one) and go on there:
        the text this session last read or wrote, with its edits since (`toml_edit`)."""
        _refuse_existing(path)
        snapshot = self.snapshot()
        store.refuse_newer(snapshot.data["schema_version"], path)
        with self._write_lock:
            saved = toml_edit.saved(path, snapshot.data, self.base)
            self.on_disk = store.write_atomically(
                path, saved.text, check=lambda: _refuse_existing(path)
            )
            self.base = saved
            self.path = path
            self.written_revision = snapshot.revision
        self.mark_saved(snapshot.revision)

    def keep_mine_as_copy(self, now: dt.datetime) -> Path:
        """Save this document beside the file as `NAME.mine-STAMP.toml`; go on there."""
        assert self.path is not None
        copy = recovery.stamped_sibling(self.path, "mine", now)
        self.save_as(copy)
        return copy

    def reload(self) -> None:
        """Take the file as it is on disk now, dropping this session's unsaved edits."""
        assert self.path is not None
        opened = ReviewSession.open(self.path)
        with self._write_lock:
            self.review, self.on_disk, self.base = opened.review, opened.on_disk, opened.base
            self.deleted.clear()
            self.revision += 1
            self.saved_revision = self.written_revision = self.revision

    def rescue(self) -> Path | None:
        """Unsaved edits to the recovery folder (after a crash or a lost terminal)."""
        if not self.dirty or self.path is None:
            return None
        return recovery.rescue(self.path, store.dumps(self.review))

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


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise store.ReviewFileError(f"{path}: already exists; choose another name")


def _fingerprint(path: Path) -> Fingerprint | None:
    try:
        return disk.fingerprint(path)
    except OSError as error:
        raise store.ReviewFileError(f"{path}: cannot read ({store.reason(error)})") from None
