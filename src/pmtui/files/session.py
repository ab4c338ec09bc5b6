"""One open review: the document, its file, what is unsaved, what can be undone (`history`).

No Textual here: the app calls `changed()` after every edit, takes a `snapshot()` on its
own thread, and hands it to `write()` in a worker, so typing never waits for the disk.

The session remembers what the file looked like when it was read or last written (its
fingerprint). A write finds the file changed by someone else, or gone, and refuses: the
app then asks what to do (reload theirs, keep mine as a copy, overwrite, save as); the
version that reloading or overwriting replaces is kept beside the file first. The
file is checked again at the last moment, just before the new one takes its place, under
the save lock that every pmtui takes: a change made while pmtui formatted and wrote its
text is not written over either.

It also remembers the file's text and what it holds (`base`), so that a save changes only
what the edits changed and keeps the rest of the file as its author wrote it (`toml_edit`).
"Save as" and "keep mine as a copy" write that same text with this session's edits, so the
copy differs from the original by those edits alone. A new review is in pmtui's own style.

Items get their ids (`item_ids`) from the review as it was read, before any edit, and items
made since get theirs before each save. Opening writes nothing: the ids reach the file with
the first save made for an edit, put into the text first (`ids_unwritten`) so that its items
are still matched block for block with what the edit changed. So do the ids of actions
written by hand without one, which they got when read (`Review`).
"""

from __future__ import annotations

import datetime as dt
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.document import meeting_clock
from pmtui.files import disk, recovery, review_cache, store
from pmtui.files.disk import Fingerprint
from pmtui.files.history import History, Step
from pmtui.files.toml_base import Base

if TYPE_CHECKING:  # the app starts with this module and validates reviews a moment later
    from pmtui.document.model import Review


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
class ReviewSession:
    review: Review
    path: Path | None
    revision: int = 0
    saved_revision: int = 0
    history: History | None = None
    """Every change this session made, for undo and redo (None: started from `review`)."""
    kept_revision: int = 0
    """The revision the history last kept."""
    what_changed: str = "an edit"
    """What the changes since `kept_revision` were, in the words undo reports."""
    written_revision: int = -1
    on_disk: Fingerprint | None = None
    """The file as this session last read or wrote it (None: not written yet)."""
    base: Base | None = None
    """The text this session last read or wrote, and the snapshot of it (None: none yet)."""
    ids_unwritten: dict[str, Any] | None = None
    """The snapshot of `base` with the ids the session gave its items at opening, while the
    file has not got them (None: nothing pending)."""
    ids_pending: bool = False
    """The items as read are still to get their ids (`give_opening_ids`)."""
    over_empty: bool = False
    """A new review started in an empty file (`touch r.toml`), to be written over it at
    the first edit, as long as it is still as read (`on_disk`)."""
    layout_lost: bool = False
    """A save wrote the review in pmtui's own layout over the file's own (`toml_edit`)."""
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: Path, *, ids_later: bool = False) -> ReviewSession:
        """Load a review file (`ReviewFileError` if it cannot be), remembering its state.

        The fingerprint is taken before reading, so a change in between shows as a
        conflict at the first save rather than going unnoticed. With `ids_later`, the items
        get their ids when `give_opening_ids` is called (before the first save at the
        latest): `pmtui FILE` shows the review first (a tenth of its load on a large one).
        """
        _saveable(path)
        before = _fingerprint(path)
        text = store.read_text(path)
        review, as_read = review_cache.review_of(path, text)
        base = Base(text, as_read) if as_read is not None else None
        opened = Step("opened", read_again=lambda: store.from_data(store.parse(path, text), path))
        history = History(opened)
        session = cls(review, path, on_disk=before, base=base, history=history, ids_pending=True)
        if not ids_later:
            session.give_opening_ids()
        return session

    def give_opening_ids(self) -> None:
        """Give the items of the review as it was read their ids (`item_ids`), once."""
        if not self.ids_pending:
            return
        from pmtui.document import item_ids  # with the model, which the first frame does without

        self.ids_pending = False
        as_read = self.revision == 0  # else the snapshot of `base` is no longer the review's
        given = item_ids.give_ids(self.review)
        if self.base is not None and as_read and (given or item_ids.unwritten(self.base.data)):
            self.ids_unwritten = item_ids.snapshot_with_ids(self.base.data, self.review)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    @property
    def read_only_reason(self) -> str | None:
        """Why this review is never written (it is from a newer pmtui), or None."""
        if self.path is None:
            return None
        return store.newer_schema_line(self.review.schema_version, self.path)

    def __post_init__(self) -> None:
        if self.history is None:
            self.history = History.starting_with(self.review)

    def changed(self, what: str = "an edit") -> None:
        """The document changed (unsaved); `what` names the change when undo reports it."""
        self.revision += 1
        self.what_changed = what

    def edited(self, what: str, *, typing: bool = False) -> None:
        """A change by the person at the keyboard: one undo step now, or, while `typing`,
        once the typing pauses (the field calls `end_undo_step`)."""
        self.changed(what)
        if not typing:
            self.end_undo_step()

    def moved_on(self, what: str) -> None:
        """A change that undo must not take back (a step of a replay: the player keeps what
        each line added and takes it back itself); the history starts again from it."""
        self.changed(what)
        assert self.history is not None
        self.history.start_from(self.review, what)
        self.kept_revision = self.revision

    def clock_moved(self) -> None:
        """The meeting's clock moved (unsaved), which undo never takes back: no undo step."""
        pending = self.kept_revision != self.revision
        self.revision += 1
        if not pending:
            self.kept_revision = self.revision

    def end_undo_step(self) -> None:
        """Remember the document as the changes since the last call left it (one undo step)."""
        assert self.history is not None
        if self.kept_revision != self.revision:
            self.history.add(self.review, self.what_changed)
            self.kept_revision = self.revision

    def undo(self) -> str | None:
        """Go back to the document before the last change; what that change was, or None."""
        self.end_undo_step()
        assert self.history is not None
        return self._back_to(self.history.undo())

    def redo(self) -> str | None:
        """Make the last undone change again; what it was, or None."""
        self.end_undo_step()
        assert self.history is not None
        return self._back_to(self.history.redo())

    def _back_to(self, found: tuple[Review, str] | None) -> str | None:
        if found is None:
            return None
        review, what = found
        meeting_clock.carry_over(self.review.meeting, into=review.meeting)
        self.review.become(review)
        self.revision += 1
        self.kept_revision = self.revision
        return what

    def start_history(self) -> None:
        """Forget what came before: the document was replaced (reloaded, restored)."""
        self.history = History.starting_with(self.review)
        self.kept_revision = self.revision

    def snapshot(self) -> Snapshot:
        """What to save: the document now, every item of it with an id (`item_ids`)."""
        from pmtui.document import item_ids

        self.give_opening_ids()
        item_ids.give_ids(self.review)
        return Snapshot(self.revision, store.snapshot(self.review))

    def write(self, snapshot: Snapshot, *, over: Fingerprint | None = None) -> int:
        """Write a snapshot to the file (safe in a worker thread); its revision.

        Writes happen one at a time, and a snapshot older than one already written is
        skipped, so a slow write can never put older text over newer. A file changed or
        removed by someone else is not written over (`ChangedOnDisk`, `GoneFromDisk`)
        unless it is `over`, the file as someone else left it, which the person chose to
        write over (`overwrite`).
        """
        if self.path is None:
            raise store.ReviewFileError("this review has no file yet")
        store.refuse_newer(snapshot.data["schema_version"], self.path)
        with self._write_lock:
            if snapshot.revision > self.written_revision or over is not None:
                path = self.path
                check = partial(self._check_unchanged, path, over or self.on_disk)
                saved = self._saved(path, snapshot.data)
                self.on_disk = store.write_atomically(path, saved.text, check=check)
                self._now_based_on(saved)
                self.written_revision = snapshot.revision
        return snapshot.revision

    def _saved(self, path: Path, data: dict[str, Any]) -> Base:
        """The text to write for `data`, from `base` with the ids given at opening put in
        first: each item then still has its block to be edited in. A save that changes
        nothing else writes the text as it was, without them."""
        from pmtui.files import toml_edit  # at the first save: opening needs only `Base`

        base = self.base
        if base is None or self.ids_unwritten is None:
            return toml_edit.saved(path, data, base)
        if data == self.ids_unwritten:
            return base
        return toml_edit.saved(path, data, toml_edit.saved(path, self.ids_unwritten, base))

    def _now_based_on(self, saved: Base) -> None:
        """`saved` was written: the text later saves start from."""
        if saved is not self.base:
            self.base, self.ids_unwritten = saved, None
            self.layout_lost = self.layout_lost or saved.layout_lost

    def _check_unchanged(self, path: Path, seen: Fingerprint | None, target: Path) -> None:
        """`target`, the file a save of `path` replaces, is as this session `seen` it."""
        now = _fingerprint(target)
        if seen is None and now is not None:
            raise ChangedOnDisk(path, now)
        if seen is not None and now is None:
            raise GoneFromDisk(path)
        if seen is not None and not seen.same_content(now):
            raise ChangedOnDisk(path, now)

    def mark_saved(self, revision: int) -> None:
        self.saved_revision = max(self.saved_revision, revision)

    def save_now(self) -> None:
        """Save on this thread (used when quitting)."""
        self.mark_saved(self.write(self.snapshot()))

    def save_as(self, path: Path) -> None:
        """Write the document to a new file (never over an existing one) and go on there:
        the text this session last read or wrote, with its edits since (`toml_edit`), with
        the mode of the file it was read from (`store.copy_mode`)."""
        _refuse_existing(path)
        snapshot = self.snapshot()
        store.refuse_newer(snapshot.data["schema_version"], path)
        with self._write_lock:
            saved = self._saved(path, snapshot.data)
            self.on_disk = store.write_atomically(
                path, saved.text, check=lambda _: _refuse_existing(path), copy_of=self.path
            )
            self._now_based_on(saved)
            self.path = path
            self.written_revision = snapshot.revision
        self.mark_saved(snapshot.revision)

    def keep_mine_as_copy(self, now: dt.datetime) -> Path:
        """Save this document beside the file as `NAME.mine-STAMP.toml`; go on there."""
        assert self.path is not None
        copy = recovery.stamped_sibling(self.path, "mine", now)
        self.save_as(copy)
        return copy

    def overwrite(self, now: dt.datetime) -> Path:
        """Write this document over the file someone else changed, keeping theirs beside
        it first as `NAME.replaced-STAMP.toml` (returned): only the very text kept there is
        written over (changed again meanwhile: `ChangedOnDisk`)."""
        assert self.path is not None
        theirs = store.read_bytes(self.path)
        kept = recovery.set_aside(self.path, now, store.text_of(self.path, theirs))
        seen = Fingerprint(len(theirs), 0, disk.digest(theirs))  # what `same_content` compares
        self.mark_saved(self.write(self.snapshot(), over=seen))
        return kept

    def reload(self, now: dt.datetime) -> Path | None:
        """Take the file as it is on disk now. This session's unsaved edits are kept beside
        it first, as `NAME.mine-STAMP.toml` (returned; None: there were none), in the file's
        own style as a save would write them."""
        assert self.path is not None
        opened = ReviewSession.open(self.path)
        mine = None
        if self.dirty:
            snapshot = self.snapshot()
            with self._write_lock:
                text = self._saved(self.path, snapshot.data).text
            mine = recovery.set_aside(self.path, now, text, label="mine")
        with self._write_lock:
            self.review, self.on_disk, self.base = opened.review, opened.on_disk, opened.base
            self.ids_unwritten, self.ids_pending = opened.ids_unwritten, opened.ids_pending
            self.revision += 1
            self.saved_revision = self.written_revision = self.revision
            self.history, self.kept_revision = opened.history, self.revision
        return mine

    def rescue(self) -> Path | None:
        """Unsaved edits to the recovery folder (after a crash or a lost terminal)."""
        if not self.dirty or self.path is None:
            return None
        return recovery.rescue(self.path, store.dumps(self.review), self.on_disk)

    def with_typed(self, data: dict[str, Any], typed: list[Callable[[Review], object]]) -> str:
        """The text of the review as `data` (`store.snapshot`) holds it, with `typed` (text
        typed and not yet added) put in, for the recovery folder; the document stays as it
        is. Safe in a worker thread: the review is made again from `data`."""
        assert self.path is not None
        review = store.from_data(data, self.path)
        for put in typed:
            put(review)
        return store.dumps(review)


def _refuse_existing(path: Path) -> None:
    if store.exists(path):
        raise store.ReviewFileError(f"{path}: already exists; choose another name")


def _saveable(path: Path) -> None:
    """A review is opened to be saved back where it was read: a pipe or a device (read
    once, never written back) is refused with its one line, before anything reads it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return  # read next, it says so
    except OSError as error:
        raise store.ReviewFileError(f"{path}: cannot read ({store.reason(error)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise store.ReviewFileError(f"{path}: is a folder, not a review file")
    if not stat.S_ISREG(info.st_mode):
        raise store.ReviewFileError(
            f"{path}: not a regular file (a pipe or a device): pmtui saves a review back "
            "to its file, so copy it into one first"
        )


def _fingerprint(path: Path) -> Fingerprint | None:
    try:
        return disk.fingerprint(path)
    except OSError as error:
        raise store.ReviewFileError(f"{path}: cannot read ({store.reason(error)})") from None
