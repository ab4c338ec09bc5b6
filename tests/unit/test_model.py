import datetime as dt
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pmtui.document.model import (
    Action,
    ActionKind,
    ActionStatus,
    Event,
    Incident,
    Milestone,
    Part,
    Priority,
    Review,
    Why,
    why_chains,
)
from pmtui.files import store


def test_local_datetime_is_read_in_the_zone_given_as_context():
    review = Review.model_validate(
        {"timeline": [{"at": dt.datetime(2026, 7, 1, 14, 5)}]},
        context={"zone": Review(incident=Incident(timezone="Europe/Paris")).zone},
    )
    assert review.timeline[0].at.utcoffset() == dt.timedelta(hours=2)


def test_local_datetime_without_context_is_utc():
    event = Event(at=dt.datetime(2026, 7, 1, 14, 5))
    assert event.at.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("year", [dt.MINYEAR, dt.MAXYEAR])
def test_a_time_in_year_1_or_9999_is_never_kept(year):
    """A file holding one is refused when read: the model never takes one to save."""
    with pytest.raises(ValidationError, match=f"year {year} is out of range"):
        Event(at=dt.datetime(year, 6, 1, 12, 0, tzinfo=dt.UTC))
    event = Event(at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="out of range"):
        event.at = dt.datetime(year, 6, 1, tzinfo=dt.UTC)


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
    action = Action(id="A1", title="t", priority="P1", kind="detect")
    action.status = "done"
    assert isinstance(action.priority, Priority) and isinstance(action.kind, ActionKind)
    assert action.horizon is None  # never rated: stays unset, not a default
    action.title = "two\r\nlines"
    assert action.title == "two\nlines" and isinstance(action.status, ActionStatus)


def test_dismissed_findings_round_trip_through_the_file(tmp_path):
    from pmtui.files import store

    keys = ["blame: human error in 'it was human error'", "before-impact: timeline 2026-11-13"]
    path = tmp_path / "r.toml"
    store.save(Review(dismissed=keys), path)
    assert "dismissed = [" in path.read_text()
    assert store.load(path).dismissed == keys
    store.save(Review(), path)
    assert "dismissed" not in path.read_text()  # nothing dismissed, nothing written


LONE = "\ud800"
"""A lone surrogate: what `\\ud800` in a chat log's JSON or a broken paste gives Python."""


def test_a_lone_surrogate_becomes_a_replacement_character_however_text_comes_in(tmp_path):
    from pmtui.files import store

    review = Review.model_validate(
        {
            "incident": {"title": f"db{LONE}down", "tags": [f"t{LONE}"]},
            "people": [{"name": f"Zo{LONE}", "pager": {"handle": f"z{LONE}"}}],
        }
    )
    review.timeline.append(Event(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), text=f"a{LONE}"))
    review.incident.summary = f"pasted {LONE}\r\nline"
    assert review.incident.title == "db\ufffddown" and review.incident.tags == ["t\ufffd"]
    assert review.people[0].name == "Zo\ufffd"
    assert review.people[0].model_extra == {"pager": {"handle": "z\ufffd"}}  # unknown keys too
    assert review.timeline[0].text == "a\ufffd"
    assert review.incident.summary == "pasted \ufffd\nline"
    path = tmp_path / "r.toml"
    store.save(review, path)  # a lone surrogate used to stop every save
    assert store.load(path) == review


def test_emoji_joiners_and_surrogate_pairs_stay_whole():
    coder = "👩\u200d💻"  # woman, zero-width joiner, laptop
    assert Event(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), text=f"{coder} 🚀 é").text == (
        f"{coder} 🚀 é"
    )
    pair = "\ud83d\ude80"  # 🚀 as two UTF-16 halves, as some pastes bring it
    assert Incident(title=f"go {pair}").title == "go 🚀"


ANY_TEXT = st.lists(st.characters() | st.characters(categories=["Cs"]), max_size=40).map("".join)
"""Text with lone surrogates too (`st.text` never draws them)."""


@settings(max_examples=200)
@given(ANY_TEXT)
def test_any_text_at_all_saves_and_reads_back_as_it_was_kept(tmp_path_factory, text):
    from pmtui.files import store

    review = Review(incident=Incident(title=text), lessons={"went_well": [text]})
    path = tmp_path_factory.mktemp("any") / "r.toml"
    store.save(review, path)
    assert store.load(path) == review


def test_one_milestone_or_several_read_as_a_list_and_write_back_as_they_were():
    from pmtui.files import store

    text = (
        'schema_version = 1\n\n[[timeline]]\nat = 2018-10-21T22:52:00Z\nmilestone = "detected"\n\n'
        '[[timeline]]\nat = 2018-10-21T22:54:00Z\nmilestone = ["acknowledged", "declared"]\n'
    )
    review = store.from_data(store.parse(Path("r.toml"), text), Path("r.toml"), text)
    assert [event.milestone for event in review.timeline] == [
        [Milestone.DETECTED],
        [Milestone.ACKNOWLEDGED, Milestone.DECLARED],
    ]
    written = store.dumps(review)
    assert 'milestone = "detected"' in written
    assert store.parse(Path("r.toml"), written)["timeline"][1]["milestone"] == [
        "acknowledged",
        "declared",
    ]


def test_a_date_alone_is_that_day_and_writes_back_as_the_date_until_a_time_is_set():
    review = Review.model_validate(
        {"incident": {"timezone": "Europe/Paris"}, "timeline": [{"at": dt.date(2018, 10, 22)}]},
        context={"zone": Review(incident=Incident(timezone="Europe/Paris")).zone},
    )
    event = review.timeline[0]
    assert event.day_only and event.at.date() == dt.date(2018, 10, 22)
    assert event.model_dump()["at"] == dt.date(2018, 10, 22)
    assert "day_only" not in event.model_dump()
    event.place(dt.datetime(2018, 10, 22, 14, 5, tzinfo=dt.UTC))
    assert not event.day_only and event.model_dump()["at"].hour == 14


def test_an_action_names_its_owner_and_co_owners_once_and_is_closed_only_when_done_or_dropped():
    action = Action(id="A1", title="t", owner="Dan", owners=["Tina", "Dan", ""])
    assert action.everyone == ["Dan", "Tina"]
    assert not action.closed  # no status given: not done
    action.status = "won't do"
    assert action.closed


def test_whys_form_chains_in_order_of_their_first_why():
    whys = [
        Why(answer="a"),
        Why(answer="b", chain="data"),
        Why(answer="c"),
        Why(answer="d", chain="data"),
    ]
    assert [(label, [w.answer for w in chain]) for label, chain in why_chains(whys)] == [
        ("", ["a", "c"]),
        ("data", ["b", "d"]),
    ]


@pytest.mark.parametrize("written", ["yes", "true", 1, "off"])
def test_a_yes_no_in_a_file_is_true_or_false_never_a_word_or_a_number(written):
    with pytest.raises(ValidationError, match="valid boolean"):
        Event.model_validate({"at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "approx": written})


def at_hour(hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, 14, hour, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("hours", "edited", "new_hour", "expected"),
    [
        ([9, 10, 11], 2, 8, [8, 9, 10]),  # in time order: the edited event moves to its place
        ([9, 10, 11], 0, 12, [10, 11, 12]),
        ([10, 9, 11], 2, 8, [10, 9, 8]),  # not kept in time order: it stays where it was
        ([9, 9, 9, 10], 0, 9, [9, 9, 9, 10]),  # its time as it was: its place among equals
        # in order but for the edited one: the person's order, kept (its lines stay put)
        ([11, 10, 12], 0, 11, [11, 10, 12]),
        ([10, 11, 12], 1, 11, [10, 11, 12]),
        ([10, 11, 9, 12], 2, 9, [10, 11, 9, 12]),
        ([10, 0, 12], 1, 0, [10, 0, 12]),  # midnight, as a day alone reads, among its times
        ([11, 9, 10], 0, 13, [13, 9, 10]),
    ],
)
def test_an_edited_event_goes_to_its_place_in_time_where_the_timeline_keeps_time_order(
    hours, edited, new_hour, expected
):
    review = Review(timeline=[Event(at=at_hour(hour), text=str(hour)) for hour in hours])
    review.place_event(Event(at=at_hour(new_hour), text="edited"), instead_of=edited)
    assert [event.at.hour for event in review.timeline] == expected
    if new_hour == hours[edited]:  # only its text changed: it stays where it was
        assert review.timeline[edited].text == "edited"
    assert review.latest_event().at.hour == max(expected)


def test_renaming_a_person_changes_exact_names_only():
    review = Review.model_validate(
        {
            "timeline": [
                {"at": at_hour(9), "who": "Dan"},
                {"at": at_hour(10), "who": "Dana"},
            ],
            "actions": [
                {"id": "A1", "title": "t", "owner": "Dan", "owners": ["Tina", "Dan"]},
                {"id": "A2", "title": "t", "owner": "dan"},
            ],
            "lessons": {"systemic": [{"issue": "i", "owner": "Dan"}]},
        }
    )
    assert review.rename_person("Dan", "Daniel") == 4
    assert [e.who for e in review.timeline] == ["Daniel", "Dana"]
    assert [(a.owner, a.owners) for a in review.actions] == [
        ("Daniel", ["Tina", "Daniel"]),
        ("dan", []),
    ]
    assert review.lessons.systemic[0].owner == "Daniel"


def _list_fields(part: type) -> list[tuple[type, str]]:
    """(model, field) for every list field of every kind of part a review holds."""
    found, seen, kinds = [], set(), [Review]
    while kinds:
        kind = kinds.pop()
        if kind in seen:
            continue
        seen.add(kind)
        for name, field in kind.model_fields.items():
            for inner in (field.annotation, *typing.get_args(field.annotation)):
                if isinstance(inner, type) and issubclass(inner, Part):
                    kinds.append(inner)
            if typing.get_origin(field.annotation) is list:
                found.append((kind, name))
    return found


def test_every_list_starts_empty_and_its_own_and_an_empty_one_is_never_written():
    """List fields default to a factory, not `[]` (which pydantic deep-copies): each
    instance still gets a list of its own, and an untouched one stays out of the file."""
    lists = _list_fields(Review)
    assert len(lists) > 25
    for kind, name in lists:
        required = {
            field_name: "x" if field.annotation is str else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            for field_name, field in kind.model_fields.items()
            if field.is_required()
        }
        first, second = kind(**required), kind(**required)
        assert getattr(first, name) == [] and getattr(first, name) is not getattr(second, name)
        assert name not in first.model_dump(exclude_defaults=True), (kind.__name__, name)
    assert "[]" not in store.dumps(Review())
