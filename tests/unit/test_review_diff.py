"""`review_diff.changes`: what changed between two versions of a review, in its own words."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import pytest

from pmtui.analysis import review_diff
from pmtui.analysis.review_diff import changes
from pmtui.document import model
from pmtui.document.model import Review
from pmtui.templates import builtin_names, load_template

BASE: dict[str, Any] = {
    "incident": {"title": "Checkout down", "severity": "SEV2", "timezone": "Europe/Paris"},
    "people": [{"name": "Dan"}, {"name": "Adam", "role": "SRE"}],
    "timeline": [
        {"at": "2026-11-14T13:00:00Z", "text": "Errors rise"},
        {"at": "2026-11-14T13:05:00Z", "text": "Patch deployed"},
    ],
    "impact": [{"category": "customer", "metric": "Users affected", "value": "1200"}],
    "whys": [
        {"question": "Why did checkout fail?", "answer": "The pool ran out"},
        {"question": "Why did the pool run out?", "answer": "A leak"},
    ],
    "factors": [{"factor": "No alerts"}, {"factor": "Friday deploy"}],
    "actions": [
        {"id": "A3", "title": "Alert on the pool", "owner": "Dan"},
    ],
}


def review(**changed: Any) -> Review:
    """The base review with some top-level parts replaced (read as a file reads)."""
    data = {**BASE, **changed}
    return Review.model_validate(data, context={"zone": model.zone_named("Europe/Paris")})


def edited(**paths: Any) -> Review:
    """The base review with `part__index__field=value` edits (index optional)."""
    data = {key: [dict(item) for item in value] if isinstance(value, list) else dict(value)
            for key, value in BASE.items()}  # fmt: skip
    for path, value in paths.items():
        names = path.split("__")
        target = data
        for name in names[:-1]:
            target = target[int(name) if isinstance(target, list) else name]
        target[names[-1]] = value
    return review(**data)


def test_a_review_and_its_copy_differ_in_nothing():
    assert changes(review(), review()) == []
    assert changes(review(), review().model_copy(deep=True)) == []


@pytest.mark.parametrize(
    ("after", "line"),
    [
        (edited(incident__severity="SEV1"), "incident severity SEV2 -> SEV1"),
        (edited(actions__0__owner="Tina"), "action A3 owner Dan -> Tina"),
        (
            edited(timeline__1__text="Patch deployed to prod"),
            "event 14:05 'Patch deployed': text 'Patch deployed' -> 'Patch deployed to prod'",
        ),
        (
            edited(timeline__1__at="2026-11-14T13:10:00Z"),
            "event 14:05 'Patch deployed': at 14:05 -> 14:10",
        ),
        (edited(impact__0__value="1500"), "impact 'Users affected' value 1200 -> 1500"),
        (edited(whys__1__answer="A slow leak"), "why 2 answer 'A leak' -> 'A slow leak'"),
        (edited(people__1__role="Lead"), "participant Adam role SRE -> Lead"),
        (
            edited(incident__title="Checkout is down"),
            "incident title 'Checkout down' -> 'Checkout is down'",
        ),
        (edited(messaging={"internal": "All hands"}), "messaging internal '' -> 'All hands'"),
        (edited(incident__x_board="ops"), "incident x_board ops added"),
        (review(x_extra={"a": 1}), "x_extra {'a': 1} added"),
    ],
)
def test_one_edit_is_one_line_in_the_reviews_words(after, line):
    assert changes(review(), after) == [line]


def test_items_added_and_removed_are_named_by_what_they_say():
    after = review(
        people=[*BASE["people"], {"name": "Tina"}],
        timeline=[BASE["timeline"][0]],
        factors=[BASE["factors"][1]],
        actions=[*BASE["actions"], {"id": "A4", "title": "Add tests"}],
    )
    assert changes(review(), after) == [
        "participant Tina added",
        "event 14:05 'Patch deployed' removed",
        "factor 'No alerts' removed",
        "action A4 'Add tests' added",
    ]
    assert changes(after, review()) == [
        "participant Tina removed",
        "event 14:05 'Patch deployed' added",
        "factor 'No alerts' added",
        "action A4 'Add tests' removed",
    ]


def test_an_event_inserted_is_one_line_not_a_cascade_and_lines_follow_the_document():
    inserted = {"at": "2026-11-14T13:02:00Z", "text": "Pager fires"}
    after = review(
        incident={**BASE["incident"], "severity": "SEV1"},
        timeline=[BASE["timeline"][0], inserted, BASE["timeline"][1]],
        actions=[{**BASE["actions"][0], "owner": "Tina"}],
    )
    assert changes(review(), after) == [
        "incident severity SEV2 -> SEV1",
        "event 14:02 'Pager fires' added",
        "action A3 owner Dan -> Tina",
    ]


def test_an_item_matched_by_its_id_even_when_all_else_changed_and_a_move_is_said():
    after = review(
        actions=[{"id": "A3", "title": "Page on pool use", "owner": "Tina"}],
        factors=list(reversed(BASE["factors"])),
    )
    assert changes(review(), after) == [
        "factor 'Friday deploy' moved",
        "action A3 title 'Alert on the pool' -> 'Page on pool use'",
        "action A3 owner Dan -> Tina",
    ]


def test_of_two_items_of_one_name_the_equal_one_is_paired():
    whys = [{"question": "Why?", "answer": "one"}, {"question": "Why?", "answer": "two"}]
    assert changes(review(whys=whys), review(whys=whys[1:])) == ["why 1 'Why?' removed"]


def test_a_templates_documents_are_paired_by_purpose_while_their_links_are_filled():
    """A template lists related documents by purpose alone: filling one is one change on
    that row, not every row removed and added again."""
    preset = [{"purpose": "Incident log"}, {"purpose": "Slack thread"}, {"purpose": "PRs"}]
    filled = [{**preset[0], "link": "https://wiki/x"}, preset[1], {**preset[2], "title": "Fix"}]
    assert changes(review(related=preset), review(related=filled)) == [
        "document 'Incident log' link '' -> https://wiki/x",
        "document 'PRs' title '' -> Fix",
    ]
    relinked = [{**filled[0], "link": "https://wiki/y"}, *filled[1:]]
    assert changes(review(related=filled), review(related=relinked)) == [
        "document 'Incident log' link https://wiki/x -> https://wiki/y"
    ]


def test_a_document_added_beside_others_of_its_purpose_is_one_line():
    prs = [{"purpose": "PRs", "link": "pr/1"}, {"purpose": "PRs", "link": "pr/2"}]
    after = review(related=[{"purpose": "PRs", "link": "pr/0"}, *prs])
    assert changes(review(related=prs), after) == ["document 'pr/0' added"]


def test_an_untouched_item_nothing_names_is_no_change():
    """A sign-off given a name but no role: paired by all it holds, not said removed and
    added again when another sign-off changes."""
    before = [{"role": "Incident Lead"}, {"role": "", "name": "Dan"}]
    after = [{"role": "Incident Lead", "name": "Tina"}, before[1]]
    assert changes(review(signoff=before), review(signoff=after)) == [
        "signoff 'Incident Lead' name '' -> Tina"
    ]


@pytest.mark.parametrize("name", builtin_names())
def test_every_row_a_template_makes_has_a_name_to_be_paired_by(name):
    """A template's rows are filled in every review made from it: a row none of its kind's
    keys names is paired only while untouched, and each edit of it is said (and merged) as
    the row removed and another added."""
    template = load_template(name)
    rows = [row for _, rows in template if isinstance(rows, list) for row in rows]
    unnamed = [
        row
        for row in rows
        if isinstance(row, model.Part)
        and all(key(row) is None for key in review_diff.KINDS[type(row)].keys)
    ]
    assert unnamed == []


def test_times_are_in_the_reviews_zone_with_the_day_when_the_timeline_spans_days():
    next_day = {"at": "2026-11-15T08:00:00Z", "text": "All clear"}
    after = review(timeline=[*BASE["timeline"], next_day])
    assert changes(review(), after) == ["event 2026-11-15 09:00 'All clear' added"]
    day_only = review(timeline=[{"at": dt.date(2026, 11, 16), "text": "Review held"}])
    assert changes(review(timeline=[]), day_only) == ["event 2026-11-16 'Review held' added"]


def test_seconds_apart_shown_in_full_rather_than_as_the_same_minute():
    after = edited(timeline__1__at="2026-11-14T13:05:30Z")
    assert changes(review(), after) == [
        "event 14:05 'Patch deployed': at 2026-11-14T14:05:00+01:00 -> 2026-11-14T14:05:30+01:00"
    ]


def test_long_texts_are_cut_and_a_change_past_the_cut_still_shows():
    long = "The connection pool of the checkout service ran out of connections " * 3
    [line] = changes(edited(whys__0__answer=long), edited(whys__0__answer=long + "again"))
    assert line.startswith("why 1 answer '…") and line.endswith("again'")
    assert len(line) < 2 * review_diff.LONGEST + 40
    [added] = changes(review(), edited(factors__0__how=long))
    assert len(added) < review_diff.LONGEST + 40 and "…" in added
    link = "https://status.example.org/incidents/" + "a1b2c3" * 40
    [linked] = changes(review(), edited(incident__x_link=link))
    assert linked == f"incident x_link '{link[:59]}…' added"


def test_no_control_byte_or_line_break_reaches_a_line():
    hostile = "Patch\x1b]52;c;ZXZpbA==\x07 de\u202eployed\nsecond line"
    [line] = changes(review(), edited(timeline__1__text=hostile))
    assert line.isprintable()
    assert "\\x1b" in line and "\\x0a" in line and "\\u202e" in line


def test_lists_of_text_say_each_text_added_or_removed():
    before = edited(lessons={"went_well": ["Fast rollback", "Calm room"]})
    after = edited(lessons={"went_well": ["Calm room", "Good notes"]})
    assert changes(before, after) == [
        "lessons went_well 'Fast rollback' removed",
        "lessons went_well 'Good notes' added",
    ]


def test_nested_lists_of_parts_are_matched_too():
    before = edited(meeting={"agenda": [{"title": "Timeline", "minutes": 10}]})
    after = edited(meeting={"agenda": [{"title": "Timeline", "minutes": 15}, {"title": "Actions"}]})
    assert changes(before, after) == [
        "agenda item 'Timeline' minutes 10 -> 15",
        "agenda item 'Actions' added",
    ]


def _part_type(annotation: Any) -> type[model.Part] | None:
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, model.Part) else None
    )


def _lists_of_parts(part: type[model.Part], where: str) -> list[tuple[str, type[model.Part]]]:
    """Every list of parts a review can hold, at any depth, with where it is."""
    found = []
    for name, info in part.model_fields.items():
        annotation = info.annotation
        if inner := _part_type(annotation):
            found += _lists_of_parts(inner, f"{where}.{name}")
        elif typing.get_origin(annotation) is list:
            [item] = typing.get_args(annotation)
            if inner := _part_type(item):
                found += [(f"{where}.{name}", inner), *_lists_of_parts(inner, f"{where}.{name}")]
    return found


def test_every_list_of_parts_a_review_holds_is_known_to_the_diff():
    """A new list in the model must say how its items are matched and named; without it
    they would be matched by place, and an inserted item would change every one after."""
    lists = _lists_of_parts(Review, "review")
    assert len(lists) >= 15
    unknown = [where for where, kind in lists if kind not in review_diff.KINDS]
    assert unknown == []


@pytest.mark.parametrize("field", list(Review.model_fields))
def test_every_field_of_a_review_is_handled(field):
    """Each part of a review is compared: a change to any of them is at least one line."""
    annotation = Review.model_fields[field].annotation
    if _part_type(annotation) is not None or typing.get_origin(annotation) is list:
        if (item := typing.get_args(annotation)) and _part_type(item[0]):
            assert item[0] in review_diff.KINDS
        before, after = review(), review()
        setattr(after, field, _changed_value(field, getattr(after, field)))
    else:
        before, after = review(), review()
        setattr(after, field, {"schema_version": 2, "template": "pir"}[field])
    assert changes(before, after)


def _changed_value(field: str, value: Any) -> Any:
    if isinstance(value, model.Part):
        return value.model_copy(update={"x_changed": True})
    if value and isinstance(value[0], model.Part):
        return value[1:]
    [item] = typing.get_args(Review.model_fields[field].annotation)
    if part := _part_type(item):
        required = [name for name, info in part.model_fields.items() if info.is_required()]
        return [part.model_validate(dict.fromkeys(required, "x"))]
    return [*value, "x"]
