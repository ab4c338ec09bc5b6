"""Where a replay stands, and what it has done to the review. No Textual here.

The `Player` steps forwards and backwards through a scenario, applying each line's effects
as the line starts and undoing them when the coach goes back over it, so the review always
holds exactly what has been said so far. A coach can jump to any scene (the effects up to
there are applied, those after it taken out), and record the answers the room, or each
learner, gives to a quiz: each is kept in the review (`quiz_answers`) as it is given, so a
replay quit before the reveal keeps them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pmtui.document.model import QuizAnswer, Review
from pmtui.training.scenario import LEARNER_MARK, Added, Effect, Line, Quiz, Scenario, Scene

THE_ROOM = "the room"
"""Who answers a quiz when the replay names no learner."""


@dataclass(frozen=True)
class Beat:
    """One step of a replay: a line of a scene, or (line None) the scene's quiz, or its
    table alone when it has neither lines nor quiz."""

    scene: int
    line: int | None


@dataclass
class Player:
    """Where a replay stands, and what it has done to the review.

    Before the first `next()` nothing is shown; after the last beat the replay is
    `finished`. A line appears progressively (`tick`), or whole (`show_all`); a quiz is
    asked first, answered (`choose`), and its answer shown on `reveal`.
    """

    scenario: Scenario
    review: Review
    learners: tuple[str, ...] = ()
    position: int = -1
    shown: int = 0
    revealed: bool = False
    chosen: dict[str, list[int]] = field(default_factory=dict)
    """The current quiz's answers so far: who → the indexes of the choices given."""
    turn: int = 0
    """Whose turn it is to answer the quiz: an index into `answering`."""
    beats: list[Beat] = field(init=False)
    _undo: list[list[tuple[int, Effect, Added]]] = field(init=False, default_factory=list)
    """For each beat played: each effect applied (its index in the line), what it added."""
    _left: dict[tuple[int, int], Added] = field(init=False, default_factory=dict)
    """What going back over a line left in the review, the room having changed it, by the
    (position, index) of its effect: going forward over the line again finds it there
    (`held`, edited or not) rather than adding it a second time beside the room's edit,
    and going back again takes it out if the room has put it back as the line added it."""
    _opened: Review = field(init=False)
    """The review as the replay found it."""

    def __post_init__(self) -> None:
        self._opened = self.review.model_copy(deep=True)
        self.learners = tuple(name.strip() for name in self.learners if name.strip())
        self.beats = [
            Beat(n, i)
            for n, scene in enumerate(self.scenario.scenes)
            for i in [*range(len(scene.lines)), *([None] if scene.quiz or not scene.lines else [])]
        ]

    @property
    def learner(self) -> str:
        """What `[student]` becomes: the learners named, else the scenario's learner."""
        names = self.learners
        if not names:
            return self.scenario.learner
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    @property
    def answering(self) -> tuple[str, ...]:
        """Who answers a quiz: each learner named, else the room as one."""
        return self.learners or (THE_ROOM,)

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
        """Text as spoken to these learners."""
        return text.replace(LEARNER_MARK, self.learner)

    def scene_start(self, scene: int) -> int:
        """The position of a scene's first beat (a scene with neither lines nor quiz: the
        next one's)."""
        return next(
            (n for n, beat in enumerate(self.beats) if beat.scene >= scene), len(self.beats)
        )

    def next(self) -> list[Effect]:
        """On to the next beat; the effects it applied to the review."""
        if self.finished:
            return []
        self.position += 1
        self._enter(shown=0)
        done: list[tuple[int, Effect, Added]] = []
        applied: list[Effect] = []
        for n, effect in enumerate(self.line.effects if self.line else ()):
            added = self._left.pop((self.position, n), None)
            if added is None or not added.held(self.review):
                added = effect.apply(self.review)
                if added is None:
                    continue
                applied.append(effect)
            done.append((n, effect, added))
        if not self.finished:
            self._undo.append(done)
        return applied

    def back(self) -> list[Effect]:
        """Back to the previous beat, shown whole; the effects it took out of the review:
        those this replay applied, and those whose parts the review held when the replay
        opened it (`_found`) of the line gone back over and every line after it: what an
        earlier replay of the file left is taken out too."""
        if not self.started:
            return []
        done = [] if self.finished else self._undo.pop()
        for n, _, added in reversed(done):
            if not added.take_back(self.review):
                self._left[(self.position, n)] = added.kept(self.review)
        self.position -= 1
        found = self._take_out_found()
        self._enter(shown=len(self.full_text))
        return found + [effect for _, effect, _ in done]

    def go_to(self, position: int) -> list[Effect]:
        """Stand at `position` (-1: before the start), the review holding what was said up
        to there, nothing after (what an earlier replay of the file left of the lines after
        it is taken out, a jump forward included), the line to be typed out anew; every
        effect applied or taken out."""
        position = max(-1, min(position, len(self.beats)))
        # Before the lines are said again: a line's text applied beside a later paragraph
        # still there would remember it as the line's, and going back would leave it.
        moved = self._take_out_found(beyond=position)
        while self.position > position:
            moved += self.back()
        while self.position < position:
            moved += self.next()
        self._enter(shown=0)
        return moved

    def jump_to_scene(self, scene: int) -> list[Effect]:
        return self.go_to(self.scene_start(scene))

    def restart_scene(self) -> list[Effect]:
        beat = self.beat
        return self.go_to(self.scene_start(beat.scene) if beat else self.position)

    def restart(self) -> list[Effect]:
        """Back before the first line: the review as the scenario starts it, with what the
        room changed."""
        return self.go_to(-1)

    @cached_property
    def _found(self) -> set[tuple[int, int]]:
        """(position, index) of each line's effect whose part the review held when the
        replay opened it though the scenario had not said it before that line: the review
        was replayed before (reopened after a quit), or filled in already. A step back over
        the line or a jump to before it takes it out, as it does what this replay added: a
        jump, back or forward, leaves what the scenes before said, nothing after. Found from
        copies, once, on the first step back or jump (the scenario played over the review
        as opened, and over its own review); each is taken out once (`_take_out_found`)."""
        opened, said = self._opened, self.scenario.review.model_copy(deep=True)
        found = set()
        for position, beat in enumerate(self.beats):
            lines = self.scenario.scenes[beat.scene].lines
            for n, effect in enumerate(lines[beat.line].effects if beat.line is not None else ()):
                held, said_before = effect.apply(opened) is None, effect.apply(said) is None
                if held and not said_before:
                    found.add((position, n))
        return found

    def _take_out_found(self, beyond: int | None = None) -> list[Effect]:
        """Take out of the review what it held when the replay opened it (`_found`) of what
        the lines after `beyond` (default: where the replay stands) add, the last line's
        first; the effects taken out. Each once: after that, an equal item is the room's
        (typed again by hand). Not what this replay added and going back left to the room
        (`_left`): the room's, whatever it holds now (a paragraph with the room's own
        after it)."""
        beyond = self.position if beyond is None else beyond
        taken = []
        for position, n in sorted(self._found, reverse=True):
            if position <= beyond:
                continue
            self._found.discard((position, n))
            if (position, n) in self._left:
                continue
            beat = self.beats[position]
            effect = self.scenario.scenes[beat.scene].lines[beat.line].effects[n]
            if effect.take_out(self.review):
                taken.append(effect)
        return taken

    def tick(self, chars: int = 1) -> bool:
        """Type out a few more characters; is the line still typing?"""
        self.shown = min(self.shown + chars, len(self.full_text))
        return self.typing

    def show_all(self) -> None:
        self.shown = len(self.full_text)

    @property
    def several(self) -> bool:
        """The quiz asked has more than one right choice: each learner ticks several."""
        return self.quiz is not None and len(self.quiz.answers) > 1

    def choose(self, choice: int) -> str | None:
        """Record choice `choice` (0-based) for the one whose turn it is; who it was
        recorded for, None if there is no such choice. With one right choice, the turn
        passes to the next who has not answered (all have: to the next, after the last to
        the first again: a second round corrects answers one by one, the others kept); with
        several, the choice is ticked or unticked, and `next_learner` passes the turn."""
        quiz = self.quiz
        if quiz is None or not 0 <= choice < len(quiz.choices) or self.revealed:
            return None
        who = self.answering[self.turn]
        if not self.several:
            self.chosen[who] = [choice]
            self.turn = self._turn_from(self.turn + 1)
        else:
            ticked = self.chosen.setdefault(who, [])
            if choice in ticked:
                ticked.remove(choice)
            else:
                ticked.append(choice)
            if not ticked:
                del self.chosen[who]
        self._keep(quiz, who)
        return who

    def next_learner(self) -> None:
        self.turn = (self.turn + 1) % len(self.answering)

    @property
    def answered_already(self) -> bool:
        """The one whose turn it is has an answer: the next one given replaces it."""
        return self.answering[self.turn] in self.chosen

    def _turn_from(self, start: int) -> int:
        """The turn of the first from `start` on (round the list) who has not answered;
        when all have, `start`'s: a round that corrects the answers one by one."""
        count = len(self.answering)
        order = [(start + n) % count for n in range(count)]
        return next((n for n in order if self.answering[n] not in self.chosen), start % count)

    def is_right(self, choices: list[int]) -> bool:
        """The choices are the quiz's right ones, all of them and no other."""
        quiz = self.quiz
        return quiz is not None and {quiz.choices[c] for c in choices} == set(quiz.answers)

    def reveal(self) -> None:
        """Show the answer of the quiz being asked (the answers are in the review already)."""
        if self.quiz is not None:
            self.revealed = True

    def _keep(self, quiz: Quiz, who: str) -> None:
        """Keep `who`'s answer so far in the review, in place of an earlier one; none
        once every choice is unticked."""
        question = self.say(quiz.question)
        answers = self.review.quiz_answers
        at = next(
            (n for n, a in enumerate(answers) if (a.question, a.learner) == (question, who)),
            len(answers),
        )
        choices = self.chosen.get(who)
        if not choices:
            answers[at : at + 1] = []
            return
        answer = "; ".join(quiz.choices[c] for c in sorted(choices))
        kept = QuizAnswer(
            question=question, learner=who, answer=answer, right=self.is_right(choices)
        )
        answers[at : at + 1] = [kept]

    def _enter(self, shown: int) -> None:
        self.revealed = False
        self.chosen = self._kept_answers()
        self.turn = self._turn_from(0)  # back on a quiz half answered, the next one answers
        self.shown = len(self.full_text) if self.quiz else shown

    def _kept_answers(self) -> dict[str, list[int]]:
        """The answers the review keeps for the quiz entered (back over it, or a class's
        copy replayed again), as the answers so far: the bar showed the quiz unanswered
        while the file kept them. Answering again replaces one; Enter keeps them."""
        quiz = self.quiz
        if quiz is None:
            return {}
        question = self.say(quiz.question)
        kept: dict[str, list[int]] = {}
        for answer in self.review.quiz_answers:
            given = set(answer.answer.split("; "))
            choices = [n for n, choice in enumerate(quiz.choices) if choice in given]
            if answer.question == question and choices:
                kept[answer.learner] = choices
        return kept
