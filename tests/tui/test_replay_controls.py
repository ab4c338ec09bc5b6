"""A coach's controls in front of a room: jump to a scene, restart, pause and resume, the
pace, and quizzes whose answers are kept in the review."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from helpers import SIZE, screen_text, settle, until
from replaying import bar_text, go_to_scene, replay_app, scene_of, to_the_quiz
from textual.widgets import OptionList, TabbedContent

from pmtui.files import store
from pmtui.tui import replay as replay_module
from pmtui.tui.replay import make_replay_app
from pmtui.tui.widgets.replay_bar import ReplayBar
from pmtui.tui.widgets.sidebar import PeopleTable


async def test_jumping_to_a_scene_applies_what_the_scenes_before_it_said(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        later = scene_of(player, "Best practices and MTTR")
        await go_to_scene(app, pilot, later)
        assert player.beat.scene == later and player.line is player.scene.lines[0]
        assert len(app.session.review.actions) == 6  # agreed in the blameless re-run
        assert scene_of(player, "Best practices and MTTR") > 0
        await go_to_scene(app, pilot, 0)  # back to the first scene: its effects only
        assert player.beat.scene == 0 and app.session.review.actions == []
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert store.load(tmp_path / "class.toml").actions == []


async def test_restarting_the_scene_and_the_whole_replay(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        started_with = app.session.review.model_dump()
        blameless = scene_of(player, "The blameless re-run")
        await go_to_scene(app, pilot, blameless)
        await pilot.press(*["enter"] * 5)
        assert player.position == player.scene_start(blameless) + 5
        in_scene = player.beat.scene
        await go_to_scene(app, pilot, in_scene)  # the current scene: restart it
        assert player.position == player.scene_start(in_scene)
        await go_to_scene(app, pilot, None)
        assert not player.started and "Press Enter to start" in bar_text(app)
        assert app.session.review.model_dump() == started_with


async def test_the_scene_list_stops_at_its_ends(tmp_path):
    """↓ on the last scene wrapped round to "Restart the whole replay", which Enter ran: a
    coach counting presses from the scene on show lost the class's place."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        last = len(player.scenario.scenes) - 1
        await go_to_scene(app, pilot, last)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert player.started and player.beat.scene == last
        await pilot.press("s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = 0  # restart the whole replay
        await pilot.press("up")
        assert options.highlighted == 0


async def test_scene_option_starts_the_replay_there(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, scene=4)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.player.beat.scene == 3 and f"Scene 4/{len(app.player.scenario.scenes)}" in (
            bar_text(app)
        )
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert path.exists()


async def test_pace_key_cycles_and_is_remembered_for_the_next_replay(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "pace lines" in bar_text(app)  # the title card names the pace
        await pilot.press("p")  # whole lines → slow
        assert app.screen.query_one(ReplayBar).chars_per_second == 15
        await pilot.press("enter")
        assert app.player.typing  # slow types the line out
        await pilot.press("p", "p")  # normal, fast
        assert "pace fast" in bar_text(app)
    settings = Path(os.environ["PMTUI_CONFIG_DIR"]) / "settings.toml"
    assert tomllib.loads(settings.read_text())["replay_pace"] == "fast"
    again = make_replay_app(tmp_path / "class.toml", scenario_name="pet-clinic-dojo")
    assert again.chars_per_second == 120


async def test_each_learners_quiz_answer_is_recorded_revealed_and_kept(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, learners=["Sam", "Alex"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        await to_the_quiz(pilot)
        assert "Sam: — · Alex: —" in bar_text(app)
        choices = player.quiz.choices
        await pilot.press("1", "4")
        assert "Sam: 1 · Alex: 4" in bar_text(app)
        kept = [(a.learner, a.answer, a.right) for a in app.session.review.quiz_answers]
        assert kept == [("Sam", choices[0], False), ("Alex", choices[3], True)]
        await pilot.press("r")
        assert "Sam: 1 ✗ · Alex: 4 ✓" in bar_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = store.load(path).quiz_answers
    assert [(a.learner, a.right) for a in saved] == [("Sam", False), ("Alex", True)]
    assert saved[0].question == player.say(player.scene.quiz.question)


async def test_answers_given_are_saved_when_the_replay_is_quit_before_the_reveal(tmp_path):
    """Answers were kept on the reveal only: ctrl+q before it lost them, while the header
    said saved."""
    path = tmp_path / "class.toml"
    app = replay_app(path, learners=["Sam", "Alex"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        await to_the_quiz(pilot)
        choices = player.quiz.choices
        await pilot.press("2", "4")
        assert not player.revealed
        await pilot.press("ctrl+q")
    saved = [(a.learner, a.answer) for a in store.load(path).quiz_answers]
    assert saved == [("Sam", choices[1]), ("Alex", choices[3])]


async def test_the_room_answers_when_no_learner_is_named_and_keys_never_clash(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        await to_the_quiz(pilot)
        position = player.position
        await pilot.press("2")  # a choice, never a tab switch or a control
        assert player.chosen == {"the room": [1]} and player.position == position
        await pilot.press("r")
        assert [a.learner for a in app.session.review.quiz_answers] == ["the room"]


async def test_at_80x24_the_speaker_and_the_replay_keys_are_visible_during_a_quiz(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        player = app.player
        roles = {p.name: p.role for p in app.session.review.people}
        while player.speaker not in roles:
            await pilot.press("enter")
        role = roles[player.speaker]
        assert f"{player.speaker} · {role}"[:30] in screen_text(app)
        await to_the_quiz(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "Quit" in text and "Next" in text and "Scenes" in text
        assert player.quiz.choices[-1][:20] in text
        assert "Summary" in text and "Timeline" in text  # the review stays in view


async def test_a_scenes_table_is_on_screen_while_its_scene_plays(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        scene = next(n for n, s in enumerate(player.scenario.scenes) if s.table and n > 1)
        table = player.scenario.scenes[scene].table
        await go_to_scene(app, pilot, scene)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert table.title in text
        assert " ".join(table.rows[0][0].split()[:2]) in text
        await go_to_scene(app, pilot, 0)
        assert table.title not in screen_text(app)


@pytest.mark.parametrize("title", ["The Pet Clinic outage", "The code of conduct"])
async def test_at_80x24_every_row_of_a_scenes_table_is_reached_by_scrolling_the_bar(
    tmp_path, title
):
    """The bar stopped at its height: the cast's last rows (Tina) and all but three rows
    of the code of conduct were out of reach, and its header broke ("Readiness/Kai",
    "zen")."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scene = scene_of(app.player, title)
        table = app.player.scenario.scenes[scene].table
        await go_to_scene(app, pilot, scene)
        bar = app.screen.query_one(ReplayBar)
        seen = screen_text(app)
        for _ in range(len(table.rows) * 3):  # a row takes three lines at most
            if bar.scroll_y >= bar.max_scroll_y:
                break
            await pilot.press("down")
            await pilot.pause()
            seen += screen_text(app)
        assert all(column in seen for column in table.columns)
        for row in table.rows:
            first = next(cell for cell in row if cell)
            assert first.split()[0] in seen
        await pilot.press("enter")  # the next line shows from the bar's top
        await pilot.pause()
        assert bar.scroll_y == 0


def test_a_scene_that_is_only_a_table_has_a_step_of_its_own():
    from pmtui.document.model import Review
    from pmtui.training.player import Player
    from pmtui.training.scenario import Scenario

    script = Scenario.model_validate(
        {
            "title": "Drill",
            "scenes": [
                {"title": "Talk", "lines": [{"speaker": "Chun", "text": "Hello"}]},
                {"title": "Rules", "table": {"title": "T", "columns": ["A"], "rows": [["x"]]}},
            ],
        }
    )
    player = Player(script, Review())
    player.next()
    player.next()
    assert player.scene.title == "Rules" and player.line is None and player.quiz is None
    assert not player.finished


async def test_paused_at_120_columns_the_footer_shows_the_key_back_to_the_replay(tmp_path):
    """With the replay's own key after the review's, the footer ran past 120 columns and
    cut "f10 Replay" (now "f10 Resume") to "f10 Rep"."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "f10 Resume" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")  # pause: the review has the keys
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "n Add" in footer and "f10 Resume" in footer


async def test_the_bar_names_the_keys_as_the_footer_below_it_does(tmp_path):
    """The bar said "escape pause" just above a footer saying "esc Pause"."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        words = bar_text(app)
        for key, title in [("⏎", "Next"), ("s", "Scenes"), ("p", "Pace"), ("esc", "Pause")]:
            assert f"{key} {title}" in footer and f"{key} {title.lower()}" in words
        assert "⌫ back" in words and "escape" not in words and "enter" not in words
        await pilot.press("escape")  # pause: the review has the keys
        await pilot.pause()
        assert "f10 Resume" in screen_text(app).splitlines()[-1]
        assert "f10 (or esc from a table) goes back to the replay" in bar_text(app)


async def test_the_review_key_strip_gives_way_while_the_replay_has_the_keys(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=(80, 30)) as pilot:  # under 30 rows it stays hidden
        await pilot.pause()
        strip = app.screen.query_one("KeyStrip")
        assert not strip.display
        await pilot.press("escape")
        await pilot.pause()
        assert strip.display  # editing the review: its keys are back


async def test_paused_on_summary_a_digit_goes_to_its_tab_and_edits_no_field(tmp_path):
    """Paused on Summary, the focus went to the incident ID: the `5` of "tab 5" made it
    DOJO-PIP-15, and the autosave kept it. The participants table has the keys there; Tab
    goes on into the fields."""
    path = tmp_path / "class.toml"
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        while tabs.active != "summary":  # a line's finding shows the Summary tab
            await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")  # pause
        await pilot.pause()
        paused_on = app.focused
        await pilot.press("tab")
        into = app.focused.id
        await pilot.press("shift+tab", "5")

        def on_actions() -> bool:
            """the Actions tab shown (a digit on a table waits a moment for more)"""
            return tabs.active == "actions"

        await until(pilot, on_actions)
        await settle(app, pilot)
        assert app.session.review.incident.id == "DOJO-PIP-1"
        assert app.focused.id == "actions-table"
        assert isinstance(paused_on, PeopleTable) and "Paused" in bar_text(app)
        assert into == "live-0"  # the incident ID, to edit on purpose
        app.screen.set_focus(paused_on)
        await pilot.press("escape")  # from the participants: back to the replay
        await pilot.pause()
        assert "Paused" not in bar_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert store.load(path).incident.id == "DOJO-PIP-1"


async def test_paused_on_summary_at_80x24_the_participants_show_until_the_replay_goes_on(
    tmp_path,
):
    """Under 100 columns the participants are hidden: the pause focused them unseen, the
    footer offered "space Present", and space marked Chun present with nothing on screen."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        while tabs.active != "summary":
            await pilot.press("enter")
        await settle(app, pilot)
        sidebar = app.screen.query_one("#sidebar")
        assert not sidebar.display
        await pilot.press("escape")  # pause
        await pilot.pause()
        assert isinstance(app.focused, PeopleTable) and app.focused.region.area > 0
        assert "Participants" in screen_text(app) and "Chun" in screen_text(app)
        await pilot.press("f10")  # back to the replay: the panes get their room back
        await pilot.pause()
        assert isinstance(app.focused, ReplayBar) and not sidebar.display


async def test_paused_on_the_timeline_a_digit_goes_to_its_tab_and_adds_no_event(tmp_path):
    """On the timeline's table a digit begins a time, but not in a replay: `2` then `5`
    for the Actions tab went on the entry line and was saved as an event "25"."""
    path = tmp_path / "class.toml"
    app = replay_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        for _ in range(60):  # an event's line shows the Timeline tab
            if tabs.active == "timeline":
                break
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("escape")  # pause
        await pilot.pause()
        assert app.focused.id == "timeline-table"
        events = len(app.session.review.timeline)
        await pilot.press("5")

        def on_actions() -> bool:
            """the Actions tab shown (a digit on a table waits a moment for more)"""
            return tabs.active == "actions"

        await until(pilot, on_actions)
        await settle(app, pilot)
        assert len(app.session.review.timeline) == events
        assert app.screen.query_one("#timeline-entry").value == ""


@pytest.fixture(params=["read at once", "read after a first frame"])
def read(request, monkeypatch):
    """How the command reads the scenario and the review: before the first frame (both
    small), or, as a large one, once a first frame is up (`opens_at_once`)."""
    if request.param == "read after a first frame":
        monkeypatch.setattr(replay_module, "opens_at_once", lambda path: False)
    return request.param


async def test_the_command_reads_the_replay_then_keys_typed_meanwhile_land(tmp_path, read):
    """As `pmtui FILE`: the scenario and the review are read before the first frame, or
    once it is up; keys typed before the replay is up wait for it."""
    from textual import events

    from pmtui.tui.screens.opening import OpeningScreen
    from pmtui.tui.screens.replay import ReplayScreen

    first = []

    def hook(message):
        if isinstance(message, events.Ready):
            first.append((type(app.screen), app.player))
            for key in ("enter", "enter"):  # typed before the replay is up
                app.post_message(events.Key(key, None))

    app = replay_app(tmp_path / "class.toml", as_command=True)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, ReplayScreen) and app.player.position == 1
        )
        [(first_screen, player)] = first
        if read == "read at once":
            assert first_screen is ReplayScreen and player is app.player
        else:
            assert (first_screen, player) == (OpeningScreen, None)
        assert isinstance(app.screen, ReplayScreen) and app.player.position == 1


async def test_a_scene_out_of_range_ends_the_command_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(replay_module, "opens_at_once", lambda path: False)
    path = tmp_path / "class.toml"
    app = replay_app(path, scene=99, as_command=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2 and "--scene 99:" in app.problem and "scenes 1 to" in app.problem
    assert not path.exists()


async def test_the_scenario_played_read_late_is_never_played_into(tmp_path, monkeypatch):
    """Read after a first frame, the scenario given as the review too ends the command with
    its one line, and stays as it was (a save put `[lessons]` in it)."""
    from pmtui.files.locations import bundled

    monkeypatch.setattr(replay_module, "opens_at_once", lambda path: False)
    drill = tmp_path / "drill.scenario.toml"
    drill.write_bytes((bundled("scenarios") / "pet-clinic-dojo.toml").read_bytes())
    before = drill.read_bytes()
    app = replay_app(drill, scenario_name=str(drill), as_command=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.problem.startswith(f"{drill}: the scenario being played, not a review;")
    assert drill.read_bytes() == before


def test_a_scene_out_of_range_read_at_once_says_its_one_line_before_any_screen(tmp_path):
    path = tmp_path / "class.toml"
    with pytest.raises(store.ReviewFileError) as raised:
        replay_app(path, scene=99, as_command=True)
    assert "--scene 99:" in str(raised.value) and "scenes 1 to" in str(raised.value)
    assert not path.exists()


async def test_undo_never_takes_back_a_replay_step_only_the_coachs_own_edits(tmp_path):
    """ctrl+z after a step would take out what the line added while the replay still stood
    after it; backspace on the replay takes a line back."""
    from helpers import said

    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player, review = app.player, app.session.review
        while not review.actions:
            await pilot.press("enter")
        agreed = [a.title for a in review.actions]
        await pilot.press("escape")  # pause, edit an action's title, undo it
        await settle(app, pilot)
        review.actions[0].title = "Renamed by the coach"
        app.session.edited("edited the action")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert [a.title for a in review.actions] == agreed
        await pilot.press("ctrl+z")  # the step before: the replay's own
        await settle(app, pilot)
        assert [a.title for a in review.actions] == agreed
        assert "backspace on the replay goes back" in said(app)
        position = player.position
        await pilot.press("escape")  # back to the replay
        await settle(app, pilot)
        assert isinstance(app.focused, ReplayBar), app.focused
        await pilot.press("backspace")  # a line back: what it added goes
        await settle(app, pilot)
        assert player.position == position - 1 and review.actions == []


async def test_each_learner_ticks_several_choices_where_the_quiz_has_several_answers(tmp_path):
    """The dojo's last quiz has two right choices: Sam ticks both and is right, Alex
    ticks one of them and is not (one choice each was all a learner could give)."""
    app = replay_app(tmp_path / "class.toml", learners=["Sam", "Alex"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        player = app.player
        last = max(n for n, scene in enumerate(player.scenario.scenes) if scene.quiz)
        await go_to_scene(app, pilot, last)
        await to_the_quiz(pilot)
        assert player.several and "▸Sam: — · Alex: —" in bar_text(app)
        await pilot.press("1", "3", "n", "1")
        assert "Sam: 1+3 · ▸Alex: 1" in bar_text(app)
        await pilot.press("r")
        assert "Sam: 1+3 ✓ · Alex: 1 ✗" in bar_text(app)
    quiz = player.scene.quiz
    kept = [(a.learner, a.answer, a.right) for a in app.session.review.quiz_answers]
    assert kept == [
        ("Sam", f"{quiz.choices[0]}; {quiz.choices[2]}", True),
        ("Alex", quiz.choices[0], False),
    ]


def test_a_review_path_that_cannot_be_looked_at_is_one_line_before_any_screen(tmp_path):
    path = tmp_path / ("x" * 300 + ".toml")
    with pytest.raises(store.ReviewFileError, match=r"cannot read \(file name too long\)$"):
        replay_app(path, as_command=True)


async def test_the_quiz_explanation_shows_at_80x24_with_eight_learners(tmp_path):
    """Eight learners' answers took two lines, and the revealed explanation was cut off
    under them: the bar had the room a line of the replay needs, not a quiz."""
    learners = ["Samantha", "Alexander", "Priya", "Mohammed", "Jo", "Kim", "Charlotte", "Ade"]
    app = replay_app(tmp_path / "class.toml", learners=learners)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await to_the_quiz(pilot)
        await pilot.press("r")
        await settle(app, pilot)
        explanation = app.player.quiz.explain
        assert explanation
        assert " ".join(explanation.split()[:4]) in " ".join(screen_text(app).split())
