"""What a layout left out of a review, so an export never drops anything silently.

While a layout renders, the sandbox notes every field of a record it reads (`Tracker`). Then
the review is walked: each filled-in field no layout read is listed in a final "Other notes"
section, one line per record. Empty fields, values still at their default, and preset rows a
template copied in but nobody filled (an impact metric without a value, a sign-off role
without a name, an agenda item never started, a related document's purpose without a link,
an audience or a follow-up check just as the template gave it) are not content and are
skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from enum import Enum
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from pmtui import templates
from pmtui.document import item_ids, model
from pmtui.export import escape, plain

PRESET_FIELDS: dict[type[model.Part], frozenset[str]] = {
    model.Question: frozenset({"section", "prompt"}),
    model.ImpactRow: frozenset({"category", "metric"}),
    model.Signoff: frozenset({"role"}),
    model.AgendaItem: frozenset({"title", "minutes", "tab"}),
    model.Document: frozenset({"purpose"}),
}
"""Fields a template fills in beside the one the room fills (an answer, a value, a name, a
start, a link): a record with nothing else set is an unused preset, whoever added it."""
AS_GIVEN = (model.Recipient, model.FollowUp)
"""Rows that say something by themselves (whom to share with, what to check), whose flag
says only whether it is done: one is an unused preset only as the review's template gave
it, so an audience not yet shared or a check not yet done that the room added is kept."""
BOOKKEEPING = frozenset({"schema_version", "template", "dismissed"})
"""Review fields about the file and the app, not the incident."""
SAID_EITHER_WAY = frozenset({(model.QuizAnswer, "right")})
"""Fields shown at their default too: a quiz answer is graded when given, so `right: no`
says it was wrong (left out, a wrong answer read as one not graded)."""
VERBATIM = frozenset({(model.Appendix, "snippets")})
"""Fields shown exactly as typed, in a fenced block: a config or code snippet, whose
indentation and characters are its meaning."""
TITLES = {
    "people": "People",
    "timeline": "Timeline",
    "whys": "5 whys",
    "factors": "Contributing factors",
    "work": "Attempted work",
    "actions": "Action items",
    "related": "Related documents",
    "signoff": "Sign-off",
    "followups": "Follow-ups",
}


class Tracker:
    """The (record, field) pairs a layout has read during one render."""

    def __init__(self) -> None:
        self.seen: set[tuple[int, str]] = set()

    def saw(self, record: object, name: object) -> None:
        """A layout read field `name` of a record it was given (a `plain.Record`)."""
        if type(record) is plain.Record:
            self.seen.add((plain.origin(record), name))


current: ContextVar[Tracker | None] = ContextVar("pmtui_export_tracker", default=None)


def notes(review: model.Review, tracker: Tracker) -> str:
    """The "Other notes" section for what the layout did not read, or empty."""
    lines = []
    for label, fields in leftovers(review, tracker):
        lines.append(f"- **{escape.inline(label)}**")
        for name, values, verbatim in fields:
            if verbatim:  # the block at the item's content column: its lines keep their indent
                block = escape.fenced(values[0]).replace("\n", "\n    ")
                lines.append(f"  - {escape.inline(name)}:\n\n    {block}\n")
            elif len(values) == 1 and "\n" not in values[0].strip():
                lines.append(f"  - {escape.inline(name)}: {escape.inline(values[0])}")
            elif len(values) == 1:  # its paragraphs, under the field's name
                lines.append(f"  - {escape.inline(name)}:\n\n    {escape.item(values[0], 4)}\n")
            else:
                lines += [
                    f"  - {escape.inline(name)}:",
                    *(f"    - {escape.item(v, 6)}" for v in values),
                ]
    return "## Other notes\n\n" + "\n".join(lines) + "\n" if lines else ""


def leftovers(
    review: model.Review, tracker: Tracker
) -> Iterator[tuple[str, list[tuple[str, list[str], bool]]]]:
    """(where, [(field, [value, …], verbatim), …]) for each record with fields the layout
    did not read; `verbatim`: a field of `VERBATIM`."""
    presets = templates.presets_of(review)
    given = [*presets.distribution, *presets.followups]
    yield from _record(review, "", tracker, review.zone, given)


def _record(
    record: model.Part,
    label: str,
    tracker: Tracker,
    zone: ZoneInfo,
    given: list[model.Part],
    fields: list[tuple[str, Any]] | None = None,
) -> Iterator[tuple[str, list[tuple[str, list[str], bool]]]]:
    unread, children = [], []
    seen = tracker.seen
    for name, value in _fields(record) if fields is None else fields:
        if isinstance(value, model.Part):
            children.append((_join(label, _title(name)), value))
        elif isinstance(value, list) and value and isinstance(value[0], model.Part):
            children += [(_join(label, _item_label(name, n, it)), it) for n, it in enumerate(value)]
        elif (id(record), name) not in seen:
            values = value if isinstance(value, list) else [value]
            known = name in model.field_names(type(record))  # an unknown key shows as in the file
            shown = name.replace("_", " ") if known else name
            verbatim = (type(record), name) in VERBATIM
            unread.append((shown, [_show(v, zone) for v in values], verbatim))
    if unread:
        yield label or "Review", unread
    for child_label, child in children:
        child_fields = _fields(child)  # walked once: for content, then for notes
        if _has_content(child, child_fields, given):
            yield from _record(child, child_label, tracker, zone, given, child_fields)


def _fields(record: model.Part) -> list[tuple[str, Any]]:
    """The filled-in fields of a record, extra keys included, defaults left out."""
    kind = type(record)
    defaults = _defaults(kind)
    skipped = _skipped(kind)
    extra = record.__pydantic_extra__
    return [
        (name, value)
        for name, value in ({**record.__dict__, **extra} if extra else record.__dict__).items()
        if name not in skipped
        and value is not None
        and not (not value and isinstance(value, str | list | dict))
        and (value != defaults.get(name, _NO_DEFAULT) or (kind, name) in SAID_EITHER_WAY)
    ]


_NO_DEFAULT = object()
"""What no field's value equals: the default of an extra key."""


@cache
def _skipped(kind: type[model.Part]) -> frozenset[str]:
    """Fields of a record that are never notes: derived ones, and the review's bookkeeping."""
    return _derived(kind) | (BOOKKEEPING if issubclass(kind, model.Review) else frozenset())


@cache
def _defaults(kind: type[model.Part]) -> dict[str, Any]:
    """Each field's default, made once per model (a review has thousands of records)."""
    return {
        name: field.get_default(call_default_factory=True)
        for name, field in kind.model_fields.items()
    }


@cache
def _derived(kind: type[model.Part]) -> frozenset[str]:
    """Fields a file never holds (`exclude`d from dumps, such as an event's `day_only`): they
    follow from other fields, and are not notes of their own; nor is the id an item was
    given from its content (`item_ids`), which is bookkeeping for merges."""
    derived = {name for name, field in kind.model_fields.items() if field.exclude}
    return frozenset(derived | ({"id"} if kind in item_ids.GIVEN else set()))


def _has_content(
    record: model.Part, fields: list[tuple[str, Any]], given: list[model.Part]
) -> bool:
    if isinstance(record, AS_GIVEN):
        return record not in given
    preset = PRESET_FIELDS.get(type(record), frozenset())
    return any(name not in preset for name, _ in fields)


def _item_label(name: str, index: int, item: model.Part) -> str:
    # An id given from the item's content (`item_ids`) means nothing to a reader.
    given = type(item) in item_ids.GIVEN
    ident = "" if given else item.__dict__.get("id") or (item.__pydantic_extra__ or {}).get("id")
    return f"{_title(name)} {ident or f'#{index + 1}'}"


def _title(name: str) -> str:
    return TITLES.get(name, name.replace("_", " ").capitalize())


def _join(parent: str, child: str) -> str:
    return f"{parent} › {child}" if parent else child


def _show(value: Any, zone: ZoneInfo) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(item, zone) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_show(item, zone)}" for key, item in value.items())
    return str(value)
