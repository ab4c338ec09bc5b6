import datetime as dt

import pytest
from test_durations import at

from pmtui.analysis import checklist
from pmtui.analysis.findings import review_findings, template_panes
from pmtui.document import roles
from pmtui.document.model import (
    SEVERITY_SUGGESTIONS,
    Action,
    ActionStatus,
    Event,
    Factor,
    FactorKind,
    ImpactRow,
    Milestone,
    Participant,
    Question,
    Review,
    Signoff,
    Status,
    Why,
)
from pmtui.files import store

TODAY = dt.date(2026, 11, 20)


def found(review: Review) -> list[str]:
    return [f"{f.check} | {f.where}: {f.message}" for f in checklist.findings(review, TODAY)]


def complete() -> Review:
    """A review that passes every check."""
    return Review.model_validate(
        {
            "incident": {"summary": "Checkout down", "root_cause": "pool too small"},
            "timeline": [
                Event(at=at("10:00"), milestone=Milestone.IMPACT_STARTED),
                Event(at=at("10:10"), milestone=Milestone.DETECTED),
            ],
            "impact": [ImpactRow(metric="Users affected", value="1200")],
            "whys": [Why(answer="pool exhausted"), Why(answer="no load test", systemic=True)],
            "factors": [Factor(factor="fixed pool size")],
            "questions": [
                Question(section="detection", prompt="How?", answer="an alert"),
                Question(section="detection", prompt="Sooner?"),
            ],
            "actions": [Action(id="A1", title="alert", owner="Adam", due=TODAY)],
            "people": [Participant(name=name) for name in ("Adam", "Dan", "Bea", "Cy")],  # owners
        }
    )


def test_a_complete_review_and_the_sample_have_no_findings(pet_clinic):
    assert found(complete()) == []
    assert found(store.load(pet_clinic)) == []


def test_an_empty_review_lists_everything_a_review_needs():
    assert found(Review()) == [
        "summary | incident.summary: no summary",
        "root-cause | incident.root_cause: no root cause or contributing factor",
        "factors | factors: no contributing factors",
        "timeline | timeline: no events",
        "impact | impact: no impact recorded",
        "whys | 5 whys: not started",
        "actions | actions: no action items",
    ]


def panes_of(template: str) -> tuple[str, ...]:
    return template_panes(template)[0]


def test_a_template_without_5_whys_or_impact_is_not_asked_for_them(pet_clinic):
    """The dojo's review (its template has no 5 whys and no impact pane) failed `check`
    with "5 whys: not started" after every replay."""
    assert panes_of("dojo") == ("summary", "timeline", "actions", "wrapup")
    assert [f.check for f in checklist.findings(Review(), TODAY, panes_of("dojo"))] == [
        "summary",
        "root-cause",
        "factors",
        "timeline",
        "actions",
    ]
    dojo = store.load(pet_clinic)
    dojo.template, dojo.whys, dojo.impact = "dojo", [], []
    assert review_findings(dojo, TODAY) == []
    dojo.whys = [Why(question="Why did the upgrade break?")]  # begun all the same: checked
    assert [f.line for f in review_findings(dojo, TODAY)] == ["5 whys #1: no answer"]
    assert panes_of("nobody's template") == panes_of("default")  # not at hand: every pane


def test_a_template_not_at_hand_is_a_finding(pet_clinic):
    """`template = "pirr"` typed by hand: check, export and the app used the default
    layout and no one said a word."""
    review = store.load(pet_clinic)
    review.template = "pirr"
    found = [f for f in review_findings(review, TODAY) if f.check == "template"]
    assert [f.line for f in found] == [
        "template: no template named 'pirr' (known: default, dojo, p0p1, pir, rca, severity)"
    ]
    review.dismissed.append(found[0].key)
    assert not [f for f in review_findings(review, TODAY) if f.check == "template"]
    review.template = "dojo"
    assert not [f for f in review_findings(review, TODAY) if f.check == "template"]


def test_actions_without_owner_or_due_date_and_overdue_open_ones():
    review = complete()
    review.actions = [
        Action(id="A1", title="t"),
        Action(id="A2", title="t", owner="Dan", due=dt.date(2026, 11, 17)),
        Action(id="A3", title="t", owner="Dan", due=dt.date(2026, 11, 19), status="in progress"),
        Action(id="A4", title="t", owner="Dan", due=dt.date(2026, 11, 1), status="done"),
        Action(id="A5", title="t", owner="Dan", due=dt.date(2026, 11, 1), status="won't do"),
        Action(id="A6", title="t", owner=" ", due=TODAY),  # due today is not overdue
        Action(id="A7", title="t", owners=["Bea", "Cy"], due=TODAY),  # co-owners own it
    ]
    assert found(review) == [
        "action-owner | action A1: no owner",
        "action-due | action A1: no due date",
        "overdue | action A2: not done, due 2026-11-17 (3 days overdue)",  # no status given
        "overdue | action A3: in progress, due 2026-11-19 (1 day overdue)",
        "action-owner | action A6: no owner",
    ]


def test_actions_sharing_an_id_are_found_once_per_id():
    """Follow-ups, diff and merge tell actions apart by ID: two with one are a problem."""
    review = complete()
    done = {"owner": "Dan", "due": TODAY, "status": "done"}
    review.actions = [
        Action(id="A1", title="first", **done),
        Action(id="A1", title="second", **done),
        Action(id="A2", title="third", **done),
        Action(id="A1", title="fourth", **done),
    ]
    assert found(review) == ["action-id | action A1: 3 actions have this ID: give each its own"]


def test_an_owner_who_is_none_of_the_participants_is_found_with_the_closest_name():
    """A slip of the keys (`Chnu`) hides the action from `pmtui actions --owner Chun`."""
    review = complete()
    review.people = [Participant(name="Chun"), Participant(name=" Adam ")]
    done = {"due": TODAY, "status": "done"}
    review.actions = [
        Action(id="A1", title="t", owner="Chnu", **done),
        Action(id="A2", title="t", owner="adam", owners=["Chun"], **done),  # any case
        Action(id="A3", title="t", owner="Database team", owners=["Adma"], **done),
        Action(id="A4", title="t", **done),  # no owner: its own finding
    ]
    assert found(review) == [
        "action-owner-unknown | action A1: owner 'Chnu' is not one of the participants; "
        "did you mean 'Chun'?",
        "action-owner-unknown | action A3: owner 'Database team' is not one of the participants",
        "action-owner-unknown | action A3: co-owner 'Adma' is not one of the participants; "
        "did you mean 'Adam'?",
        "action-owner | action A4: no owner",
    ]
    [first, *_] = checklist.findings(review, TODAY)
    assert first.key == "action-owner-unknown: A1: Chnu"  # dismissed, it stays quiet
    review.people = []  # no participants listed: nothing to check an owner against
    assert found(review) == ["action-owner | action A4: no owner"]


def test_unfinished_whys_empty_impact_values_and_no_detection_answer():
    review = complete()
    review.whys = [Why(answer="pool exhausted"), Why(answer="  ")]
    review.impact.append(ImpactRow(metric="Revenue"))
    review.questions = [q.model_copy(update={"answer": ""}) for q in review.questions]
    assert found(review) == [
        "detection | questions: no answer on how the incident was detected",
        "impact | impact 'Revenue': no value",
        "whys | 5 whys #2: no answer",
        "whys | 5 whys: no answer marked as the systemic cause (x)",
    ]


def test_the_root_cause_may_be_the_systemic_why_and_milestones_are_asked_for():
    review = complete()
    review.incident.root_cause = ""
    assert found(review) == []  # the systemic why stands in
    review.timeline = [Event(at=at("10:00"), text="something")]
    assert found(review) == [
        "milestone | timeline: no 'impact started' milestone (mark an event with m): "
        "durations need it",
        "milestone | timeline: no 'detected' milestone (mark an event with m): durations need it",
    ]
    review.incident.started_at = at("09:50")  # stands in for the impact's start
    assert found(review) == [
        "milestone | timeline: no 'detected' milestone (mark an event with m): durations need it",
    ]


def test_systemic_and_contributing_factors_count_as_causes():
    review = complete()
    review.incident.root_cause = ""
    review.whys = [Why(answer="pool exhausted")]  # no why marked systemic
    review.factors = [Factor(factor="no load test", kind=FactorKind.SYSTEMIC)]
    assert found(review) == []
    review.factors = [Factor(factor="fixed pool size", kind=FactorKind.CONTRIBUTING)]
    assert found(review) == ["whys | 5 whys: no answer marked as the systemic cause (x)"]
    review.whys = []
    review.factors[0].kind = FactorKind.SYSTEMIC
    assert found(review) == ["whys | 5 whys: not started"]  # but a cause is named


def test_a_done_action_needs_no_due_date():
    review = complete()
    review.actions = [
        Action(id="A1", title="t", owner="Dan", status=ActionStatus.DONE),
        Action(id="A2", title="t", owner="Dan", status=ActionStatus.WONT_DO),
        Action(id="A3", title="t", owner="Dan"),
    ]
    assert found(review) == ["action-due | action A3: no due date"]


def test_an_incident_role_the_layouts_cannot_place_names_the_person_and_the_role():
    review = complete()
    review.people += [
        Participant(name="Ana", incident_roles=["Incident-Lead", "first responder"]),
        Participant(name="Bo", incident_roles=["Comms Chief", "Vibes Officer"]),
        Participant(name="Cy", role="SRE"),
    ]
    assert [f.key for f in checklist.findings(review, TODAY)] == ["role: Bo: Vibes Officer"]
    assert found(review)[0] == (
        "role | people 'Bo': incident role 'Vibes Officer' is not one the layouts can place "
        "(known: Incident Commander, First Responder, Communications Chief, Scribe, "
        "Facilitator, Subject Matter Expert, Customer Liaison)"
    )


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("Incident Commander", "incident commander"),  # 001
        ("IC", "incident commander"),  # 001
        ("Incident Lead", "incident commander"),  # 004
        ("incident-lead", "incident commander"),
        ("Incident Coordinator", "incident commander"),  # GitHub 2018
        ("First-Responder", "first responder"),  # 001
        ("Communications Chief", "communications"),  # 001
        ("Scribe", "scribe"),  # 001
        ("Post-mortem Lead", "facilitator"),  # 004
        ("subject_matter  EXPERT", "subject matter expert"),
        ("Incident Commander (IC)", "incident commander"),  # 001's label as it stands
        ("First-Responder (if different from IC)", "first responder"),  # 001
        ("Communications Chief or Scribe", "communications"),  # 001: the first one known
        ("comms / scribe", "communications"),
    ],
)
def test_the_seeds_own_words_for_a_role_are_placed_and_never_a_finding(typed, role):
    assert roles.canonical_role(typed) == role
    review = complete()
    review.people.append(Participant(name="Ana", incident_roles=[typed]))
    assert found(review) == []


def test_a_published_review_needs_a_signed_sign_off():
    review = complete()
    review.incident.status = Status.PUBLISHED
    review.signoff = [Signoff(role="Incident lead", name="Chun")]
    assert found(review) == ["signoff | sign-off: published without a sign-off"]
    review.signoff[0].signed = True
    assert found(review) == []


def test_is_overdue():
    yesterday = TODAY - dt.timedelta(days=1)
    assert checklist.is_overdue(ActionStatus.OPEN, yesterday, TODAY)
    assert not checklist.is_overdue(ActionStatus.OPEN, TODAY, TODAY)
    assert not checklist.is_overdue(ActionStatus.OPEN, None, TODAY)
    assert not checklist.is_overdue(ActionStatus.DONE, yesterday, TODAY)


def test_a_severity_off_the_usual_scales_is_a_hint_until_dismissed():
    spelled = ("SEV-1", "sev 2", "3")  # PagerDuty's template, and the PIR's bare level
    for usual in ("SEV1", "sev5", "P0", "p4", "Critical", "high", " Medium ", "LOW", "", *spelled):
        review = complete()
        review.incident.severity = usual
        assert found(review) == [], usual
    review = complete()
    review.incident.severity = "SEV9"
    assert found(review) == [
        "severity | incident.severity: 'SEV9' is not on a usual scale "
        "(SEV1-SEV5, P0-P4, Critical/High/Medium/Low)"
    ]
    review.dismissed.append(checklist.findings(review, TODAY)[0].key)
    assert review_findings(review, TODAY) == []
    review.incident.severity = "a[/]b"  # another value: asked about again
    assert [f.where for f in review_findings(review, TODAY)] == ["incident.severity"]


def test_the_summary_suggests_every_severity_of_the_usual_scales():
    """What the Severity field suggests and what `check` calls usual are one list."""
    usual = {f"sev{n}" for n in range(1, 6)} | {f"p{n}" for n in range(5)}
    usual |= {"critical", "high", "medium", "low"}
    assert {name.casefold() for name in SEVERITY_SUGGESTIONS} == usual
