"""Three versions of a review made one, item by item: one side's change is taken, two
different changes to one field are a conflict (ours kept, both recorded), and nothing
either side holds is lost."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import actions, events, reviews, texts

from pmtui.analysis.findings import all_findings
from pmtui.analysis.merge import merge
from pmtui.document.item_ids import give_ids, with_ids
from pmtui.document.model import Event, Review, Signoff, well_formed
from pmtui.files import store
from pmtui.templates import load_template, new_review

TODAY = dt.date(2026, 11, 20)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 14, hour, minute, tzinfo=dt.UTC)


def versions(pet_clinic) -> tuple[Review, Review, Review]:
    base = store.load(pet_clinic)
    return base, base.model_copy(deep=True), base.model_copy(deep=True)


def test_each_sides_own_changes_are_both_taken(pet_clinic):
    base, ours, theirs = versions(pet_clinic)
    ours.actions[2].owner = "Tina"
    theirs.actions[0].title = "Make log retention configurable"
    theirs.place_event(Event(at=at(12), text="Logs found on a backup"))
    ours.place_event(Event(at=at(12, 30), text="Backup restored"))
    del theirs.factors[0]
    merged = merge(base, ours, theirs)
    assert merged.actions[2].owner == "Tina"
    assert merged.actions[0].title == "Make log retention configurable"
    texts_in_order = [event.text for event in merged.timeline]
    assert texts_in_order.index("Logs found on a backup") < texts_in_order.index("Backup restored")
    assert [f.factor for f in merged.factors] == [f.factor for f in base.factors[1:]]
    assert merged.conflicts == []


def test_two_different_changes_to_one_field_keep_ours_and_record_both(pet_clinic):
    base, ours, theirs = versions(pet_clinic)
    ours.actions[2].owner, theirs.actions[2].owner = "Tina", "Dan"
    ours.incident.severity, theirs.incident.severity = "SEV2", "SEV3"
    merged = merge(base, ours, theirs)
    assert merged.actions[2].owner == "Tina" and merged.incident.severity == "SEV2"
    assert ours.conflicts == [] and theirs.conflicts == []  # the versions are left as they were
    assert [(c.where, c.ours, c.theirs) for c in merged.conflicts] == [
        ("incident severity", "SEV2", "SEV3"),
        ("action A3 owner", "Tina", "Dan"),
    ]
    found = [f for f in all_findings(merged, TODAY) if f.check == "merge-conflict"]
    assert [f.where for f in found] == ["incident severity", "action A3 owner"]


def test_a_removed_item_goes_unless_the_other_side_changed_it(pet_clinic):
    base, ours, theirs = versions(pet_clinic)
    del theirs.actions[0]  # removed there, untouched here: gone
    del ours.actions[1]  # removed here, changed there: kept, a conflict
    theirs.actions[0].owner = "Selma"  # (theirs' A2, now first)
    merged = merge(base, ours, theirs)
    assert [a.id for a in merged.actions] == ["A3", "A4", "A5", "A6", "A2"]
    assert merged.actions[-1].owner == "Selma"
    assert [c.where for c in merged.conflicts] == ["action A2 (removed here, edited there)"]


def test_the_same_event_added_on_both_sides_is_kept_once(pet_clinic):
    base, ours, theirs = versions(pet_clinic)
    for side in (ours, theirs):
        side.place_event(Event(at=at(12), text="Logs found on a backup"))
    merged = merge(base, ours, theirs)
    assert [e.text for e in merged.timeline].count("Logs found on a backup") == 1
    assert merged.conflicts == []


def test_keys_the_model_does_not_know_are_merged_too():
    base = Review.model_validate({"incident": {"title": "x"}, "team_notes": "a"})
    ours = Review.model_validate({"incident": {"title": "x"}, "team_notes": "a", "mine": 1})
    theirs = Review.model_validate({"incident": {"title": "y"}, "team_notes": "b"})
    merged = merge(base, ours, theirs)
    assert merged.incident.title == "y"
    assert merged.model_extra == {"team_notes": "b", "mine": 1}


@settings(max_examples=60, deadline=None)
@given(reviews)
def test_a_review_merged_with_itself_is_itself(review):
    """Itself with every item's id given (a merge is a save: the ids reach the file)."""
    merged = merge(review, review.model_copy(deep=True), review.model_copy(deep=True))
    assert merged == with_ids(review)


@settings(max_examples=60, deadline=None)
@given(reviews, texts, actions)
def test_disjoint_edits_commute_and_one_sides_edits_are_taken_whole(review, title, action):
    ours = review.model_copy(deep=True)
    ours.incident.title = title
    theirs = review.model_copy(deep=True)
    if not any(a.title == action.title or a.id == action.id for a in review.actions):
        theirs.actions.append(action)
    assert merge(review, ours, review) == with_ids(ours)
    assert merge(review, review, theirs) == with_ids(theirs)
    one_way, other_way = merge(review, ours, theirs), merge(review, theirs, ours)
    assert one_way == other_way
    assert one_way.incident.title == ours.incident.title and one_way.actions == theirs.actions


@settings(max_examples=60, deadline=None)
@given(reviews.filter(lambda review: review.people), texts, texts, texts, st.data())
def test_one_item_renamed_both_ways_after_its_id_is_given_is_one_conflict(
    review, base_name, our_name, their_name, data
):
    """A person is matched by the id given when both sides opened the base, though each
    changed the name that matched them before ids: one conflict on the name, not the
    person removed and two added."""
    names = [well_formed(name) for name in (base_name, our_name, their_name)]
    if len(set(names)) < 3 or set(names) & {p.name for p in review.people}:
        return  # three different names, none another person's
    place = data.draw(st.integers(0, len(review.people) - 1))
    review.people[place].name = names[0]
    give_ids(review)  # both sides opened the base: the same ids
    ours, theirs = review.model_copy(deep=True), review.model_copy(deep=True)
    ours.people[place].name, theirs.people[place].name = names[1:]
    merged = merge(review, ours, theirs)
    assert [p.id for p in merged.people] == [p.id for p in ours.people]
    assert merged.people[place].name == names[1]
    new = [c for c in merged.conflicts if c not in review.conflicts]
    assert [(c.ours, c.theirs) for c in new] == [(names[1], names[2])]
    assert new[0].where.endswith(" name")


@settings(max_examples=60, deadline=None)
@given(reviews, st.lists(events, max_size=3), st.lists(events, max_size=3))
def test_no_item_either_side_added_is_lost(review, ours_added, theirs_added):
    ours, theirs = review.model_copy(deep=True), review.model_copy(deep=True)
    ours.timeline += ours_added
    theirs.timeline += theirs_added
    merged = merge(review, ours, theirs)
    for event in [*review.timeline, *ours_added, *theirs_added]:
        assert any((e.at, e.text) == (event.at, event.text) for e in merged.timeline)


def test_two_different_events_added_at_one_time_on_each_side_are_both_kept(pet_clinic):
    base, ours, theirs = versions(pet_clinic)
    ours.place_event(Event(at=at(12), text="Backup restored"))
    theirs.place_event(Event(at=at(12), text="Logs found on a backup"))
    merged = merge(base, ours, theirs)
    texts_at_noon = [e.text for e in merged.timeline if e.at == at(12)]
    assert sorted(texts_at_noon) == ["Backup restored", "Logs found on a backup"]
    assert merged.conflicts == []


def test_a_templates_documents_filled_on_each_side_are_merged_row_by_row():
    """Its related documents are purposes alone until filled: each side's filling is taken
    into its own row, and the rows are not doubled."""
    base = new_review(load_template("p0p1"))
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.related[0].link = "https://wiki/x"
    theirs.related[1].title = "War room"
    merged = merge(base, ours, theirs)
    assert [(d.purpose, d.link, d.title) for d in merged.related] == [
        ("Incident log", "https://wiki/x", ""),
        ("Slack thread", "", "War room"),
        ("Monitoring dashboard", "", ""),
        ("Related PRs", "", ""),
    ]
    assert merged.conflicts == []
    theirs.related[0].link = "https://wiki/y"
    conflicts = merge(base, ours, theirs).conflicts
    assert [(c.where, c.ours, c.theirs) for c in conflicts] == [
        ("document 'Incident log' link", "https://wiki/x", "https://wiki/y")
    ]


def test_an_item_nothing_names_is_kept_once_with_the_one_sides_edit():
    """A sign-off given a name but no role, signed on one side while the other side edited
    another sign-off: one row, signed, not the row twice."""
    base = new_review(load_template("p0p1"))
    base.signoff.append(Signoff(role="", name="Dan"))
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.signoff[0].name = "Tina"
    theirs.signoff[-1].signed = True
    merged = merge(base, ours, theirs)
    assert [(s.role, s.name, s.signed) for s in merged.signoff] == [
        ("Incident Lead", "Tina", False),
        ("Post-mortem Lead", "", False),
        ("Engineering Manager", "", False),
        ("", "Dan", True),
    ]
    assert merged.conflicts == []
