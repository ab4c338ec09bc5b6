"""`pmtui replay`: the app opened on a review with a training scenario playing over it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from pmtui.document.today import now
from pmtui.files.session import ReviewSession
from pmtui.training import scenario
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
        chars_per_second: float = 60.0,
        **options: Any,
    ) -> None:
        super().__init__(session, **options)
        self.player = player
        self.chars_per_second = chars_per_second

    def get_default_screen(self) -> Screen:
        return ReplayScreen(self.session, self.player, self.chars_per_second)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReplayScreen) and screen.replaying:
            for key in (*KEYS["replay"], *KEYS["replaying"]):
                yield SystemCommand(
                    f"Replay: {key.title}",
                    f"{key.help} ({key.label})",
                    partial(screen.run_replay_action, key.action),
                )


def make_replay_app(
    path: Path,
    *,
    scenario_name: str | None = None,
    learner: str = "",
    clock=now,
    autosave_delay: float = 2.0,
    chars_per_second: float = 60.0,
) -> ReplayApp:
    """The app replaying a scenario into the review at `path`.

    The scenario is `scenario_name` (a file or a bundled name) or found by the review's
    name. A review file that does not exist yet starts as the scenario's own review
    (written at the first change); one that exists is played over, and a line adds
    nothing it already holds. Both files load now, so a bad one fails before any screen.
    An existing file is opened as any other (what is on disk is remembered), so the
    replay's saves are not taken for someone else's change.
    """
    script = scenario.load(scenario.find(path, scenario_name))
    if path.exists():
        session = ReviewSession.open(path)
    else:
        session = ReviewSession(script.review.model_copy(deep=True), path)
    return ReplayApp(
        session,
        Player(script, session.review, learner),
        chars_per_second=chars_per_second,
        clock=clock,
        autosave_delay=autosave_delay,
    )
