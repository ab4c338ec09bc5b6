"""The incident's phases and its long quiet stretches, in time: what the timeline's axis
strip draws. No Textual here.

A phase runs between two points of the incident as `measures` defines them (so the strip
and the durations line agree): the impact before anyone noticed, the wait for a response,
the response until service was back, and the rest until it was resolved. A quiet stretch is
a long gap between two events of the timeline: the first thing a room should ask about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from pmtui.analysis import durations, measures
from pmtui.document.model import Review


@dataclass(frozen=True)
class Stretch:
    """A stretch of time; `name` says which phase (or "quiet")."""

    name: str
    start: dt.datetime
    end: dt.datetime

    @property
    def span(self) -> dt.timedelta:
        return self.end - self.start


PHASES = (
    ("undetected", measures.IMPACT, measures.DETECTED),
    ("to response", measures.DETECTED, measures.ACKNOWLEDGED),
    ("response", measures.ACKNOWLEDGED, measures.RECOVERED),
    ("to resolution", measures.MITIGATED, measures.RESOLVED),
)
"""Each phase's name and its points, in the order they come; the first is the gap between
impact and detection."""

QUIET_SHARE = 0.2
"""A gap between two events is a quiet stretch when it is at least this share of the
whole timeline."""


@dataclass(frozen=True)
class Axis:
    """What the strip shows: the time it spans, the phases, the quiet stretches (longest
    first)."""

    start: dt.datetime
    end: dt.datetime
    phases: tuple[Stretch, ...]
    quiet: tuple[Stretch, ...]


def axis_of(review: Review) -> Axis | None:
    """The review's axis; None when the timeline has fewer than two moments to span."""
    moments = durations.timeline_moments(review.timeline)
    phases = []
    for name, start_point, end_point in PHASES:
        start = durations.moment(start_point, moments, review.incident)
        end = durations.moment(end_point, moments, review.incident)
        if start is not None and end is not None and end.at > start.at:
            phases.append(Stretch(name, start.at, end.at))
    # A day-only event has no time of day: its midnight would make a quiet stretch up to
    # the first event that day, and stretch the axis back to it.
    times = sorted(event.at for event in review.timeline if not event.day_only)
    ends = [*times, *(t for p in phases for t in (p.start, p.end))]
    if len(ends) < 2 or min(ends) == max(ends):
        return None
    first, last = min(ends), max(ends)
    return Axis(first, last, tuple(phases), quiet_stretches(times, last - first))


def quiet_stretches(times: list[dt.datetime], whole: dt.timedelta) -> tuple[Stretch, ...]:
    """The gaps between consecutive events of at least `QUIET_SHARE` of `whole`, longest
    first."""
    least = whole * QUIET_SHARE
    gaps = [
        Stretch("quiet", earlier, later)
        for earlier, later in pairwise(times)
        if later - earlier >= least
    ]
    return tuple(sorted(gaps, key=lambda gap: gap.span, reverse=True))
