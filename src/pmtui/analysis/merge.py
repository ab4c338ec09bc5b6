"""Three versions of one review met in git (a common base, ours, theirs) made one, item by
item rather than line by line.

Items of a list are matched as `pmtui diff` matches them: by the ids `item_ids` gives
(each version gets them first: a version written before pmtui gave any gets the same ones
its items had when a side opened it), then by what names them (an action by its id, an
event by its time and text, a person by name…). Two sides that gave one item different
ids are no conflict: ours' is kept. A field changed on one side only takes that side's
value; a field changed on both sides to different values is a conflict: the merge keeps
ours and records both (`Review.conflicts`), which the app shows as a finding to settle. An
item one side removed goes, unless the other side changed it (a conflict: it stays). Items
added on either side are all kept; nothing a side holds is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from pydantic import BaseModel

from pmtui.analysis import review_diff
from pmtui.document import item_ids
from pmtui.document.model import MergeConflict, Review


@dataclass
class Merging:
    """What a merge found it could not settle, and how it names places in the review."""

    times: review_diff.Times
    conflicts: list[MergeConflict] = field(default_factory=list)

    def conflict(self, where: str, ours: Any, theirs: Any) -> None:
        self.conflicts.append(MergeConflict(where=where, ours=_text(ours), theirs=_text(theirs)))


def merge(base: Review, ours: Review, theirs: Review) -> Review:
    """The merged review: ours, with what theirs changed that ours did not, and the conflicts
    of this merge added to those the files held."""
    ours, theirs, base = item_ids.named_alike(*map(item_ids.with_ids, (ours, theirs, base)))
    merging = Merging(review_diff.Times(ours.zone, with_day=True))
    merged = _value(base, ours, theirs, "", merging)
    if all(a.at <= b.at for a, b in pairwise(ours.timeline)):
        merged.timeline.sort(key=lambda event: event.at)  # in time order, as ours was
    new = [c for c in merging.conflicts if c not in merged.conflicts]
    merged.conflicts = [*merged.conflicts, *new]  # a new list: ours' may be shared
    return merged


def _value(base: Any, ours: Any, theirs: Any, where: str, merging: Merging) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if isinstance(ours, BaseModel) and type(ours) is type(theirs) is type(base):
        return _part(base, ours, theirs, where, merging)
    if isinstance(ours, list) and isinstance(theirs, list) and isinstance(base, list):
        return _items(base, ours, theirs, where, merging)
    merging.conflict(where.strip(), ours, theirs)
    return ours


def _part(base: BaseModel, ours: BaseModel, theirs: BaseModel, where: str, m: Merging) -> Any:
    """Field by field, and the keys the model does not know (kept in `model_extra`)."""
    update = {}
    given_ids = type(ours) in item_ids.GIVEN
    for name in type(ours).model_fields:
        if name == "id" and given_ids:
            update[name] = getattr(ours, name) or getattr(theirs, name)
            continue
        at = f"{where} {name}".strip()
        update[name] = _value(
            getattr(base, name), getattr(ours, name), getattr(theirs, name), at, m
        )
    merged = ours.model_copy(update=update)
    extras = [part.model_extra or {} for part in (base, ours, theirs)]
    if any(extras):
        kept = {}
        for key in dict.fromkeys([*extras[1], *extras[2], *extras[0]]):
            b, o, t = (extra.get(key, _GONE) for extra in extras)
            value = _value(b, o, t, f"{where} {key}".strip(), m)
            if value is not _GONE:
                kept[key] = value
        object.__setattr__(merged, "__pydantic_extra__", kept)
    return merged


_GONE = object()
"""A key or item one side does not hold."""


def _items(base: list, ours: list, theirs: list, where: str, m: Merging) -> list:
    """Ours in its order, each merged with its match; then what only theirs added."""
    sample = next(iter(ours or theirs or base), None)
    if not isinstance(sample, BaseModel):
        return _plain(base, ours, theirs)
    kind = review_diff.KINDS.get(type(sample), review_diff.UNNAMED)
    keys = review_diff.keys_of(type(sample))
    ours_from = review_diff.pairs(base, ours, keys)  # place in ours → place in base
    theirs_from = review_diff.pairs(base, theirs, keys)
    in_theirs = {was: place for place, was in theirs_from.items()}
    in_ours = set(ours_from.values())
    merged = []
    for place, item in enumerate(ours):
        name = _named(kind, item, place, where, m)
        if (was := ours_from.get(place)) is None:
            merged.append(item)  # ours added it
        elif was not in in_theirs:  # theirs removed it
            if item != base[was]:
                m.conflict(f"{name} (removed there)", item, "removed")
                merged.append(item)
        else:
            merged.append(_value(base[was], item, theirs[in_theirs[was]], name, m))
    added_here = [item for place, item in enumerate(ours) if place not in ours_from]
    for place, item in enumerate(theirs):
        name = _named(kind, item, place, where, m)
        if (was := theirs_from.get(place)) is not None:
            if was not in in_ours and item != base[was]:  # ours removed it, theirs changed it
                # Theirs' edit is kept: it is what the conflict says is kept.
                m.conflict(f"{name} (removed here, edited there)", item, "removed")
                merged.append(item)
            continue
        # The same item added on both sides is matched by its full name only: two events
        # added at one time with different texts are two events.
        twins = review_diff.pairs(added_here, [item], kind.keys[:1])
        if not twins:
            merged.append(item)  # theirs added it
        elif (twin := added_here[twins[0]]) != item:
            m.conflict(name, twin, item)  # both added it, each their own way
    return merged


def _named(kind: review_diff.Kind, item: Any, place: int, where: str, m: Merging) -> str:
    """An item as a conflict names it: `action A3`, `event 14:05 'Patch deployed'`."""
    name = kind.name(item, place + 1, m.times)
    return f"{where} {name}".strip() if kind is review_diff.UNNAMED else name


def _plain(base: list, ours: list, theirs: list) -> list:
    """A list of texts: ours less what theirs removed, then what only theirs added."""
    kept = [value for value in ours if value in theirs or value not in base]
    return kept + [value for value in theirs if value not in base and value not in ours]


def _text(value: Any) -> str:
    """A value as a conflict records it, for a person to read and choose."""
    if isinstance(value, BaseModel):
        bookkeeping = {"id"} if type(value) in item_ids.GIVEN else None
        shown = value.model_dump(mode="json", exclude_defaults=True, exclude=bookkeeping)
        return ", ".join(f"{key} = {item}" for key, item in shown.items())
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
