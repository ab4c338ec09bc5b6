"""The dojo's own content, shown as well as told: its first steps, its cast, its two tables,
and a sample that says which of its details were added for practice."""

from __future__ import annotations

import re

import pytest

from pmtui import templates
from pmtui.document.model import Event, Review
from pmtui.export import markdown
from pmtui.files import locations, store
from pmtui.training import scenario, scenario_files
from pmtui.training.player import Player

DOJO = scenario_files.bundled()["pet-clinic-dojo"]
SAMPLE = locations.samples()["pet-clinic-dojo"]
LABEL = "added for practice"

CAST = {
    "Chun": "DevOps coach",
    "Paulo": "Product Owner",
    "Santhosh": "Scrum Master",
    "Brenda": "Business",
    "Selma": "Security",
    "Adam": "IT Admin",
    "Dan": "Development",
    "Tina": "Test",
}
"""The cast table of the source's step 2."""
FROM_TO = [
    [
        "Seeking Single Root Cause for an outage",
        "Addressing the multiple systemic contributing factors to an outage",
    ],
    ["Prevention (only)", "Breaking down TTR (time to resolve components)"],
    ["Blameful post-mortems", "Blameless post-mortems"],
    ["Surface Level post incident reviews", "Strategic Level understanding and improvement"],
]
CONDUCT = {
    "Detection": ["Monitors", "Metrics", "Thresholds", "Triggers"],
    "Response": ["Alerts", "SLAs", "Escalations", "On Call", "Swarm Teams"],
    "Remediation": [
        "Tickets",
        "Fixes/Patches",
        "Releases",
        "Deployments",
        "Pipelines/Infrastructure As Code",
    ],
    "Analysis": ["Blameless Post-Mortems", "Why?", "Root Cause Analysis", "Publish Results"],
    "Readiness/Kaizen": [
        "Continuous Improvement",
        "Continuous Learning",
        "Site Reliability Engineering",
        "Chaos Monkey/Game Days",
        "Runbooks",
    ],
}
"""The code of conduct of the source's step 10, column by column."""


def scenes_by_title():
    return {scene.title: scene for scene in scenario.load(DOJO).scenes}


def replayed() -> Review:
    script = scenario.load(DOJO)
    player = Player(script, script.review.model_copy(deep=True))
    while not player.finished:
        player.next()
    return player.review


def review_of(source: str) -> Review:
    """The Pet Clinic review the sample holds, or the one a replay to the end leaves."""
    return store.load(SAMPLE) if source == "sample" else replayed()


def dojo_export(review: Review) -> str:
    return markdown.render(review, templates.load_template("dojo"))


def test_the_replay_opens_with_the_need_for_change_and_the_incident():
    titles = [scene.title for scene in scenario.load(DOJO).scenes]
    assert titles[:3] == ["The need for change", "The Pet Clinic outage", "The blameful meeting"]
    need = " ".join(line.text for line in scenes_by_title()["The need for change"].lines)
    for words in ("outage, panic", "better way", "back to normal", "another large-scale outage"):
        assert words in need
    for phase in ("detection", "response", "remediation", "analysis", "readiness"):
        assert phase in need


def test_the_opening_scenes_are_told_by_a_narrator():
    scenes = scenes_by_title()
    for title in ("The need for change", "The Pet Clinic outage"):
        assert {line.speaker for line in scenes[title].lines} == {"Narrator"}


def test_the_incident_scene_shows_the_whole_cast_with_their_roles():
    scene = scenes_by_title()["The Pet Clinic outage"]
    assert scene.table.columns == ["Name", "Role"]
    shown = dict(scene.table.rows)
    assert list(shown) == list(CAST)
    for name, role in CAST.items():
        assert role in shown[name]
    told = " ".join(line.text for line in scene.lines)
    assert all(name in told for name in CAST)
    assert "offline" in told and "SLAs" in told and "patch" in told


def test_every_pseudonym_in_the_blameful_meeting_shows_the_role_it_stands_for():
    lines = scenes_by_title()["The blameful meeting"].lines
    speakers = {line.speaker for line in lines} - {"Narrator"}
    assert speakers == {
        "Basil (Business)",
        "Arkwright (IT Admin)",
        "Dougal (Development)",
        "Polly (Product Owner)",
    }
    told = " ".join(line.text for line in lines)
    for named in ("Sybil (Security)", "Ted (Test)", "Sam (Scrum Master)"):
        assert named in told
    assert not re.search(r"\b(Sybil|Ted|Sam)\b(?! \()", told)


@pytest.mark.parametrize(
    ("title", "table", "columns", "rows"),
    [
        ("Best practices and MTTR", "From blame to learning", ["From", "To"], FROM_TO),
        (
            "The code of conduct",
            "Code of conduct by incident phase",
            list(CONDUCT),
            [
                [column[n] if n < len(column) else "" for column in CONDUCT.values()]
                for n in range(5)
            ],
        ),
    ],
)
def test_the_scene_that_presents_a_table_shows_it(title, table, columns, rows):
    shown = scenes_by_title()[title].table
    assert (shown.title, shown.columns, shown.rows) == (table, columns, rows)


def test_a_replay_to_the_end_leaves_both_tables_in_the_review_and_its_export():
    review = replayed()
    export = dojo_export(review)
    for source, to in FROM_TO:
        assert f"{source} → {to}" in review.incident.moving_forward
        assert f"{source} → {to}" in export
    for phase, items in CONDUCT.items():
        assert f"{phase}: {', '.join(items)}." in review.incident.moving_forward
        assert f"{phase}: {', '.join(items)}." in export.replace("\\", "")


def test_what_a_replay_to_the_end_writes_has_its_place_in_the_dojo_export():
    """Findings, detection answers, actions' notes and systemic issues are not left to the
    catch-all: its "Other notes" holds only what the scenario's review held before the first
    line (its status, end, services and tags, which no seed layout places)."""

    def other_notes(review: Review) -> str:
        return dojo_export(review).partition("\n## Other notes\n")[2]

    assert other_notes(replayed()) == other_notes(scenario.load(DOJO).review)


def test_a_table_reaches_the_review_when_its_scene_is_played_not_before():
    script = scenario.load(DOJO)
    player = Player(script, script.review.model_copy(deep=True))
    while player.scene is None or player.scene.title != "Best practices and MTTR":
        assert "From blame to learning" not in player.review.incident.moving_forward
        player.next()
    assert "From blame to learning" in player.review.incident.moving_forward
    assert "Code of conduct" not in player.review.incident.moving_forward


def test_the_sample_holds_both_tables_as_the_replay_leaves_them():
    assert store.load(SAMPLE).incident.moving_forward == replayed().incident.moving_forward


@pytest.mark.parametrize("source", ["sample", "replay"])
def test_the_logs_are_found_recycled_at_the_review_not_during_the_incident(source):
    """Adam finds the weekend's logs gone when the review asks for them, a week on ("The
    incident was a week ago"): no event of the incident and no work of its response is
    about them, and nothing says they slowed the diagnosis."""
    review = review_of(source)
    assert [e.text for e in review.timeline if "logs" in e.text.casefold()] == []
    assert [w.what for w in review.work if "logs" in w.what.casefold()] == []
    told = f"{review.incident.what_happened} {review.appendix.metrics}"
    assert "slowed" not in told
    said = [line.text for line in scenes_by_title()["The blameless re-run"].lines]
    assert any("a week ago" in text and "recycled" in text for text in said)


DOJO_MILESTONES = ["Detected", "Reported", "Responded to", "Resolved"]
"""The timeline Paulo asks for: "when it was detected, reported, responded to, and
resolved"."""


def dojo_milestones(review: Review) -> list[tuple[str, Event]]:
    """(the dojo's name, its event) for each of the dojo's milestones, in time order."""
    names = templates.milestone_names("dojo")
    return [
        (names[milestone], event)
        for event in review.sorted_timeline()
        for milestone in event.milestone
        if milestone in names
    ]


def test_the_dojo_template_names_its_milestones_in_the_order_paulo_asks_for_them():
    assert [m.label for m in templates.load_template("dojo").milestones] == DOJO_MILESTONES
    said = [line.text for line in scenes_by_title()["The blameless re-run"].lines]
    assert any("detected, reported, responded to and resolved" in text for text in said)


@pytest.mark.parametrize("source", ["sample", "replay"])
def test_the_timeline_holds_each_dojo_milestone_once_in_the_dojos_order(source):
    review = review_of(source)
    assert [name for name, _ in dojo_milestones(review)] == DOJO_MILESTONES


def test_the_sample_and_the_replay_mark_the_dojo_milestones_on_the_same_events():
    def marked(review: Review) -> list[tuple]:
        return [(name, e.at, e.text, e.who) for name, e in dojo_milestones(review)]

    assert marked(store.load(SAMPLE)) == marked(replayed())


def practice_labels(review: Review) -> list[tuple[str, str]]:
    """(what, its text) for each detail the source does not give: each must be labelled."""
    items = [("event", e.text) for e in review.timeline if e.who]
    items += [("event", e.text) for e in review.timeline if "declared" in e.milestone]
    items += [("action", a.description) for a in review.actions if a.due or a.priority]
    items += [("why", w.chain) for w in review.whys]
    items += [("message", m) for m in (review.messaging.internal, review.messaging.external) if m]
    told = (review.incident.root_cause, review.incident.what_happened)
    items += [("finding", s) for text in told for s in sentences(text) if upgrade_brought_bug(s)]
    return items


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=\.)\s+", text)


def upgrade_brought_bug(sentence: str) -> bool:
    """Whether a sentence ties the bug to the major upgrade: the source never does."""
    return "bug" in sentence and "upgrade" in sentence


@pytest.mark.parametrize("source", ["sample", "replay"])
def test_every_detail_added_for_practice_is_labelled_in_the_file_and_the_export(source):
    review = review_of(source)
    export = dojo_export(review).replace("\\", "")
    items = practice_labels(review)
    assert len(items) >= (17 if source == "sample" else 10)
    for what, text in items:
        assert LABEL in text.casefold(), (what, text)
        assert text in export, (what, text)


@pytest.mark.parametrize("source", ["sample", "replay"])
def test_only_paulo_has_an_incident_role_as_he_runs_the_review(source):
    review = review_of(source)
    roles = {person.name: person.incident_roles for person in review.people}
    assert {name: held for name, held in roles.items() if held} == {"Paulo": ["facilitator"]}


def test_the_sample_credits_nobody_with_what_the_source_never_says():
    review = store.load(SAMPLE)
    credited = {e.who: e.text for e in review.timeline if e.who in {"Brenda", "Dan", "Tina"}}
    assert set(credited) == {"Brenda", "Dan", "Tina"}
    assert all(LABEL in text for text in credited.values())
    assert not any("tested" in work.what for work in review.work)


def test_a_new_dojo_review_holds_the_ground_rules(tmp_path):
    path = tmp_path / "new.toml"
    store.save(templates.new_review(templates.load_template("dojo")), path)
    rules = store.load(path).incident.goals
    assert "Focus on the why rather than the who." in rules
    assert "No blame." in rules
    assert "Be as open and transparent as possible." in rules
    assert any("blameless" in rule and "learning" in rule for rule in rules)


def test_the_sample_and_the_replay_start_from_the_same_ground_rules_as_a_new_dojo_review():
    rules = templates.load_template("dojo").goals
    assert store.load(SAMPLE).incident.goals == rules
    assert scenario.load(DOJO).review.incident.goals == rules
