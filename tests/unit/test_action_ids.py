"""An action written by hand without an `id` line: it gets the next free one when read
(as a new action in the app does), `check` and `export` take the file, and the first save
for an edit writes the id under its `[[actions]]` line, the rest of the file as it was."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from item_ids_lines import without_given_ids
from strategies import actions, reviews

from pmtui.cli.commands import main
from pmtui.document.item_ids import give_ids
from pmtui.document.model import Review, action_id_after
from pmtui.files import store
from pmtui.files.session import ReviewSession

HANDWRITTEN_ACTION = """
[[actions]]
title = "Add an alert on the error rate"
owner = "Chun"
"""


def test_an_action_without_an_id_gets_the_next_free_one_and_the_others_keep_theirs():
    actions = [
        {"id": "A3", "title": "a"},
        {"title": "b"},
        {"id": "A10", "title": "c"},
        {"title": "d"},
        {"id": "", "title": "e"},  # an id line, empty: the file's own
    ]
    review = Review.model_validate({"actions": actions})
    assert [action.id for action in review.actions] == ["A3", "A11", "A10", "A12", ""]
    assert actions[1] == {"title": "b"}  # the data read (`parse_cache` keeps it) is not changed
    assert review.next_action_id() == "A13"


def test_ids_given_after_the_last_of_the_series_are_each_new():
    numbers = [{"id": "A" + "9" * 18, "title": "a"}, {"title": "b"}, {"title": "c"}]
    review = Review.model_validate({"actions": numbers})
    ids = [action.id for action in review.actions] + [review.next_action_id()]
    assert len(set(ids)) == 4, ids


def test_ids_that_clash_stay_as_the_file_has_them():
    """Two actions with one id are `check`'s to report (`action-id`), not renumbered."""
    review = Review.model_validate(
        {"actions": [{"id": "A1", "title": "a"}, {"id": "A1", "title": "b"}, {"title": "c"}]}
    )
    assert [action.id for action in review.actions] == ["A1", "A1", "A2"]


def test_the_next_id_counts_only_ids_of_the_a_series():
    assert action_id_after(["B7", "A2", "A", "a9", "AB3", 12, None]) == "A3"
    assert action_id_after(["A²"]) == "A1"  # a digit, but no number: `int` refuses it
    assert action_id_after(["A007"]) == "A8"
    assert action_id_after([]) == "A1"
    assert action_id_after(["A" + "9" * 17, "A4"]) == "A" + "1" + "0" * 17
    assert action_id_after(["A" + "9" * 18, "A1", "A2"]) == "A3"  # past the series: a gap
    assert action_id_after(["A" + "9" * 5000, "A4"]) == "A5"  # past what int() reads


def test_a_review_with_an_action_id_of_thousands_of_digits_opens(pet_clinic):
    """A hand-written id no number could be (5,000 digits) is kept as written, and an
    action without an id beside it still gets the next one of the series."""
    with pet_clinic.open("a", encoding="utf-8") as file:
        file.write(f'\n[[actions]]\nid = "A{"9" * 5000}"\ntitle = "Long"\n' + HANDWRITTEN_ACTION)
    review = store.load(pet_clinic)
    assert [action.id for action in review.actions[-2:]] == ["A" + "9" * 5000, "A7"]


def with_a_handwritten_action(pet_clinic: Path) -> Path:
    with pet_clinic.open("a", encoding="utf-8") as file:
        file.write(HANDWRITTEN_ACTION)
    return pet_clinic


def test_check_and_export_take_an_action_without_an_id(pet_clinic, capsys):
    path = with_a_handwritten_action(pet_clinic)
    assert main(["check", str(path), "--today", "2026-11-20"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [f"{path}: action A7: no due date"]
    assert main(["export", str(path)]) == 0
    assert "| A7 | Add an alert on the error rate | Chun |" in capsys.readouterr().out
    assert main(["export", str(path), "--format", "csv"]) == 0
    assert "Add an alert on the error rate" in capsys.readouterr().out


def test_check_still_reports_two_actions_with_one_id(pet_clinic, capsys):
    path = with_a_handwritten_action(pet_clinic)
    with path.open("a", encoding="utf-8") as file:
        file.write('\n[[actions]]\nid = "A1"\ntitle = "A second A1"\nowner = "Dan"\n')
    assert main(["check", str(path), "--today", "2026-11-20"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{path}: action A1: 2 actions have this ID: give each its own",
        f"{path}: action A7: no due date",
        f"{path}: action A1: no due date",
    ]


def test_the_first_save_for_an_edit_writes_the_id_in_place(pet_clinic):
    path = with_a_handwritten_action(pet_clinic)
    before = path.read_text(encoding="utf-8")
    session = ReviewSession.open(path)
    assert session.review.actions[-1].id == "A7"
    session.changed()
    session.save_now()  # nothing edited: opening and saving writes nothing
    assert path.read_text(encoding="utf-8") == before
    session.review.incident.severity = "SEV2"
    session.changed()
    session.save_now()
    after = without_given_ids(path.read_text(encoding="utf-8"))  # the other items' ids
    assert after == before.replace('"SEV1"', '"SEV2"').replace(
        "[[actions]]\ntitle = ", '[[actions]]\nid = "A7"\ntitle = '
    )
    again = ReviewSession.open(path)
    assert again.review == session.review and again.ids_unwritten is None


def test_a_save_that_changes_nothing_writes_no_id_in_a_file_whose_items_have_theirs(pet_clinic):
    """A form confirmed as it was: the file stays as its author wrote it, as it does when
    the events' ids are still to be written (`ids_unwritten`)."""
    review = store.load(pet_clinic)
    give_ids(review)
    path = pet_clinic.with_name("with-ids.toml")
    path.write_text(store.dumps(review) + HANDWRITTEN_ACTION, encoding="utf-8")
    before = path.read_bytes()
    session = ReviewSession.open(path)
    session.changed()
    session.save_now()
    assert path.read_bytes() == before
    session.review.actions[-1].owner = "Adam"
    session.changed()
    session.save_now()
    assert path.read_text(encoding="utf-8").endswith(
        '[[actions]]\nid = "A7"\ntitle = "Add an alert on the error rate"\nowner = "Adam"\n'
    )


@settings(max_examples=60)
@given(reviews, st.lists(actions, min_size=1, max_size=4), st.sets(st.integers(0, 3), min_size=1))
def test_ids_given_on_reading_are_the_ones_the_first_save_writes(review, listed, unwritten):
    """Whatever the review, and whichever of its actions a person wrote without an id:
    they get ids no other action has, and the first save for an edit writes exactly those,
    each under its `[[actions]]` line; the file reads back as the session held it."""
    review.actions = listed
    data = store.snapshot(review)
    for place in unwritten:
        data["actions"][place % len(listed)].pop("id", None)
    kept = [action.get("id") for action in data["actions"]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.toml"
        path.write_text(store.format_snapshot(data), encoding="utf-8")
        before = without_given_ids(path.read_text(encoding="utf-8"))
        session = ReviewSession.open(path)
        ids = [action.id for action in session.review.actions]
        given_now = [new for old, new in zip(kept, ids, strict=True) if old is None]
        assert [new for old, new in zip(kept, ids, strict=True) if old is not None] == [
            old for old in kept if old is not None
        ]
        assert len(set(given_now)) == len(given_now)
        assert not set(given_now) & {old for old in kept if old is not None}
        session.review.template = "rca"
        session.changed()
        session.save_now()
        text = path.read_text(encoding="utf-8")
        after = without_given_ids(text)
        added = Counter(after.splitlines()) - Counter(before.splitlines())
        assert added == Counter(['template = "rca"', *(f'id = "{id_}"' for id_ in given_now)])
        assert not Counter(before.splitlines()) - Counter(after.splitlines())
        lines = text.splitlines()
        under_headers = [lines[n + 1] for n, line in enumerate(lines) if line == "[[actions]]"]
        assert all(line.startswith("id = ") for line in under_headers)
        assert {f'id = "{id_}"' for id_ in given_now} <= set(under_headers)
        assert store.load(path) == session.review and not session.layout_lost
