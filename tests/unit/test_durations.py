import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from pmtui.analysis import durations, report
from pmtui.document.model import Event, Incident, Milestone, Review
from pmtui.files import store

M = Milestone


def at(clock: str, day: int = 14) -> dt.datetime:
    hours, minutes = map(int, clock.split(":"))
    return dt.datetime(2026, 11, day, hours, minutes, tzinfo=dt.UTC)


def review(*marks: tuple[str, Milestone | None], **incident) -> Review:
    events = [Event(at=at(clock), text="x", milestone=m) for clock, m in marks]
    return Review(timeline=events, incident=Incident(**incident))


def minutes(n: int) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def test_every_duration_of_a_full_timeline():
    measured = durations.of_review(
        review(
            ("10:00", M.IMPACT_STARTED),
            ("10:20", M.DETECTED),
            ("10:25", M.ACKNOWLEDGED),
            ("10:30", M.DECLARED),
            ("11:00", M.FIRST_MITIGATION),
            ("11:40", M.MITIGATED),
            ("10:50", M.ROOT_CAUSE),
            ("13:00", M.RESOLVED),
            ("14:00", M.ALL_CLEAR),
        )
    )
    assert measured == durations.Durations(
        detect=minutes(20),  # 10:00 → 10:20
        acknowledge=minutes(5),  # 10:20 → 10:25
        mitigate=minutes(100),  # 10:00 → 11:40
        resolve=minutes(180),  # 10:00 → 13:00
        isolate=minutes(30),  # 10:20 → root cause 10:50 (before the first mitigation)
        fix=minutes(50),  # 10:50 → recovered at 11:40 (mitigated, before resolved)
        recover=minutes(100),  # 10:00 → 11:40 = 20 + 30 + 50
    )
    assert measured.recover == measured.detect + measured.isolate + measured.fix


def test_the_pet_clinic_sample_splits_its_five_hours_fifty_five(pet_clinic):
    measured = durations.of_review(store.load(pet_clinic))
    # impact 09:10, customers report 10:25, bug found 13:15, patch deployed 15:05
    assert (measured.detect, measured.isolate, measured.fix, measured.recover) == (
        minutes(75),
        minutes(170),
        minutes(110),
        minutes(355),
    )
    assert measured.acknowledge == minutes(15) and measured.mitigate is None
    assert durations.summary_line(measured) == (
        "detect 1h 15m · acknowledge 15m · mitigate — · resolve 5h 55m · "
        "TTR 5h 55m = TTD 1h 15m + TTI 2h 50m + TTF 1h 50m"
    )


def test_isolated_is_the_first_mitigation_when_the_root_cause_comes_later():
    measured = durations.of_review(
        review(
            ("10:00", M.IMPACT_STARTED),
            ("10:10", M.DETECTED),
            ("10:40", M.FIRST_MITIGATION),
            ("11:00", M.RESOLVED),
            ("16:00", M.ROOT_CAUSE),
        )
    )
    assert (measured.isolate, measured.fix, measured.recover) == (
        minutes(30),
        minutes(20),
        minutes(60),
    )


def test_incident_start_and_end_stand_in_for_missing_milestones():
    measured = durations.of_review(
        review(("10:30", M.DETECTED), started_at=at("10:00"), ended_at=at("12:00"))
    )
    assert (measured.detect, measured.recover, measured.resolve) == (
        minutes(30),
        minutes(120),
        minutes(120),  # ended_at stands for the resolution
    )
    assert measured.mitigate is None  # no field stands for the mitigation


def test_the_earliest_mark_counts_and_backwards_spans_are_not_measured():
    measured = durations.of_review(
        review(
            ("10:00", M.IMPACT_STARTED),
            ("10:30", M.DETECTED),
            ("10:15", M.DETECTED),
            ("09:00", M.ACKNOWLEDGED),
        )
    )
    assert measured.detect == minutes(15)
    assert measured.acknowledge is None  # acknowledged before detected
    assert measured.seconds()["detect"] == 900 and measured.seconds()["acknowledge"] is None


def test_the_first_of_acknowledged_else_declared_is_taken_on():
    declared = durations.of_review(review(("10:00", M.DETECTED), ("10:07", M.DECLARED)))
    assert declared.acknowledge == minutes(7)
    both = durations.of_review(
        review(("10:00", M.DETECTED), ("10:04", M.DECLARED), ("10:09", M.ACKNOWLEDGED))
    )
    assert both.acknowledge == minutes(9)  # acknowledged itself, when the timeline has it


def test_approximate_ends_read_about_and_date_only_ends_read_in_days():
    r = review(
        ("22:00", M.IMPACT_STARTED),
        ("22:30", M.DETECTED),
        ("09:00", M.MITIGATED),
        ("18:00", M.RESOLVED),
        timezone="Europe/Paris",
    )
    r.timeline[1].approx = True
    r.timeline[2].at = at("09:00", day=15)
    r.timeline[3].at = dt.datetime(2026, 11, 18, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    r.timeline[3].day_only = True  # "on the 18th", midnight in Paris
    measured = durations.of_review(r)
    assert measured.text("detect") == "about 30m"
    assert measured.text("acknowledge") == "—"
    assert measured.text("mitigate") == "11h"
    assert measured.text("resolve") == "4 days"  # the 14th (23:00 in Paris) to the 18th
    assert measured.text("isolate") == "—"
    assert durations.times_text(measured) == (
        "detect about 30m · acknowledge — · mitigate 11h · resolve 4 days"
    )
    assert measured.seconds()["resolve"] == int(measured.resolve.total_seconds())


def test_a_date_only_end_on_the_day_the_impact_began_is_the_same_day():
    """Its midnight is before the impact's 10:00: the span was dropped as backwards."""
    r = review(("10:00", M.IMPACT_STARTED), ("12:00", M.RESOLVED))
    r.timeline[1].at, r.timeline[1].day_only = at("00:00"), True
    assert durations.of_review(r).text("resolve") == "same day"
    r.timeline[1].at = at("00:00", day=13)  # the day before: backwards still
    assert durations.of_review(r).text("resolve") == "—"


@pytest.mark.parametrize(
    ("started", "resolved", "days"),
    [
        (dt.datetime(2026, 10, 24, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), 27, 3),
        (dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC), (4, 2), 5),
    ],
    ids=["october", "march"],
)
def test_days_are_counted_in_the_reviews_zone_across_a_clock_change(started, resolved, days):
    """Counted in the date-only end's own offset, the other end fell on another date."""
    london = ZoneInfo("Europe/London")
    month, day = resolved if isinstance(resolved, tuple) else (started.month, resolved)
    end = dt.datetime(2026, month, day, tzinfo=london)
    r = Review(
        incident=Incident(timezone="Europe/London"),
        timeline=[
            Event(at=started, text="x", milestone=M.IMPACT_STARTED),
            Event(at=end, text="y", milestone=M.RESOLVED, day_only=True),
        ],
    )
    assert durations.of_review(r).text("resolve") == f"{days} days"


@pytest.mark.parametrize(("days", "text"), [(0, "same day"), (1, "1 day"), (3, "3 days")])
def test_days_text(days, text):
    assert durations.days_text(days) == text


def test_the_exports_rows_use_the_shared_names():
    measured = durations.of_review(review(("10:00", M.IMPACT_STARTED), ("10:20", M.DETECTED)))
    assert durations.measured_rows(measured) == [("Time to detect (TTD)", "20m")]


def test_an_empty_timeline_measures_nothing():
    assert durations.of_review(Review()) == durations.Durations()
    assert durations.measured_rows(durations.Durations()) == []


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (None, "—"),
        (dt.timedelta(seconds=59), "0m"),
        (minutes(45), "45m"),
        (minutes(60), "1h"),
        (minutes(355), "5h 55m"),
        (dt.timedelta(days=2, minutes=3), "2d 3m"),
    ],
)
def test_span_text(span, text):
    assert durations.span_text(span) == text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("5h 55m", minutes(355)),
        ("1h30m", minutes(90)),
        ("90 min", minutes(90)),
        ("2 hours and 5 minutes", minutes(125)),
        ("1d, 2h", minutes(26 * 60)),
        ("1:30", minutes(90)),
        ("0m", minutes(0)),
        ("1.5h", minutes(90)),
        ("about an hour", None),
        ("5 parsecs", None),
        ("", None),
    ],
)
def test_parse_span(text, span):
    assert durations.parse_span(text) == span


def test_check_json_gives_each_duration_as_shown_beside_its_seconds(tmp_path):
    r = review(("10:00", M.IMPACT_STARTED), ("10:20", M.DETECTED))
    r.timeline[1].approx = True
    [entry] = json.loads(
        report.as_json([report.FileReport(tmp_path / "r.toml", durations=durations.of_review(r))])
    )
    assert entry["durations_seconds"]["detect"] == 1200
    assert entry["durations"]["detect"] == "about 20m"
    assert entry["durations"]["recover"] is None
