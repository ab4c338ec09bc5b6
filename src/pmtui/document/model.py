"""The review document: one `Review` root, pydantic v2 models, no I/O.

Every model keeps keys it does not know (`extra="allow"`), so a file written by a newer
pmtui, or edited by a person, loses nothing when this version saves it again.
Datetimes are always timezone-aware: a local datetime in a file is read in the review's
own timezone (`incident.timezone`). Text is always well formed (see `well_formed`).

A list defaults to a new empty one (`empty_list`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from itertools import pairwise
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    Strict,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from pmtui import SCHEMA_VERSION
from pmtui.document.characters import mended
from pmtui.errors import quoted

SEVERITY_SUGGESTIONS = (
    "SEV1",
    "SEV2",
    "SEV3",
    "SEV4",
    "SEV5",
    "P0",
    "P1",
    "P2",
    "P3",
    "P4",
    "Critical",
    "High",
    "Medium",
    "Low",
)


def _aware(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    """An instant with a fixed UTC offset, as a TOML file stores it.

    A local datetime is read in the zone given as validation context (default UTC). A
    zone's rules become the offset in force, so equal instants always compare equal (even
    in a DST fold) and a saved file reads back the same.

    Not in year 1 or 9999, where Python's datetime ends: such a time cannot always be
    moved to another zone, and a file holding one is refused when read (`store`). Typed,
    imported or from a template, it is refused here, before it is saved.
    """
    if value.year in (dt.MINYEAR, dt.MAXYEAR):
        raise ValueError(
            f"year {value.year} is out of range "
            f"(times must be in the years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})"
        )
    if value.tzinfo is None:
        value = value.replace(tzinfo=(info.context or {}).get("zone") or dt.UTC)
    offset = value.utcoffset()
    if isinstance(value.tzinfo, dt.timezone) or offset is None:
        return value
    return value.astimezone(dt.timezone(offset))


def _new_list() -> list:
    return []


def empty_list() -> Any:
    """A list field's default: a new empty list for each instance.

    Not `= []`, which pydantic deep-copies for each instance (about a fifth of validating a
    10,000-event review); nor `default_factory=list`, whose signature pydantic reads slowly
    (a builtin's) when it builds a validator, about 0.4 ms a field.
    """
    return Field(default_factory=_new_list)


TOML_INT_MAX = 2**63 - 1
"""The largest whole number a TOML file holds: one typed larger would be saved in a file
no TOML reader reads back."""

YesNo = Annotated[bool, Strict()]
"""`true` or `false`: pydantic would also take "yes", "off" or 1 from a file, which a
person never wrote as TOML's yes/no, so a typo like `approx = "yes"` is an error."""


def _no_number(kind: str, example: str) -> BeforeValidator:
    """A date or a time is written as one (or as text that reads as one), never as a
    number: pydantic would read `due = 0` as 1970-01-01, seconds since then."""

    def check(value: Any) -> Any:
        if isinstance(value, int | float):
            raise ValueError(f"{kind}, not a number: write it like {example}")
        return value

    return BeforeValidator(check)


Moment = Annotated[
    dt.datetime, _no_number("a date and time", "2026-11-20T14:05:00Z"), AfterValidator(_aware)
]
"""A timezone-aware datetime; `store.load` passes the review's zone for local ones."""

Day = Annotated[dt.date, _no_number("a date", "2026-11-20")]


def _figure_as_text(value: Any) -> Any:
    """A number or a yes/no where the field holds free text, as TOML spells it: a person
    writes a figure bare (`value = 1200`, `value = true`) as the README's examples show
    it. The file keeps it bare: a save changes only what was edited."""
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int or type(value) is float:
        return str(value)
    return value


Figure = Annotated[str, BeforeValidator(_figure_as_text)]
"""Free text that is often a figure: an impact row's value ("1200", "4h", "yes")."""


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone of that name, or None when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in review"
    REVIEWED = "reviewed"
    PUBLISHED = "published"


class Milestone(StrEnum):
    """The standard timeline milestones, in the order an incident passes them."""

    IMPACT_STARTED = "impact started"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    DECLARED = "declared"
    FIRST_MITIGATION = "first mitigation"
    MITIGATED = "mitigated"
    ROOT_CAUSE = "root cause identified"
    RESOLVED = "resolved"
    ALL_CLEAR = "all clear"


class ImpactCategory(StrEnum):
    CUSTOMER = "customer"
    SYSTEM = "system"
    REPUTATION = "reputation"
    INTERNAL = "internal"
    EXTERNAL = "external"
    METRICS = "metrics"


class FactorKind(StrEnum):
    IMMEDIATE = "immediate"
    CONTRIBUTING = "contributing"
    SYSTEMIC = "systemic"


class Effect(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class Priority(StrEnum):
    P0 = "P0"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    WONT_DO = "won't do"


class ActionKind(StrEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"
    DOCUMENT = "document"


class Horizon(StrEnum):
    SHORT = "short term"
    LONG = "long term"


class Phase(StrEnum):
    """The five incident life-cycle phases of the Online DevOps Dojo."""

    DETECTION = "detection"
    RESPONSE = "response"
    REMEDIATION = "remediation"
    ANALYSIS = "analysis"
    READINESS = "readiness"


class Part(BaseModel):
    """Base of every part of the document: keeps unknown keys, checks assignments.

    Validators are built on first use, not on import: a review opened before comes from
    `review_cache` without them, and its meeting screen is up before they are needed."""

    model_config = ConfigDict(extra="allow", validate_assignment=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _well_formed_text(cls, value: Any) -> Any:
        """Every text as `well_formed` makes it, on load, on creation and on assignment.

        Only text and lists of text here: nested parts see to their own fields (walking
        them here too made validating a 10,000-event review three times as slow).
        """
        if type(value) is str:
            return well_formed(value)
        if type(value) is list and all(type(v) is str for v in value):
            return [well_formed(v) for v in value]
        return value

    @model_validator(mode="before")
    @classmethod
    def _well_formed_unknown_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        unknown = data.keys() - field_names(cls)
        if not unknown:
            return data
        return {k: _well_formed_values(v) if k in unknown else v for k, v in data.items()}


@cache
def field_names(part: type[Part]) -> frozenset[str]:
    """The fields a kind of part declares (pydantic's `model_fields` is a slow lookup, and
    validating or exporting a large review asks it tens of thousands of times)."""
    return frozenset(part.model_fields)


class Incident(Part):
    id: str = ""
    title: str = ""
    severity: str = ""
    status: Status = Status.DRAFT
    timezone: str = "UTC"
    started_at: Moment | None = None
    ended_at: Moment | None = None
    duration: str = ""
    review_date: Day | None = None
    services: list[str] = empty_list()
    tags: list[str] = empty_list()
    goals: list[str] = empty_list()
    summary: str = ""
    impact_summary: str = ""
    what_happened: str = ""
    resolution: str = ""
    long_term_fix: str = ""
    root_cause: str = ""
    why_not_caught: str = ""
    moving_forward: str = ""
    chat_logs: list[str] = empty_list()
    recordings: list[str] = empty_list()

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if zone_named(value) is None:
            raise ValueError(
                f"unknown timezone {quoted(value)} (use an IANA name such as Europe/Paris)"
            )
        return value


class Participant(Part):
    id: str = ""
    """A short id from the item's content, given once and kept (`item_ids`)."""
    name: str
    role: str = ""
    incident_roles: list[str] = empty_list()
    present: YesNo | None = None
    """Whether they attended the review; None: nobody recorded it."""
    contact: str = ""
    spoke: int = Field(default=0, ge=0, le=TOML_INT_MAX)
    """How many times the facilitator marked this person as speaking in the meeting."""


class Event(Part):
    """One entry of the timeline.

    `milestone` lists the milestones the entry marks: the file's `milestone` is one name
    or a list. A date with no time in the file (`at = 2018-10-22`) is read as the start of
    that day with `day_only` set, and is written back as the date.
    """

    id: str = ""
    """A short id from the item's content, given once and kept (`item_ids`)."""
    at: Moment
    text: str = ""
    milestone: list[Milestone] = empty_list()
    who: str = ""
    evidence: str = ""
    source: str = ""
    """Where the entry comes from: a link, or "chat", "status page"."""
    approx: YesNo = False
    """The time is approximate ("~14:05", "about")."""
    starred: YesNo = False
    day_only: bool = Field(default=False, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _day_without_time(cls, data: Any) -> Any:
        if isinstance(data, dict) and type(data.get("at")) is dt.date:
            return {**data, "at": dt.datetime.combine(data["at"], dt.time()), "day_only": True}
        return data

    @field_validator("milestone", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _as_written(self, write: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """As a file holds it: one milestone as its name, a day alone as a date."""
        data = write(self)
        if len(self.milestone) == 1 and "milestone" in data:
            data["milestone"] = data["milestone"][0]
        if self.day_only and "at" in data:
            data["at"] = self.at.date() if isinstance(data["at"], dt.datetime) else data["at"][:10]
        return data

    def place(self, at: dt.datetime) -> None:
        """Give the entry a time of day (it is no longer a date alone)."""
        self.at = at
        self.day_only = False


class ImpactRow(Part):
    id: str = ""
    """A short id from the item's content, given once and kept (`item_ids`)."""
    category: ImpactCategory = ImpactCategory.CUSTOMER
    metric: str
    value: Figure = ""
    note: str = ""


class Why(Part):
    id: str = ""
    """A short id from the item's content, given once and kept (`item_ids`)."""
    question: str = "Why?"
    answer: str = ""
    systemic: YesNo = False
    chain: str = ""
    """Whys with the same chain form one chain, in order; "" is the default chain."""


class Factor(Part):
    id: str = ""
    """A short id from the item's content, given once and kept (`item_ids`)."""
    factor: str
    how: str = ""
    kind: FactorKind = FactorKind.CONTRIBUTING
    phase: Phase | None = None


class Work(Part):
    what: str
    effect: Effect | None = None
    """None: nobody said whether it helped."""
    note: str = ""


class Question(Part):
    """One of a template's guiding questions, with the team's answer."""

    section: str
    prompt: str
    answer: str = ""


class Action(Part):
    id: str
    title: str
    description: str = ""
    owner: str = ""
    owners: list[str] = empty_list()
    """Co-owners beside `owner`."""
    due: Day | None = None
    priority: Priority | None = None
    status: ActionStatus | None = None
    """None: the room gave none; it counts as not done."""
    done_on: Day | None = None
    """The day it was marked done: with `due`, whether it was finished on time."""
    kind: ActionKind | None = None
    horizon: Horizon | None = None
    phase: Phase | None = None
    ticket: str = ""
    tags: list[str] = empty_list()

    @property
    def closed(self) -> bool:
        """Done, or decided not to do."""
        return self.status in (ActionStatus.DONE, ActionStatus.WONT_DO)

    @property
    def everyone(self) -> list[str]:
        """The owner, then the co-owners, each named once."""
        return list(dict.fromkeys(name for name in (self.owner, *self.owners) if name))


class SystemicIssue(Part):
    issue: str
    owner: str = ""


class Lessons(Part):
    went_well: list[str] = empty_list()
    went_wrong: list[str] = empty_list()
    lucky: list[str] = empty_list()
    systemic: list[SystemicIssue] = empty_list()


class Messaging(Part):
    internal: str = ""
    external: str = ""


class Document(Part):
    link: str = ""
    title: str = ""
    purpose: str = ""


class Signoff(Part):
    role: str
    name: str = ""
    signed: YesNo = False
    date: Day | None = None


class Recipient(Part):
    audience: str
    shared: YesNo = False


class FollowUp(Part):
    """A scheduled check after the review (e.g. "+1 week: short-term actions done?")."""

    after: str
    check: str
    done: YesNo = False
    note: str = ""


class Appendix(Part):
    snippets: str = ""
    monitoring_gaps: str = ""
    metrics: str = ""


class QuizAnswer(Part):
    """What a learner (or the room) answered to a quiz of a replayed training scenario."""

    question: str
    learner: str
    answer: str
    right: YesNo = False


class MergeConflict(Part):
    """A field two people changed to different values, met in a merge (`pmtui merge`): the
    review keeps `ours` until someone settles it; `theirs` is the other side's value."""

    where: str
    ours: str
    theirs: str


class AgendaItem(Part):
    """A timeboxed part of the meeting, discussed on one tab of the app.

    `started_at` is when its latest turn began; `ended_at` is empty while it runs and
    otherwise when it was last left; `spent_seconds` adds up its finished turns, so going
    back to an item carries on its clock.
    """

    title: str
    minutes: int = Field(default=5, ge=0, le=TOML_INT_MAX)
    tab: str = ""
    started_at: Moment | None = None
    ended_at: Moment | None = None
    spent_seconds: int = Field(default=0, ge=0, le=TOML_INT_MAX)


class Meeting(Part):
    """The review meeting. Its clock adds up the agenda items' times; with no agenda, the
    time of each run: `spent_seconds` before the latest, which began at `resumed_at` (or
    `started_at`), so a stop and the break after it are not counted."""

    started_at: Moment | None = None
    ended_at: Moment | None = None
    resumed_at: Moment | None = None
    spent_seconds: int = Field(default=0, ge=0, le=TOML_INT_MAX)
    agenda: list[AgendaItem] = empty_list()
    parking_lot: list[str] = empty_list()
    decisions: list[str] = empty_list()


class Review(Part):
    """The whole review: what one TOML file holds."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1)
    template: str = "default"
    incident: Incident = Field(default_factory=Incident)
    people: list[Participant] = empty_list()
    timeline: list[Event] = empty_list()
    impact: list[ImpactRow] = empty_list()
    whys: list[Why] = empty_list()
    factors: list[Factor] = empty_list()
    work: list[Work] = empty_list()
    questions: list[Question] = empty_list()
    actions: list[Action] = empty_list()
    lessons: Lessons = Field(default_factory=Lessons)
    messaging: Messaging = Field(default_factory=Messaging)
    related: list[Document] = empty_list()
    signoff: list[Signoff] = empty_list()
    distribution: list[Recipient] = empty_list()
    followups: list[FollowUp] = empty_list()
    appendix: Appendix = Field(default_factory=Appendix)
    meeting: Meeting = Field(default_factory=Meeting)
    conflicts: list[MergeConflict] = empty_list()
    """What a merge could not settle: each is a finding until it is dismissed."""
    quiz_answers: list[QuizAnswer] = empty_list()
    """A training note: the answers given to a replay's quizzes, as revealed."""
    dismissed: list[str] = empty_list()
    """Keys of checklist findings and blameless hints the team has looked at and set aside."""

    @model_validator(mode="before")
    @classmethod
    def _actions_numbered(cls, data: Any) -> Any:
        """An action written by hand without an `id` line gets the next free one, as a new
        action in the app does. Other items get their ids (`item_ids`) at the first save,
        but an action's id is its name (in `check`, the exports, the actions table), so it
        has it as soon as it is read; the first save writes it into the file
        (`item_ids.as_read`, `ReviewSession.give_opening_ids`)."""
        actions = data.get("actions") if isinstance(data, dict) else None
        if type(actions) is not list or not any(map(written_without_id, actions)):
            return data
        ids = [a.get("id") if isinstance(a, dict) else getattr(a, "id", None) for a in actions]
        numbered = []
        for action in actions:
            if written_without_id(action):
                action = {"id": action_id_after(ids), **action}
                ids.append(action["id"])
            numbered.append(action)
        return {**data, "actions": numbered}

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.incident.timezone)

    def sorted_timeline(self) -> list[Event]:
        return sorted(self.timeline, key=lambda event: event.at)

    def place_event(self, event: Event, instead_of: int | None = None) -> None:
        """Add `event` at its place in time when the timeline is kept in time order (as a
        person writes it, so the file reads in order), else at the end. With `instead_of`,
        the event at that index is replaced: the new one goes to its place in time, or,
        in a timeline not kept in time order, where the old one was. Whether it is kept
        in order is asked with the old one in it (`event` is a new one, not the old one
        changed in place): a person's order that only the old one breaks is still theirs,
        and an edit of its text alone must not move its lines in the file."""
        in_order = all(one.at <= next_one.at for one, next_one in pairwise(self.timeline))
        if instead_of is not None:
            del self.timeline[instead_of]
        if not in_order:
            place = len(self.timeline) if instead_of is None else instead_of
            self.timeline.insert(place, event)
            return
        times = [each.at for each in self.timeline]
        place = bisect_right(times, event.at)
        if instead_of is not None:  # among events at the same time, it keeps its place
            place = min(max(instead_of, bisect_left(times, event.at)), place)
        self.timeline.insert(place, event)

    def latest_event(self) -> Event | None:
        """The event latest in time (the last typed in a timeline kept in time order)."""
        return max(reversed(self.timeline), key=lambda event: event.at, default=None)

    def become(self, other: Review) -> None:
        """Hold what `other` holds, in place: the panes, the replay and the dialogs keep
        this object, so an undo changes what they all see. `other` is a fresh copy (its
        parts are not shared), already valid, so nothing is validated again."""
        vars(self).update(vars(other))
        self.__pydantic_extra__ = other.__pydantic_extra__
        self.__pydantic_fields_set__ = set(other.__pydantic_fields_set__)

    def rename_person(self, old: str, new: str) -> int:
        """Every place naming `old` exactly (an event's who, an action's owner or
        co-owner, a systemic issue's owner) names `new`; how many places changed."""
        changed = 0
        for event in self.timeline:
            if event.who == old:
                event.who, changed = new, changed + 1
        for action in self.actions:
            if action.owner == old:
                action.owner, changed = new, changed + 1
            if old in action.owners:
                action.owners = [new if name == old else name for name in action.owners]
                changed += 1
        for issue in self.lessons.systemic:
            if issue.owner == old:
                issue.owner, changed = new, changed + 1
        return changed

    def next_action_id(self) -> str:
        """The next free id in the A1, A2, … series."""
        return action_id_after(action.id for action in self.actions)


SERIES_DIGITS = 18


def action_id_after(ids: Iterable[object]) -> str:
    """The id after the highest of `ids` in the A1, A2, … series (A1 when none is). An id
    of more digits than `SERIES_DIGITS` is none of the series: Python would not even read
    a number of 4,300 digits, and the review would not open. So where the next would have
    more (after a hand-written `A999999999999999999`), the first free number is taken."""
    numbers = {
        int(id_[1:])
        for id_ in ids
        if isinstance(id_, str)
        and id_[:1] == "A"
        and id_[1:].isdecimal()
        and len(id_) - 1 <= SERIES_DIGITS
    }
    after = max(numbers, default=0) + 1
    if len(str(after)) > SERIES_DIGITS:
        after = next(n for n in range(1, len(numbers) + 2) if n not in numbers)
    return f"A{after}"


def written_without_id(action: object) -> bool:
    """An action as a file holds it (a table), written without an `id` line."""
    return isinstance(action, dict) and "id" not in action


def why_chains(whys: list[Why]) -> list[tuple[str, list[Why]]]:
    """The whys as chains (label, whys in order), in order of each chain's first why; the
    default chain's label is ""."""
    chains: dict[str, list[Why]] = {}
    for why in whys:
        chains.setdefault(why.chain, []).append(why)
    return list(chains.items())


def chain_label(chain: str) -> str:
    """A chain of whys as the app and the exports call it: its name, or "Main chain" for
    the default one (whose name is "")."""
    return chain or "Main chain"


def well_formed(text: str) -> str:
    """Text a review can hold: `\n` line ends, and nothing UTF-8 cannot write.

    TOML folds `\r\n` in multi-line strings to `\n`, so a pasted or imported `\r\n` would
    read back changed; halves of characters are mended (`characters.mended`).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return mended(text)


def _well_formed_values(value: Any) -> Any:
    """Keys this pmtui does not know, at any depth (not a StrEnum member: those stay)."""
    if type(value) is str:
        return well_formed(value)
    if isinstance(value, dict):
        return {key: _well_formed_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_well_formed_values(item) for item in value]
    return value
