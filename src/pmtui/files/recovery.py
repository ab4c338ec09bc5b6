"""Recovery copies: unsaved edits rescued when pmtui crashes or its terminal closes.

Copies live in the user state folder (`locations.state_dir()/recovery`), private to the
user (0600 files in 0700 folders, as store writes every file of pmtui's own). Each running
pmtui has its own slot per review file, so twenty sessions on one review (browser tabs of
`pmtui serve`, each its own process) keep twenty copies, never one over another. The next
time the review is opened, each copy left by a pmtui that has ended is offered in turn:
restore it, discard it (it goes to `discarded/`, never offered again), or keep both (the
copy goes beside the review under a new name).
A copy of a pmtui still running is its live work, and left alone.

Beside each copy, `COPY.sha256` holds the hash of the review file as that pmtui last read
or wrote it. Restoring compares it with the file: someone else may have written the file
after pmtui read it and before the copy was made (the save refused as a conflict, then the
terminal closed), so the copy being newer says nothing about what it has seen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import secrets
from pathlib import Path

from pmtui.files import disk, filelock, locations, store
from pmtui.files.disk import Fingerprint

SLOT = f"{os.getpid()}-{secrets.token_hex(4)}"
"""This process's own slot: a pid can come back after a reboot, the random part cannot."""


_SLOT_PID = re.compile(r"\.(\d+)-[0-9a-f]+\.toml")
"""The pid in a copy's name after the review's part: `NAME-HASH.PID-RANDOM.toml`."""


def copy_of(review: Path) -> Path:
    """This pmtui's recovery copy of `review` (whether it exists or not)."""
    return locations.state_file("recovery", review, f".{SLOT}.toml")


def copies_of(review: Path) -> list[Path]:
    """Every recovery copy of `review`, from any pmtui (also an older one's single copy),
    oldest first; a `ReviewFileError` when the recovery folder cannot be looked in."""
    base = _base(review)
    try:
        found = [base.with_name(f"{base.name}.toml")]
        found += base.parent.glob(f"{glob.escape(base.name)}.*.toml")
        return sorted((copy for copy in found if copy.is_file()), key=_modified)
    except OSError as error:
        raise store.ReviewFileError(
            f"{base.parent}: cannot look in it ({store.reason(error)})"
        ) from None


def left_behind(review: Path) -> list[Path]:
    """The recovery copies of `review` whose pmtui has ended, oldest first.

    The copy of another pmtui still running (a tab of `pmtui serve`, another terminal) is
    that session's live work: it is neither offered nor removed. This process's own copy
    counts as left behind (a review closed and opened again).
    """
    prefix = len(_base(review).name)
    return [copy for copy in copies_of(review) if not _running_elsewhere(copy.name[prefix:])]


def _running_elsewhere(slot: str) -> bool:
    """Is the pmtui of this slot (`.PID-RANDOM.toml`) another process still running? An
    older pmtui's single copy (`.toml`) names none."""
    named = _SLOT_PID.fullmatch(slot)
    pid = int(named[1]) if named else None
    return pid is not None and pid != os.getpid() and filelock.running(pid)


def rescue(review: Path, text: str, read: Fingerprint | None) -> Path:
    """Keep `text`, the unsaved document of `review`, for the next start, with `read`, the
    file as the session last read or wrote it (None: there was no file). A character that
    cannot be written (half of a surrogate pair) is replaced, never stops the rescue."""
    copy = copy_of(review)
    store.write_atomically(_read_mark(copy), read.digest if read else "")  # before the copy
    store.write_atomically(copy, text)
    return copy


def all_pending(review: Path) -> list[Path]:
    """The copies left behind that hold something the file does not, oldest first."""
    on_disk = _bytes_of(review)
    return [copy for copy in left_behind(review) if _bytes_of(copy) not in (None, on_disk)]


def discard_unchanged(review: Path) -> None:
    """Remove the copies left behind that equal the file: they say nothing new (a pmtui
    stopped right after a save). Opening a review does this before offering the rest."""
    on_disk = _bytes_of(review)
    if on_disk is None:
        return
    for copy in left_behind(review):
        if _bytes_of(copy) == on_disk:
            discard(copy)


def changed_since(review: Path, copy: Path) -> bool | None:
    """Is the review file no longer what the pmtui that made `copy` last read or wrote?
    Restoring over it would then lose changes that the copy never saw. None when that
    cannot be told: a copy from an older pmtui, kept without its hash."""
    try:
        read = _read_mark(copy).read_text(encoding="ascii")
        now = disk.fingerprint(review)
    except (OSError, UnicodeDecodeError):
        return None
    return (now.digest if now else "") != read


def discard(copy: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only state folder: it is offered again
        copy.unlink(missing_ok=True)
        _read_mark(copy).unlink(missing_ok=True)


def keep_both(review: Path, copy: Path, now: dt.datetime) -> Path:
    """Put the recovery copy beside the review as `NAME.recovered-STAMP.toml`."""
    target = _put_beside(review, copy, "recovered", now)
    discard(copy)
    return target


def put_away(copy: Path, now: dt.datetime) -> Path:
    """Move a recovery copy the person chose to discard into the recovery folder's
    `discarded/`, as `COPY.discarded-STAMP.toml`: it is never offered again, and stays
    there, private, until they remove it. A key pressed by mistake (the question came up on
    its own, mid-sentence) lost the only copy of a session's edits."""
    kept = _put_beside(copy.parent / "discarded" / copy.name, copy, "discarded", now)
    discard(copy)
    return kept


def set_aside(
    review: Path, now: dt.datetime, text: str | None = None, label: str = "replaced"
) -> Path:
    """Keep the review beside it, as `NAME.LABEL-STAMP.toml`, before something else takes
    its place (recovered edits, mine written over theirs, theirs reloaded over mine): the
    file as it is, or `text`, the review as it is on screen with edits not saved yet."""
    return _put_beside(review, review, label, now, text)


def _put_beside(
    review: Path, source: Path, label: str, now: dt.datetime, text: str | None = None
) -> Path:
    target = stamped_sibling(review, label, now)
    count = 1
    while store.exists(target):  # two copies put beside in the same second
        count += 1
        target = stamped_sibling(review, f"{label}-{count}", now)
    if text is None:
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise store.ReviewFileError(f"{source}: cannot read ({error})") from None
    store.write_atomically(target, text, copy_of=review)  # the review's mode
    return target


def stamped_sibling(review: Path, label: str, now: dt.datetime) -> Path:
    """`review.toml` → `review.LABEL-20261120-140500.toml`, in the same folder."""
    return review.with_name(f"{review.stem}.{label}-{now:%Y%m%d-%H%M%S}{review.suffix or '.toml'}")


def _base(review: Path) -> Path:
    """The name every recovery copy of `review` starts with (it has no suffix itself)."""
    return locations.state_file("recovery", review, "")


def _read_mark(copy: Path) -> Path:
    """`COPY.sha256`: the hash of the review file as the pmtui that made `copy` saw it."""
    return copy.with_name(f"{copy.name}.sha256")


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
