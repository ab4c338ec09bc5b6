"""Durations from the timeline's milestones, and the dojo's MTTR = MTTD + MTTI + MTTF split.

The moments an incident passes are read from the earliest event marked with each milestone;
the incident's `started_at`/`ended_at` stand in when the timeline has no impact start or
recovery. Definitions (every span ends later than it starts, or it is not measured):

- detect (MTTD): impact started → detected
- acknowledge: detected → acknowledged
- mitigate: impact started → mitigated;  resolve: impact started → resolved
- isolate (MTTI): detected → isolated, the first of root cause identified and first
  mitigation attempted (the moment the team knew where to act)
- fix (MTTF): isolated → recovered;  recover (MTTR): impact started → recovered
- recovered: the first of mitigated and resolved (the end of the downtime)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from pmtui.model import Milestone, Review

M = Milestone


@dataclass(frozen=True)
class Durations:
    detect: dt.timedelta | None = None
    acknowledge: dt.timedelta | None = None
    mitigate: dt.timedelta | None = None
    resolve: dt.timedelta | None = None
    isolate: dt.timedelta | None = None
    fix: dt.timedelta | None = None
    recover: dt.timedelta | None = None

    def seconds(self) -> dict[str, int | None]:
        """Every duration in whole seconds (None when not measured), for JSON."""
        return {
            f.name: None if (value := getattr(self, f.name)) is None else int(value.total_seconds())
            for f in fields(self)
        }


def earliest_moments(
    events: Iterable[tuple[dt.datetime, Iterable[Milestone]]],
) -> dict[M, dt.datetime]:
    """The earliest time each milestone was marked (an event may mark several)."""
    moments: dict[M, dt.datetime] = {}
    for at, marked in events:
        for milestone in marked:
            if milestone not in moments or at < moments[milestone]:
                moments[milestone] = at
    return moments


def of_review(review: Review) -> Durations:
    events = ((event.at, event.milestone) for event in review.timeline)
    return measure(earliest_moments(events), review.incident.started_at, review.incident.ended_at)


def impact_start(moments: dict[M, dt.datetime], started_at: dt.datetime | None):
    return moments.get(M.IMPACT_STARTED, started_at)


def recovery(moments: dict[M, dt.datetime], ended_at: dt.datetime | None) -> dt.datetime | None:
    return _first(moments.get(M.MITIGATED), moments.get(M.RESOLVED)) or ended_at


def measure(
    moments: dict[M, dt.datetime],
    started_at: dt.datetime | None = None,
    ended_at: dt.datetime | None = None,
) -> Durations:
    impact = impact_start(moments, started_at)
    detected = moments.get(M.DETECTED)
    isolated = _first(moments.get(M.ROOT_CAUSE), moments.get(M.FIRST_MITIGATION))
    recovered = recovery(moments, ended_at)
    return Durations(
        detect=_span(impact, detected),
        acknowledge=_span(detected, moments.get(M.ACKNOWLEDGED)),
        mitigate=_span(impact, moments.get(M.MITIGATED)),
        resolve=_span(impact, moments.get(M.RESOLVED)),
        isolate=_span(detected, isolated),
        fix=_span(isolated, recovered),
        recover=_span(impact, recovered),
    )


def _first(*moments: dt.datetime | None) -> dt.datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def _span(start: dt.datetime | None, end: dt.datetime | None) -> dt.timedelta | None:
    if start is None or end is None or end < start:
        return None
    return end - start


def span_text(span: dt.timedelta | None) -> str:
    """`1h 15m`, `2d 3h`, `0m`; `—` when not measured. Seconds are dropped."""
    if span is None:
        return "—"
    minutes = int(span.total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if n]
    return " ".join(parts) or "0m"


LABELS = {
    "detect": "Time to detect (MTTD)",
    "acknowledge": "Time to acknowledge",
    "mitigate": "Time to mitigate",
    "resolve": "Time to resolve",
    "isolate": "Time to isolate (MTTI)",
    "fix": "Time to fix (MTTF)",
    "recover": "Time to recover (MTTR = MTTD + MTTI + MTTF)",
}


def measured_rows(durations: Durations) -> list[tuple[str, str]]:
    """(label, time) for each duration the timeline measures, for exports."""
    return [
        (label, span_text(getattr(durations, name)))
        for name, label in LABELS.items()
        if getattr(durations, name) is not None
    ]


def summary_line(durations: Durations) -> str:
    """One line for `pmtui check`: the times, then the MTTR split."""
    return f"{times_text(durations)} · {split_text(durations)}"


def times_text(d: Durations) -> str:
    return (
        f"detect {span_text(d.detect)} · acknowledge {span_text(d.acknowledge)} · "
        f"mitigate {span_text(d.mitigate)} · resolve {span_text(d.resolve)}"
    )


def split_text(d: Durations) -> str:
    return (
        f"MTTR {span_text(d.recover)} = MTTD {span_text(d.detect)} + "
        f"MTTI {span_text(d.isolate)} + MTTF {span_text(d.fix)}"
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
