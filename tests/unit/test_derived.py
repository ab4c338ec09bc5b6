import datetime as dt

import pytest

from pmtui.analysis import durations
from pmtui.document.model import Event, Milestone, Review
from pmtui.export.derived import Derived, add_after, severity_label

T0 = dt.datetime(2026, 11, 14, 9, 10, tzinfo=dt.UTC)


def at(minutes: int, milestone: Milestone | None = None) -> Event:
    return Event(at=T0 + dt.timedelta(minutes=minutes), text="e", milestone=milestone)


@pytest.mark.parametrize(
    ("day", "after", "expected"),
    [
        (dt.date(2026, 11, 20), "+1 week", dt.date(2026, 11, 27)),
        (dt.date(2026, 11, 20), "+1 month", dt.date(2026, 12, 20)),
        (dt.date(2026, 11, 20), "+1 quarter", dt.date(2027, 2, 20)),
        (dt.date(2026, 1, 31), "+1 month", dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 20), "+3d", dt.date(2026, 11, 23)),
        (dt.date(2026, 11, 20), "2 weeks", dt.date(2026, 12, 4)),
        (dt.date(2026, 11, 20), "when it's done", None),
        (dt.date(9999, 12, 1), "+1 quarter", None),
        (dt.date(9999, 12, 1), "+5 weeks", None),
        (dt.date(2026, 11, 20), "+99999999 days", None),
        (dt.date(2026, 11, 20), "+" + "9" * 5000 + " days", None),
    ],
)
def test_follow_up_dates(day, after, expected):
    assert add_after(day, after) == expected


@pytest.mark.parametrize(
    ("severity", "label"), [("SEV1", "sev1"), ("Sev-2", "sev2"), ("3", "sev3"), ("P0", "p0")]
)
def test_severity_labels(severity, label):
    assert severity_label(severity) == label


def test_durations_come_from_the_milestones_before_the_incident_fields():
    review = Review(
        incident={"started_at": T0, "ended_at": T0 + dt.timedelta(hours=9)},
        timeline=[
            at(20, Milestone.IMPACT_STARTED),
            at(80, Milestone.DETECTED),
            at(95, Milestone.ACKNOWLEDGED),
            at(200, Milestone.ROOT_CAUSE),
            at(260, Milestone.MITIGATED),
            at(320, Milestone.RESOLVED),
        ],
    )
    derived = Derived(review)
    assert derived.duration == "5h"  # impact → resolved
    assert (derived.time_to_mitigate, derived.time_to_recover) == ("4h", "4h")  # → mitigated
    assert (derived.time_to_detect, derived.time_to_isolate, derived.time_to_fix) == (
        "1h",
        "2h",
        "1h",
    )
    assert Derived(Review(incident=review.incident)).duration == "9h"
    assert Derived(Review()).duration == Derived(Review()).time_to_acknowledge == ""


def test_one_name_means_one_thing_and_a_seed_s_own_measure_has_its_own_name():
    """The default layout's "time to acknowledge" and the Post-Incident Review's question
    ("how long was the issue occurring before a response was initiated?") differ by the
    time to detect: they are two names, never one name for two values."""
    review = Review(
        timeline=[
            at(0, Milestone.IMPACT_STARTED),
            at(2, Milestone.DETECTED),
            at(4, Milestone.ACKNOWLEDGED),
        ]
    )
    derived = Derived(review)
    assert derived.time_to_acknowledge == "2m"  # detected → acknowledged (TTA)
    assert derived.impact_to_acknowledged == "4m"  # seed 001: impact → acknowledged
    shown = dict(durations.measured_rows(durations.of_review(review)))
    assert shown["Time to acknowledge (TTA)"] == derived.time_to_acknowledge


def test_durations_show_how_precisely_their_ends_are_known():
    review = Review(
        timeline=[
            at(0, Milestone.IMPACT_STARTED),
            at(30, Milestone.DETECTED),
            at(90, Milestone.MITIGATED),
            Event(at=T0 + dt.timedelta(days=3), text="fixed", milestone=Milestone.RESOLVED),
        ]
    )
    review.timeline[1].approx = True
    review.timeline[3].day_only = True
    derived = Derived(review)
    assert (derived.time_to_detect, derived.time_to_mitigate) == ("about 30m", "1h 30m")
    assert derived.duration == "3 days"


def test_severity_tags_use_the_incident_start_in_its_own_zone_never_the_review_date():
    late = dt.datetime(2026, 11, 14, 23, 30, tzinfo=dt.UTC)
    review = Review(incident={"severity": "SEV1", "timezone": "Asia/Kolkata", "started_at": late})
    assert Derived(review).severity_tags == ["sev1_20261115", "sev1"]
    from_the_timeline = Review(
        incident={"severity": "P1", "review_date": dt.date(2026, 11, 20)},
        timeline=[at(30, Milestone.DETECTED), at(10, Milestone.IMPACT_STARTED)],
    )
    assert Derived(from_the_timeline).severity_tags == ["p1_20261114", "p1"]
    undated = Review(incident={"severity": "P1", "review_date": dt.date(2026, 11, 20)})
    assert Derived(undated).severity_tags == ["p1"]
    assert Derived(Review()).severity_tags == []
    assert Derived(undated).followup_date("+1 week") == "2026-11-27"
    assert Derived(Review()).followup_date("+1 week") == ""
