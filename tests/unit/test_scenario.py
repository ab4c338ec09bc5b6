"""Scenarios: the player steps without a screen; bad files get one line that says where."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.analysis.findings import review_findings
from pmtui.files import store
from pmtui.training import scenario, scenario_files
from pmtui.training.player import Player
from pmtui.training.scenario import ScenarioError

DOJO = Path(__file__).resolve().parents[2] / "scenarios" / "pet-clinic-dojo.toml"

SMALL = """\
title = "Small"
learner = "the student"

[review.incident]
title = "Checkout down"
timezone = "Europe/Paris"

[[review.people]]
name = "Ann"

[[scenes]]
title = "Meeting"

[[scenes.lines]]
speaker = "Ann"
text = "Welcome, [student]."

[[scenes.lines]]
speaker = "Bob"
text = "The disk filled up."

[[scenes.lines.effects]]
add = "event"
at = 2026-11-20T14:05:00
text = "Disk full"

[[scenes.lines.effects]]
add = "action"
title = "Alert on disk use"
owner = "Bob"

[[scenes.lines]]
speaker = "Ann"
text = "Noted."

[[scenes.lines.effects]]
add = "finding"
field = "root_cause"
text = "Logs grew without rotation."

[scenes.quiz]
question = "What filled the disk, [student]?"
choices = ["Logs", "Cats"]
answers = ["Logs"]
"""


def small(tmp_path: Path, text: str = SMALL) -> scenario.Scenario:
    path = tmp_path / "small.scenario.toml"
    path.write_text(text)
    return scenario.load(path)


def player_of(script: scenario.Scenario, learner: str = "") -> Player:
    return Player(script, script.review.model_copy(deep=True), (learner,) if learner else ())


def test_next_applies_effects_and_back_undoes_them(tmp_path):
    player = player_of(small(tmp_path))
    review = player.review
    assert not player.started and player.text == ""
    assert player.next() == []
    assert player.speaker == "Ann"
    applied = player.next()
    assert [effect.add for effect in applied] == ["event", "action"]
    assert [(a.id, a.owner) for a in review.actions] == [("A1", "Bob")]
    assert review.timeline[0].at.isoformat() == "2026-11-20T14:05:00+01:00"  # review's zone
    player.next()
    assert review.incident.root_cause == "Logs grew without rotation."

    undone = player.back()
    assert [effect.add for effect in undone] == ["finding"]
    assert review.incident.root_cause == ""
    assert player.speaker == "Bob" and not player.typing  # back shows the line whole
    assert len(review.actions) == 1  # Bob's line is on screen: its effects stay
    player.back()
    assert review.actions == [] and review.timeline == []
    player.back()
    player.back()
    assert not player.started and player.back() == []


def test_learner_name_replaces_the_mark_and_defaults_to_the_scenarios(tmp_path):
    script = small(tmp_path)
    player = player_of(script, "Sam")
    player.next()
    assert player.full_text == "Welcome, Sam."
    default = player_of(script, "  ")
    default.next()
    assert default.full_text == "Welcome, the student."


def test_lines_type_out_and_show_all_completes_them(tmp_path):
    player = player_of(small(tmp_path))
    player.next()
    assert player.text == "" and player.typing
    assert player.tick(3) and player.text == "Wel"
    player.show_all()
    assert player.text == "Welcome, the student." and not player.typing
    assert not player.tick(5)


def test_a_quiz_is_asked_then_revealed_and_the_replay_ends(tmp_path):
    player = player_of(small(tmp_path), "Sam")
    for _ in range(4):
        player.next()
    assert player.quiz is not None and player.line is None
    assert player.full_text == "What filled the disk, Sam?" and not player.typing
    assert not player.revealed
    player.reveal()
    assert player.revealed
    player.next()
    assert player.finished and player.beat is None and player.next() == []
    player.back()
    assert player.quiz is not None and not player.revealed
    assert player.review.incident.root_cause  # back from the end undoes nothing


def test_effects_add_nothing_the_review_already_holds(tmp_path):
    script = small(tmp_path)
    player = player_of(script)
    for _ in range(3):
        player.next()
    again = Player(script, player.review)
    for _ in range(3):
        assert again.next() == []
    assert len(player.review.actions) == 1 and len(player.review.timeline) == 1


def test_the_dojo_replay_ends_with_what_the_team_agreed():
    script = scenario.load(DOJO)
    assert [scene.title for scene in script.scenes] == [
        "The need for change",
        "The Pet Clinic outage",
        "The blameful meeting",
        "The coach's debrief",
        "The blameless re-run",
        "Best practices and MTTR",
        "The code of conduct",
    ]
    quizzes = [scene.quiz for scene in script.scenes if scene.quiz]
    assert [quiz.answers for quiz in quizzes] == [
        ["None of the above"],
        ["MTTR = MTTD (Detect) + MTTI (Isolate) + MTTF (Fix)"],
        ["Blameless post-mortems", "Addressing the multiple systemic contributing factors"],
    ]
    player = player_of(script)
    assert player.review.actions == [] and player.review.factors == []
    blameless_end = max(n for n, beat in enumerate(player.beats) if beat.scene == 4)
    while player.position < blameless_end:
        player.next()
    sample = store.load(SAMPLES / "pet-clinic-dojo.toml")
    review = player.review
    assert [(a.id, a.title, a.owner) for a in review.actions] == [
        (a.id, a.title, a.owner) for a in sample.actions
    ]
    assert [a.owner for a in review.actions] == ["Dan", "Adam", "Adam", "Tina", "Dan", "Santhosh"]
    assert len(review.factors) == 4
    assert {(f.factor, f.how, f.kind, f.phase) for f in review.factors} == {
        (f.factor, f.how, f.kind, f.phase) for f in sample.factors
    }
    assert review.lessons == sample.lessons
    assert "why rather than the who" in review.meeting.decisions[0]
    while not player.finished:
        player.next()
    findings = review_findings(review, dt.date(2026, 11, 20))
    assert review.template == "dojo"  # the module works with factors: no 5 whys asked for
    assert [f.line for f in findings] == []


def test_replaying_the_dojo_over_the_finished_sample_changes_nothing():
    sample = store.load(SAMPLES / "pet-clinic-dojo.toml")
    player = Player(scenario.load(DOJO), sample.model_copy(deep=True))
    while not player.finished:
        assert player.next() == []
    assert player.review == sample


def test_find_by_option_beside_the_review_or_bundled_by_name(tmp_path):
    review = tmp_path / "class.toml"
    with pytest.raises(ScenarioError, match=r"no class\.scenario\.toml beside it.*pet-clinic"):
        scenario_files.find(review)
    assert (
        scenario_files.find(tmp_path / "pet-clinic-dojo.toml")
        == scenario_files.bundled()["pet-clinic-dojo"]
    )
    assert (
        scenario_files.find(review, "pet-clinic-dojo")
        == scenario_files.bundled()["pet-clinic-dojo"]
    )
    beside = tmp_path / "class.scenario.toml"
    beside.write_text(SMALL)
    assert scenario_files.find(review) == beside
    assert scenario_files.find(review, str(beside)) == beside
    with pytest.raises(ScenarioError, match="nope: no such scenario"):
        scenario_files.find(review, "nope")


def test_a_bundled_name_plays_from_a_folder_that_cannot_be_searched(tmp_path, monkeypatch):
    """A file is looked for first; in a folder this user may not search, that look failed
    and `--scenario pet-clinic-dojo` was refused with a line about the folder. Any other
    name still gets that line: it can only be a file there."""

    def not_searchable(path: Path, *, follow: bool = True) -> None:
        raise store.ReviewFileError(f"{path}: cannot look at it (permission denied)")

    monkeypatch.setattr(store, "looked_at", not_searchable)
    review = tmp_path / "class.toml"
    assert (
        scenario_files.find(review, "pet-clinic-dojo")
        == scenario_files.bundled()["pet-clinic-dojo"]
    )
    with pytest.raises(store.ReviewFileError, match=r"^drill: cannot look at it \(permission"):
        scenario_files.find(review, "drill")


def test_scenarios_are_told_apart_from_reviews(tmp_path):
    """By the name, else by what the file holds (read once: it may be a pipe)."""
    content = tmp_path / "y.toml"
    content.write_text(SMALL)
    assert scenario.is_scenario(tmp_path / "x.scenario.toml", {})
    assert scenario.is_scenario(content, store.read_toml(content))
    assert scenario.is_scenario(DOJO, store.read_toml(DOJO))
    sample = SAMPLES / "pet-clinic-dojo.toml"
    assert not scenario.is_scenario(sample, store.read_toml(sample))


def with_change(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new, 1)


BAD = {
    "syntax": (with_change('title = "Meeting"', 'title = "Meeting'), r":12:\d+: "),
    "missing speaker": (
        with_change('speaker = "Bob"\n', ""),
        r":18: scenes\[0\]\.lines\[1\]\.speaker: missing \(required\)",
    ),
    "misspelt key": (
        with_change('owner = "Bob"', 'ownr = "Bob"'),
        r":30: scenes\[0\]\.lines\[1\]\.effects\[1\]\.ownr: unknown key \(add = 'action' takes ",
    ),
    "bad value in an effect": (
        with_change("at = 2026-11-20T14:05:00", 'at = "soon"'),
        r":24: scenes\[0\]\.lines\[1\]\.effects\[0\]\.at: not a date and time",
    ),
    "unknown effect": (
        with_change('add = "event"', 'add = "party"'),
        r":23: scenes\[0\]\.lines\[1\]\.effects\[0\]\.add: Input should be 'event', .*'party'",
    ),
    "quiz answer not a choice": (
        with_change('answers = ["Logs"]', 'answers = ["Dogs"]'),
        r":44: scenes\[0\]\.quiz\.answers: answer 'Dogs' is not one of the choices",
    ),
    "no scenes": (SMALL.split("[[scenes]]")[0], r"toml: scenes: missing \(required\)$"),
    "bad review inside": (
        with_change('timezone = "Europe/Paris"', 'timezone = "Mars/Base"'),
        r":6: review\.incident\.timezone: unknown timezone 'Mars/Base'",
    ),
    "newer format": ("scenario = 2\n" + SMALL, r":1: scenario: must be 1 or less \(got 2\)"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_scenarios_get_one_line_saying_where(tmp_path, case):
    text, expected = BAD[case]
    with pytest.raises(ScenarioError) as raised:
        small(tmp_path, text)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "small.scenario.toml") + ":")
    assert re.search(expected, message), message


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SMALL.splitlines()), max_size=40))
def test_any_mix_of_scenario_lines_loads_or_fails_with_a_line_per_problem(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mixed.toml"
        path.write_text("\n".join(lines))
        try:
            scenario.load(path)
        except ScenarioError as error:
            assert all(line.startswith(str(path)) for line in str(error).split("\n"))


def action_dues(script) -> list[dt.date]:
    return [
        effect.fields["due"]
        for scene in script.scenes
        for line in scene.lines
        for effect in line.effects
        if effect.add == "action" and "due" in effect.fields
    ]


def test_a_scenario_replayed_later_moves_its_actions_due_dates_with_it():
    """Replayed after its review date, the dojo's actions fall due as long after the day
    of the replay as they did after that date, so none is overdue at once."""
    script = scenario.load(scenario_files.bundled()["pet-clinic-dojo"])
    held = script.review.incident.review_date
    dues = action_dues(script)
    assert dues and scenario.dated_for(script, held) is script  # on the day: as written
    later = scenario.dated_for(script, held + dt.timedelta(days=400))
    assert action_dues(later) == [due + dt.timedelta(days=400) for due in dues]
    assert later.review.incident.review_date == held + dt.timedelta(days=400)
    assert [scene.title for scene in later.scenes] == [scene.title for scene in script.scenes]


def test_a_due_date_written_as_a_midnight_moves_with_the_replay_too(tmp_path):
    """`due = "2026-12-04T00:00:00"` passed validation as the day, but was left where it
    was by a replay after the review date: overdue as soon as the room agreed it."""
    path = tmp_path / "dojo.toml"
    path.write_text(DOJO.read_text().replace("due = 2026-12-04", 'due = "2026-12-04T00:00:00"'))
    script = scenario.load(path)
    held = script.review.incident.review_date
    later = scenario.dated_for(script, held + dt.timedelta(days=30))
    assert dt.date(2027, 1, 3) in action_dues(later)  # 2026-12-04 + 30 days
    assert all(due > held + dt.timedelta(days=30) for due in action_dues(later))
