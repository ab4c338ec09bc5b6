"""Going back over the replay takes out what its lines added, however often the review was
saved meanwhile (a save gives events and factors their ids); Enter on a quiz not revealed
yet reveals it before moving on, so the answers are kept and the room sees the answer."""

from __future__ import annotations

from helpers import SIZE, settle, write
from replaying import bar_text, go_to_scene, scene_of
from replaying import replay_app as shared_replay_app

from pmtui.files import store
from pmtui.tui.panes.tables import ActionsTable
from pmtui.tui.replay import ReplayApp
from pmtui.tui.widgets.replay_bar import ReplayBar

AUTOSAVE = 0.05
"""Seconds: the autosave comes at once, as it does 2 s after a line in the room."""


def replay_app(path, **options) -> ReplayApp:
    """The dojo replay with a prompt autosave."""
    return shared_replay_app(path, autosave_delay=AUTOSAVE, **options)


async def autosaved(app, pilot) -> None:
    """Wait for the autosave the last step asked for to be written."""
    for _ in range(100):
        await settle(app, pilot)
        if not app.session.dirty:
            return
        await pilot.pause(AUTOSAVE)
    raise AssertionError("the autosave never came")


async def press(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def test_backspace_after_the_autosave_takes_the_lines_events_out(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, scene=scene_of_title("The blameless re-run"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        review = app.session.review
        before = [(e.at, e.text) for e in review.timeline]
        while len(review.timeline) == len(before):
            await press(app, pilot, "enter")
        await autosaved(app, pilot)
        assert len(store.load(path).timeline) > len(before)
        await press(app, pilot, "backspace")
        assert [(e.at, e.text) for e in review.timeline] == before
        await autosaved(app, pilot)
    assert [(e.at, e.text) for e in store.load(path).timeline] == before


async def test_restarting_after_a_whole_autosaved_play_through_leaves_the_review_as_it_started(
    tmp_path,
):
    path = tmp_path / "class.toml"
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        review, player = app.session.review, app.player
        started = [(e.at, e.text) for e in review.timeline]
        await go_to_scene(app, pilot, len(player.scenario.scenes) - 1)  # the scenes before, said
        while not player.finished:
            await pilot.press("enter")
        await autosaved(app, pilot)  # every event and factor gets its id
        assert len(review.factors) == 4 and review.actions
        await go_to_scene(app, pilot, scene_of(player, "The coach's debrief"))
        assert review.factors == [] and [(e.at, e.text) for e in review.timeline] == started
        await go_to_scene(app, pilot, None)
        await autosaved(app, pilot)
    saved = store.load(path)
    assert saved.factors == [] and saved.actions == [] and saved.meeting.decisions == []
    assert [(e.at, e.text) for e in saved.timeline] == started


async def test_after_a_reload_the_replay_plays_into_the_review_read_and_takes_out_of_it(
    tmp_path,
):
    path = tmp_path / "class.toml"
    app = replay_app(path, scene=scene_of_title("The blameless re-run"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = len(app.session.review.timeline)
        while len(app.session.review.timeline) == before:
            await press(app, pilot, "enter")
        await autosaved(app, pilot)
        app.session.reload(app.clock())  # "reload theirs" after a change on disk
        app.rebuild()
        await settle(app, pilot)
        app.set_focus(app.screen.query_one(ReplayBar))
        await press(app, pilot, "backspace")
        assert len(app.session.review.timeline) == before
        await autosaved(app, pilot)
    assert len(store.load(path).timeline) == before


async def test_back_and_forward_over_an_action_the_room_edited_keeps_one_copy(tmp_path):
    """Back over the line that agreed A3 and forward again added it a second time (A4)
    beside the room's edit of it, after a save as before one."""
    path = tmp_path / "class.toml"
    app = replay_app(path, scene=scene_of_title("The blameless re-run"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        review = app.session.review
        while app.player.line.text != "Good. Let's agree to go ahead with that.":
            await press(app, pilot, "enter")
        title = review.actions[-1].title
        await press(app, pilot, "escape", "alt+5", "end", "enter")  # edit the last action
        await write(pilot, "end", " (with Selma)", "ctrl+s")
        await press(app, pilot, "ctrl+s", "f10", "backspace", "enter")
        assert [(a.id, a.title) for a in review.actions[2:]] == [("A3", f"{title} (with Selma)")]
        await autosaved(app, pilot)
    assert [a.title for a in store.load(path).actions][2:] == [f"{title} (with Selma)"]


async def test_enter_on_a_quiz_answered_but_not_revealed_reveals_it_then_moves_on(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, learners=["Sam", "Alex"], scene=scene_of_title("Best practices"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        player = app.player
        while player.quiz is None:
            await press(app, pilot, "enter")
        question, position = player.say(player.quiz.question), player.position
        await press(app, pilot, "3", "1")
        assert "Sam: 3 · Alex: 1" in bar_text(app) and "r or ⏎ reveals" in bar_text(app)
        await press(app, pilot, "enter")  # reveals, keeping the answers
        assert player.position == position and player.revealed
        assert "Sam: 3" in bar_text(app) and "✓" in bar_text(app) + "✗"
        kept = [(a.question, a.learner) for a in app.session.review.quiz_answers]
        assert kept == [(question, "Sam"), (question, "Alex")]
        await press(app, pilot, "enter")  # now it moves on
        assert player.position == position + 1
        await autosaved(app, pilot)
    assert [a.learner for a in store.load(path).quiz_answers] == ["Sam", "Alex"]


async def test_enter_through_the_lines_reveals_every_quiz_nobody_answered_before_going_on(
    tmp_path,
):
    """Enter skipped a quiz nobody had answered: the room never saw its answer, and on
    the last one the replay went straight to its end."""
    app = replay_app(tmp_path / "class.toml", scene=scene_of_title("Best practices"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        player, shown = app.player, []
        while not player.finished:
            if player.quiz is not None:
                position, right = player.position, player.quiz.answers[0]
                assert "r or ⏎ reveals" in bar_text(app)
                await press(app, pilot, "enter")  # reveals
                assert player.position == position and player.revealed
                assert f"✓ {player.quiz.choices.index(right) + 1}) " in bar_text(app)
                shown.append(player.beat.scene)
            await press(app, pilot, "enter")  # moves on
        scenes = player.scenario.scenes
        assert shown == [n for n, scene in enumerate(scenes) if scene.quiz][-2:]
        assert "End of the replay" in bar_text(app)
        assert app.session.review.quiz_answers == []  # nobody answered: nothing to keep


def scene_of_title(start: str) -> int:
    """The 1-based number (as `--scene` takes it) of the dojo's scene titled so."""
    from pmtui.training import scenario, scenario_files

    script = scenario.load(scenario_files.bundled()["pet-clinic-dojo"])
    return next(n for n, s in enumerate(script.scenes, 1) if s.title.startswith(start))


async def test_a_jump_back_drawn_before_the_tables_catch_up_draws_no_row_it_took_out(tmp_path):
    """The scene list's jump takes the scenes' actions out of the review, and the screen's
    update can draw the Actions tab before its rows are rebuilt: the rows past the end of
    the shorter list ended the app with a traceback in front of the room."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        later = scene_of(app.player, "Best practices and MTTR")
        await go_to_scene(app, pilot, later)
        await press(app, pilot, "escape", "alt+5", "n", *"Learner", "ctrl+s")
        table = app.screen.query_one(ActionsTable)
        rows = table.row_count
        assert rows == len(app.session.review.actions) >= 6
        back = app.player.jump_to_scene(scene_of(app.player, "The blameless re-run"))
        app.screen.bar.stepped(back, "jumped back")  # as the scene list does: the screen is told
        assert len(app.session.review.actions) == 1  # the room's own
        drawn = [table.render_line(y).text for y in range(table.size.height)]  # as the update
        assert any("Learner" in line for line in drawn)
        await settle(app, pilot)
        assert table.row_count == len(app.session.review.actions)
