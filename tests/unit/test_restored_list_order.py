"""A list that a save emptied, brought back by undo, goes back where it was: before the next
list (its own restored items included) and under the comment that headed it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from item_ids_lines import text_of

from pmtui.document.model import Event, Incident, Participant, Review
from pmtui.files import store
from pmtui.files.session import ReviewSession

HANDWRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"


def deleted_saved_and_undone(path: Path, deletions: list[str]) -> str:
    """The file after deleting the first item of each named list in turn, saving, undoing
    everything and saving again."""
    session = ReviewSession.open(path)
    for name in deletions:
        del getattr(session.review, name)[0]
        session.edited(f"deleted from {name}")
    session.save_now()
    while session.undo():
        pass
    session.save_now()
    return text_of(path)


def data_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line and not line.startswith("#")]


@pytest.mark.parametrize(
    "deletions",
    [
        # people emptied, and the first event above which they come back
        ["timeline", "people", "people"],
        ["people", "timeline", "people"],
        # two lists emptied next to each other, each with its heading
        ["people", "people", *["timeline"] * 4],
        ["people", "people", "actions"],
    ],
)
def test_an_emptied_list_undone_comes_back_before_the_next_and_under_its_heading(
    tmp_path, deletions
):
    path = tmp_path / "review.toml"
    path.write_text(store.read_text(HANDWRITTEN))
    original = text_of(path)

    result = deleted_saved_and_undone(path, deletions)

    assert data_lines(result) == data_lines(original)
    assert result == original  # every comment back under the list it headed


def test_a_review_pmtui_wrote_gets_its_emptied_list_back_before_the_next(tmp_path):
    at = dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)
    review = Review(
        incident=Incident(id="INC-1", title="Pools"),
        people=[Participant(name="Rosa")],
        timeline=[Event(at=at, text="Replica promoted"), Event(at=at, text="Alert fired")],
    )
    path = tmp_path / "review.toml"
    path.write_text(store.dumps(review))
    original = text_of(path)

    assert deleted_saved_and_undone(path, ["timeline", "people"]) == original


def test_equal_items_deleted_in_one_save_each_get_their_own_lines_back(tmp_path):
    """Two people alike in all they hold, deleted together: the lines of each are kept,
    not those of one only (the other came back written afresh, its keys in another order)."""
    alike = {"name": "", "incident_roles": ["", ""], "present": True}
    # The one left holds `present` above where they hold `incident_roles`: lines written
    # afresh would follow it.
    other = Participant(name="", present=False)
    review = Review(people=[Participant(**alike), Participant(**alike), other])
    path = tmp_path / "review.toml"
    path.write_text(store.dumps(review))
    original = text_of(path)

    assert deleted_saved_and_undone(path, ["people", "people"]) == original
