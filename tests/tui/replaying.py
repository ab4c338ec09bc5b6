"""Driving the replay in tests: the bar's words, a scene by its title, the scene list."""

from __future__ import annotations

from helpers import NOW, settle

from pmtui.tui.dialogs.scenes import ScenesDialog
from pmtui.tui.replay import ReplayApp, make_replay_app
from pmtui.tui.widgets.replay_bar import ReplayBar


def replay_app(path, **options) -> ReplayApp:
    """The dojo replay with lines shown whole (no typing out), a stopped clock and the
    autosave far off, unless `options` say otherwise."""
    defaults = {"scenario_name": "pet-clinic-dojo", "autosave_delay": 60.0, "chars_per_second": 0}
    return make_replay_app(path, clock=lambda: NOW, **(defaults | options))


def bar_text(app) -> str:
    return app.screen.query_one(ReplayBar).words.plain


def scene_of(player, title: str) -> int:
    """The index of the scene with this title (scenes may be added before it)."""
    return next(n for n, scene in enumerate(player.scenario.scenes) if scene.title == title)


async def to_the_quiz(pilot) -> None:
    """Enter, line by line, until the replay asks a quiz."""
    while pilot.app.player.quiz is None:
        await pilot.press("enter")


async def go_to_scene(app, pilot, index: int | None) -> None:
    """`s`, then the scene list's line for scene `index` (None: restart the whole replay)."""
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScenesDialog)
    target = 0 if index is None else index + 1
    for _ in range(app.screen.query_one("OptionList").highlighted or 0):
        await pilot.press("up")
    await pilot.press(*["down"] * target, "enter")
    await settle(app, pilot)
