"""The incident's phases and quiet stretches, and the strip that draws them."""

import datetime as dt
from zoneinfo import ZoneInfo

from pmtui.analysis.phases import axis_of
from pmtui.document.model import Event, Review
from pmtui.files import store
from pmtui.tui.widgets.time_axis import strip

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def review_of(*events: tuple[dt.datetime, list[str]]) -> Review:
    return Review(
        timeline=[
            Event(at=when, text=f"event {n}", milestone=marks)
            for n, (when, marks) in enumerate(events)
        ]
    )


def test_the_pet_clinic_phases_and_its_overnight_quiet(pet_clinic):
    axis = axis_of(store.load(pet_clinic))
    spans = [(p.name, p.span) for p in axis.phases]
    assert spans == [
        ("undetected", dt.timedelta(hours=1, minutes=15)),
        ("to response", dt.timedelta(minutes=15)),
        ("response", dt.timedelta(hours=4, minutes=25)),
    ]
    [quiet] = axis.quiet  # released in the evening, offline the next morning
    assert (quiet.start, quiet.end) == (at(13, 18), at(14, 9, 10))


def test_an_incident_across_midnight_and_days_keeps_its_order():
    review = review_of(
        (at(20, 23, 30), ["impact started"]),
        (at(21, 0, 20), ["detected"]),
        (at(21, 0, 25), ["acknowledged"]),
        (at(22, 9, 0), ["resolved"]),
    )
    axis = axis_of(review)
    assert [p.name for p in axis.phases] == ["undetected", "to response", "response"]
    assert axis.phases[0].span == dt.timedelta(minutes=50)
    assert axis.quiet[0].span == dt.timedelta(hours=32, minutes=35)
    assert (axis.start, axis.end) == (at(20, 23, 30), at(22, 9))


def test_a_day_only_event_makes_no_quiet_stretch_from_its_midnight():
    day_only = Event(at=at(20, 0), text="noted that day", day_only=True)
    review = review_of((at(20, 10), ["impact started"]), (at(20, 12), ["resolved"]))
    review.timeline.insert(0, day_only)
    axis = axis_of(review)
    assert (axis.start, axis.end) == (at(20, 10), at(20, 12))
    assert [(s.start, s.end) for s in axis.quiet] == [(at(20, 10), at(20, 12))]  # not from 00:00


def test_a_timeline_without_two_moments_has_no_axis_and_phases_need_both_ends():
    assert axis_of(Review()) is None
    assert axis_of(review_of((at(20, 9), ["impact started"]))) is None
    unmarked = axis_of(review_of((at(20, 9), []), (at(20, 10), [])))
    assert unmarked.phases == () and unmarked.quiet[0].span == dt.timedelta(hours=1)


def test_the_strip_draws_the_phases_where_they_are_and_names_the_undetected_first(pet_clinic):
    axis = axis_of(store.load(pet_clinic))
    content = strip(axis, LONDON, 80)
    bar, legend = content.plain.split("\n")
    assert len(bar) == 80 and bar.startswith("Fri 18:00 ") and bar.endswith(" Sat 16:00")
    cells = bar[len("Fri 18:00 ") : -len(" Sat 16:00")]
    quiet = cells.split("━", 1)[0]
    assert set(quiet) == {"┄"}  # the night before the impact, then the phases
    share = len(quiet) / len(cells)  # 15h10m of 22h
    assert abs(share - (15 + 10 / 60) / 22) < 0.05
    assert legend.startswith("■ undetected 1h 15m")
    assert "┄ quiet 15h 10m (Fri 18:00 → Sat 09:10)" in legend


def test_a_strip_over_a_week_or_more_dates_its_ends():
    """Two weeks read "Tue 10:00 … Tue 12:00": the same day, two hours, it seemed."""
    review = review_of((at(3, 10), ["impact started"]), (at(17, 12), ["resolved"]))
    bar, legend = strip(axis_of(review), UTC, 80).plain.split("\n")
    assert bar.startswith("Tue 03 Nov 10:00 ") and bar.endswith(" Tue 17 Nov 12:00")
    assert "(Tue 03 Nov 10:00 → Tue 17 Nov 12:00)" in legend
