"""Slack channel exports: one JSON file per day, a list of messages.

Each message has `ts` (seconds since the epoch, as text), `user` and usually
`user_profile.real_name`, `text` in Slack's markup (`<@U1>`, `<https://x|label>`,
`&amp;`), and `thread_ts` for thread replies. Joins, leaves and topic changes are left
out; a `message_changed` record replaces the text of the message it edits, and a
`message_deleted` one takes it out. Names of users come from `users.json` of the export
when it is beside the channel's folder.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

from pmtui.chat.clock import in_zone
from pmtui.chat.message import ChatFormatError, ChatMessage

SKIPPED_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "group_join",
        "group_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
    }
)
_MARKUP = re.compile(r"<([^<>]+)>")


def read_slack(
    days: list[tuple[str, str]], zone: ZoneInfo, users: dict[str, str] | None = None
) -> list[ChatMessage]:
    """The messages of some day files `(source name, JSON text)`, in time order."""
    users = users or {}
    by_ts: dict[str, ChatMessage] = {}
    for source, text in days:
        for number, record in enumerate(_records(source, text), start=1):
            where = f"{source}: message {number}"
            subtype = _field(record, "subtype")
            if subtype in SKIPPED_SUBTYPES:
                continue
            if subtype == "message_deleted":
                by_ts.pop(str(record.get("deleted_ts")), None)
                continue
            if subtype == "message_changed":
                record = record.get("message")
                if not isinstance(record, dict):
                    raise ChatFormatError(f"{where}: message_changed without its message")
            ts = _ts(record, where)
            message = _message(record, ts, where, number, zone, users)
            if message is not None:
                by_ts[ts] = message
            elif subtype == "message_changed":
                by_ts.pop(ts, None)
    return sorted(by_ts.values(), key=lambda message: message.at)


def users_from(text: str) -> dict[str, str]:
    """`users.json` of an export: user id → the name people know them by."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # names are a nicety: without them, ids show
        return {}
    names = {}
    for user in data if isinstance(data, list) else []:
        if isinstance(user, dict) and isinstance(user.get("id"), str):
            names[user["id"]] = _name(user.get("profile")) or _field(user, "name")
    return {key: value for key, value in names.items() if value}


def _records(source: str, text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ChatFormatError(f"{source}:{error.lineno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise ChatFormatError(f"{source}: nested too deeply to be a Slack day file") from None
    except ValueError as error:  # a number of 5,000 digits: Python reads 4,300 at most
        reason = str(error).split(";")[0]
        raise ChatFormatError(f"{source}: not a Slack day file ({reason})") from None
    if not isinstance(data, list):
        raise ChatFormatError(f"{source}: not a Slack day file (expected a list of messages)")
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise ChatFormatError(f"{source}: message {number}: not a JSON object")
    return data


def _ts(record: dict[str, Any], where: str) -> str:
    ts = record.get("ts")
    if type(ts) in (int, float):  # Slack writes text; a tool that rewrote the export, a number
        ts = str(ts)
    if not isinstance(ts, str) or not re.fullmatch(r"\d+(\.\d+)?", ts):
        raise ChatFormatError(f"{where}: no valid `ts` (got {ts!r:.40})")
    return ts


def _message(
    record: dict[str, Any],
    ts: str,
    where: str,
    number: int,
    zone: ZoneInfo,
    users: dict[str, str],
) -> ChatMessage | None:
    text = _plain(_field(record, "text"), users)
    if not text:  # an alert bot's message is all attachments ("Triggered #123: CPU > 95%")
        said = [
            _field(a, "fallback") or _field(a, "text") or _field(a, "title")
            for a in _list(record.get("attachments"))
        ]
        text = _plain("\n".join(line for line in said if line), users)
    if not text:
        names = [_field(f, "name") or _field(f, "title") for f in _list(record.get("files"))]
        text = ", ".join(f"(file: {name})" for name in names if name)
    if not text:
        return None
    at = _moment(ts, zone, where)
    user = _field(record, "user")
    who = (
        _name(record.get("user_profile"))
        or users.get(user)
        or _field(record, "username")
        or _field(record.get("bot_profile"), "name")
        or user
    )
    return ChatMessage(at, who, text, link=_field(record, "permalink"), line=number)


def _moment(ts: str, zone: ZoneInfo, where: str) -> dt.datetime:
    try:
        moment = in_zone(dt.datetime.fromtimestamp(int(ts.split(".")[0]), tz=dt.UTC), zone)
        if moment.year in (dt.MINYEAR, dt.MAXYEAR):  # a review keeps no time there
            raise ValueError(moment.year)
        return moment
    except (OverflowError, OSError, ValueError):
        raise ChatFormatError(f"{where}: `ts` {ts[:30]!r} is not a time pmtui can place") from None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _field(record: Any, key: str) -> str:
    """A text field of a JSON object; "" when the object or the field is something else."""
    value = record.get(key) if isinstance(record, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _name(profile: Any) -> str:
    return _field(profile, "real_name") or _field(profile, "display_name")


def _plain(text: str, users: dict[str, str]) -> str:
    """Slack markup as a person reads it: `<@U1>` → `@Adam`, `<url|label>` → `label (url)`."""

    def replace(match: re.Match) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or users.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        return f"{label} ({target})" if label and label != target else target

    return html.unescape(_MARKUP.sub(replace, text)).strip()
