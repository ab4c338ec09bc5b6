import datetime as dt

import pytest
from pydantic import ValidationError

from pmtui.model import Action, ActionKind, ActionStatus, Event, Incident, Priority, Review


def test_local_datetime_is_read_in_the_zone_given_as_context():
    review = Review.model_validate(
        {"timeline": [{"at": dt.datetime(2026, 7, 1, 14, 5)}]},
        context={"zone": Review(incident=Incident(timezone="Europe/Paris")).zone},
    )
    assert review.timeline[0].at.utcoffset() == dt.timedelta(hours=2)


def test_local_datetime_without_context_is_utc():
    event = Event(at=dt.datetime(2026, 7, 1, 14, 5))
    assert event.at.utcoffset() == dt.timedelta(0)


def test_unknown_timezone_is_refused_with_a_hint():
    with pytest.raises(ValidationError, match="IANA name"):
        Incident(timezone="Mars/Olympus")


def test_unknown_keys_are_kept_at_every_level():
    review = Review.model_validate({"future": {"x": 1}, "incident": {"pager": "P-7"}})
    dumped = review.model_dump()
    assert dumped["future"] == {"x": 1}
    assert dumped["incident"]["pager"] == "P-7"


def test_assignments_are_validated():
    action = Action(id="A1", title="t")
    with pytest.raises(ValidationError):
        action.priority = "P9"


def test_next_action_id_follows_the_highest_number():
    review = Review(actions=[Action(id="A1", title="a"), Action(id="A7", title="b")])
    assert review.next_action_id() == "A8"
    assert Review().next_action_id() == "A1"


def test_sorted_timeline_orders_by_instant_across_offsets():
    paris = dt.timezone(dt.timedelta(hours=1))
    review = Review(
        timeline=[
            Event(at=dt.datetime(2026, 1, 1, 10, 30, tzinfo=paris), text="b"),  # 09:30 UTC
            Event(at=dt.datetime(2026, 1, 1, 9, 45, tzinfo=dt.UTC), text="c"),
            Event(at=dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC), text="a"),
        ]
    )
    assert [e.text for e in review.sorted_timeline()] == ["a", "b", "c"]


def test_assigning_one_field_keeps_the_others_typed():
    action = Action(id="A1", title="t")
    action.status = "done"
    assert isinstance(action.priority, Priority) and isinstance(action.kind, ActionKind)
    action.title = "two\r\nlines"
    assert action.title == "two\nlines" and isinstance(action.status, ActionStatus)


def test_dismissed_findings_round_trip_through_the_file(tmp_path):
    from pmtui import store

    keys = ["blame: human error in 'it was human error'", "before-impact: timeline 2026-11-13"]
    path = tmp_path / "r.toml"
    store.save(Review(dismissed=keys), path)
    assert "dismissed = [" in path.read_text()
    assert store.load(path).dismissed == keys
    store.save(Review(), path)
    assert "dismissed" not in path.read_text()  # nothing dismissed, nothing written
