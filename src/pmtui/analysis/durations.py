"""One review's durations, each measured as `pmtui.analysis.measures` defines it.

A point of the incident is read from the earliest event marked with its milestone, else from
what stands in for it (see `measures`). A span that would end before it starts is not
measured. A span with an approximate end (`approx`) is shown as "about 2h"; one with a
date-only end (`day_only`) in whole calendar days ("3 days", "same day"), since the time of
day of that end is not known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from pmtui.analysis import measures
from pmtui.document.model import Event, Incident, Milestone, Review, zone_named

M = Milestone


class Moment(NamedTuple):
    """When a point of the incident was, and how precisely the source knows it."""

    at: dt.datetime
    approx: bool = False
    day_only: bool = False

    @classmethod
    def of(cls, event: Event) -> Moment:
        return cls(event.at, event.approx, event.day_only)

    def day(self, zone: dt.tzinfo | None = None) -> dt.date:
        """The calendar day, in `zone` (default: the moment's own offset)."""
        return self.at.astimezone(zone or self.at.tzinfo).date()


@dataclass(frozen=True)
class Durations:
    detect: dt.timedelta | None = None
    acknowledge: dt.timedelta | None = None
    mitigate: dt.timedelta | None = None
    resolve: dt.timedelta | None = None
    isolate: dt.timedelta | None = None
    fix: dt.timedelta | None = None
    recover: dt.timedelta | None = None
    about: frozenset[str] = frozenset()
    """The measures with an approximate end."""
    days: Mapping[str, int] = field(default_factory=dict)
    """The measures with a date-only end, as calendar days between their ends."""

    def seconds(self) -> dict[str, int | None]:
        """Every duration in whole seconds (None when not measured), for JSON."""
        return {
            name: None if (value := getattr(self, name)) is None else int(value.total_seconds())
            for name in KEYS
        }

    def texts(self) -> dict[str, str | None]:
        """Every duration as shown, with its precision ("about 2h", "3 days"), for JSON."""
        return {key: None if getattr(self, key) is None else self.text(key) for key in KEYS}

    def text(self, key: str) -> str:
        """The measure as shown: `1h 15m`, `about 2h`, `3 days`; `—` when not measured."""
        span = getattr(self, key)
        if span is None:
            return "—"
        return Reading(span, key in self.about, self.days.get(key)).text


class Reading(NamedTuple):
    """One measure of one review: its span, and how precisely its ends are known."""

    span: dt.timedelta
    about: bool = False
    days: int | None = None
    """Calendar days between the ends, when an end is a date alone."""

    @property
    def text(self) -> str:
        if self.days is not None:
            return days_text(self.days)
        return f"about {span_text(self.span)}" if self.about else span_text(self.span)


KEYS = tuple(f.name for f in fields(Durations) if f.name not in ("about", "days"))


def timeline_moments(events: Iterable[Event]) -> dict[M, Moment]:
    """The earliest event marked with each milestone (an event may mark several)."""
    moments: dict[M, Moment] = {}
    for event in events:
        for milestone in event.milestone:
            if milestone not in moments or event.at < moments[milestone].at:
                moments[milestone] = Moment.of(event)
    return moments


def moment(point: measures.Point, moments: Mapping[M, Moment], incident: Incident) -> Moment | None:
    """Where the timeline (else the incident's fields) puts `point`."""
    for source in point.sources:
        if isinstance(source, Milestone | tuple):
            group = source if isinstance(source, tuple) else (source,)
            if marked := [moments[m] for m in group if m in moments]:
                return min(marked, key=lambda found: found.at)
        elif (at := getattr(incident, source)) is not None:
            return Moment(at)
    return None


def of_review(review: Review) -> Durations:
    return measure(timeline_moments(review.timeline), review.incident)


def measure(moments: Mapping[M, Moment], incident: Incident) -> Durations:
    readings = {m.key: r for m in measures.MEASURES if (r := reading(m, moments, incident))}
    return Durations(
        **{key: r.span for key, r in readings.items()},
        about=frozenset(key for key, r in readings.items() if r.about),
        days={key: r.days for key, r in readings.items() if r.days is not None},
    )


def reading(
    definition: measures.Measure, moments: Mapping[M, Moment], incident: Incident
) -> Reading | None:
    """The measure, or None when an end is missing or the end comes before the start.

    With a date-only end, the calendar days between the ends' dates in the review's zone
    (a resolution dated the day the impact began at 10:00 is "same day", not before it; a
    clock change between them is no day more or less)."""
    start = moment(definition.start, moments, incident)
    end = moment(definition.end, moments, incident)
    if start is None or end is None:
        return None
    if start.day_only or end.day_only:
        zone = zone_named(incident.timezone) or dt.UTC
        days = (end.day(zone) - start.day(zone)).days
        return None if days < 0 else Reading(max(end.at - start.at, dt.timedelta(0)), days=days)
    if end.at < start.at:
        return None
    return Reading(end.at - start.at, about=start.approx or end.approx)


def days_text(days: int) -> str:
    if days == 0:
        return "same day"
    return "1 day" if days == 1 else f"{days} days"


def span_text(span: dt.timedelta | None) -> str:
    """`1h 15m`, `2d 3h`, `0m`; `—` when not measured. Seconds are dropped."""
    if span is None:
        return "—"
    minutes = int(span.total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if n]
    return " ".join(parts) or "0m"


def measured_rows(durations: Durations) -> list[tuple[str, str]]:
    """(label, time) for each duration the timeline measures, for exports."""
    return [
        (definition.label, durations.text(definition.key))
        for definition in measures.MEASURES
        if getattr(durations, definition.key) is not None
    ]


def summary_line(durations: Durations) -> str:
    """One line for `pmtui check`: the times, then the TTR split."""
    return f"{times_text(durations)} · {split_text(durations)}"


def times_text(d: Durations) -> str:
    return " · ".join(
        f"{key} {d.text(key)}" for key in ("detect", "acknowledge", "mitigate", "resolve")
    )


def split_text(d: Durations) -> str:
    return (
        f"TTR {d.text('recover')} = TTD {d.text('detect')} + "
        f"TTI {d.text('isolate')} + TTF {d.text('fix')}"
    )


_SPAN_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)(?![a-z])", re.I
)
_CLOCK_SPAN = re.compile(r"(\d+):([0-5]\d)")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_span(text: str) -> dt.timedelta | None:
    """A duration as people write it: `5h 55m`, `1h30m`, `90 min`, `2 hours`, `1:30`.

    None when the text is not one (other words than numbers, units and `and`/`,`).
    """
    text = text.strip()
    if clock := _CLOCK_SPAN.fullmatch(text):
        return dt.timedelta(hours=int(clock[1]), minutes=int(clock[2]))
    seconds = 0.0
    for number, unit in _SPAN_PART.findall(text):
        seconds += float(number) * _UNIT_SECONDS[unit[0].lower()]
    leftover = _SPAN_PART.sub("", text).replace("and", "").replace(",", "").strip()
    if leftover or (not seconds and not text.startswith("0")):
        return None
    return dt.timedelta(seconds=seconds)
