"""Reading an incident chat into timeline events: Slack exports, IRC logs, pasted text.

`read_chat` (a file or folder) and `read_pasted` (text) detect the shape and return a
`ChatLog`; anything they cannot read raises `ChatFormatError` with one line, so an import
is all or nothing. No Textual here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from pmtui.chat.clock import ChatClock
from pmtui.chat.lines import ChatLog, read_lines
from pmtui.chat.message import ChatFormatError, ChatMessage
from pmtui.chat.slack import read_slack, users_from
from pmtui.document.model import well_formed
from pmtui.files import store
from pmtui.files.store import MAX_BYTES

_JSON_START = re.compile(r"\s*(\{|\[\s*[{\]])")

__all__ = ["ChatFormatError", "ChatLog", "ChatMessage", "read_chat", "read_pasted"]


def read_chat(
    path: Path, zone: ZoneInfo, day: dt.date, *, not_after: dt.datetime | None = None
) -> ChatLog:
    """A chat file or a Slack channel folder; times without a date start on `day`, or on
    the day before it when they would end after `not_after` (`_bare_times`)."""
    if _is(Path.is_dir, path):
        return _well_formed(_slack_folder(path, zone))
    text = _read(path)
    if path.suffix.lower() == ".json" or _looks_like_json(text):
        users = _users_beside(path.parent.parent)
        return _well_formed(ChatLog(read_slack([(str(path), text)], zone, users), "slack"))
    return _well_formed(_bare_times(text, str(path), zone, day, not_after))


def read_pasted(
    text: str, zone: ZoneInfo, day: dt.date, *, not_after: dt.datetime | None = None
) -> ChatLog:
    """Text pasted from a chat client (or a Slack day file pasted whole)."""
    if _looks_like_json(text):
        return _well_formed(ChatLog(read_slack([("pasted text", text)], zone), "slack"))
    return _well_formed(_bare_times(text, "pasted text", zone, day, not_after))


def _bare_times(
    text: str, source: str, zone: ZoneInfo, day: dt.date, not_after: dt.datetime | None
) -> ChatLog:
    """A text log from `day`; one whose times carry no date and would end after
    `not_after` (the import's now) is read from as many days before as puts it in the
    past. A chat imported after midnight is last night's: from the review's date, which
    is the day the review was created, its times landed hours in the future."""
    log = read_lines(text, source, clock := ChatClock(zone, day))
    if clock.dated or not log.messages or not_after is None:
        return log
    ahead = (_last(log).astimezone(zone).date() - not_after.astimezone(zone).date()).days
    for back in (max(ahead, 1), max(ahead, 1) + 1):  # the last message's time of day
        if _last(log) <= not_after:
            break
        log = read_lines(text, source, ChatClock(zone, day - dt.timedelta(days=back)))
    return log


def _last(log: ChatLog) -> dt.datetime:
    return max(message.at for message in log.messages)


def _well_formed(log: ChatLog) -> ChatLog:
    """Names, texts and links as a review keeps them (`\\ud800` in JSON is a lone
    surrogate: the preview could not draw it, nor a save write it)."""
    log.messages = [
        replace(m, who=well_formed(m.who), text=well_formed(m.text), link=well_formed(m.link))
        for m in log.messages
    ]
    return log


def _is(test, path: Path) -> bool:
    """`Path.is_dir` or `is_file`, with a name too long or holding NUL as one line."""
    try:
        return test(path)
    except (OSError, ValueError) as error:
        raise ChatFormatError(f"{path}: cannot read ({_reason(error)})") from None


def _slack_folder(folder: Path, zone: ZoneInfo) -> ChatLog:
    if _is(Path.is_file, folder / "channels.json"):
        raise ChatFormatError(
            f"{folder}: the whole Slack export; give one channel's folder inside it"
        )
    days = sorted(folder.glob("*.json"))
    if not days:
        raise ChatFormatError(f"{folder}: no Slack day files (*.json) in this folder")
    texts = [(str(day), _read(day)) for day in days]
    return ChatLog(read_slack(texts, zone, _users_beside(folder.parent)), "slack")


def _users_beside(folder: Path) -> dict[str, str]:
    users = folder / "users.json"
    return users_from(_read(users)) if _is(Path.is_file, users) else {}


def _looks_like_json(text: str) -> bool:
    """`[{…` or `{…`: an IRC log starts `[10:42]`, never with a bracket then a brace."""
    return bool(_JSON_START.match(text))


def _read(path: Path) -> str:
    """The log's text, read as a review file is: no further than its size limit (read whole,
    /dev/zero filled the memory until Python gave up with a traceback), and never from a
    device or a pipe that nothing writes to (a FIFO left the import waiting forever)."""
    try:
        raw = store.read_bytes(path, kind="chat log")
    except store.ReviewFileError as error:
        raise ChatFormatError(str(error)) from None
    except ValueError as error:  # a name holding NUL
        raise ChatFormatError(f"{path}: cannot read ({_reason(error)})") from None
    if len(raw) > MAX_BYTES:
        raise ChatFormatError(f"{path}: over {MAX_BYTES >> 20} MB; is this a chat log?")
    # UTF-16 with its mark (what Windows tools save), and half characters in UTF-8, are
    # read: a log is only read, and the halves are mended (`_well_formed`), not refused
    encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return raw.decode(encoding, "surrogatepass")
    except UnicodeDecodeError:
        raise ChatFormatError(f"{path}: not UTF-8 text; is this a chat log?") from None


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
