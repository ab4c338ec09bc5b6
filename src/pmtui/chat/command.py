"""`pmtui import-chat REVIEW CHAT`: the chat's messages into the review's timeline, saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pmtui.chat import ChatLog, read_chat
from pmtui.chat.merge import ImportResult, add_to_review, kept, match_speakers, review_day
from pmtui.files import store
from pmtui.files.session import ReviewSession


def import_chat_file(
    review_path: Path,
    chat_path: Path,
    *,
    names: Sequence[str] = (),
    word: str = "",
    add_people: bool = True,
    today: dt.date,
    now: dt.datetime,
) -> tuple[ImportResult, ChatLog]:
    """Read, select, add, and save once (atomically) if anything was added; never over a
    review that someone changed on disk meanwhile (`ChangedOnDisk`). Bare times never end
    after `now`. A file that is no review (`pyproject.toml`) is refused, never written."""
    session = ReviewSession.open(review_path)
    review = store.only_a_review(session.review, review_path)
    log = read_chat(chat_path, review.zone, review_day(review, today), not_after=now)
    chosen = [
        message
        for message, keep in zip(
            log.messages, kept(log.messages, names=names, word=word), strict=True
        )
        if keep
    ]
    matched = match_speakers(review, (message.who for message in chosen))
    who = {speaker: name for speaker, name in matched.items() if name}
    new = [speaker for speaker, name in matched.items() if name is None] if add_people else []
    result = add_to_review(review, chosen, who, new)
    if result.added or result.new_people:
        session.save_now()
    return result, log


def summary(result: ImportResult, log: ChatLog) -> str:
    """What the import did, in one or two lines."""
    lines = [
        f"added {result.added} event{'s' if result.added != 1 else ''} from the {log.shape} chat, "
        f"skipped {result.skipped} already in the timeline"
    ]
    if result.new_people:
        lines.append(f"new participants: {', '.join(result.new_people)}")
    if log.ignored:
        lines.append(
            f"left out {log.ignored} line{'s' if log.ignored != 1 else ''} before or between "
            "messages (joins, headings)"
        )
    return "\n".join(lines)
