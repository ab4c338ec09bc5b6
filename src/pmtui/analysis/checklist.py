"""The completeness checklist: what a finished review has, after Google's SRE postmortem
criteria (summary, impact, timeline, root cause, owned and dated action items) and what
the supported templates ask for (5 whys, contributing factors, detection, sign-off)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Collection, Iterator

from pmtui.analysis import durations
from pmtui.analysis.finding import Finding
from pmtui.analysis.measures import DETECTED, IMPACT
from pmtui.document import roles
from pmtui.document.model import (
    SEVERITY_SUGGESTIONS,
    Action,
    ActionStatus,
    FactorKind,
    Milestone,
    Review,
    Status,
)
from pmtui.document.severity import severity_label
from pmtui.templates import TABS

CLOSED = (ActionStatus.DONE, ActionStatus.WONT_DO)
"""An action with no status given counts as not done."""
USUAL_SCALES = "SEV1-SEV5, P0-P4, Critical/High/Medium/Low"
_USUAL_SEVERITY = frozenset(name.casefold() for name in SEVERITY_SUGGESTIONS)


def on_a_usual_scale(severity: str) -> bool:
    """SEV1 to SEV5, P0 to P4 or Critical to Low, however spelled: `SEV-1` (PagerDuty's
    template), `sev 2`, or a bare level, `3` (the PIR template's "Severity: 3"), read as
    the export's tags read it."""
    return severity_label(severity) in _USUAL_SEVERITY


def findings(review: Review, today: dt.date, panes: Collection[str] = TABS) -> list[Finding]:
    """What the review still lacks. An empty impact table or 5 whys is one only when
    `panes` (its template's) has them: the dojo's review works with contributing factors,
    and `check` said "5 whys: not started" of every replayed class."""
    return [
        *_document(review),
        *_timeline(review),
        *(_impact(review) if "impact" in panes or review.impact else ()),
        *(_whys(review) if "whys" in panes or review.whys else ()),
        *_actions(review, today),
        *_people(review),
        *_signoff(review),
    ]


def has_cause(review: Review) -> bool:
    """A root cause written out, or any cause the review names otherwise: a systemic why,
    a factor of any kind (immediate, contributing, systemic), a systemic issue."""
    return bool(
        review.incident.root_cause.strip()
        or review.factors
        or review.lessons.systemic
        or any(why.systemic for why in review.whys)
    )


def has_systemic_cause(review: Review) -> bool:
    return bool(
        review.lessons.systemic
        or any(why.systemic for why in review.whys)
        or any(factor.kind is FactorKind.SYSTEMIC for factor in review.factors)
    )


def _document(review: Review) -> Iterator[Finding]:
    incident = review.incident
    severity = incident.severity.strip()
    if severity and not on_a_usual_scale(severity):
        yield Finding(  # a hint: any scale is allowed, but a typo splits the stats by severity
            "severity",
            "incident.severity",
            f"'{severity}' is not on a usual scale ({USUAL_SCALES})",
            key=f"severity: {severity.casefold()}",
        )
    if not incident.summary.strip():
        yield Finding("summary", "incident.summary", "no summary")
    if not has_cause(review):
        yield Finding("root-cause", "incident.root_cause", "no root cause or contributing factor")
    if not review.factors:
        yield Finding("factors", "factors", "no contributing factors")
    detection = [q for q in review.questions if q.section.lower() == "detection"]
    if detection and not any(q.answer.strip() for q in detection):
        yield Finding("detection", "questions", "no answer on how the incident was detected")


def _timeline(review: Review) -> Iterator[Finding]:
    if not review.timeline:
        yield Finding("timeline", "timeline", "no events")
        return
    marked = {milestone for event in review.timeline for milestone in event.milestone}
    for milestone, point in ((Milestone.IMPACT_STARTED, IMPACT), (Milestone.DETECTED, DETECTED)):
        stands_in = durations.moment(point, {}, review.incident)  # the incident's start, say
        if milestone not in marked and stands_in is None:
            yield Finding(
                "milestone",
                "timeline",
                f"no '{milestone.value}' milestone (mark an event with m): durations need it",
                key=f"milestone: {milestone.value}",
            )


def _impact(review: Review) -> Iterator[Finding]:
    if not review.impact:
        yield Finding("impact", "impact", "no impact recorded")
    for row in review.impact:
        if not row.value.strip():
            yield Finding("impact", f"impact '{row.metric}'", "no value")


def _whys(review: Review) -> Iterator[Finding]:
    if not review.whys:
        yield Finding("whys", "5 whys", "not started")
        return
    for number, why in enumerate(review.whys, start=1):
        if not why.answer.strip():
            yield Finding("whys", f"5 whys #{number}", "no answer")
    if not has_systemic_cause(review):
        yield Finding("whys", "5 whys", "no answer marked as the systemic cause (x)")


def _actions(review: Review, today: dt.date) -> Iterator[Finding]:
    if not review.actions:
        yield Finding("actions", "actions", "no action items")
    shared = Counter(action.id for action in review.actions if action.id.strip())
    for action_id, count in shared.items():
        if count > 1:  # follow-ups, diff and merge tell actions apart by their ID
            yield Finding(
                "action-id",
                f"action {action_id}",
                f"{count} actions have this ID: give each its own",
                key=f"action-id: {action_id}",
            )
    taking_part = {person.name.strip().casefold(): person.name.strip() for person in review.people}
    for action in review.actions:
        where = f"action {action.id}"
        if not any(name.strip() for name in action.everyone):  # co-owners own it too
            yield Finding("action-owner", where, "no owner")
        if taking_part:
            yield from _owners_not_taking_part(action, where, taking_part)
        if action.due is None and not action.closed:
            yield Finding("action-due", where, "no due date")
        elif is_overdue(action.status, action.due, today):
            late = (today - action.due).days
            yield Finding(
                "overdue",
                where,
                f"{action.status or 'not done'}, due {action.due.isoformat()} "
                f"({late} day{'s' if late > 1 else ''} overdue)",
            )


def _owners_not_taking_part(
    action: Action, where: str, taking_part: dict[str, str]
) -> Iterator[Finding]:
    """An owner or co-owner whose name is none of the participants' (`taking_part`: by name
    casefolded), as a slip of the keys makes one (`Chnu`): `pmtui actions --owner Chun`
    misses the action and the stats count it apart. The closest name, if one is close,
    is suggested. A review that lists no participants has none to check against."""
    for name in action.everyone:
        name = name.strip()
        if not name or name.casefold() in taking_part:
            continue
        who = "owner" if name == action.owner.strip() else "co-owner"
        close = difflib.get_close_matches(name.casefold(), taking_part, n=1)
        suggestion = f"; did you mean '{taking_part[close[0]]}'?" if close else ""
        yield Finding(
            "action-owner-unknown",
            where,
            f"{who} '{name}' is not one of the participants{suggestion}",
            key=f"action-owner-unknown: {action.id}: {name}",
        )


def _people(review: Review) -> Iterator[Finding]:
    """Incident roles the layouts cannot place: not a role `document.roles` knows a name of."""
    for person in review.people:
        for role in person.incident_roles:
            if role.strip() and roles.canonical_role(role) is None:
                yield Finding(
                    "role",
                    f"people '{person.name}'",
                    f"incident role '{role}' is not one the layouts can place "
                    f"(known: {', '.join(roles.ROLE_SUGGESTIONS)})",
                    key=f"role: {person.name}: {role}",
                )


def _signoff(review: Review) -> Iterator[Finding]:
    if review.incident.status is Status.PUBLISHED and not any(s.signed for s in review.signoff):
        yield Finding("signoff", "sign-off", "published without a sign-off")


def is_overdue(status: ActionStatus | None, due: dt.date | None, today: dt.date) -> bool:
    return status not in CLOSED and due is not None and due < today
