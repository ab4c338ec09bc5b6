"""Ids for the items of a review (`item_ids`): made from the content, the same on every
machine, kept once given, written with the first save made for an edit, and used by
`pmtui merge` and `pmtui diff` to pair an item with itself."""

from __future__ import annotations

import re
import shutil
import tomllib
import typing
from pathlib import Path

import pytest
from conftest import SAMPLES
from item_ids_lines import given_ids, without_given_ids

from pmtui.analysis.review_diff import changes
from pmtui.cli.commands import main
from pmtui.document import model
from pmtui.document.item_ids import (
    IDENTIFIED,
    content_id,
    give_ids,
    snapshot_with_ids,
    with_ids,
)
from pmtui.document.model import Event, Factor, Participant, Review
from pmtui.files import store, toml_edit
from pmtui.files.session import ReviewSession

WITHOUT_IDS = {
    model.Work: "attempted work is read in a block, rarely edited apart",
    model.Question: "named by its section and prompt, which a template fixes",
    model.SystemicIssue: "a lesson's line, named by what it says",
    model.Document: "named by its link",
    model.Signoff: "one a role, named by the role",
    model.Recipient: "one an audience, named by it",
    model.FollowUp: "named by when and what is checked",
    model.QuizAnswer: "a training note, one a learner and question",
    model.AgendaItem: "the meeting's plan, named by its title",
    model.MergeConflict: "made by a merge, named by where it is",
}
"""The kinds of list items that get no id, and why; every other kind has one."""

HEX_ID = re.compile(r"[0-9a-f]{8}(-\d+)?")


def kinds_in_lists(part: type[model.Part]) -> set[type[model.Part]]:
    """Every kind of part a review holds in a list, at any depth."""
    found = set()
    for info in part.model_fields.values():
        for inner in (info.annotation, *typing.get_args(info.annotation)):
            if isinstance(inner, type) and issubclass(inner, model.Part):
                if typing.get_origin(info.annotation) is list:
                    found.add(inner)
                found |= kinds_in_lists(inner)
    return found


def test_every_kind_of_list_item_has_an_id_or_a_reason_for_none():
    """A new kind of list item says whether it gets an id (`item_ids.IDENTIFIED`) or why
    not (here): without one, a merge matches its items by what names them alone."""
    kinds = kinds_in_lists(Review)
    identified = set(IDENTIFIED.values()) | {model.Action}  # an action's id is its own
    assert kinds - identified - set(WITHOUT_IDS) == set()
    assert all("id" in kind.model_fields for kind in identified)
    assert not any("id" in kind.model_fields for kind in WITHOUT_IDS)
    assert {name: type(getattr(Review(), name)) for name in IDENTIFIED} == dict.fromkeys(
        ["people", "timeline", "impact", "whys", "factors"], list
    )


def test_ids_come_from_the_content_alone_the_same_on_every_load(pet_clinic):
    one, other = store.load(pet_clinic), store.load(pet_clinic)
    assert give_ids(one) == give_ids(other) > 20
    for name in IDENTIFIED:
        ids = [item.id for item in getattr(one, name)]
        assert ids == [item.id for item in getattr(other, name)]
        assert all(HEX_ID.fullmatch(i) for i in ids) and len(set(ids)) == len(ids)
    assert one == other
    # the kind is part of it: a person and a factor that say the same get different ids
    assert content_id(Participant(name="x")) != content_id(Factor(factor="x"))


def test_equal_items_get_numbered_ids_and_an_id_given_is_never_changed():
    at = Event(at="2026-11-14T12:00:00Z", text="Pager").at
    review = Review(timeline=[Event(at=at, text="Pager") for _ in range(3)])
    review.timeline.append(Event(at=at, text="Pager", id="mine"))
    assert give_ids(review) == 3
    first = content_id(review.timeline[0])
    assert [e.id for e in review.timeline] == [first, f"{first}-2", f"{first}-3", "mine"]
    review.timeline[0].text = "Pager fired"  # its content changes, its id stays
    review.timeline.insert(0, Event(at=at, text="Pager"))  # its content's id is taken
    assert give_ids(review) == 1
    assert [e.id for e in review.timeline] == [
        f"{first}-4",
        first,
        f"{first}-2",
        f"{first}-3",
        "mine",
    ]
    assert give_ids(review) == 0


def test_with_ids_leaves_the_review_it_is_given_as_it_was(pet_clinic):
    review = store.load(pet_clinic)
    copy = with_ids(review)
    assert copy is not review and all(e.id == "" for e in review.timeline)
    assert with_ids(copy) is copy


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda path: path.stem)
def test_the_snapshot_with_ids_is_the_one_the_review_with_ids_makes(sample):
    """The session puts the ids into the snapshot it took at opening rather than taking
    another: what it writes at the first save must be what a new snapshot would hold."""
    review = store.load(sample)
    review.people[0].__dict__["id"] = "kept-id"  # an item that had its id in the file
    before = store.snapshot(review)
    give_ids(review)
    made, again = snapshot_with_ids(before, review), store.snapshot(review)
    assert made == again
    for name in IDENTIFIED:  # keys in the same order: that is the order they are written in
        assert [list(item) for item in made.get(name, [])] == [
            list(item) for item in again.get(name, [])
        ]


# In the file ------------------------------------------------------------------------------


def item_tables(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [item for name in IDENTIFIED for item in data.get(name, [])]


def test_opening_writes_nothing_and_the_first_save_writes_every_id_keeping_the_rest(pet_clinic):
    before = pet_clinic.read_bytes()
    session = ReviewSession.open(pet_clinic)
    assert not session.dirty and pet_clinic.read_bytes() == before
    ids = [item.id for name in IDENTIFIED for item in getattr(session.review, name)]
    session.review.incident.severity = "SEV2"
    session.changed()
    session.save_now()
    after = pet_clinic.read_text(encoding="utf-8")
    assert [table["id"] for table in item_tables(pet_clinic)] == ids
    assert len(given_ids(after)) == len(ids)
    kept = without_given_ids(after).splitlines()
    old = before.decode().splitlines()
    assert [line for line in old if line not in kept] == ['severity = "SEV1"']
    assert [line for line in kept if line not in old] == ['severity = "SEV2"']
    for header, first in zip(after.splitlines(), after.splitlines()[1:], strict=False):
        if header.strip("[]") in IDENTIFIED and header.startswith("[["):
            assert first.startswith("id = ")  # first in its table
    again = ReviewSession.open(pet_clinic)
    assert again.review == session.review and again.ids_unwritten is None


def test_a_save_that_changes_nothing_else_writes_no_ids(pet_clinic, tmp_path):
    """A form confirmed as it was, a save as: the file stays as its author wrote it."""
    before = pet_clinic.read_bytes()
    session = ReviewSession.open(pet_clinic)
    session.changed()
    session.save_now()
    session.save_as(tmp_path / "copy.toml")
    assert pet_clinic.read_bytes() == before == (tmp_path / "copy.toml").read_bytes()
    session.review.incident.severity = "SEV2"  # the first real edit brings them all
    session.changed()
    session.save_now()
    assert len(item_tables(tmp_path / "copy.toml")) == len(
        given_ids((tmp_path / "copy.toml").read_text())
    )


def test_items_added_since_get_their_ids_at_the_next_save(pet_clinic):
    session = ReviewSession.open(pet_clinic)
    session.review.place_event(Event(at="2026-11-14T12:00:00Z", text="Backup restored"))
    session.review.factors.insert(0, Factor(factor="No restore drill"))
    session.changed()
    session.save_now()
    saved = store.load(pet_clinic)
    assert all(item.id for name in IDENTIFIED for item in getattr(saved, name))
    assert saved.factors[0].id == content_id(Factor(factor="No restore drill"))
    assert saved == session.review


def test_a_new_review_is_written_with_its_items_ids(tmp_path):
    path = tmp_path / "new.toml"
    assert main(["new", str(path), "--template", "rca"]) == 0
    tables = item_tables(path)
    assert tables and all(HEX_ID.fullmatch(table["id"]) for table in tables)


# Diff and merge ---------------------------------------------------------------------------


def saved_by_a_session(path: Path, edit) -> None:
    """`path` opened, edited and saved by pmtui, as a person on one clone does."""
    session = ReviewSession.open(path)
    edit(session.review)
    session.changed()
    session.save_now()


def test_ids_written_are_no_change_to_diff_and_an_item_renamed_since_is_one_line(pet_clinic):
    first = store.load(pet_clinic)
    saved_by_a_session(pet_clinic, lambda review: setattr(review.incident, "severity", "SEV2"))
    assert len(given_ids(pet_clinic.read_text(encoding="utf-8"))) > 20
    assert changes(first, store.load(pet_clinic)) == ["incident severity SEV1 -> SEV2"]

    def rename(review):
        review.people[-1].name = "Tina Marsh"

    saved_by_a_session(pet_clinic, rename)
    assert changes(first, store.load(pet_clinic)) == [
        "incident severity SEV1 -> SEV2",
        "participant Tina name Tina -> 'Tina Marsh'",  # not removed and added
    ]


@pytest.fixture
def three_versions(tmp_path, pet_clinic) -> tuple[Path, Path, Path]:
    """The common base (written before ids) and two clones' copies of it."""
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    shutil.copy(pet_clinic, ours)
    shutil.copy(pet_clinic, theirs)
    return pet_clinic, ours, theirs


def test_two_clones_edits_of_one_item_meet_by_its_id(three_versions):
    base, ours, theirs = three_versions

    def rename(review):
        review.people[-1].name = "Tina Marsh"
        review.timeline[4].text = "Customers report errors"

    def give_role(review):
        review.people[-1].role = "Database lead"
        review.timeline[4].at = review.timeline[4].at.replace(minute=41)

    saved_by_a_session(ours, rename)
    saved_by_a_session(theirs, give_role)
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    merged = store.load(ours)
    people = [(p.name, p.role) for p in merged.people]
    assert people.count(("Tina Marsh", "Database lead")) == 1 and len(people) == 8
    event = merged.timeline[4]
    assert (event.text, event.at.minute) == ("Customers report errors", 41)
    assert len(merged.timeline) == len(store.load(base).timeline)
    assert merged.conflicts == []


def test_one_item_edited_two_ways_on_two_clones_is_one_conflict(three_versions, capsys):
    base, ours, theirs = three_versions
    saved_by_a_session(
        ours, lambda review: setattr(review.factors[0], "factor", "Untested upgrade")
    )
    saved_by_a_session(theirs, lambda review: setattr(review.factors[0], "factor", "No rollback"))
    assert main(["merge", str(base), str(ours), str(theirs)]) == 1
    merged = store.load(ours)
    assert len(merged.factors) == len(store.load(base).factors)
    assert [(c.where, c.ours, c.theirs) for c in merged.conflicts] == [
        ("factor 'Untested upgrade' factor", "Untested upgrade", "No rollback")
    ]
    assert "id" not in capsys.readouterr().err.split(":")[-1]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ids_written_without_tomlkit_are_what_tomlkit_writes(tmp_path, monkeypatch, newline):
    """The first save puts each id under its item's header directly (seconds faster on a
    large review): the same text as editing each block with tomlkit."""
    source = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"
    texts = []
    for quick in (True, False):
        path = tmp_path / f"{quick}.toml"
        path.write_bytes(source.read_text(encoding="utf-8").replace("\n", newline).encode())
        if not quick:
            monkeypatch.setattr(toml_edit._Edit, "_given_id", lambda *_: None)
        saved_by_a_session(path, lambda review: setattr(review.incident, "severity", "SEV1"))
        texts.append(path.read_bytes())
    assert texts[0] == texts[1]
    assert texts[0].count(b"\r\n") == (texts[0].count(b"\n") if newline == "\r\n" else 0)
    assert len(given_ids(texts[0].decode())) == len(item_tables(tmp_path / "True.toml")) > 3
