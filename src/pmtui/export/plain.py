"""What a layout sees: the review and its template as plain data, never live objects.

A layout is code from a file. It gets dicts, lists, strings (choices stay their `StrEnum`
value, a `str`), numbers, bools, dates and None, plus three pure helpers (`when`,
`derived.followup_date`, `template.label`; the sandbox adds filters and tests): no model
object, whose methods reach pydantic and the interpreter, no path, nothing that reads or
writes a file.

Each record of the review becomes a `Record`, a dict that remembers which record it was
made from, so `leftovers` can tell which fields the layout read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pmtui.analysis import durations
from pmtui.document.model import Milestone, Part, Review, zone_named
from pmtui.errors import quoted
from pmtui.export.derived import Derived
from pmtui.export.limits import LONGEST_FORMAT
from pmtui.templates import Template, presets_of

_ATOMS = frozenset({str, bool, int, float, type(None), dt.date, dt.datetime})
"""The common plain types, looked up by type first: most values of a review are these."""
_ATOM_KINDS = (str, bool, int, float, dt.date, dt.time)


class Record(dict):
    """One record of the review as a dict of its fields, extra keys included."""

    __slots__ = ("_origin",)  # `_`: out of a layout's reach in the sandbox

    def __init__(self, part: Part) -> None:
        extra = part.__pydantic_extra__
        super().__init__({**part.__dict__, **extra} if extra else part.__dict__)
        for name, value in self.items():  # most values are plain already: looked at in place
            kind = type(value)
            if kind is str:
                if value.isspace():
                    self[name] = ""
            elif kind not in _ATOMS:
                self[name] = plain(value)
        self._origin = id(part)


class Helper:
    """A pure function of pmtui's own that a layout calls (`when`, `template.label`,
    `derived.followup_date`, and the sandbox's `at` and `source`). The sandbox calls one
    straight away, its result counted as any call's, without Jinja's checks for a callable
    it cannot vouch for: a 10,000-event timeline makes some 30,000 of these calls.
    `takes_context`: called with the render's context first (as Jinja's `pass_context`)."""

    __slots__ = ("_apply", "_takes_context")  # `_`: out of a layout's reach in the sandbox

    def __init__(self, apply: Callable[..., Any], *, takes_context: bool = False) -> None:
        self._apply = apply
        self._takes_context = takes_context

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._apply(*args, **kwargs)


def called(helper: Helper, context: Any, args: tuple, kwargs: dict[str, Any]) -> Any:
    """A helper called from a layout: the context first if it takes one, as Jinja's
    `Context.call` gives it (with the variables the loop and block set so far). A function,
    not a method: a layout can call any public method of a value it holds."""
    loop_vars, block_vars = kwargs.pop("_loop_vars", None), kwargs.pop("_block_vars", None)
    if not helper._takes_context:
        return helper._apply(*args, **kwargs)
    if loop_vars:
        context = context.derived(loop_vars)
    if block_vars:
        context = context.derived(block_vars)
    return helper._apply(context, *args, **kwargs)


def origin(record: Record) -> int:
    """The `id()` of the model record this one was made from (alive while it renders)."""
    return record._origin


def plain(value: Any) -> Any:
    """A value of the review as plain data; a text of only spaces and line breaks as the
    empty text it reads as (a layout's `{% if %}` would put a heading over nothing), and
    left out of a list (where it would be an empty bullet)."""
    if type(value) is str:
        return "" if value.isspace() else value
    if type(value) in _ATOMS or isinstance(value, _ATOM_KINDS):
        return value  # a StrEnum choice is a str
    if isinstance(value, Part):
        return Record(value)
    if isinstance(value, list | tuple):
        return [item for item in map(plain, value) if item != ""]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return str(value)


def context(review: Review, template: Template) -> dict[str, Any]:
    """What a layout can use: the document, its parts, what its own template gave it when new
    (`presets`), derived values and helpers."""
    document = Record(review)
    by_origin = {origin(event): event for event in document["timeline"]}
    return {
        "review": document,
        "incident": document["incident"],
        "timeline": [by_origin[id(event)] for event in review.sorted_timeline()],
        "template": template_data(template),
        "presets": Record(presets_of(review)),
        "derived": derived_data(review, template),
        "durations": durations.measured_rows(durations.of_review(review)),
        "when": _when(review),
    }


def template_data(template: Template) -> dict[str, Any]:
    """The template's settings (not where its file is) and `label(milestone)`."""
    labels = {milestone: template.label(milestone) for milestone in Milestone}
    return {**plain(template.model_dump()), "label": Helper(labels.__getitem__)}


def derived_data(review: Review, template: Template) -> dict[str, Any]:
    """The values a review does not store, and `followup_date(after)`."""
    derived = Derived(review, template.label)
    values = {
        name: getattr(derived, name)
        for name in (
            "duration",
            "time_to_detect",
            "time_to_acknowledge",
            "time_to_mitigate",
            "time_to_isolate",
            "time_to_fix",
            "time_to_recover",
            "impact_to_acknowledged",
            "severity_tags",
            "timeline_diagram",
        )
    }
    return {**values, "followup_date": Helper(derived.followup_date)}


_MINUTES = "%Y-%m-%d %H:%M"
"""How `when` shows a time unless a layout asks otherwise. (`%Y` writes years before 1000
without their leading zeros, as `strftime` does everywhere but in this quick path.)"""


def _when(review: Review) -> Helper:
    """A datetime shown in the review's own timezone (or the `zone` a layout names, such as
    "UTC"). A moment known only to the day shows as that day, as the file has it, with no
    time of day; an approximate one as `~14:05`."""
    own = review.zone

    def show(
        moment: dt.datetime | None,
        fmt: str = _MINUTES,
        *,
        day_only: bool = False,
        approx: bool = False,
        zone: str | None = None,
    ) -> str:
        if not moment:
            return ""
        if day_only:
            return moment.astimezone(own).date().isoformat()
        shown = zone_named(zone) if zone else own
        if shown is None:
            raise ValueError(f"unknown timezone {quoted(zone)}")
        local = moment.astimezone(shown)
        if fmt == _MINUTES and local.year >= 1000:  # strftime costs ~4 µs; this a tenth of it
            text = local.isoformat(" ", "minutes")[:16]
        elif isinstance(fmt, str) and len(fmt) > LONGEST_FORMAT:
            raise ValueError(f"a time format longer than {LONGEST_FORMAT} characters")
        else:
            text = local.strftime(fmt)
        return f"~{text}" if approx else text

    return Helper(show)
