"""`pmtui replay`: the app opened on a review with a training scenario playing over it.

As `pmtui FILE`, the command reads the scenario and the review before the first frame when
both are small (`opens_at_once`), else after a first frame (the review's name), off the UI
thread; either way keys typed until the replay is on screen wait and go to it in order.
Tests build the app with both read at once and no keys held (`as_command=False`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from pmtui.document.today import now
from pmtui.files import store
from pmtui.training.pace import DEFAULT, PaceError, pace_setting, read_pace
from pmtui.tui.app import PmtuiApp
from pmtui.tui.loading import new_review_at, no_file_at, opens_at_once

if TYPE_CHECKING:
    from pmtui.document.model import Review
    from pmtui.files.session import ReviewSession


@dataclass(frozen=True)
class Wanted:
    """What the coach asked for on the command line."""

    scenario_name: str | None = None
    learners: tuple[str, ...] = ()
    scene: int | None = None
    """1-based, as typed."""


def _played_over(path: Path, review: Review, start: Review, scenario: str) -> str | None:
    """A line saying the review already holds more than the scenario starts with (a copy
    filled in already, a session played before), or None."""
    more = len(review.timeline) - len(start.timeline), len(review.actions) - len(start.actions)
    if max(more) <= 0:
        return None
    return (
        f"Replaying into {path.name} as it is: it holds {len(review.timeline)} events and "
        f"{len(review.actions)} actions already. For a fresh start, name a new file: "
        f"pmtui replay NEW --scenario {scenario}"
    )


class ReplayApp(PmtuiApp):
    def __init__(
        self,
        path: Path,
        wanted: Wanted,
        *,
        chars_per_second: float | None = None,
        as_command: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(None, opening=path if as_command else None, **options)
        # The command names the scenario's file; a bundled one's name is no file (small).
        files = [path, *([Path(wanted.scenario_name)] if wanted.scenario_name else [])]
        at_once = not as_command or all(map(opens_at_once, files))
        self.wanted = wanted
        self.player = None
        self.played_over: str | None = None
        """What an existing review replayed over holds beyond the scenario's start."""
        self.chars_per_second = (
            self._pace_setting() if chars_per_second is None else chars_per_second
        )
        if at_once:  # read now: a bad file fails before any screen
            self.session = self.read_review(path)

    def read_review(self, path: Path) -> ReviewSession:
        """The scenario, and the review it plays into: a file that does not exist yet, or an
        empty one, starts as the scenario's own review (written at the first change); a
        review is played over, and a line adds nothing it already holds; a file that is
        no review (`pyproject.toml`) is refused with its one line. An existing file is opened as any
        other (what is on disk is remembered), so the replay's saves are not taken for
        someone else's change. A scenario, or a file shipped with pmtui, is never played
        into (`refuse_to_write`)."""
        from pmtui.files.session import ReviewSession
        from pmtui.training import scenario, scenario_files
        from pmtui.training.player import Player
        from pmtui.tui.screens import replay  # noqa: F401  # off the UI thread if read late

        found = scenario_files.find(path, self.wanted.scenario_name)
        scenario_files.refuse_to_write(path, found)
        script = scenario.dated_for(scenario.load(found), self.clock().date())
        scene = self.wanted.scene
        if scene is not None and not 1 <= scene <= len(script.scenes):
            raise scenario.ScenarioError(
                f"--scene {scene}: {script.title!r} has scenes 1 to {len(script.scenes)}"
            )
        read = None if no_file_at(path) else ReviewSession.open(path)
        if read is not None:  # a scenario is said to be one, before it is said to be no review
            holds_scenes = scenario.is_scenario(path, read.review.model_extra or {})
            scenario_files.refuse_to_write(path, found, holds_scenes=holds_scenes)
            store.a_review_or_nothing(read.review, path)
        if read is not None and not store.holds_nothing(read.review):
            session = read
            name = found.name.removesuffix(scenario_files.SUFFIX).removesuffix(".toml")
            self.played_over = _played_over(path, session.review, script.review, name)
        else:  # no file yet, or an empty one
            session = new_review_at(path, script.review.model_copy(deep=True), read)
        self.player = Player(script, session.review, self.wanted.learners)
        return session

    def review_screen(self, session: ReviewSession) -> Screen:
        from pmtui.tui.screens.replay import ReplayScreen

        if self.played_over:  # the room would see the answers before the scenes that make them
            self.notify(self.played_over, severity="warning", timeout=15, markup=False)

        scene = self.wanted.scene
        start = None if scene is None else scene - 1
        return ReplayScreen(session, self.player, self.chars_per_second, start)

    def rebuild(self) -> None:
        """The replay goes on in the review that replaced the one it played into (reloaded
        from disk, restored): its lines add to the review on screen, and going back takes
        out of it, not of the one left behind."""
        if self.player is not None and self.session is not None:
            self.player.review = self.session.review
        super().rebuild()

    def _pace_setting(self) -> float:
        """The pace chosen last time (`p` on the bar), or the default."""
        try:
            return read_pace(self.settings.replay_pace or DEFAULT)
        except PaceError:
            return read_pace(DEFAULT)

    def remember_pace(self, speed: float) -> None:
        self._remember(self.settings.set_replay_pace, pace_setting(speed))


def make_replay_app(
    path: Path,
    *,
    scenario_name: str | None = None,
    learners: Sequence[str] = (),
    scene: int | None = None,
    clock=now,
    autosave_delay: float = 2.0,
    chars_per_second: float | None = None,
    as_command: bool = False,
) -> ReplayApp:
    """The app replaying a scenario (`scenario_name`: a file or a bundled name; else found
    by the review's name) into the review at `path`, from scene `scene` (1-based) on, the
    review holding what the scenes before it said. `as_command` starts it as `pmtui replay`
    does: keys typed until the replay is on screen wait, and a scenario or review too large
    to read at once is read after a first frame: a bad one then ends the app with its one
    line in `app.problem`. Otherwise a bad one fails here."""
    return ReplayApp(
        path,
        Wanted(scenario_name, tuple(learners), scene),
        chars_per_second=chars_per_second,
        as_command=as_command,
        clock=clock,
        autosave_delay=autosave_delay,
    )
