"""`pmtui replay`: a coach plays the dojo with keys, and the review fills up as it plays."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import NOW, SIZE, pick, settle
from replaying import bar_text, replay_app, scene_of, to_the_quiz
from textual.geometry import Offset

from pmtui.files import store
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.forms.live import LiveForm
from pmtui.tui.keys import KEYS
from pmtui.tui.replay import make_replay_app
from pmtui.tui.screens.replay import ReplayScreen
from pmtui.tui.tables.records import RecordTable
from pmtui.tui.widgets.replay_bar import ReplayBar
from pmtui.tui.widgets.sidebar import PeopleTable

AGREED = [
    ("A1", "Make the log retention period configurable in the application", "Dan"),
    ("A2", "Keep application logs for longer once retention is configurable", "Adam"),
    ("A3", "Set thresholds for the key variables and configure monitoring and alerting", "Adam"),
    ("A4", "Add automated tests that catch bugs of this kind before release", "Tina"),
    ("A5", "Add peer code reviews alongside the automated tests", "Dan"),
    ("A6", "Create and prioritise the remediation stories in the backlog", "Santhosh"),
]


async def test_replaying_the_whole_dojo_with_keys_fills_and_saves_the_review(tmp_path):
    path = tmp_path / "class.toml"
    app = replay_app(path, learners=["Sam"])
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReplayScreen)
        await pilot.pause()
        assert isinstance(app.focused, ReplayBar)
        assert "Press Enter to start" in bar_text(app)
        player = app.player
        people = app.screen.query_one(PeopleTable)
        await pilot.press("enter")
        while player.scene.title != "The blameful meeting":
            await pilot.press("enter")
        assert "The blameful meeting" in bar_text(app)
        await to_the_quiz(pilot)
        await pilot.press("backspace")
        assert bar_text(app).endswith("First, a question for Sam.")
        assert people.lit == "Chun"
        await pilot.press("enter")
        assert "✓" not in bar_text(app)
        await pilot.press("4", "r")
        assert "✓ 4) None of the above" in bar_text(app)
        assert "Sam: 4 ✓" in bar_text(app)

        while not app.session.review.actions:
            await pilot.press("enter")
        assert people.lit == "Dan"
        assert "reverse" in str(people.render_line(1 + 6))  # Dan's row, under the header
        assert "reverse" not in str(people.render_line(1 + 7))
        assert app.screen.query_one("#tabs").active == "actions"
        assert app.screen.query_one("#actions-table").row_count == 2
        assert isinstance(app.focused, ReplayBar)  # showing the tab kept the replay's keys
        await pilot.press("backspace")
        assert app.session.review.actions == []
        assert app.screen.query_one("#actions-table").row_count == 0

        best_practices = scene_of(player, "Best practices and MTTR")
        while player.beat is not None and player.beat.scene < best_practices:
            await pilot.press("enter")
        await settle(app, pilot)
        review = app.session.review
        assert [(a.id, a.title, a.owner) for a in review.actions] == AGREED
        assert {f.factor for f in review.factors} == {
            "No monitoring, thresholds or alerting on the servers",
            "Short, fixed log retention",
            "Application defect released without automated tests or peer review",
            "Blameful post-mortems and a reactive break/fix culture",
        }
        assert review.questions[0].answer == "Impacted customers reported it."
        while not player.finished:
            await pilot.press("enter")
        assert "End of the replay" in bar_text(app)
        assert "MTTR = MTTD (detect)" in review.incident.moving_forward
        await pilot.press("ctrl+q")
    saved = store.load(path)
    assert [(a.id, a.title, a.owner) for a in saved.actions] == AGREED
    assert len(saved.factors) == 4 and saved.lessons.systemic[0].owner == "Paulo"
    assert saved.incident.root_cause.startswith("An underlying bug in the application")


@pytest.mark.parametrize("name", ["moving_forward", "why_not_caught"])
async def test_a_line_adding_to_a_summary_field_below_the_fold_scrolls_it_into_view(tmp_path, name):
    """The Summary tab came to the front showing its top: what the line added to "Moving
    forward" or "Why it wasn't caught", far below, changed nothing on screen."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        incident = app.session.review.incident
        before = getattr(incident, name)
        while getattr(incident, name) == before:
            await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "summary"
        assert isinstance(app.focused, ReplayBar)
        form = app.screen.query_one("#incident-form", LiveForm)
        [field] = [
            form.query_one(f"#{key}") for key, f in form.fields.items() if f.spec.name == name
        ]
        shown = app.screen.query_one("#summary-fields").region
        assert field.region.area > 0 and shown.contains_region(field.region)


def in_sight_on_wrapup(app, words: str) -> bool:
    """The row of a Wrap-up table whose record holds `words` is on screen, inside its
    table and inside the tab."""
    shown = app.screen.query_one("#wrapup").region
    for table in app.screen.query_one("#wrapup").query(RecordTable):
        for row, index in enumerate(table.row_items):
            if index is not None and words in str(table.records[index]):
                y = table.region.y + 1 + row - round(table.scroll_y)  # 1: the table's header
                inside = table.region.y < y < table.region.bottom
                return inside and shown.contains_point(Offset(table.region.x, y))
    return False


@pytest.mark.parametrize("size", [(100, 30), SIZE])
async def test_a_line_adding_to_a_wrapup_table_brings_its_row_into_view(tmp_path, size):
    """Wrap-up came to the front showing its top: at 100x30 the decision to focus on the
    why, not the who, was below the fold, and at 120x40 the Decisions table was cut after
    its first row. Every factor, lesson and decision a line adds is in sight."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        player = app.player
        checked = []
        while player.beat is None or player.beat.scene <= scene_of(player, "The blameless re-run"):
            await pilot.press("enter")
            effects = player.line.effects if player.line else []
            if effects and effects[-1].add in {"factor", "lesson", "decision"}:
                await settle(app, pilot)
                words = effects[-1].fields.get("factor") or effects[-1].fields["text"]
                assert app.screen.query_one("#tabs").active == "wrapup"
                assert in_sight_on_wrapup(app, words), words
                assert isinstance(app.focused, ReplayBar)
                checked.append(words)
        assert len(checked) > 10


async def test_a_key_shows_the_whole_line_and_escape_pauses_to_edit_and_comes_back(tmp_path):
    app = make_replay_app(tmp_path / "pet-clinic-dojo.toml", clock=lambda: NOW, chars_per_second=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert app.player.typing
        await pilot.press("space")
        assert not app.player.typing and app.player.full_text in bar_text(app)
        await pilot.press("escape")  # pause: the bar stays, the tab gets the keys
        await pilot.pause()
        assert app.screen.query(ReplayBar) and not isinstance(app.focused, ReplayBar)
        assert "Paused" in bar_text(app)
        position = app.player.position
        await pilot.press("alt+2")  # the timeline table: there a digit types
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "timeline-table"
        await pilot.press("enter")  # Enter is the table's now: edit the event
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.player.position == position
        await pilot.press("escape")  # closes the form
        await pilot.pause()
        await pilot.press("escape")  # from the table: back to the replay
        await pilot.pause()
        assert isinstance(app.focused, ReplayBar) and "Paused" not in bar_text(app)
        await pilot.press("enter")
        assert app.player.position == position + 1


async def test_replay_keys_are_in_the_palette_while_replaying(tmp_path):
    app = replay_app(tmp_path / "pet-clinic-dojo.toml")
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        wanted = {"Replay: Next", "Replay: Back", "Replay: Reveal", "Replay: Pause"}
        assert wanted | {"Replay: Scenes", "Replay: Pace"} <= titles
        assert not any("Choice" in title for title in titles)
        await app.screen.run_replay_action("next")
        await pilot.pause()
        assert app.player.position == 0


async def test_the_palettes_entry_back_to_the_replay_says_what_it_does(tmp_path):
    """F10's entry read "Replay: Replay": its place twice, what it does nowhere."""
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        placed = [title.split(": ", 1) for title in titles if ": " in title]
        assert not [place for place, what in placed if place == what]
        assert "Replay: Resume" in titles
        await pilot.press("escape")  # pause: the review has the keys
        await pilot.pause()
        assert not isinstance(app.focused, ReplayBar)
        await pilot.press("ctrl+p")
        await pick(pilot, "Replay: Resume")
        await pilot.pause()
        assert isinstance(app.focused, ReplayBar) and "Paused" not in bar_text(app)


def test_the_replay_screens_own_key_takes_no_key_of_the_app():
    app_keys = {key for k in KEYS["app"] for key in k.keys.split(",")}
    assert not app_keys & {key for k in KEYS["replaying"] for key in k.keys.split(",")}


async def test_replaying_into_a_filled_review_says_so_and_how_to_start_afresh(pet_clinic, tmp_path):
    """The sample copy `make run` leaves holds the whole outcome: replayed into as it is,
    the room would see the answers first. A new file says nothing."""
    app = replay_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [told for told in app.told if told.startswith("Replaying into")]
        assert said and "pmtui replay NEW --scenario pet-clinic-dojo" in said[0]
    app = replay_app(tmp_path / "team-b.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any(told.startswith("Replaying into") for told in app.told)


async def test_replaying_over_an_existing_review_saves_into_it_without_a_false_conflict(
    pet_clinic,
):
    """The file on disk is remembered when the replay opens it: the first autosave is not
    taken for someone else's change (a dialog that Enter, the replay's key, would answer)."""
    review = store.load(pet_clinic)
    review.actions = []  # the copy the class starts from: the replay agrees on them again
    store.save(review, pet_clinic)
    app = replay_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "✓ saved" in app.screen.query_one("#header-title").render().plain
        while not app.session.review.actions:
            await pilot.press("enter")
        app.saving.autosave()
        await settle(app, pilot)
        assert isinstance(app.screen, ReplayScreen) and not app.session.dirty
        best_practices = scene_of(app.player, "Best practices and MTTR")
        while app.player.beat is not None and app.player.beat.scene < best_practices:
            await pilot.press("enter")
        app.saving.autosave()
        await settle(app, pilot)
        assert isinstance(app.screen, ReplayScreen) and not app.session.dirty
    assert [(a.id, a.title, a.owner) for a in store.load(pet_clinic).actions] == AGREED


async def test_a_replay_on_a_later_day_gives_its_actions_due_dates_from_that_day(tmp_path):
    """The scenario's review is dated 20 November; replayed 30 days on, the first action
    the room agrees falls due 30 days after the scenario has it (not overdue at once)."""
    later = NOW + dt.timedelta(days=30)
    app = make_replay_app(
        tmp_path / "team-b.toml",
        scenario_name="pet-clinic-dojo",
        clock=lambda: later,
        autosave_delay=60.0,
        chars_per_second=0,
    )
    async with app.run_test(size=SIZE) as pilot:
        while not app.session.review.actions:
            await pilot.press("enter")
        first = app.session.review.actions[0]
        assert first.due == dt.date(2026, 12, 4) + dt.timedelta(days=30)
        assert app.session.review.incident.review_date == later.date()
