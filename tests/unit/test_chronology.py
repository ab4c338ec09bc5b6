import datetime as dt

from test_durations import at, review

from pmtui.analysis import chronology
from pmtui.analysis.finding import Finding
from pmtui.document.model import Event, Milestone, Review

M = Milestone


LATER = dt.date(2999, 1, 1)
"""A day after every event here: only the test of events in the future passes its own."""


def found(r: Review, today: dt.date = LATER) -> list[tuple[str, str, str]]:
    return [(f.check, f.where, f.message) for f in chronology.findings(r, today)]


def test_a_timeline_in_order_has_no_findings(pet_clinic):
    clean = review(
        ("10:00", M.IMPACT_STARTED),
        ("10:20", M.DETECTED),
        ("11:00", M.RESOLVED),
        ("12:00", M.ALL_CLEAR),
        ("15:00", M.ROOT_CAUSE),  # found after the all-clear: allowed
        started_at=at("10:00"),
        ended_at=at("11:00"),
        duration="1h",
    )
    assert found(clean) == []


def test_milestones_out_of_order_name_the_nearest_earlier_milestone():
    r = review(
        ("10:00", M.IMPACT_STARTED),
        ("09:50", M.DETECTED),
        ("10:30", M.MITIGATED),
        ("10:20", M.RESOLVED),
    )
    assert [f[1:] for f in found(r) if f[0] == "order"] == [
        (
            "timeline 2026-11-14 09:50",
            "'detected' comes before 'impact started' (2026-11-14 10:00)",
        ),
        ("timeline 2026-11-14 10:20", "'resolved' comes before 'mitigated' (2026-11-14 10:30)"),
    ]


def test_events_before_the_impact_and_after_the_all_clear():
    r = review(
        ("09:00", None), ("10:00", M.IMPACT_STARTED), ("11:00", M.ALL_CLEAR), ("11:30", None)
    )
    r.timeline[0].text = "deploy v2"
    r.timeline[3].text = "retro booked"
    assert found(r) == [
        (
            "before-impact",
            "timeline 2026-11-14 09:00",
            "'deploy v2' is before the impact started (2026-11-14 10:00): "
            "a cause (dismiss this), or a wrong time?",
        ),
        (
            "after-all-clear",
            "timeline 2026-11-14 11:30",
            "'retro booked' is after the all-clear (2026-11-14 11:00): "
            "a follow-up (dismiss this), or a wrong time?",
        ),
    ]


def test_times_are_shown_in_the_review_zone():
    r = review(("09:00", None), ("10:00", M.IMPACT_STARTED), timezone="Asia/Kolkata")
    assert found(r)[0][1] == "timeline 2026-11-14 14:30"  # UTC+05:30


def test_duration_and_start_end_fields_that_disagree_with_the_timeline():
    r = review(
        ("10:00", M.IMPACT_STARTED),
        ("12:30", M.RESOLVED),
        started_at=at("09:59"),  # within a minute is fine
        ended_at=at("12:00"),
        duration="2h",
    )
    assert found(r) == [
        (
            "field-vs-timeline",
            "incident.ended_at",
            "2026-11-14 12:00 but the timeline's 'resolved' is at 2026-11-14 12:30",
        ),
        (
            "field-vs-timeline",
            "incident.duration",
            "says 2h but the timeline gives 2h 30m from impact started to resolved",
        ),
    ]


def test_an_end_before_the_start_is_a_finding_when_a_field_gives_either():
    """No duration was measured and nothing said why (milestones in that order are
    flagged as an event before the impact: not twice)."""
    r = review(("10:05", M.DETECTED), started_at=at("10:00"), ended_at=at("09:00"))
    assert found(r) == [
        (
            "resolved-before-impact",
            "incident",
            "resolved (2026-11-14 09:00) before the impact started (2026-11-14 10:00): "
            "a wrong time or day?",
        )
    ]
    both_marked = review(("10:00", M.RESOLVED), ("11:00", M.IMPACT_STARTED))
    assert "resolved-before-impact" not in [check for check, _, _ in found(both_marked)]


def test_the_end_and_duration_are_compared_with_the_resolution_not_the_mitigation():
    """As GitHub's 2018 review: service restored at 16:24, resolved at 23:03 the next day,
    which is its end time and its published "24 hours and 11 minutes"."""
    r = review(
        ("22:52", M.IMPACT_STARTED),
        ("16:24", M.MITIGATED),
        ("23:03", M.RESOLVED),
        started_at=at("22:52"),
        ended_at=at("23:03", day=15),
        duration="24 hours and 11 minutes",
    )
    r.timeline[1].at = at("16:24", day=15)
    r.timeline[2].at = at("23:03", day=15)
    assert found(r) == []


def test_a_duration_in_words_is_the_sources_and_never_a_finding():
    assert found(review(duration="about 18 hours")) == []
    assert (
        found(
            review(("10:00", M.IMPACT_STARTED), ("14:00", M.RESOLVED), duration="most of the day")
        )
        == []
    )
    fields_only = review(started_at=at("10:00"), ended_at=at("10:45"), duration="1h")
    assert found(fields_only)[0][2] == (
        "says 1h but the timeline gives 45m from impact started to resolved"
    )


def test_approximate_and_date_only_milestones_are_compared_as_precisely_as_they_are_known():
    r = review(
        ("10:00", M.IMPACT_STARTED),
        ("10:10", None),
        ("12:10", M.RESOLVED),
        started_at=at("10:05"),
        ended_at=at("12:00"),
        duration="2h",
    )
    r.timeline[0].approx = r.timeline[2].approx = True  # "~10:00", "~12:10"
    r.timeline[1].day_only = True  # a date alone is not before the impact that day
    r.timeline[1].at = at("00:00")
    assert found(r) == []
    r.timeline[2].at = at("12:20")
    assert [f[1] for f in found(r)] == ["incident.ended_at", "incident.duration"]
    assert (
        found(r)[0][2] == "2026-11-14 12:00 but the timeline's 'resolved' is at ~2026-11-14 12:20"
    )


def test_a_milestone_claimed_by_two_events_is_a_finding():
    r = review(("10:00", M.DETECTED), ("10:05", M.DETECTED), ("10:10", M.ACKNOWLEDGED))
    r.timeline[1].milestone = [M.DETECTED, M.ACKNOWLEDGED]
    assert [f for f in chronology.findings(r, LATER) if f.check == "milestone-twice"] == [
        Finding(
            "milestone-twice",
            "timeline",
            "'detected' is marked on 2 events (2026-11-14 10:00, 2026-11-14 10:05): "
            "the earliest counts; unmark the others?",
            key="milestone-twice: detected",
        ),
        Finding(
            "milestone-twice",
            "timeline",
            "'acknowledged' is marked on 2 events (2026-11-14 10:05, 2026-11-14 10:10): "
            "the earliest counts; unmark the others?",
            key="milestone-twice: acknowledged",
        ),
    ]


def test_mixed_offsets_point_at_times_not_in_the_review_zone():
    r = review(("10:00", M.IMPACT_STARTED), ("10:20", None), timezone="Europe/Paris")
    paris = dt.timezone(dt.timedelta(hours=1))
    r.timeline[0].at = r.timeline[0].at.astimezone(paris)  # as the app types it
    r.timeline.append(Event(at=at("10:40"), text="pasted from a UTC log"))
    r.timeline[1].at = r.timeline[1].at.astimezone(paris)
    assert found(r) == [
        (
            "mixed-offsets",
            "timeline",
            "1 time written at UTC+00:00, not in the review's zone Europe/Paris: "
            "typed in another zone?",
        )
    ]


def test_two_offsets_across_a_daylight_saving_change_are_right():
    london = review(timezone="Europe/London")
    summer = dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    winter = dt.datetime(2026, 10, 26, 12, 0, tzinfo=dt.UTC)
    london.timeline = [Event(at=summer, text="BST"), Event(at=winter, text="GMT")]
    assert found(london) == []


def test_an_event_on_a_day_after_today_is_flagged_and_later_today_is_not():
    r = Review(
        timeline=[
            Event(at=dt.datetime(2026, 11, 20, 23, 50, tzinfo=dt.UTC), text="late tonight"),
            Event(at=dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC), text="typo: tomorrow"),
        ]
    )
    future = [f for f in found(r, today=dt.date(2026, 11, 20)) if f[0] == "in-future"]
    assert future == [
        (
            "in-future",
            "timeline 2026-11-21 09:00",
            "'typo: tomorrow' is dated after today (2026-11-20): a wrong day?",
        )
    ]


def test_dismissed_keys_naming_a_time_follow_a_new_zone_and_the_rest_stay():
    from zoneinfo import ZoneInfo

    from pmtui.analysis.finding import keys_in_zone

    keys = [
        "before-impact: timeline 2026-11-13 18:00",
        "order: timeline ~2026-07-14 10:25",  # summer: London is UTC+1
        "in-future: timeline 2026-11-13",  # a day alone: no time to move
        "blame: dan forgot in 'dan forgot the alert'",
    ]
    london, paris = ZoneInfo("Europe/London"), ZoneInfo("Europe/Paris")
    assert keys_in_zone(keys, london, paris) == [
        "before-impact: timeline 2026-11-13 19:00",
        "order: timeline ~2026-07-14 11:25",
        *keys[2:],
    ]
    assert keys_in_zone(keys_in_zone(keys, london, paris), paris, london) == keys
