"""Replay scripts for coaches: their format, how they load, and how one is found.
No Textual here.

A scenario is a TOML file (format in docs/scenarios.md): a title, the review a replay
starts from (its own `[review]`, or a `base` sample or file), and scenes of spoken lines.
A line can carry effects that fill the review (a timeline event, a finding, an answer, a
contributing factor, an action, a lesson, a decision); a scene can show a table and end
with a quiz. `player.Player` steps through it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pmtui.document import item_ids
from pmtui.document.model import Action, Event, Factor, Question, Review, SystemicIssue
from pmtui.errors import quoted
from pmtui.files import cache_entries, locations, problems, review_cache, store
from pmtui.training.scenario_files import SUFFIX, ScenarioError, listing

FORMAT = 1
LEARNER_MARK = "[student]"


class _Strict(BaseModel):
    """Scenario parts: a misspelt key is an error, not silently kept."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# Effects ----------------------------------------------------------------------------------


class EffectKind(StrEnum):
    EVENT = "event"
    FINDING = "finding"
    ANSWER = "answer"
    FACTOR = "factor"
    ACTION = "action"
    LESSON = "lesson"
    DECISION = "decision"


class LessonEffect(_Strict):
    kind: Literal["went well", "went wrong", "lucky", "systemic"]
    text: str = Field(min_length=1)
    owner: str = ""


class DecisionEffect(_Strict):
    text: str = Field(min_length=1)


FindingField = Literal[
    "summary",
    "impact_summary",
    "what_happened",
    "resolution",
    "long_term_fix",
    "root_cause",
    "why_not_caught",
    "moving_forward",
]


class FindingEffect(_Strict):
    field: FindingField
    text: str = Field(min_length=1)


class AnswerEffect(_Strict):
    prompt: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    section: str = "findings"


SHAPES: dict[EffectKind, type[BaseModel]] = {
    EffectKind.EVENT: Event,
    EffectKind.FINDING: FindingEffect,
    EffectKind.ANSWER: AnswerEffect,
    EffectKind.FACTOR: Factor,
    EffectKind.ACTION: Action,
    EffectKind.LESSON: LessonEffect,
    EffectKind.DECISION: DecisionEffect,
}
"""Which keys each kind of effect takes: those of the review part it adds."""


class Effect(BaseModel):
    """`add = "<kind>"` and the keys of what it adds (an action's `id` is given for you)."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    add: EffectKind

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    @model_validator(mode="after")
    def _fields_fit(self) -> Effect:
        shape = SHAPES[self.add]
        unknown = sorted(set(self.fields) - set(shape.model_fields))
        if unknown:
            known = ", ".join(name for name in shape.model_fields if name != "id")
            takes = f"{problems.UNKNOWN_KEY} (add = {self.add.value!r} takes {known})"
            raise problems.inner(((key,), takes) for key in unknown)
        try:
            shape.model_validate({"id": "A0", **self.fields} if shape is Action else self.fields)
        except ValidationError as error:
            raise problems.inner_of(error) from None
        return self

    def apply(self, review: Review) -> Added | None:
        """Do it to the review; what it added (None: the review already held it)."""
        return _CHANGE[self.add](self.fields, review).apply(review)

    def take_out(self, review: Review) -> bool:
        """Take out of the review what this effect adds, found by value as it adds it
        (an action whatever its id); has it? What the room changed since stays. For what an
        earlier replay left, which no undo of this one's knows."""
        return _CHANGE[self.add](self.fields, review).take_out(review)

    def held_in(self, review: Review) -> tuple[list[Any], Any] | None:
        """The list of the review this effect adds an item to, and the item of it that is
        the one the effect adds (None: not there, taken out); None for an effect on a text
        field. Where a screen shows what the effect did."""
        change = _CHANGE[self.add](self.fields, review)
        if not isinstance(change, _Append):
            return None
        items = change.items_of(review)
        return items, next((item for item in items if change.same(item)), None)


Place = Callable[[Review], Any]
"""Where an effect writes, found from the review (`lambda r: r.actions`)."""


@dataclass(frozen=True)
class _Append:
    """An item added to a list, unless the list holds one that is `same` already."""

    items_of: Place
    item: Any
    same: Callable[[Any], bool]

    def apply(self, review: Review) -> _AddedItem | None:
        """An event or a factor goes in with the id a save would give it (`item_ids`): the
        room may edit it before that save, and going back and forth finds it by that id."""
        items = self.items_of(review)
        if any(self.same(other) for other in items):
            return None
        item = self.item
        if type(item) in item_ids.GIVEN and not item.id:
            item = item.model_copy(update={"id": item_ids.new_id(item, items)})
        items.append(item)
        # as added: the item itself may be edited in the review
        return _AddedItem(self.items_of, copy.deepcopy(item), len(items) - 1)

    def take_out(self, review: Review) -> bool:
        item = self.item
        if isinstance(item, Action):  # its id was the next free one when it went in
            return _remove(self.items_of(review), item, lambda other: item.id)
        return _remove(self.items_of(review), item)


@dataclass(frozen=True)
class _AddedItem:
    """An item an `_Append` put at `place` in a list, as it put it there.

    An undo, a redo or a reload may have put fresh copies of the review's parts in place,
    so the item is found again from the review, never as the object first added: by value
    to take it back (what the room changed since stays), by its id to find it whatever the
    room made of it (an action's `A3`; an event's or a factor's, given as it went in).
    An item with no id (a lesson, a decision: plain text) is known by what the room had
    made of it when going back kept it (`kept`): found by its place then, and by that value
    after, wherever it stands (by its place alone, a deletion before it made another item
    stand for it, and the line added a second copy).
    """

    items_of: Place
    item: Any
    place: int
    left: Any = None
    """An item with no id as the room had left it when going back kept it (None: not
    known, as for one the room deleted)."""

    def take_back(self, review: Review) -> bool:
        """Take the item out unless the room changed it since; was it taken out?"""
        return _remove(self.items_of(review), self.item)

    def kept(self, review: Review) -> _AddedItem:
        """This, once going back has left the item to the room: knowing what it holds now."""
        items = self.items_of(review)
        if getattr(self.item, "id", "") or self.place >= len(items):
            return self
        return replace(self, left=items[self.place])

    def held(self, review: Review) -> bool:
        """Whether the list still holds the item, whatever it holds now."""
        items = self.items_of(review)
        if given := getattr(self.item, "id", ""):
            return any(other.id == given for other in items)
        return self.left is not None and self.left in items


def _remove(items: list[Any], item: Any, id_of: Callable[[Any], str] | None = None) -> bool:
    """Take out the first item that is still `item` as added (none: someone changed it;
    it stays), its id taken as `id_of` it when given; was one?"""
    for index, other in enumerate(items):
        if id_of is not None:
            other = other.model_copy(update={"id": id_of(other)})
        if _as_added(other, item) == item:
            del items[index]
            return True
    return False


def _as_added(other: Any, added: Any) -> Any:
    """`other` without the id a save gave it when `added` has none (as `take_out` makes
    it, to find what an earlier replay left): that id (`item_ids`, given to every event and
    factor before each save) is bookkeeping for merges, not a change the room made."""
    given = type(other) in item_ids.GIVEN and other.id and not getattr(added, "id", "")
    return other.model_copy(update={"id": ""}) if given else other


@dataclass(frozen=True)
class _AddText:
    """`text` put into a text field, after what is there already, unless it holds it."""

    target_of: Place
    name: str
    text: str

    def apply(self, review: Review) -> _AddedText | None:
        target = self.target_of(review)
        old = getattr(target, self.name)
        if self.text in old:
            return None
        new = f"{old}\n\n{self.text}" if old else self.text
        setattr(target, self.name, new)
        return _AddedText(self.target_of, self.name, before=old, after=new)

    def take_out(self, review: Review) -> bool:
        """Only the text as its own paragraph (the last such), wherever it stands: what was
        typed into it keeps it, and the paragraphs around it stay (a paragraph a later line
        added, which the room edited, no longer pins those before it)."""
        target = self.target_of(review)
        held = "" if target is None else getattr(target, self.name)
        found = list(re.finditer(rf"(\A|\n\n){re.escape(self.text)}(?=\n\n|\Z)", held))
        if not found:
            return False
        last, after = found[-1], held[found[-1].end() :]
        # the blank line before the paragraph goes with it; the first one's, the one after
        setattr(target, self.name, held[: last.start()] + (after if last[1] else after[2:]))
        return True


@dataclass(frozen=True)
class _AddedText:
    """A paragraph an `_AddText` put into a field that held `before`, leaving `after`.

    Once the room has edited the field, the paragraph is the room's: going back leaves the
    field as the room wrote it, and the paragraph counts as there, edited or not, while the
    field holds something other than what it held before the line. A field can hold no
    mark of where a paragraph begins or ends once it is edited, so what the room changed in
    it stands for the line's paragraph: the line adds it again only where the room took
    the field back to what it held before (or emptied it).
    """

    target_of: Place
    name: str
    before: str
    after: str

    def take_back(self, review: Review) -> bool:
        """Put back what the field held before, while it holds what the line left; did it?"""
        target = self.target_of(review)
        if target is None or getattr(target, self.name) != self.after:
            return False
        setattr(target, self.name, self.before)
        return True

    def kept(self, review: Review) -> _AddedText:
        return self

    def held(self, review: Review) -> bool:
        target = self.target_of(review)
        now = "" if target is None else getattr(target, self.name)
        return now not in ("", self.before)


Change = _Append | _AddText
Added = _AddedItem | _AddedText
"""What an effect put into the review: how to take it back (`take_back`), what the room
made of it when going back left it (`kept`), and how to find it again whatever the room
made of it (`held`)."""


def _event(fields: dict[str, Any], review: Review) -> Change:
    event = Event.model_validate(fields, context={"zone": review.zone})
    same = (event.at, event.text)
    return _Append(lambda r: r.timeline, event, lambda o: (o.at, o.text) == same)


def _factor(fields: dict[str, Any], review: Review) -> Change:
    factor = Factor.model_validate(fields)
    return _Append(lambda r: r.factors, factor, lambda o: o.factor == factor.factor)


def _action(fields: dict[str, Any], review: Review) -> Change:
    action = Action.model_validate({"id": review.next_action_id(), **fields})
    return _Append(lambda r: r.actions, action, lambda o: o.title == action.title)


def _lesson(fields: dict[str, Any], review: Review) -> Change:
    lesson = LessonEffect.model_validate(fields)
    if lesson.kind == "systemic":
        issue = SystemicIssue(issue=lesson.text, owner=lesson.owner)
        same = issue.issue
        return _Append(lambda r: r.lessons.systemic, issue, lambda o: o.issue == same)
    kind = lesson.kind.replace(" ", "_")
    return _Append(lambda r: getattr(r.lessons, kind), lesson.text, lesson.text.__eq__)


def _decision(fields: dict[str, Any], review: Review) -> Change:
    text = DecisionEffect.model_validate(fields).text
    return _Append(lambda r: r.meeting.decisions, text, text.__eq__)


def _finding(fields: dict[str, Any], review: Review) -> Change:
    finding = FindingEffect.model_validate(fields)
    return _AddText(lambda r: r.incident, finding.field, finding.text)


def _answer(fields: dict[str, Any], review: Review) -> Change:
    answer = AnswerEffect.model_validate(fields)

    def question_of(r: Review) -> Question | None:
        return next((q for q in r.questions if q.prompt == answer.prompt), None)

    if question_of(review) is None:
        new = Question(section=answer.section, prompt=answer.prompt, answer=answer.answer)
        return _Append(lambda r: r.questions, new, lambda o: False)
    return _AddText(question_of, "answer", answer.answer)


_CHANGE: dict[EffectKind, Callable[[dict[str, Any], Review], Change]] = {
    EffectKind.EVENT: _event,
    EffectKind.FINDING: _finding,
    EffectKind.ANSWER: _answer,
    EffectKind.FACTOR: _factor,
    EffectKind.ACTION: _action,
    EffectKind.LESSON: _lesson,
    EffectKind.DECISION: _decision,
}
"""What each kind of effect changes, made from its keys and the review it changes."""


# The script -------------------------------------------------------------------------------


class Line(_Strict):
    speaker: str = Field(min_length=1)
    text: str
    effects: list[Effect] = []


MOST_CHOICES = 9


class Quiz(_Strict):
    question: str = Field(min_length=1)
    choices: list[str] = Field(min_length=2)
    answers: list[str] = Field(min_length=1)
    explain: str = ""

    @field_validator("choices")
    @classmethod
    def _one_digit_each(cls, choices: list[str]) -> list[str]:
        """Learners answer with a digit key, 1 to 9: a tenth choice could not be given."""
        if len(choices) > MOST_CHOICES:
            raise ValueError(
                f"at most {MOST_CHOICES} choices, one per digit key that answers (got "
                f"{len(choices)})"
            )
        return choices

    @model_validator(mode="after")
    def _answers_are_choices(self) -> Quiz:
        wrong = [answer for answer in self.answers if answer not in self.choices]
        if wrong:
            raise problems.inner(
                (("answers",), f"answer {quoted(answer)} is not one of the choices")
                for answer in wrong
            )
        return self


class SceneTable(_Strict):
    """A table shown on screen with its scene (the dojo's From→To table, say)."""

    title: str = Field(min_length=1)
    columns: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_fit_the_columns(self) -> SceneTable:
        width = len(self.columns)
        wrong = [(n, len(row)) for n, row in enumerate(self.rows, start=1) if len(row) != width]
        if wrong:
            raise problems.inner(
                (
                    ("rows",),
                    f"row {n} has {cells} cell{'s' * (cells != 1)}, not {width} (one per column)",
                )
                for n, cells in wrong
            )
        return self


class Scene(_Strict):
    title: str = Field(min_length=1)
    lines: list[Line] = []
    quiz: Quiz | None = None
    table: SceneTable | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Scene:
        if not self.lines and self.quiz is None and self.table is None:
            raise ValueError("a scene needs lines, a quiz, a table, or any mix of them")
        return self


class Scenario(_Strict):
    scenario: int = Field(default=FORMAT, ge=1, le=FORMAT)
    """The format version (the key also marks the file as a scenario)."""
    title: str = Field(min_length=1)
    credit: str = ""
    learner: str = "the student"
    base: str = ""
    """A bundled sample's name or a review file (relative to the scenario) to start from
    instead of `[review]`; `load` reads it into `review`."""
    review: Review = Field(default_factory=Review)
    """The review a replay starts from when its file does not exist yet."""
    scenes: list[Scene] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_starting_review(self) -> Scenario:
        if self.base and "review" in self.model_fields_set:
            both = "base and [review] both give the review to start from: keep one"
            raise problems.inner([(("base",), both)])
        return self


def dated_for(script: Scenario, today: dt.date) -> Scenario:
    """The scenario as replayed on `today`: its review is dated today, and its actions fall
    due as long after today as they fell due after its own review date (replayed a week
    later, the dojo's actions were all overdue at once). Unchanged on or before that date."""
    held = script.review.incident.review_date
    if held is None or today <= held:
        return script
    later = today - held
    # Copies with their dates moved, not validated again: a date plus days is a date (and
    # a replay of a scenario read before needs no validator built before its first frame).
    incident = script.review.incident.model_copy(update={"review_date": today})
    actions = [
        action if action.due is None else action.model_copy(update={"due": action.due + later})
        for action in script.review.actions
    ]
    review = script.review.model_copy(update={"incident": incident, "actions": actions})
    review = review.model_copy(deep=True)
    scenes = [_scene_later(scene, later) for scene in script.scenes]
    return script.model_copy(update={"review": review, "scenes": scenes})


def _scene_later(scene: Scene, later: dt.timedelta) -> Scene:
    lines = [
        line.model_copy(update={"effects": [_later(effect, later) for effect in line.effects]})
        for line in scene.lines
    ]
    return scene.model_copy(update={"lines": lines})


def _later(effect: Effect, later: dt.timedelta) -> Effect:
    """An action's effect with its due date `later`; any other effect as it is."""
    due = effect.fields.get("due")
    if effect.add is not EffectKind.ACTION or due is None:
        return effect
    try:  # a date, or one written as text, a midnight included (validation took them all)
        due = due if isinstance(due, dt.date) else dt.datetime.fromisoformat(str(due)).date()
    except ValueError:
        return effect
    return effect.model_copy(update={"due": due + later})


# Files ------------------------------------------------------------------------------------


REVIEW_TABLES = frozenset({"incident", "timeline", "actions", "people"})
"""Tables of a review that a scenario never has at its top."""


def load(path: Path) -> Scenario:
    """Read and validate a scenario; raise `ScenarioError` naming each of its problems,
    one line each."""
    return from_text(path, store.read_text(path, "scenario file"))


def from_text(path: Path, text: str) -> Scenario:
    """The scenario `text`, read from `path`, holds (as `load`)."""
    try:
        data = store.parse(path, text)
    except store.ReviewFileError as error:
        raise ScenarioError(str(error)) from None
    if "scenes" not in data and REVIEW_TABLES & data.keys():
        # A review named where a scenario goes (`--scenario review.toml`, the sample and the
        # scenario share a name): one line, not one per review table the schema does not know.
        raise ScenarioError(
            f"{path}: a review, not a scenario (it has no scenes); "
            "--scenario takes a scenario file or a bundled scenario's name"
        )
    script = cache_entries.kept(
        "scenario",
        path,
        text,
        partial(_validated, data, path, text),
        lambda kept: isinstance(kept, Scenario),
        CACHED_CLASSES,
    )
    return _on_its_base(script, path, text) if script.base else script


CACHED_CLASSES = (__name__, "pmtui.document.model")
"""A scenario as validated is kept (`cache_entries`), as a review is (`review_cache`): the
validators of a scenario and of its review are built on first use, and a replay of one read
before starts without them (about 75 ms of the Pet Clinic scenario's start)."""


def _validated(data: dict[str, Any], path: Path, text: str) -> Scenario:
    review = data.get("review")
    zone = store.zone_of(review) if isinstance(review, dict) else None
    try:
        return Scenario.model_validate(data, context={"zone": zone})
    except ValidationError as error:
        raise ScenarioError("\n".join(problems.schema_lines(path, text, error))) from None


def _on_its_base(script: Scenario, path: Path, text: str) -> Scenario:
    """`script` starting from the review its `base` names."""
    base = base_file(path.parent, script.base)
    if base is None:
        known = listing("samples", script.base, locations.samples())
        message = f"no such sample or file {quoted(script.base)}{known or ' (samples: none)'}"
        raise ScenarioError(problems.at(path, text, ("base",), message))
    try:
        review, _ = review_cache.review_of(base, store.read_text(base))
    except store.ReviewFileError as error:
        raise ScenarioError(str(error)) from None
    return script.model_copy(update={"review": review})


def base_file(folder: Path, base: str) -> Path | None:
    """The review a scenario's `base` names: a bundled sample (by its name, or the start
    of it up to a dash when only one sample starts so: `incident-19`), else a file
    relative to `folder`; None when there is none."""
    samples = locations.samples()
    if base in samples:
        return samples[base]
    starting = [path for name, path in samples.items() if name.startswith(f"{base}-")]
    if len(starting) == 1:
        return starting[0]
    file = folder / base
    return file if store.is_file(file) else None


def is_scenario(path: Path, data: dict) -> bool:
    """A scenario by its name (`*.scenario.toml`) or its content `data` (a `scenes` list)."""
    return path.name.endswith(SUFFIX) or "scenes" in data
