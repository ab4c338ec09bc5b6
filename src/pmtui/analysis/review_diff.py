"""What changed between two versions of a review, one line a change, in the review's words.

`event 14:05 'Patch deployed' added`, `action A3 owner Dan -> Tina`,
`incident severity SEV2 -> SEV1`. Items of a list are matched by their id (`item_ids`),
then by what names them (an action by its id, an event by its time and text, then by its
time alone or its text alone, a related document by its purpose), not by their place, so
an inserted event is one line and not a cascade. The ids `item_ids` gives are bookkeeping,
never said: an item gaining one is no change. The lines follow the document's order; each
is one printable line (no control byte, long texts cut).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from pmtui.document import item_ids, model
from pmtui.document.printable import escaped
from pmtui.errors import cut

LONGEST = 60
"""A text is cut to about this many characters (with `…`)."""

_BARE = re.compile(r"[\w.:@/#+-]+")
"""A value shown without quotes: one word, a time, a name (`Dan`, `SEV1`, `14:05`)."""

Key = Callable[[Any], Hashable | None]
"""What names an item of a list; None: this item has no such name."""


@dataclass(frozen=True)
class Kind:
    """How items of one list are matched and named."""

    keys: tuple[Key, ...]
    """Tried in turn: the first pairs items whose names are equal, the next pairs among
    those left, and so on."""
    name: Callable[[Any, int, Times], str]
    """The item (and its place, from 1) as a change line names it."""
    whole: Callable[[Any, int, Times], str] | None = None
    """The item as an added or removed line names it (default: `name`)."""
    joint: str = " "
    """Between the item's name and a changed field."""


@dataclass(frozen=True)
class Times:
    """Times as the review shows them: in its zone, with the day when the timeline spans
    days."""

    zone: dt.tzinfo
    with_day: bool

    def moment(self, at: dt.datetime, *, day_only: bool = False) -> str:
        local = at.astimezone(self.zone)
        if day_only:
            return local.strftime("%Y-%m-%d")
        return local.strftime("%Y-%m-%d %H:%M" if self.with_day else "%H:%M")

    def full(self, at: dt.datetime) -> str:
        return at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")


def changes(before: model.Review, after: model.Review) -> list[str]:
    """Each change from `before` to `after`, one line, in document order; none when the
    two hold the same."""
    before, after = item_ids.named_alike(item_ids.with_ids(before), item_ids.with_ids(after))
    with_day = len(_days(before) | _days(after)) > 1
    sides = (Times(before.zone, with_day), Times(after.zone, with_day))
    return [escaped(line, one_line=True) for line in _part(before, after, "", sides)]


def _days(review: model.Review) -> set[dt.date]:
    zone = review.zone
    return {event.at.astimezone(zone).date() for event in review.timeline}


def _quoted(text: str) -> str:
    return f"'{_cut(text)}'"


def _cut(text: str) -> str:
    return cut(text, LONGEST)


def _event_name(event: model.Event, _: int, times: Times) -> str:
    return f"event {times.moment(event.at, day_only=event.day_only)} {_quoted(event.text)}"


def _named(label: str, field: str) -> Callable[[Any, int, Times], str]:
    return lambda item, _, __: f"{label} {_quoted(getattr(item, field))}"


def _field(name: str) -> Key:
    return lambda item: getattr(item, name) or None


def _fields(*names: str) -> Key:
    return lambda item: tuple(getattr(item, name) for name in names)


def _action_name(action: model.Action, *, with_title: bool = False) -> str:
    """`action A3` (`action A3 'Rotate the password'`), or by its title alone when it has
    no id (a file written by hand: `store.compared`)."""
    if not action.id:
        return f"action {_quoted(action.title)}"
    name = f"action {_shown(action.id)}"
    return f"{name} {_quoted(action.title)}" if with_title else name


KINDS: dict[type[model.Part], Kind] = {
    model.Participant: Kind((_field("name"),), lambda p, _, __: f"participant {_shown(p.name)}"),
    model.Event: Kind(
        (_fields("at", "text"), _field("at"), _field("text")), _event_name, joint=": "
    ),
    model.ImpactRow: Kind(
        (_fields("category", "metric"), _field("metric")), _named("impact", "metric")
    ),
    model.Why: Kind(
        (_field("question"), _field("answer")),
        lambda _, place, __: f"why {place}",
        lambda why, place, __: f"why {place} {_quoted(why.question)}",
    ),
    model.Factor: Kind((_field("factor"), _field("how")), _named("factor", "factor")),
    model.Work: Kind((_field("what"),), _named("work", "what")),
    model.Question: Kind(
        (_fields("section", "prompt"), _field("prompt")), _named("question", "prompt")
    ),
    model.Action: Kind(
        (_field("id"), _field("title")),
        lambda action, _, __: _action_name(action),
        lambda action, _, __: _action_name(action, with_title=True),
    ),
    model.SystemicIssue: Kind((_field("issue"),), _named("systemic issue", "issue")),
    # A template's documents are purposes whose link and title are left to fill: the purpose
    # is what such a row keeps while it is filled, so it pairs the row (after purpose and
    # link together, lest a link added beside others of its purpose take one's place) and
    # names it in a change. An added or removed document is named by its link.
    model.Document: Kind(
        (_fields("purpose", "link"), _field("purpose"), _field("link"), _field("title")),
        lambda doc, _, __: f"document {_quoted(doc.title or doc.purpose or doc.link)}",
        lambda doc, _, __: f"document {_quoted(doc.title or doc.link or doc.purpose)}",
    ),
    model.Signoff: Kind((_field("role"),), lambda s, _, __: f"signoff {_shown(s.role)}"),
    model.Recipient: Kind((_field("audience"),), _named("recipient", "audience")),
    model.FollowUp: Kind(
        (_fields("after", "check"), _field("check")),
        lambda f, _, __: f"follow-up {_quoted(f'{f.after}: {f.check}')}",
    ),
    model.QuizAnswer: Kind(
        (_fields("question", "learner"),),
        lambda q, _, __: f"quiz answer {_shown(q.learner)} {_quoted(q.question)}",
    ),
    model.AgendaItem: Kind((_field("title"), _field("tab")), _named("agenda item", "title")),
    model.MergeConflict: Kind((_field("where"),), _named("conflict", "where")),
}
"""Every kind of part a review holds in a list (a test checks none is missing)."""

UNNAMED = Kind((), lambda item, place, _: f"{type(item).__name__.lower()} {place}")
"""A list of parts this module does not know: matched by place."""


def keys_of(kind: type[Any]) -> tuple[Key, ...]:
    """How items of `kind` are matched (see `pairs`): by the id `item_ids` gave them, then
    by what names them (a list of items that have none, such as a file edited by hand),
    then, for an item nothing names (a sign-off given a name but no role), by all it holds:
    left unpaired, it would be said removed and added though untouched, and a merge would
    keep it twice."""
    keys = KINDS.get(kind, UNNAMED).keys
    if kind in item_ids.GIVEN:
        keys = (_field("id"), *keys)
    return (*keys, _whole) if keys else keys


def _whole(item: model.Part) -> str:
    return item.model_dump_json()


def _part(before: Any, after: Any, label: str, sides: tuple[Times, Times]) -> Iterator[str]:
    """The changes between two versions of one part (or one unknown table), each line
    starting with `label` (what names the part, and a space or a colon)."""
    for field, old, new in _values(before, after):
        if old != new:
            yield from _value(old, new, label + field, sides)


def _values(before: Any, after: Any) -> Iterator[tuple[str, Any, Any]]:
    """(name, old, new) for each field or key of either side, declared ones first."""
    if isinstance(before, model.Part) and type(before) is type(after):
        for name, info in type(before).model_fields.items():
            if name == "id" and type(before) in item_ids.GIVEN:
                continue
            if name == "at" and isinstance(before, model.Event):
                yield name, (before.at, before.day_only), (after.at, after.day_only)
            elif not info.exclude:
                yield name, getattr(before, name), getattr(after, name)
        before, after = before.__pydantic_extra__ or {}, after.__pydantic_extra__ or {}
    for name in dict.fromkeys([*after, *before]):
        yield name, before.get(name, _ABSENT), after.get(name, _ABSENT)


_ABSENT = object()
"""The value of a key one side does not have."""


def _value(old: Any, new: Any, at: str, sides: tuple[Times, Times]) -> Iterator[str]:
    if new is _ABSENT:
        yield f"{at} {_shown(old)} removed"
    elif old is _ABSENT:
        yield f"{at} {_shown(new)} added"
    elif _parts(old) and _parts(new):
        yield from _items(old, new, sides)
    elif isinstance(old, model.Part | dict) and type(old) is type(new):
        yield from _part(old, new, at + " ", sides)
    elif _texts(old) and _texts(new) and Counter(old) != Counter(new):
        gone, came = Counter(old) - Counter(new), Counter(new) - Counter(old)
        yield from (f"{at} {_shown(text)} removed" for text in gone.elements())
        yield from (f"{at} {_shown(text)} added" for text in came.elements())
    else:
        yield f"{at} {_change(old, new, sides)}"


def _parts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, model.Part) for item in value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _items(before: list, after: list, sides: tuple[Times, Times]) -> Iterator[str]:
    """Items added, removed, moved and changed, in the order of the newer list (a removed
    item where it stood)."""
    kind_of = type((after or before)[0])
    kind = KINDS.get(kind_of, UNNAMED)
    whole = kind.whole or kind.name
    old_times, new_times = sides
    matches = pairs(before, after, keys_of(kind_of))
    kept = _in_order([matches[place] for place in sorted(matches)])
    matched = set(matches.values())
    said = 0

    def removed_up_to(end: int) -> Iterator[str]:
        nonlocal said
        for place in range(said, end):
            if place not in matched:
                yield f"{whole(before[place], place + 1, old_times)} removed"
        said = max(said, end)

    for place, item in enumerate(after):
        if place not in matches:
            yield f"{whole(item, place + 1, new_times)} added"
            continue
        was = matches[place]
        yield from removed_up_to(was)
        name = kind.name(before[was], was + 1, old_times)
        if was not in kept:
            yield f"{name} moved"
        yield from _part(before[was], item, name + kind.joint, sides)
    yield from removed_up_to(len(before))


def pairs(before: list, after: list, keys: tuple[Key, ...]) -> dict[int, int]:
    """Place in `after` → place in `before` of the same item: paired by each key in turn,
    an equal item first among those of the same name; by place when there is no key."""
    if not keys:
        return {place: place for place in range(min(len(before), len(after)))}
    pairs: dict[int, int] = {}
    for key in keys:
        taken = set(pairs.values())
        if len(taken) == len(before) or len(pairs) == len(after):
            break  # one side is all paired: no name of what is left needs working out
        waiting: dict[Hashable, list[int]] = {}
        for place, item in enumerate(before):
            if place not in taken and (name := key(item)) is not None:
                waiting.setdefault(name, []).append(place)
        for place, item in enumerate(after):
            if place in pairs or (name := key(item)) is None or not waiting.get(name):
                continue
            queue = waiting[name]
            same = next((i for i, was in enumerate(queue) if before[was] == item), 0)
            pairs[place] = queue.pop(same)
    return pairs


def _in_order(places: list[int]) -> set[int]:
    """The longest run of `places` that is increasing: those items kept their order; the
    others moved."""
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for index, place in enumerate(places):
        slot = bisect_left(tails, place)
        back.append(tail_at[slot - 1] if slot else -1)
        if slot == len(tails):
            tails.append(place)
            tail_at.append(index)
        else:
            tails[slot], tail_at[slot] = place, index
    kept, index = set(), tail_at[-1] if tail_at else -1
    while index >= 0:
        kept.add(places[index])
        index = back[index]
    return kept


def _change(old: Any, new: Any, sides: tuple[Times, Times]) -> str:
    """`old -> new`, each as the review shows it; shown in full when that looks the same."""
    old_times, new_times = sides
    if isinstance(old, str) and isinstance(new, str):
        old, new = _apart(old, new)
    shown = _shown(old, old_times), _shown(new, new_times)
    if shown[0] == shown[1]:
        shown = _exact(old, old_times), _exact(new, new_times)
    return f"{shown[0]} -> {shown[1]}"


def _exact(value: Any, times: Times) -> str:
    """A value in full, for two that look the same as the review shows them (seconds
    apart, a text whose difference is past the cut)."""
    if isinstance(value, tuple):
        value = value[0]
    if isinstance(value, dt.datetime):
        return value.astimezone(times.zone).isoformat()
    return repr(value)


def _apart(old: str, new: str) -> tuple[str, str]:
    """Two long texts from a little before where they first differ, so a change past the
    cut still shows."""
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    same = min(len(old), len(new)) if same is None else same
    if max(len(old), len(new)) <= LONGEST or same < LONGEST // 2:
        return old, new
    start = same - 10
    return "…" + old[start:], "…" + new[start:]


def _shown(value: Any, times: Times | None = None) -> str:
    """One value as the review shows it: a word bare, a text quoted and cut."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):  # an event's time and whether it is a day alone
        return times.moment(value[0], day_only=value[1]) if times else str(value[0])
    if isinstance(value, dt.datetime):
        return times.full(value) if times else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return value if len(value) <= LONGEST and _BARE.fullmatch(value) else _quoted(value)
    if isinstance(value, list):
        return _cut("[" + ", ".join(_shown(item, times) for item in value) + "]")
    return _cut(str(value))
