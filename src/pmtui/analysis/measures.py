"""What each measure of an incident means, defined once: every layout, `check` and `stats`
read these definitions, so one name always means one thing.

A measure runs from one point of the incident to a later one. A point is read from the
timeline: the earliest event marked with its milestone; when no event is, the next source
in its list stands in (another milestone, or a field of `[incident]`). The incident's
fields stand for the milestones of the same moment: `started_at` is the impact start,
`ended_at` the resolution, and `duration` (the source's own words) the time between them.

Events with an approximate time (`approx`) or a date alone (`day_only`) still count: a
measure from such an event is shown as "about 2h" or in whole days ("3 days").
"""

from __future__ import annotations

from dataclasses import dataclass

from pmtui.document.model import Milestone

M = Milestone

Source = Milestone | tuple[Milestone, ...] | str
"""A milestone; a group of milestones (the earliest of them); or an `[incident]` field."""

STANDS_FOR = {"started_at": M.IMPACT_STARTED, "ended_at": M.RESOLVED}
"""The milestone each incident field stands for: `check` compares a field with it alone."""


@dataclass(frozen=True)
class Point:
    """A moment of the incident and where it is read, in order of preference."""

    name: str
    sources: tuple[Source, ...]

    @property
    def described(self) -> str:
        """`impact started (else incident.started_at)`, for the glossary."""
        return " else ".join(_source_text(source) for source in self.sources)


def _source_text(source: Source) -> str:
    if isinstance(source, Milestone):
        return source.value  # before `str`: a milestone is a str too
    if isinstance(source, tuple):
        return "first of " + " / ".join(milestone.value for milestone in source)
    return f"incident.{source}"


IMPACT = Point("impact started", (M.IMPACT_STARTED, "started_at"))
DETECTED = Point("detected", (M.DETECTED,))
ACKNOWLEDGED = Point("acknowledged", (M.ACKNOWLEDGED, M.DECLARED))
ISOLATED = Point("isolated", ((M.ROOT_CAUSE, M.FIRST_MITIGATION),))
MITIGATED = Point("mitigated", (M.MITIGATED,))
RECOVERED = Point("recovered", (M.MITIGATED, M.RESOLVED, "ended_at"))
RESOLVED = Point("resolved", (M.RESOLVED, "ended_at"))
STARTED = Point("incident started", ("started_at", M.IMPACT_STARTED))
"""The day an incident is filed under (the `sev1_YYYYMMDD` tag): its start as the team
wrote it, else the timeline's; never the review date."""


@dataclass(frozen=True)
class Measure:
    key: str
    """The name in code, JSON (`durations_seconds`) and `derived.time_to_<key>`."""
    short: str
    name: str
    start: Point
    end: Point
    meaning: str
    mean: str = ""
    """The dojo's name for this measure's mean over the last ten downtimes (`stats`)."""

    @property
    def label(self) -> str:
        """`Time to detect (TTD)`: how exports and the glossary name it."""
        return self.name if self.short in ("", self.name) else f"{self.name} ({self.short})"


MEASURES = (
    Measure(
        "detect", "TTD", "Time to detect", IMPACT, DETECTED,
        "how long the impact ran before anyone noticed it", mean="MTTD",
    ),
    Measure(
        "acknowledge", "TTA", "Time to acknowledge", DETECTED, ACKNOWLEDGED,
        "how long a detected problem waited until someone took it on",
    ),
    Measure(
        "mitigate", "TTM", "Time to mitigate", IMPACT, MITIGATED,
        "how long the impact ran until it was mitigated (users no longer affected)",
    ),
    Measure(
        "resolve", "Duration", "Duration", IMPACT, RESOLVED,
        "how long the incident lasted; incident.started_at and ended_at are its ends, "
        "incident.duration says it in words",
    ),
    Measure(
        "isolate", "TTI", "Time to isolate", DETECTED, ISOLATED,
        "from detection until the team knew where to act (root cause found or first "
        "mitigation tried)", mean="MTTI",
    ),
    Measure(
        "fix", "TTF", "Time to fix", ISOLATED, RECOVERED,
        "from knowing where to act until service was restored", mean="MTTF",
    ),
    Measure(
        "recover", "TTR", "Time to recover", IMPACT, RECOVERED,
        "the downtime, until service was restored (TTR = TTD + TTI + TTF)",
        mean="MTTR",
    ),
)  # fmt: skip
"""The shared measures, in the order exports list them."""

SEED_MEASURES = (
    Measure(
        "impact_to_acknowledged", "", "Impact to acknowledged", IMPACT, ACKNOWLEDGED,
        "how long the issue ran before a response began (the Post-Incident Review "
        "template's own 'time to acknowledge')",
    ),
)  # fmt: skip
"""Measures a seed template defines its own way: each has a name of its own, never a
shared measure's name."""

BY_KEY = {measure.key: measure for measure in (*MEASURES, *SEED_MEASURES)}

MEANS = {measure.mean: measure.key for measure in MEASURES if measure.mean}
"""The dojo's MTTD, MTTI, MTTF, MTTR: each the mean of one measure over the last ten
downtimes that have all three parts, so MTTR = MTTD + MTTI + MTTF (see `stats`)."""

EVERY_DOWNTIME = "MTTR, all downtimes"
"""The mean TTR over every downtime, whether its timeline splits it or not."""


def _glossary() -> tuple[tuple[str, str], ...]:
    entries = [(m.label, _meaning(m)) for m in (*MEASURES, *SEED_MEASURES)]
    entries += [
        (
            mean,
            f"the mean {BY_KEY[key].short} over the last ten downtimes with TTD, TTI and TTF "
            "all measured (pmtui stats).",
        )
        for mean, key in MEANS.items()
    ]
    entries += [
        (
            "MTTR = MTTD + MTTI + MTTF",
            "the Online DevOps Dojo's breakdown of the downtime: the four means cover the "
            "same downtimes, so they add up.",
        ),
        (
            EVERY_DOWNTIME,
            "the mean TTR over the last ten downtimes, split or not; one known only to the "
            "day is in no mean (pmtui stats).",
        ),
        (
            "about 2h",
            "an end of the measure has an approximate time (~14:05); in a mean, an end "
            "of one of the measures it averages.",
        ),
        ("3 days", "an end of the measure is a date with no time: counted in whole days."),
    ]
    return tuple(entries)


def _meaning(measure: Measure) -> str:
    return f"{measure.start.name} → {measure.end.name}: {measure.meaning}."


GLOSSARY = _glossary()
"""(name, one-line meaning) of every measure, for the README and the F1 help."""
