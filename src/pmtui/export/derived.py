"""Values the templates ask for that a review does not store: durations, dates, tags.

Durations are `pmtui.analysis.durations` (from the timeline's milestones, else the
incident's start and end) as text; follow-up dates count from the review date; the
`sevN_YYYYMMDD` tag joins the severity to the day the incident started.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from pmtui.analysis import durations
from pmtui.model import Milestone, Review

_AFTER = re.compile(r"^\+?\s*(\d{1,9})\s*(d|day|w|week|m|month|q|quarter|y|year)s?$", re.IGNORECASE)
_MONTHS = {"m": 1, "month": 1, "q": 3, "quarter": 3, "y": 12, "year": 12}


def add_after(day: dt.date, after: str) -> dt.date | None:
    """`day` moved by `+1 week`, `+1 month`, `+1 quarter`, `+3d`…; None when not a span."""
    match = _AFTER.match(after.strip())
    if not match:
        return None
    count, unit = int(match[1]), match[2].lower()
    if unit in ("d", "day", "w", "week"):
        try:
            return day + dt.timedelta(days=count * (7 if unit in ("w", "week") else 1))
        except OverflowError:  # past year 9999: no such day
            return None
    months = day.month - 1 + count * _MONTHS[unit]
    year, month = day.year + months // 12, months % 12 + 1
    if year > dt.MAXYEAR:
        return None
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def severity_label(severity: str) -> str:
    """`SEV-1` → `sev1`, `P0` → `p0`, `3` → `sev3`, `Critical` → `critical`."""
    label = re.sub(r"[^a-z0-9]", "", severity.lower())
    return f"sev{label}" if label.isdigit() else label


def _text(span: dt.timedelta | None) -> str:
    return durations.span_text(span) if span is not None else ""


@dataclass(frozen=True)
class Derived:
    """The derived values of one review, as layouts and the tracker export see them."""

    review: Review

    @cached_property
    def _measured(self) -> durations.Durations:
        return durations.of_review(self.review)

    @property
    def duration(self) -> str:
        """How long it lasted: impact start → recovery (MTTR)."""
        return _text(self._measured.recover)

    time_to_recover = duration

    @property
    def time_to_acknowledge(self) -> str:
        """How long the issue ran before a response began: impact start → acknowledged."""
        moments = durations.earliest_moments((e.at, e.milestone) for e in self.review.timeline)
        start = durations.impact_start(moments, self.review.incident.started_at)
        acknowledged = moments.get(Milestone.ACKNOWLEDGED) or moments.get(Milestone.DECLARED)
        if start is None or acknowledged is None or acknowledged < start:
            return ""
        return _text(acknowledged - start)

    @property
    def time_to_detect(self) -> str:
        return _text(self._measured.detect)

    @property
    def time_to_isolate(self) -> str:
        return _text(self._measured.isolate)

    @property
    def time_to_fix(self) -> str:
        return _text(self._measured.fix)

    def followup_date(self, after: str) -> str:
        """The day a follow-up falls on (`+1 week` of the review date), ISO; or empty."""
        start = self.review.incident.review_date
        day = add_after(start, after) if start else None
        return day.isoformat() if day else ""

    @property
    def day(self) -> dt.date | None:
        """The incident's day in its own timezone (else the review date)."""
        incident = self.review.incident
        if incident.started_at is None:
            return incident.review_date
        return incident.started_at.astimezone(self.review.zone).date()

    @property
    def severity_tags(self) -> list[str]:
        """`["sev1_20261114", "sev1"]` as a tracker labels an incident's tickets."""
        label = severity_label(self.review.incident.severity)
        if not label:
            return []
        return [f"{label}_{self.day:%Y%m%d}", label] if self.day else [label]
