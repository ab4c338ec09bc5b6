"""`pmtui replay`: the app opened on a review with a training scenario playing over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from pmtui.document.today import now
from pmtui.files.session import ReviewSession
from pmtui.training import scenario
from pmtui.training.pace import DEFAULT, PaceError, pace_name, read_pace
from pmtui.training.player import Player
from pmtui.tui.app import PmtuiApp
from pmtui.tui.keys import KEYS
from pmtui.tui.screens.replay import ReplayScreen


class ReplayApp(PmtuiApp):
    def __init__(
        self,
        session: ReviewSession,
        player: Player,
        *,
        chars_per_second: float | None = None,
        start_scene: int | None = None,
        **options: Any,
    ) -> None:
        super().__init__(session, **options)
        self.player = player
        self.chars_per_second = (
            self._pace_setting() if chars_per_second is None else chars_per_second
        )
        self.start_scene = start_scene

    def _pace_setting(self) -> float:
        """The pace chosen last time (`p` on the bar), or the default."""
        try:
            return read_pace(self.settings.replay_pace or DEFAULT)
        except PaceError:
            return read_pace(DEFAULT)

    def remember_pace(self, speed: float) -> None:
        self._remember(self.settings.set_replay_pace, pace_name(speed).removesuffix(" chars/s"))

    def get_default_screen(self) -> Screen:
        return ReplayScreen(self.session, self.player, self.chars_per_second, self.start_scene)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReplayScreen) and screen.replaying:
            for key in PALETTE_KEYS:
                yield SystemCommand(
                    f"Replay: {key.title}",
                    f"{key.help} ({key.label})",
                    partial(screen.run_replay_action, key.action),
                )


PALETTE_KEYS = (
    *(key for key in KEYS["replay"] if not key.action.startswith("choose(")),
    KEYS["replaying"][0],
)
"""The replay's keys in the command palette: not the nine answer keys (a quiz says them)."""


def make_replay_app(
    path: Path,
    *,
    scenario_name: str | None = None,
    learners: Sequence[str] = (),
    scene: int | None = None,
    clock=now,
    autosave_delay: float = 2.0,
    chars_per_second: float | None = None,
) -> ReplayApp:
    """The app replaying a scenario into the review at `path`.

    The scenario is `scenario_name` (a file or a bundled name) or found by the review's
    name. A review file that does not exist yet starts as the scenario's own review
    (written at the first change); one that exists is played over, and a line adds
    nothing it already holds. Both files load now, so a bad one fails before any screen.
    An existing file is opened as any other (what is on disk is remembered), so the
    replay's saves are not taken for someone else's change. `scene` (1-based) starts the
    replay there, the review holding what the scenes before it said.
    """
    script = scenario.load(scenario.find(path, scenario_name))
    if scene is not None and not 1 <= scene <= len(script.scenes):
        raise scenario.ScenarioError(
            f"--scene {scene}: {script.title!r} has scenes 1 to {len(script.scenes)}"
        )
    if path.exists():
        session = ReviewSession.open(path)
    else:
        session = ReviewSession(script.review.model_copy(deep=True), path)
    return ReplayApp(
        session,
        Player(script, session.review, tuple(learners)),
        chars_per_second=chars_per_second,
        start_scene=None if scene is None else scene - 1,
        clock=clock,
        autosave_delay=autosave_delay,
    )
