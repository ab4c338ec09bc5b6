"""Every event, why, factor, person and impact row gets a short id, kept in the file, so
that `pmtui merge` and `pmtui diff` pair an item with itself however much it was edited.

An id is made from the item's content (its kind and what it holds, the id aside): the
first 8 hex digits of their SHA-256. Deterministic on purpose: two clones that open the
same file give the same items the same ids, so their saves agree, and `pmtui merge` finds
those ids again in the common base, which was written before anyone gave them. Identical
items of one list (and the rare two whose digits clash) get `-2`, `-3`… in list order. An
item that has an id keeps it, whatever it holds now; actions have theirs (`A1`) already,
one written without having got the next free one when read (`Review`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from pmtui.document.model import (
    Action,
    Event,
    Factor,
    ImpactRow,
    Participant,
    Review,
    Why,
    action_id_after,
    written_without_id,
)

IDENTIFIED = {
    "people": Participant,
    "timeline": Event,
    "impact": ImpactRow,
    "whys": Why,
    "factors": Factor,
}
"""The lists whose items get an id here, and the kind of their items."""

GIVEN = frozenset(IDENTIFIED.values())
"""The kinds of items whose id is given here: bookkeeping for merges, never shown."""

_DIGITS = 8


def give_ids(review: Review) -> int:
    """Give each item of the `IDENTIFIED` lists that has no id one (in place); how many."""
    given = 0
    for items in _lists(review):
        taken = {item.id for item in items if item.id}
        if len(taken) == len(items):
            continue
        for item in items:
            if not item.id:
                given_id = _free(content_id(item), taken)
                item.__dict__["id"] = given_id  # a text made here: nothing to validate
                taken.add(given_id)
                given += 1
    return given


def new_id(item: Event | Why | Factor | Participant | ImpactRow, items: list) -> str:
    """The id `give_ids` gives `item` as one more of `items`."""
    return _free(content_id(item), {other.id for other in items if other.id})


def with_ids(review: Review) -> Review:
    """`review` when all its items have ids, else a copy in which they all have (sharing
    with `review` all but those items: a deep copy of a large review takes longer than
    the diff that wants the ids)."""
    if not lacking_ids(review):
        return review
    items = {name: [item.model_copy() for item in getattr(review, name)] for name in IDENTIFIED}
    copy = review.model_copy(update=items)
    give_ids(copy)
    return copy


def snapshot_with_ids(snapshot: dict[str, Any], review: Review) -> dict[str, Any]:
    """`snapshot` (the review's as read, before it got its ids) with the ids it has now,
    its actions' included (`as_read`), each first in its item as the review's own
    snapshot would hold it: what making that snapshot again would give, in a tenth of the
    time on a large review."""
    with_ids = dict(snapshot)
    for name in (*IDENTIFIED, "actions"):
        if name in snapshot:
            items = zip(snapshot[name], getattr(review, name), strict=True)
            with_ids[name] = [{"id": item.id, **saved} for saved, item in items]
    return with_ids


def as_read(snapshot: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """`snapshot` (of the review read from `data`, of the current schema) as the file holds
    it: without the ids its actions written without one got when read (`Review`), which
    the first save writes in (`unwritten`)."""
    if not unwritten(data):
        return snapshot
    actions = zip(snapshot["actions"], data["actions"], strict=True)
    return {
        **snapshot,
        "actions": [
            {key: value for key, value in saved.items() if key != "id"}
            if written_without_id(written)
            else saved
            for saved, written in actions
        ],
    }


def unwritten(snapshot: dict[str, Any]) -> bool:
    """Whether a review as its file holds it (the data read, or its snapshot `as_read`)
    has an action without an id."""
    return any(map(written_without_id, snapshot.get("actions", ())))


def unnamed_as_written(review: Review, written: dict[str, Any] | None) -> Review:
    """`review` as `pmtui diff` and `merge` compare it: its actions the file (`written`,
    the data read or its snapshot `as_read`; None: a migrated file) holds without an id
    have none, rather than the one they got when read. That one follows from their place
    among the others, so an action added above them by hand would move it to another
    action: without it they pair by title."""
    if written is None or not unwritten(written):
        return review
    actions = [
        action.model_copy(update={"id": ""}) if by_hand else action
        for action, by_hand in _without_id_in_file(review, written)
    ]
    return review.model_copy(update={"actions": actions})


def _without_id_in_file(
    review: Review, written: dict[str, Any] | None
) -> Iterator[tuple[Action, bool]]:
    """Each action of `review`, and whether its file (`written`) holds it without an id."""
    if written is None or not unwritten(written):
        yield from ((action, False) for action in review.actions)
        return
    for action, as_written in zip(review.actions, written["actions"], strict=True):
        yield action, written_without_id(as_written)


def named_alike(*reviews: Review) -> list[Review]:
    """`reviews` (versions of one review, as compared: `unnamed_as_written`) with each
    action that has no id given the id an action of its title has in another, the first
    that has one: a file written by hand and the one pmtui saved from it (which wrote the
    ids in) name it alike, so writing its id is no change. Titles held twice in a version
    give none."""
    names: dict[str, str] = {}
    for review in reviews:
        once = _titles_once(review)
        for action in review.actions:
            if action.id and action.title in once:
                names.setdefault(action.title, action.id)

    def named(review: Review) -> Review:
        once = _titles_once(review)
        return _ids_given(
            review,
            lambda action, taken: (
                name
                if action.title in once and (name := names.get(action.title)) not in taken
                else None
            ),
        )

    return [named(review) for review in reviews]


def _titles_once(review: Review) -> set[str]:
    counts = Counter(action.title for action in review.actions)
    return {title for title, count in counts.items() if count == 1}


def numbered_as(review: Review, ours: Review, written: dict[str, Any] | None) -> Review:
    """`review` (a merge) with each action that has no id given one: the id an action of
    that title got when `ours` was read from its file (`written`), so that saving over
    that file writes it into that action's block, or else the next free one."""
    ours_ids = {a.title: a.id for a, by_hand in _without_id_in_file(ours, written) if by_hand}
    return _ids_given(
        review,
        lambda action, taken: (
            known
            if (known := ours_ids.get(action.title)) and known not in taken
            else action_id_after(taken)
        ),
    )


def _ids_given(review: Review, choose: Callable[[Action, set[str]], str | None]) -> Review:
    """`review` with each action that has no id given the one `choose` picks for it, if
    any, from the ids `taken` so far (each given is taken)."""
    if all(action.id for action in review.actions):
        return review
    taken = {action.id for action in review.actions}
    actions = []
    for action in review.actions:
        if not action.id and (chosen := choose(action, taken)):
            action = action.model_copy(update={"id": chosen})
            taken.add(chosen)
        actions.append(action)
    return review.model_copy(update={"actions": actions})


def lacking_ids(review: Review) -> bool:
    """Whether an item of the `IDENTIFIED` lists has no id yet."""
    return any(not item.id for items in _lists(review) for item in items)


def content_id(item: Event | Why | Factor | Participant | ImpactRow) -> str:
    """The id the item's kind and content make (what a file holds: defaults left out, so a
    field a later pmtui adds with a default does not change it)."""
    kind = type(item)
    content = kind.__pydantic_serializer__.to_json(  # bytes, as model_dump_json's text
        item, exclude={"id"}, exclude_defaults=True, exclude_none=True
    )
    return hashlib.sha256(kind.__name__.encode() + b":" + content).hexdigest()[:_DIGITS]


def _free(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _lists(review: Review) -> Iterator[list]:
    return (getattr(review, name) for name in IDENTIFIED)
