"""A review quit mid-replay and opened again: the quiz's turn goes to whoever has not
answered yet."""

from __future__ import annotations

from helpers import SIZE, settle
from replaying import bar_text, replay_app, to_the_quiz

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
