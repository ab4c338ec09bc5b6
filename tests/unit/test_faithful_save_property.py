"""Property: for any edits of a review, the style-keeping save reads back to exactly the edited
document, and the tables of events it did not touch stay as they were, line for line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from item_ids_lines import text_of
from strategies import moments, reviews, texts, zones

from pmtui.document.model import (
    Action,
    ActionKind,
    ActionStatus,
    Event,
    Milestone,
    Participant,
    Review,
)
from pmtui.files import store, toml_blocks, toml_edit
from pmtui.files.session import ReviewSession

HANDWRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"
WHERE = Path("review.toml")

places = st.integers(0, 1_000)
edits = st.lists(
    st.one_of(
        st.tuples(st.just("text"), places, texts),
        st.tuples(st.just("at"), places, moments),
        st.tuples(st.just("milestone"), places, st.lists(st.sampled_from(Milestone), max_size=2)),
        st.tuples(st.just("star"), places, st.booleans()),
        st.tuples(st.just("approx"), places, st.booleans()),  # keys set mid-block
        st.tuples(st.just("who"), places, texts),
        st.tuples(st.just("source"), places, texts),
        st.tuples(st.just("delete"), places, st.none()),
        st.tuples(st.just("insert"), places, st.tuples(moments, texts)),
        st.tuples(st.just("move"), places, places),
        st.tuples(
            st.just("action"),
            places,
            st.tuples(
                st.sampled_from(ActionKind) | st.none(), st.sampled_from(ActionStatus) | st.none()
            ),
        ),
        st.tuples(st.just("new action"), places, texts),
        st.tuples(st.just("drop action"), places, st.none()),
        st.tuples(st.just("title"), st.just(0), texts),
        st.tuples(st.just("summary"), st.just(0), texts),
        st.tuples(st.just("zone"), st.just(0), zones),
        st.tuples(st.just("tags"), st.just(0), st.lists(texts, max_size=3)),
    ),
    min_size=1,
    max_size=5,
)


def apply(review: Review, edit: tuple) -> set[int]:
    """Make one edit; the ids of the events it touched."""
    kind, place, value = edit
    timeline, incident = review.timeline, review.incident
    event = timeline[place % len(timeline)] if timeline else None
    if kind == "insert":
        timeline.insert(place % (len(timeline) + 1), Event(at=value[0], text=value[1]))
    elif kind == "action":
        if review.actions:
            action = review.actions[place % len(review.actions)]
            action.kind, action.status = value
    elif kind == "new action":
        review.actions.insert(place % (len(review.actions) + 1), Action(id="N1", title=value))
    elif kind == "drop action":
        if review.actions:
            del review.actions[place % len(review.actions)]
    elif kind in ("title", "summary"):
        setattr(incident, kind, value)
    elif kind == "zone":
        incident.timezone = value
    elif kind == "tags":
        incident.tags = value
    elif event is None:
        return set()
    elif kind == "delete":
        timeline.remove(event)
    elif kind == "move":
        timeline.remove(event)
        timeline.insert(value % (len(timeline) + 1), event)
        return set()  # moved, not changed: its lines move with it
    elif kind == "star":
        event.starred = value
    elif kind == "at":
        event.place(value)
    else:
        setattr(event, kind, value)
    return {id(event)}


def check(text: str, edits: list[tuple]) -> None:
    review = store.from_data(store.parse(WHERE, text), WHERE, text)
    old = store.snapshot(review)
    block_of = {block.path: block for block in toml_blocks.split(text)}
    kept = {}  # each event's lines, as long as it is not edited
    for number, event in enumerate(review.timeline):
        block = block_of[("timeline", number)]
        lines = text[block.start : block.end]
        kept[id(event)] = lines[: toml_blocks.notes_start(lines)].rstrip("\n")
    touched = set().union(*(apply(review, edit) for edit in edits))
    new = store.snapshot(review)
    result = toml_edit.edited(text, old, new)
    assert store.snapshot(store.from_data(store.parse(WHERE, result), WHERE, result)) == new
    if store.zone_of(old) != store.zone_of(new):
        return  # local times are all written again in the new zone
    for event in review.timeline:
        if id(event) not in touched and id(event) in kept:
            assert kept[id(event)] in result


@settings(max_examples=150)
@given(edits)
def test_edits_of_a_hand_written_review_read_back_and_keep_the_rest(edits):
    check(store.read_text(HANDWRITTEN), edits)


@settings(max_examples=100)
@given(reviews, edits)
def test_edits_of_a_review_pmtui_wrote_read_back_and_keep_the_rest(review, edits):
    check(store.dumps(review), edits)


deletions = st.lists(
    st.tuples(st.sampled_from(["timeline", "actions", "people"]), places), min_size=1, max_size=4
)


@settings(max_examples=60)
@given(st.one_of(st.just(None), reviews), deletions)
# People emptied: they came back below the first event restored after them.
@example(None, [("timeline", 0), ("people", 0), ("people", 0)])
# Two equal people deleted in one save: one of them came back written afresh.
@example(
    Review(
        people=[
            *[Participant(name="", incident_roles=["", ""], present=True)] * 2,
            Participant(name="", present=False),
        ]
    ),
    [("people", 0), ("people", 0)],
)
def test_deletions_saved_then_undone_give_back_every_line(review, deletions):
    """Whatever the items and however many: their own lines come back where they were. (A
    list emptied entirely comes back below the comments that headed it and the next list:
    which comment headed which is not kept.)"""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.toml"
        path.write_text(store.read_text(HANDWRITTEN) if review is None else store.dumps(review))
        original = text_of(path)
        session = ReviewSession.open(path)
        emptied = False
        for name, place in deletions:
            items = getattr(session.review, name)
            if items:
                del items[place % len(items)]
                session.edited(f"deleted from {name}")
                emptied = emptied or not items
        session.save_now()
        while session.undo():
            pass
        session.save_now()
        if not emptied:
            assert text_of(path) == original
        assert sorted(text_of(path).split("\n")) == sorted(original.split("\n"))
        data = [line for line in text_of(path).split("\n") if line and line[0] != "#"]
        assert data == [line for line in original.split("\n") if line and line[0] != "#"]
