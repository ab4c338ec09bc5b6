"""Chronology checks: milestones out of order or claimed twice, events outside the incident,
incident fields that disagree with the milestones they stand for, times written with mixed
UTC offsets.

A date with no time (`day_only`) is only known to the day, so it is compared by its date; an
approximate time (`approx`) is allowed `APPROX_TOLERANCE` against a field."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from pmtui.analysis import durations, measures
from pmtui.analysis.finding import Finding
from pmtui.document.model import Event, Milestone, Review
from pmtui.errors import cut

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
APPROX_TOLERANCE = dt.timedelta(minutes=15)
"""How far an approximate time may be from the field that says the same moment."""


def findings(review: Review, today: dt.date) -> list[Finding]:
    return [
        *_in_the_future(review, today),
        *_out_of_order(review),
        *_claimed_twice(review),
        *_outside_the_incident(review),
        *_fields_against_timeline(review),
        *_mixed_offsets(review),
    ]


def _in_the_future(review: Review, today: dt.date) -> Iterator[Finding]:
    """An event on a day after `today`: a time typed without its day that landed wrong, or a
    wrong year. (Later today is not flagged: checks never read the clock.)"""
    show = _shower(review)
    zone = review.zone
    for event in review.sorted_timeline():
        if event.at.astimezone(zone).date() > today:
            yield Finding(
                "in-future",
                f"timeline {show(durations.Moment.of(event))}",
                f"'{_gist(event)}' is dated after today ({today.isoformat()}): a wrong day?",
            )


def _out_of_order(review: Review) -> Iterator[Finding]:
    moments = durations.timeline_moments(review.timeline)
    show = _shower(review)
    earlier = _earlier(review)
    for milestone, predecessors in AFTER.items():
        at = moments.get(milestone)
        before = next((p for p in predecessors if p in moments), None)
        if at is not None and before is not None and earlier(at, moments[before]):
            yield Finding(
                "order",
                f"timeline {show(at)}",
                f"'{milestone.value}' comes before '{before.value}' ({show(moments[before])})",
            )


def _claimed_twice(review: Review) -> Iterator[Finding]:
    """A milestone marked on several events: only the earliest counts in the durations."""
    show = _shower(review)
    claims: dict[M, list[Event]] = {}
    for event in review.sorted_timeline():
        for milestone in event.milestone:
            claims.setdefault(milestone, []).append(event)
    for milestone, events in claims.items():
        if len(events) > 1:
            times = ", ".join(show(durations.Moment.of(e)) for e in events)
            yield Finding(
                "milestone-twice",
                "timeline",
                f"'{milestone.value}' is marked on {len(events)} events ({times}): "
                "the earliest counts; unmark the others?",
                key=f"milestone-twice: {milestone.value}",
            )


def _outside_the_incident(review: Review) -> Iterator[Finding]:
    moments = durations.timeline_moments(review.timeline)
    start = moments.get(M.IMPACT_STARTED)
    clear = moments.get(M.ALL_CLEAR)
    show = _shower(review)
    earlier = _earlier(review)
    for event in review.sorted_timeline():
        at = durations.Moment.of(event)
        if start is not None and earlier(at, start):
            yield Finding(
                "before-impact",
                f"timeline {show(at)}",
                f"'{_gist(event)}' is before the impact started ({show(start)}): "
                "a cause (dismiss this), or a wrong time?",
            )
        elif clear is not None and earlier(clear, at) and M.ROOT_CAUSE not in event.milestone:
            yield Finding(
                "after-all-clear",
                f"timeline {show(at)}",
                f"'{_gist(event)}' is after the all-clear ({show(clear)}): "
                "a follow-up (dismiss this), or a wrong time?",
            )


def _fields_against_timeline(review: Review) -> Iterator[Finding]:
    """Each incident field against the milestone it stands for (`measures.STANDS_FOR`).

    `incident.duration` is the source's own words: it is compared with the measured
    duration only when it reads as an exact span (`1h 30m`, not "about 18 hours")."""
    incident = review.incident
    moments = durations.timeline_moments(review.timeline)
    show = _shower(review)
    impact = durations.moment(measures.IMPACT, moments, incident)
    resolved = durations.moment(measures.RESOLVED, moments, incident)
    from_fields = not {M.IMPACT_STARTED, M.RESOLVED} <= moments.keys()  # else: before-impact
    if from_fields and impact and resolved and _earlier(review)(resolved, impact):
        yield Finding(  # the durations are then not measured: say why
            "resolved-before-impact",
            "incident",
            f"resolved ({show(resolved)}) before the impact started ({show(impact)}): "
            "a wrong time or day?",
        )
    for name, milestone in measures.STANDS_FOR.items():
        field, marked = getattr(incident, name), moments.get(milestone)
        if field is not None and marked is not None and not _agrees(field, marked, review):
            yield Finding(
                "field-vs-timeline",
                f"incident.{name}",
                f"{show(durations.Moment(field))} but the timeline's '{milestone.value}' "
                f"is at {show(marked)}",
            )
    stated = durations.parse_span(incident.duration) if incident.duration else None
    measured = durations.measure(moments, incident)
    if stated is not None and measured.resolve is not None and _disagrees(stated, measured):
        duration = measures.BY_KEY["resolve"]
        yield Finding(
            "field-vs-timeline",
            "incident.duration",
            f"says {incident.duration} but the timeline gives {measured.text('resolve')} "
            f"from {duration.start.name} to {duration.end.name}",
        )


def _agrees(field: dt.datetime, marked: durations.Moment, review: Review) -> bool:
    if marked.day_only:
        return field.astimezone(review.zone).date() == marked.day(review.zone)
    return abs(field - marked.at) <= (APPROX_TOLERANCE if marked.approx else TOLERANCE)


def _disagrees(stated: dt.timedelta, measured: durations.Durations) -> bool:
    if "resolve" in measured.days:
        return abs(stated.days - measured.days["resolve"]) > 1
    tolerance = APPROX_TOLERANCE if "resolve" in measured.about else TOLERANCE
    return abs(stated - measured.resolve) > tolerance


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
    return cut(" ".join(event.text.split()), 40)


def _earlier(review: Review):
    """Whether one moment is before another: by date when either is a date alone."""
    zone = review.zone

    def earlier(first: durations.Moment, second: durations.Moment) -> bool:
        if first.day_only or second.day_only:
            return first.day(zone) < second.day(zone)
        return first.at < second.at

    return earlier


def _shower(review: Review):
    zone = review.zone

    def show(moment: durations.Moment) -> str:
        if moment.day_only:
            return moment.day(zone).isoformat()
        shown = moment.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        return f"~{shown}" if moment.approx else shown

    return show
