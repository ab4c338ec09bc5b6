"""A review quit mid-replay and opened again: the quiz's turn goes to whoever has not
answered yet, and a jump back takes out what the later scenes' lines put in, as the same
jump does in the replay that said them, leaving what a person changed."""

from __future__ import annotations

from helpers import SIZE, settle
from replaying import bar_text, go_to_scene, replay_app, scene_of, to_the_quiz

from pmtui.document import item_ids
from pmtui.files import store
from pmtui.training.player import Player


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


async def replay_all_and_quit(path) -> None:
    """Replay the whole dojo into `path`, to its end, and quit: the file holds it all."""
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to_scene(app, pilot, len(app.player.scenario.scenes) - 1)
        while not app.player.finished:
            await pilot.press("enter")
        await pilot.press("ctrl+q")


def said_so_far(app) -> bool:
    """The review holds what a replay of a fresh file holds where the replay stands: what
    the lines up to there said, nothing after (the ids a save gives aside)."""
    player = app.player
    fresh = Player(player.scenario, player.scenario.review.model_copy(deep=True))
    fresh.go_to(player.position)
    return item_ids.with_ids(app.session.review) == item_ids.with_ids(fresh.review)


async def test_a_jump_forward_from_the_title_card_of_a_reopened_review_takes_out_later_scenes(
    tmp_path,
):
    """Reopened after a whole replay, on its title card: a jump to the blameless re-run
    left its six actions, its factors and the later scenes' findings in the review, and
    going on the room saw actions "agreed" that were on the Actions tab already."""
    path = tmp_path / "class.toml"
    await replay_all_and_quit(path)
    assert len(store.load(path).actions) == 6
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        player = app.player
        await go_to_scene(app, pilot, scene_of(player, "The blameless re-run"))
        assert said_so_far(app)
        await pilot.press("ctrl+q")
    assert store.load(path).actions == []


async def test_restart_on_the_title_card_of_a_reopened_review_leaves_it_as_it_started(tmp_path):
    path = tmp_path / "class.toml"
    await replay_all_and_quit(path)
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to_scene(app, pilot, None)
        assert said_so_far(app)
        await pilot.press("ctrl+q")
    saved = store.load(path)
    assert saved.actions == [] and saved.factors == [] and saved.timeline
    assert saved.meeting.decisions == [] and saved.lessons.went_well == []


async def test_backspace_in_a_reopened_review_takes_out_what_every_later_line_added(tmp_path):
    """On from the title card with Enter, then back a line: the lines after it had added
    (in the session before) the actions, factors and findings still in the review."""
    path = tmp_path / "class.toml"
    await replay_all_and_quit(path)
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "backspace")
        await settle(app, pilot)
        assert app.player.position == 0
        assert said_so_far(app)
        await pilot.press("ctrl+q")
    assert store.load(path).actions == []


async def test_a_paragraph_a_person_edited_keeps_no_earlier_paragraph_of_the_replay_in(tmp_path):
    """The code of conduct's paragraph, edited in the file, stays; the From→To and MTTR
    paragraphs the scene before it had put in "Moving forward" go all the same: only the
    field's last paragraph could be taken out, and they stayed through going back and
    forth in the reopened replay."""
    path = tmp_path / "class.toml"
    await replay_all_and_quit(path)
    text = path.read_text()
    assert text.count("Detection: Monitors") == 1
    path.write_text(text.replace("Detection: Monitors", "Detection: Our monitors"))
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        conduct = app.session.review.incident.moving_forward.split("\n\n")[-1]
        assert "Detection: Our monitors" in conduct
        rerun = scene_of(app.player, "The blameless re-run")  # "Moving forward" still empty
        await go_to_scene(app, pilot, rerun)
        await go_to_scene(app, pilot, scene_of(app.player, "Best practices and MTTR"))
        await pilot.press("enter", "enter", "enter", "enter")  # past the MTTR paragraph
        await go_to_scene(app, pilot, rerun)
        assert app.session.review.incident.moving_forward == conduct
        await pilot.press("ctrl+q")
    assert store.load(path).incident.moving_forward == conduct
