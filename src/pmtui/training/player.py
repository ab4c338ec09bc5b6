"""Where a replay stands, and what it has done to the review. No Textual here.

The `Player` steps forwards and backwards through a scenario, applying each line's effects
as the line starts and undoing them when the coach goes back over it, so the review always
holds exactly what has been said so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmtui.document.model import Review
from pmtui.training.scenario import LEARNER_MARK, Effect, Line, Quiz, Scenario, Scene, Undo


@dataclass(frozen=True)
class Beat:
    """One step of a replay: a line of a scene, or (line None) the scene's quiz."""

    scene: int
    line: int | None


@dataclass
class Player:
    """Where a replay stands, and what it has done to the review.

    Before the first `next()` nothing is shown; after the last beat the replay is
    `finished`. A line appears progressively (`tick`), or whole (`show_all`); a quiz is
    asked first and its answer shown on `reveal`.
    """

    scenario: Scenario
    review: Review
    learner: str = ""
    position: int = -1
    shown: int = 0
    revealed: bool = False
    beats: list[Beat] = field(init=False)
    _undo: list[list[tuple[Effect, Undo]]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.learner = self.learner.strip() or self.scenario.learner
        self.beats = [
            Beat(n, i)
            for n, scene in enumerate(self.scenario.scenes)
            for i in [*range(len(scene.lines)), *([None] if scene.quiz else [])]
        ]

    @property
    def started(self) -> bool:
        return self.position >= 0

    @property
    def finished(self) -> bool:
        return self.position >= len(self.beats)

    @property
    def beat(self) -> Beat | None:
        return self.beats[self.position] if 0 <= self.position < len(self.beats) else None

    @property
    def scene(self) -> Scene | None:
        return self.scenario.scenes[self.beat.scene] if self.beat else None

    @property
    def line(self) -> Line | None:
        beat = self.beat
        return None if beat is None or beat.line is None else self.scene.lines[beat.line]

    @property
    def quiz(self) -> Quiz | None:
        beat = self.beat
        return self.scene.quiz if beat is not None and beat.line is None else None

    @property
    def speaker(self) -> str:
        return self.line.speaker if self.line else ""

    @property
    def full_text(self) -> str:
        if self.line:
            return self.say(self.line.text)
        return self.say(self.quiz.question) if self.quiz else ""

    @property
    def text(self) -> str:
        """What is on screen of the current line so far."""
        return self.full_text[: self.shown]

    @property
    def typing(self) -> bool:
        return self.shown < len(self.full_text)

    def say(self, text: str) -> str:
        """Text as spoken to this learner."""
        return text.replace(LEARNER_MARK, self.learner)

    def next(self) -> list[Effect]:
        """On to the next beat; the effects it applied to the review."""
        if self.finished:
            return []
        self.position += 1
        self._enter(shown=0)
        done: list[tuple[Effect, Undo]] = []
        for effect in self.line.effects if self.line else ():
            undo = effect.apply(self.review)
            if undo is not None:
                done.append((effect, undo))
        if not self.finished:
            self._undo.append(done)
        return [effect for effect, _ in done]

    def back(self) -> list[Effect]:
        """Back to the previous beat, shown whole; the effects it took out of the review."""
        if not self.started:
            return []
        done = [] if self.finished else self._undo.pop()
        for _, undo in reversed(done):
            undo()
        self.position -= 1
        self._enter(shown=len(self.full_text))
        return [effect for effect, _ in done]

    def tick(self, chars: int = 1) -> bool:
        """Type out a few more characters; is the line still typing?"""
        self.shown = min(self.shown + chars, len(self.full_text))
        return self.typing

    def show_all(self) -> None:
        self.shown = len(self.full_text)

    def reveal(self) -> None:
        """Show the answer of the quiz being asked."""
        if self.quiz is not None:
            self.revealed = True

    def _enter(self, shown: int) -> None:
        self.revealed = False
        self.shown = len(self.full_text) if self.quiz else shown
