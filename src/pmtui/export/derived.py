"""Values the templates ask for that a review does not store: durations, dates, tags.

Each duration is a measure of `pmtui.analysis.measures`, as text with its precision
("about 2h", "3 days"; empty when not measured): `time_to_<key>` for the shared ones,
`duration` for how long the incident lasted, and a name of its own for a measure a seed
template defines its own way (`impact_to_acknowledged`). Follow-up dates count from the
review date; the `sevN_YYYYMMDD` tag joins the severity to the day the incident started.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from pmtui.analysis import durations, measures
from pmtui.document.model import Milestone, Review
from pmtui.document.severity import severity_label
from pmtui.export import mermaid

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


@dataclass(frozen=True)
class Derived:
    """The derived values of one review, as layouts and the tracker export see them."""

    review: Review
    label: Callable[[Milestone], str] = mermaid.standard_label
    """A milestone's name in the layout's template (`Template.label`)."""

    @cached_property
    def _moments(self) -> dict[Milestone, durations.Moment]:
        return durations.timeline_moments(self.review.timeline)

    def measured(self, key: str) -> str:
        """The measure `key` of `measures` as text; empty when not measured."""
        found = durations.reading(measures.BY_KEY[key], self._moments, self.review.incident)
        return found.text if found else ""

    @property
    def duration(self) -> str:
        """How long the incident lasted: impact started → resolved."""
        return self.measured("resolve")

    @property
    def time_to_detect(self) -> str:
        return self.measured("detect")

    @property
    def time_to_acknowledge(self) -> str:
        """Detected → acknowledged (TTA); the seed 001 question is `impact_to_acknowledged`."""
        return self.measured("acknowledge")

    @property
    def time_to_mitigate(self) -> str:
        return self.measured("mitigate")

    @property
    def time_to_isolate(self) -> str:
        return self.measured("isolate")

    @property
    def time_to_fix(self) -> str:
        return self.measured("fix")

    @property
    def time_to_recover(self) -> str:
        """Impact started → service restored (TTR = TTD + TTI + TTF)."""
        return self.measured("recover")

    @property
    def impact_to_acknowledged(self) -> str:
        """Seed 001's own "time to acknowledge": how long the issue ran before a response."""
        return self.measured("impact_to_acknowledged")

    def followup_date(self, after: str) -> str:
        """The day a follow-up falls on (`+1 week` of the review date), ISO; or empty."""
        start = self.review.incident.review_date
        day = add_after(start, after) if start else None
        return day.isoformat() if day else ""

    @property
    def day(self) -> dt.date | None:
        """The day the incident started, in its own timezone: `started_at`, else the
        earliest event marked "impact started"; None when neither is known."""
        start = durations.moment(measures.STARTED, self._moments, self.review.incident)
        return start.day(self.review.zone) if start else None

    @property
    def timeline_diagram(self) -> str:
        """The timeline as a Mermaid gantt chart (`mermaid`), for a ```mermaid block; empty
        when the timeline has fewer than two timed events."""
        return mermaid.timeline_diagram(self.review, self.label)

    @property
    def severity_tags(self) -> list[str]:
        """`["sev1_20261114", "sev1"]` as a tracker labels an incident's tickets."""
        label = severity_label(self.review.incident.severity)
        if not label:
            return []
        return [f"{label}_{self.day:%Y%m%d}", label] if self.day else [label]
