"""Blameless-language hints: words that blame a person or judge with hindsight, found in
the review's prose, each with a what/how rewrite.

The phrases are data (`blame_phrases.toml` here, plus a team's own `blame_phrases.toml` in
the config folder). A participant named as the subject of a failure ("Adam broke…") is
found with the review's own participant names.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from pmtui.analysis.finding import Finding
from pmtui.document.model import Review
from pmtui.errors import OneLineError
from pmtui.files import locations, store

TEAM_FILE = "blame_phrases.toml"
_SENTENCE_END = re.compile(r"[.!?;\n]")
LONGEST_NAME = 200
"""Participant names longer than this are left out of the subject pattern. No person's
name is that long: such a "name" is pasted text (a megabyte of it took seconds to compile
into a regular expression, on every review opened), and matching it hints at no one."""


class PhraseFileError(OneLineError):
    """A phrase file that cannot be used; `str()` is the one line to show."""


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: re.Pattern[str]
    suggest: str
    needle: str = ""
    """Lower-case text every match contains (empty: always try the pattern)."""


@dataclass(frozen=True)
class Phrasebook:
    rules: tuple[Rule, ...]
    failure_verbs: tuple[str, ...]
    participant_suggest: str


@dataclass(frozen=True)
class Hint:
    start: int
    end: int
    matched: str
    suggest: str
    sentence: str

    @property
    def key(self) -> str:
        """Names the words and their sentence, so a dismissal outlives edits elsewhere."""
        return f"blame: {self.matched.lower()} in '{self.sentence.lower()}'"


def phrasebook(team: Path | None = None) -> Phrasebook:
    """The built-in phrases and, when present, the team's (raises `PhraseFileError`)."""
    team = team or locations.config_dir() / TEAM_FILE
    book = builtin_phrasebook()
    try:
        present = team.is_file()
    except OSError as error:  # a config folder this user may not look in
        raise PhraseFileError(f"{team}: cannot read ({store.reason(error)})") from None
    if not present:
        return book
    extra = _book(_read(team), team)
    return Phrasebook(
        book.rules + extra.rules,
        book.failure_verbs + extra.failure_verbs,
        book.participant_suggest,
    )


@cache
def builtin_phrasebook() -> Phrasebook:
    source = resources.files("pmtui.analysis") / TEAM_FILE
    return _book(tomllib.loads(source.read_text(encoding="utf-8")), Path(TEAM_FILE))


def _read(path: Path) -> dict:
    try:
        return store.read_toml(path)
    except store.ReviewFileError as error:
        raise PhraseFileError(str(error)) from None


def _book(data: dict, path: Path) -> Phrasebook:
    rules = []
    entries = data.get("phrase", [])
    if not isinstance(entries, list):
        raise PhraseFileError(f"{path}: phrase: must be [[phrase]] tables")
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: phrase {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("suggest"), str):
            raise PhraseFileError(f"{where}: needs `suggest` and `phrase` or `pattern`")
        if isinstance(entry.get("phrase"), str):
            phrase = entry["phrase"]
            rules.append(Rule(phrase, _words(phrase), entry["suggest"], _needle(phrase)))
        elif isinstance(entry.get("pattern"), str):
            try:
                pattern = re.compile(entry["pattern"], re.IGNORECASE)
            except re.error as error:
                raise PhraseFileError(f"{where}: bad pattern ({error})") from None
            label, needle = entry.get("label", entry["pattern"]), entry.get("needle", "")
            if not (isinstance(label, str) and isinstance(needle, str)):
                raise PhraseFileError(f"{where}: `label` and `needle` must be text")
            rules.append(Rule(label, pattern, entry["suggest"], needle.lower()))
        else:
            raise PhraseFileError(f"{where}: needs `phrase` or `pattern`")
    verbs = data.get("failure_verbs", [])
    if not isinstance(verbs, list) or not all(isinstance(v, str) for v in verbs):
        raise PhraseFileError(f"{path}: failure_verbs: must be a list of words")
    suggest = data.get("participant_suggest", "")
    if not isinstance(suggest, str):
        raise PhraseFileError(f"{path}: participant_suggest: must be text")
    return Phrasebook(tuple(rules), tuple(verbs), suggest)


def _needle(phrase: str) -> str:
    """The longest piece of the phrase between spaces and apostrophes."""
    return max(re.split(r"[\s'’]+", phrase.lower()), key=len)


def _words(text: str) -> re.Pattern[str]:
    """The words as a pattern: whole words, any spacing, either apostrophe."""
    parts = [re.escape(word).replace("'", "['’]") for word in text.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def names_of(review: Review) -> list[str]:
    """Participant names, and their first names, as written."""
    names = {p.name.strip() for p in review.people if p.name.strip()}
    return sorted(names | {name.split()[0] for name in names}, key=len, reverse=True)


def hints(text: str, book: Phrasebook, names: Iterable[str] = ()) -> list[Hint]:
    """The blaming words in one text, in order, none overlapping.

    A rule's regular expression runs only on a text that contains its `needle`: most texts
    contain none, and so a 10,000-event timeline is read in a blink.
    """
    lowered = text.lower()
    found: list[tuple[re.Match[str], str]] = []
    for rule in book.rules:
        if rule.needle in lowered:
            found += [(match, rule.suggest) for match in rule.pattern.finditer(text)]
    names = tuple(name for name in names if len(name) <= LONGEST_NAME)
    if any(name in lowered for name in _lowered(names)):
        subject = _subject_pattern(names, book.failure_verbs)
        if subject is not None:
            found += [(match, book.participant_suggest) for match in subject.finditer(text)]
    found.sort(key=lambda pair: (pair[0].start(), -pair[0].end()))
    result: list[Hint] = []
    for match, suggest in found:
        if result and match.start() < result[-1].end:
            continue
        result.append(
            Hint(match.start(), match.end(), match.group(), suggest, _sentence(text, match))
        )
    return result


@lru_cache(maxsize=16)
def _lowered(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.lower() for name in names)


@lru_cache(maxsize=16)
def _subject_pattern(names: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names or not verbs:
        return None
    who = "|".join(re.escape(name) for name in names)
    did = "|".join(re.escape(v).replace("'", "['’]").replace(r"\ ", r"\s+") for v in verbs)
    return re.compile(rf"(?<!\w)(?:{who})(?:\s+\w+ly)?\s+(?:{did})(?!\w)", re.IGNORECASE)


def _sentence(text: str, match: re.Match[str]) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, match.end())
    end = end_match.start() if end_match else len(text)
    return " ".join(text[start:end].split())[:80]


def prose(review: Review) -> Iterator[tuple[str | dt.datetime, str]]:
    """Where people write sentences, as (where, text); a timeline event's where is its time
    (shown only when it has a hint: formatting 10,000 times costs more than reading them)."""
    incident = review.incident
    for name in (
        "title", "summary", "impact_summary", "what_happened", "resolution",
        "long_term_fix", "root_cause", "why_not_caught", "moving_forward",
    ):  # fmt: skip
        yield f"incident.{name}", getattr(incident, name)
    for event in review.timeline:
        yield event.at, event.text
    for number, why in enumerate(review.whys, start=1):
        yield f"5 whys #{number}", f"{why.question}\n{why.answer}"
    for factor in review.factors:
        yield "factors", f"{factor.factor}\n{factor.how}"
    for work in review.work:
        yield "attempted work", f"{work.what}\n{work.note}"
    for question in review.questions:
        yield f"questions: {question.prompt}", question.answer
    for action in review.actions:
        yield f"action {action.id}", f"{action.title}\n{action.description}"
    lessons, meeting = review.lessons, review.meeting
    for where, items in (
        ("lessons: went well", lessons.went_well),
        ("lessons: went wrong", lessons.went_wrong),
        ("lessons: lucky", lessons.lucky),
        ("lessons: systemic issues", [s.issue for s in lessons.systemic]),
        ("decisions", meeting.decisions),
        ("parking lot", meeting.parking_lot),
    ):
        for item in items:
            yield where, item
    yield "messaging.internal", review.messaging.internal
    yield "messaging.external", review.messaging.external


def findings(review: Review, book: Phrasebook) -> list[Finding]:
    names, zone = names_of(review), review.zone
    return [
        Finding("blame", _place(where, zone), f"'{hint.matched}': {hint.suggest}", key=hint.key)
        for where, text in prose(review)
        if text
        for hint in hints(text, book, names)
    ]


def _place(where: str | dt.datetime, zone: ZoneInfo) -> str:
    if isinstance(where, dt.datetime):
        return f"timeline {where.astimezone(zone):%Y-%m-%d %H:%M}"
    return where
