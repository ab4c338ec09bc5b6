"""Chronology checks: milestones out of order, events outside the incident, a duration
field that disagrees with the timeline, times written with mixed UTC offsets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from pmtui.analysis import durations
from pmtui.analysis.finding import Finding
from pmtui.model import Event, Milestone, Review

M = Milestone

AFTER: dict[M, tuple[M, ...]] = {
    M.DETECTED: (M.IMPACT_STARTED,),
    M.ACKNOWLEDGED: (M.DETECTED, M.IMPACT_STARTED),
    M.DECLARED: (M.DETECTED, M.IMPACT_STARTED),
    M.FIRST_MITIGATION: (M.DETECTED, M.IMPACT_STARTED),
    M.MITIGATED: (M.FIRST_MITIGATION, M.DETECTED, M.IMPACT_STARTED),
    M.ROOT_CAUSE: (M.IMPACT_STARTED,),
    M.RESOLVED: (M.MITIGATED, M.FIRST_MITIGATION, M.DETECTED, M.IMPACT_STARTED),
    M.ALL_CLEAR: (M.RESOLVED, M.MITIGATED, M.FIRST_MITIGATION, M.DETECTED, M.IMPACT_STARTED),
}
"""Each milestone must not come before the nearest of these the timeline has (in order).

The root cause may be found at any time after the impact began, even after the all-clear.
"""

TOLERANCE = dt.timedelta(minutes=1)


def findings(review: Review) -> list[Finding]:
    return [
        *_out_of_order(review),
        *_outside_the_incident(review),
        *_fields_against_timeline(review),
        *_mixed_offsets(review),
    ]


def _moments(review: Review) -> dict[M, dt.datetime]:
    return durations.earliest_moments((event.at, event.milestone) for event in review.timeline)


def _out_of_order(review: Review) -> Iterator[Finding]:
    moments = _moments(review)
    show = _shower(review)
    for milestone, predecessors in AFTER.items():
        at = moments.get(milestone)
        before = next((p for p in predecessors if p in moments), None)
        if at is not None and before is not None and at < moments[before]:
            yield Finding(
                "order",
                f"timeline {show(at)}",
                f"'{milestone.value}' comes before '{before.value}' ({show(moments[before])})",
            )


def _outside_the_incident(review: Review) -> Iterator[Finding]:
    moments = _moments(review)
    start = moments.get(M.IMPACT_STARTED)
    clear = moments.get(M.ALL_CLEAR)
    show = _shower(review)
    for event in review.sorted_timeline():
        if start is not None and event.at < start:
            yield Finding(
                "before-impact",
                f"timeline {show(event.at)}",
                f"'{_gist(event)}' is before the impact started ({show(start)}): "
                "a cause (dismiss this), or a wrong time?",
            )
        elif clear is not None and event.at > clear and M.ROOT_CAUSE not in event.milestone:
            yield Finding(
                "after-all-clear",
                f"timeline {show(event.at)}",
                f"'{_gist(event)}' is after the all-clear ({show(clear)}): "
                "a follow-up (dismiss this), or a wrong time?",
            )


def _fields_against_timeline(review: Review) -> Iterator[Finding]:
    incident = review.incident
    moments = _moments(review)
    show = _shower(review)
    impact = moments.get(M.IMPACT_STARTED)
    recovered = durations.recovery(moments, None)
    for name, field, milestone, label in (
        ("started_at", incident.started_at, impact, "impact started"),
        ("ended_at", incident.ended_at, recovered, "recovery (mitigated or resolved)"),
    ):
        if field is not None and milestone is not None and abs(field - milestone) > TOLERANCE:
            yield Finding(
                "field-vs-timeline",
                f"incident.{name}",
                f"{show(field)} but the timeline's {label} is at {show(milestone)}",
            )
    if not incident.duration:
        return
    stated = durations.parse_span(incident.duration)
    if stated is None:
        yield Finding(
            "field-vs-timeline",
            "incident.duration",
            f"cannot read {incident.duration!r} as a duration (write e.g. 1h 30m)",
        )
        return
    measured = durations.measure(moments, incident.started_at, incident.ended_at).recover
    if measured is not None and abs(stated - measured) > TOLERANCE:
        yield Finding(
            "field-vs-timeline",
            "incident.duration",
            f"says {incident.duration} but the timeline gives "
            f"{durations.span_text(measured)} from impact to recovery",
        )


def _mixed_offsets(review: Review) -> Iterator[Finding]:
    """Times whose offset is not the review zone's at that moment, when offsets are mixed.

    A review that spans a daylight-saving change has two offsets, and that is right.
    """
    incident = review.incident
    times = [event.at for event in review.timeline]
    times += [t for t in (incident.started_at, incident.ended_at) if t is not None]
    if len({t.utcoffset() for t in times}) < 2:
        return
    zone = review.zone
    strays = Counter(_offset(t) for t in times if t.utcoffset() != t.astimezone(zone).utcoffset())
    for offset, count in sorted(strays.items()):
        yield Finding(
            "mixed-offsets",
            "timeline",
            f"{count} time{'s' if count > 1 else ''} written at UTC{offset}, not in the "
            f"review's zone {incident.timezone}: typed in another zone?",
            key=f"mixed-offsets: UTC{offset}",
        )


def _offset(moment: dt.datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def _gist(event: Event) -> str:
    text = " ".join(event.text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _shower(review: Review):
    zone = review.zone

    def show(moment: dt.datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return show
