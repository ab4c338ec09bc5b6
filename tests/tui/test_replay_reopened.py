"""A review quit mid-replay and opened again: the quiz's turn goes to whoever has not
answered yet, and a jump back takes out what the later scenes' lines put in, as the same
jump does in the replay that said them, leaving what a person changed."""

from __future__ import annotations

from helpers import SIZE, settle
from replaying import bar_text, go_to_scene, replay_app, scene_of, to_the_quiz

from pmtui.files import store


async def replay_and_quit(path, *keys: str, **options) -> None:
    """Replay the dojo into `path` from `options`' scene to its quiz, press `keys`, quit."""
    app = replay_app(path, **options)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if keys:
            await to_the_quiz(pilot)
            await pilot.press(*keys)
        await pilot.press("ctrl+q")


async def test_a_reopened_quiz_gives_the_turn_to_the_learner_who_has_not_answered(tmp_path):
    """The turn went back to Sam: Alex's 4 replaced Sam's saved 2, and Alex had none."""
    path = tmp_path / "class.toml"
    debrief = 4  # the coach's debrief, with its quiz
    await replay_and_quit(path, "2", learners=["Sam"], scene=debrief)
    app = replay_app(path, learners=["Sam", "Alex"], scene=debrief)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_the_quiz(pilot)
        assert "Sam: 2 · ▸Alex: —" in bar_text(app)
        await pilot.press("4")
        assert "▸Sam: 2 · Alex: 4" in bar_text(app)
        assert "1-4 replaces Sam's answer" in bar_text(app)  # all have: a second round
        choices = app.player.quiz.choices
        await pilot.press("ctrl+q")
    saved = [(a.learner, a.answer) for a in store.load(path).quiz_answers]
    assert saved == [("Sam", choices[1]), ("Alex", choices[3])]


async def test_back_onto_a_half_answered_quiz_the_turn_is_the_next_learners(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, learners=["Sam", "Alex"], scene=4)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_the_quiz(pilot)
        await pilot.press("2", "backspace", "enter")
        assert "Sam: 2 · ▸Alex: —" in bar_text(app)
        await pilot.press("3")
        choices = app.player.quiz.choices
        await pilot.press("ctrl+q")
    saved = [(a.learner, a.answer) for a in store.load(path).quiz_answers]
    assert saved == [("Sam", choices[1]), ("Alex", choices[2])]


async def test_a_jump_back_in_a_reopened_review_takes_out_what_later_scenes_added(tmp_path):
    """The reopened review kept the six actions and the lessons of scenes after the one
    jumped to: only what this replay had added was taken out. What a person changed in
    those parts since stays."""
    path = tmp_path / "class.toml"
    practices = 6  # Best practices: the blameless re-run and the debrief said before it
    await replay_and_quit(path, scene=practices)
    start = store.load(path)
    assert len(start.actions) == 6 and start.lessons.went_well and start.factors
    edits = {  # a person's, in the file
        'owner = "Tina"': 'owner = "Tina and Sam"',
        "noticed the outage.": "noticed the outage. Confirmed with Dan.",
    }
    text = path.read_text()
    for old, new in edits.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text)
    app = replay_app(path, scene=practices)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        scenario_start = app.player.scenario.review
        await go_to_scene(app, pilot, scene_of(app.player, "The blameful meeting"))
        await pilot.press("ctrl+q")
    saved = store.load(path)
    assert [(a.title, a.owner) for a in saved.actions] == [
        ("Add automated tests that catch bugs of this kind before release", "Tina and Sam")
    ]
    assert saved.incident.why_not_caught == start.incident.why_not_caught + " Confirmed with Dan."
    assert saved.factors == [] and saved.meeting.decisions == []
    assert saved.lessons.went_well == [] and saved.lessons.systemic == []
    assert [q.answer for q in saved.questions] == ["", ""]
    assert saved.incident.moving_forward == scenario_start.incident.moving_forward
    assert saved.incident.root_cause == scenario_start.incident.root_cause
    assert [(e.at, e.text) for e in saved.timeline] == [
        (e.at, e.text) for e in scenario_start.timeline
    ]
