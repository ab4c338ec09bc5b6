"""Properties of `review_diff.changes` over generated reviews."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import incidents, reviews

from pmtui.analysis.review_diff import changes
from pmtui.document.model import Incident, Review
from pmtui.document.printable import escaped

GENERATED = [
    "incident", "people", "timeline", "impact", "whys", "factors", "work", "questions",
    "actions", "lessons", "messaging", "related", "signoff", "distribution", "followups",
    "appendix", "meeting", "conflicts", "quiz_answers", "dismissed",
]  # fmt: skip
"""The parts of a review `strategies.reviews` generates."""


def _printable_lines(lines: list[str]) -> bool:
    """No control character, no line break: the CLI's escaping finds nothing to do."""
    return all(escaped(line, one_line=True) == line for line in lines)


@settings(max_examples=150)
@given(reviews)
def test_a_review_differs_from_itself_and_its_copy_in_nothing(review):
    assert changes(review, review) == []
    assert changes(review, review.model_copy(deep=True)) == []


@settings(max_examples=300)
@given(reviews, reviews, st.sampled_from(GENERATED))
def test_no_change_said_exactly_when_the_reviews_are_equal(one, other, field):
    """Reviews that differ in one generated part: the diff is empty iff they are equal,
    either way round, and every line is one printable line."""
    changed = one.model_copy(update={field: getattr(other, field)})
    forth, back = changes(one, changed), changes(changed, one)
    assert (forth == []) == (one == changed) == (back == [])
    assert _printable_lines(forth) and _printable_lines(back)


@settings(max_examples=200)
@given(reviews, incidents, st.sampled_from(list(Incident.model_fields)))
def test_one_field_of_the_incident_changed_is_said_on_its_own_line(one, incident, field):
    changed = one.model_copy(deep=True)
    setattr(changed.incident, field, getattr(incident, field))
    lines = changes(one, changed)
    assert (lines == []) == (one == changed)
    assert all(line.startswith(f"incident {field} ") for line in lines)
    assert _printable_lines(lines)


def test_the_properties_cover_every_part_the_strategy_generates():
    generated = {name for name in Review.model_fields if name in GENERATED}
    assert generated == set(GENERATED)
