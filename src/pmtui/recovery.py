"""Recovery copies: unsaved edits rescued when pmtui crashes or its terminal closes.

A copy lives in the user state folder (`locations.state_dir()/recovery`), one per review
file. The next time that review is opened, the copy is offered: restore it, discard it, or
keep both (the copy goes beside the review under a new name).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from pmtui import locations, store


def copy_of(review: Path) -> Path:
    return locations.state_file("recovery", review, ".toml")


def rescue(review: Path, text: str) -> Path:
    """Keep `text`, the unsaved document of `review`, for the next start."""
    copy = copy_of(review)
    copy.parent.mkdir(parents=True, exist_ok=True)
    store.write_atomically(copy, text)
    return copy


def pending(review: Path) -> Path | None:
    """The recovery copy of `review` worth offering; one equal to the file is dropped."""
    copy = copy_of(review)
    try:
        rescued = copy.read_bytes()
    except OSError:
        return None
    try:
        same = review.read_bytes() == rescued
    except OSError:
        same = False
    if same:
        discard(review)
        return None
    return copy


def discard(review: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only state folder: it is offered again
        copy_of(review).unlink(missing_ok=True)


def keep_both(review: Path, now: dt.datetime) -> Path:
    """Put the recovery copy beside the review as `NAME.recovered-STAMP.toml`."""
    target = stamped_sibling(review, "recovered", now)
    try:
        text = copy_of(review).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise store.ReviewFileError(f"{copy_of(review)}: cannot read ({error})") from None
    store.write_atomically(target, text)
    discard(review)
    return target


def stamped_sibling(review: Path, label: str, now: dt.datetime) -> Path:
    """`review.toml` → `review.LABEL-20261120-140500.toml`, in the same folder."""
    return review.with_name(f"{review.stem}.{label}-{now:%Y%m%d-%H%M%S}{review.suffix or '.toml'}")
