"""Chat messages into a review: which to keep, who is who, no event added twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmtui.chat.message import ChatMessage
from pmtui.document.model import Event, Participant, Review, well_formed


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int
    """Messages already in the timeline (same time and text, by the same speaker or by
    nobody named), or repeated in the chat."""
    new_people: tuple[str, ...] = ()


def kept(
    messages: Sequence[ChatMessage], *, names: Iterable[str] = (), word: str = ""
) -> list[bool]:
    """Which messages to keep: by speaker (a full or first name in `names`), by word, or all."""
    wanted = {name.casefold().strip() for name in names}
    word = word.casefold()
    return [
        (not wanted or not wanted.isdisjoint(_names_of(message.who)))
        and (not word or word in message.text.casefold())
        for message in messages
    ]


def _names_of(speaker: str) -> set[str]:
    """`Zoë Ångström` answers to `zoë ångström` and to `zoë`."""
    full = speaker.casefold().strip()
    return {full, *full.split()[:1]}


def match_speakers(review: Review, speakers: Iterable[str]) -> dict[str, str | None]:
    """Each chat name → the participant it is, or None when nobody matches (no entry for
    the empty name of notes without speakers).

    A name matches a participant's name, or their first name when only one participant has
    it, case-insensitively (`adam` is `Adam`, and `Adam Smith` when he is the only Adam).
    """
    people = [person.name for person in review.people]
    full = {_person_key(name): name for name in people}
    first: dict[str, list[str]] = {}
    for name in people:
        first.setdefault(_person_key(name).split(" ")[0], []).append(name)
    matched: dict[str, str | None] = {}
    for speaker in dict.fromkeys(speakers):
        if not speaker.strip():  # notes with times and no speaker: nobody to match
            continue
        key = _person_key(speaker)
        by_first = first.get(key, [])
        matched[speaker] = full.get(key) or (by_first[0] if len(by_first) == 1 else None)
    return matched


def add_to_review(
    review: Review, messages: Iterable[ChatMessage], who: dict[str, str], new_people: Sequence[str]
) -> ImportResult:
    """Add the messages as events (`who` renames speakers) and the new participants.

    A message is already there when an event has its time and its text as the review keeps
    text (`well_formed`, ends stripped), and its speaker or none: the same log again, with
    CRLF line ends or as another export of it, adds nothing, nor does a line the scribe
    noted; two people's "+1" in one minute are two.
    """
    said: dict[tuple[dt.datetime, str], set[str]] = {}
    for event in review.timeline:
        said.setdefault((event.at, event.text.strip()), set()).add(_person_key(event.who))
    added = skipped = 0
    for message in messages:
        name = who.get(message.who, message.who)
        speakers = said.setdefault((message.at, well_formed(message.text).strip()), set())
        if speakers & {"", _person_key(name)}:
            skipped += 1
            continue
        speakers.add(_person_key(name))
        review.timeline.append(
            Event(at=message.at, text=message.text, who=name, evidence=message.link, source="chat")
        )
        added += 1
    known = {_person_key(person.name) for person in review.people}
    fresh = []
    for name in new_people:
        if _person_key(name) not in known:
            known.add(_person_key(name))
            fresh.append(well_formed(name).strip())
    review.people.extend(Participant(name=name) for name in fresh)
    return ImportResult(added, skipped, tuple(fresh))


def _person_key(name: str) -> str:
    """A name as matching sees it: `Zoë  Ångström ` is `zoë ångström`."""
    return " ".join(well_formed(name).casefold().split())


def review_day(review: Review, today: dt.date) -> dt.date:
    """The day a chat's bare times start on: the incident's start, else its timeline's
    first day, else the review date, else today. The timeline before the review date: a
    chat imported again on another day (before the incident's start was known) started on
    another day, and every message was added twice."""
    if review.incident.started_at is not None:
        return review.incident.started_at.astimezone(review.zone).date()
    if review.timeline:
        return min(event.at for event in review.timeline).astimezone(review.zone).date()
    return review.incident.review_date or today
