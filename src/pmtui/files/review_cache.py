"""Reviews as pmtui validated them when it last opened them, kept between runs: opening a
review again skips pydantic's validation and the building of its validators.

Those validators are built on first use (`defer_build`), and on the way to the Pet Clinic
sample's meeting screen building them and validating took about 50 ms of its start-up;
unpickling the review as validated takes 0.3 ms. Entries live with the parsed large texts
(`cache_entries`: private, one per review file, keyed by the text, the code that reads it
and the time zone database, so any change to one of them misses). Texts from
`parse_cache.MIN_SIZE` up are not kept: writing 10,000 events takes 0.1 s more on their
first opening, and their parse is kept already.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.files import cache_entries, parse_cache, store

if TYPE_CHECKING:
    from pmtui.document.model import Review

CLASSES = ("pmtui.document.model",)
"""The classes an entry is read back with (and TOML's values): the review's parts."""


def review_of(path: Path, text: str) -> tuple[Review, dict[str, Any] | None]:
    """The review in `text` (read from `path`), and that review as read (`store.snapshot`)
    when the text is of the current schema (None: it was migrated, so the text no longer
    says the same). A `ReviewFileError` as `store.review_in` raises it."""
    if len(text) >= parse_cache.MIN_SIZE:
        return _read(path, text)
    return cache_entries.kept(
        "review", path, text, partial(_read, path, text), _well_formed, CLASSES
    )


def _read(path: Path, text: str) -> tuple[Review, dict[str, Any] | None]:
    from pmtui.document import item_ids  # with the model, which `review_in` imported

    review, data = store.review_in(path, text)
    return review, None if data is None else item_ids.as_read(store.snapshot(review), data)


def _well_formed(kept: object) -> bool:
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return False
    from pmtui.document.model import Review  # imported by the unpickling already

    return isinstance(kept[0], Review) and (kept[1] is None or isinstance(kept[1], dict))
