"""What a scribe types for a time or a date, read into datetimes and dates.

Event times: `14:05`, `2026-11-20 14:05`, `+15m` (after the previous event), `now`; a
day alone (`2026-11-20`) when the hour is not known; `~` before any of them when the time is
approximate (`~14:05`, `2026-11-20 ~14:05`).
Due dates: `2026-12-01`, `+2w` / `+3d`, a weekday (`fri`: the next one), `today`, `tomorrow`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo


class TimeInputError(ValueError):
    """Text that is not a time or date; `str()` says what would be."""


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_OFFSET = re.compile(r"\+\s*(\d+)\s*([smhdw])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_EVENT_TIME = re.compile(
    r"^\s*(?P<time>~?\s*(?:now|\+\s*\d+\s*[smhdw]"
    r"|(?:\d{4}-\d{2}-\d{2}(?:[ T]|\s*~\s*))?\d{1,2}:\d{2}(?::\d{2})?|\d{4}-\d{2}-\d{2}))"
    r"(?=\s|$)\s*"
)


@dataclass(frozen=True)
class EventTime:
    """A timeline time as a scribe gives it: the moment, whether only its day is known
    (the moment is then the start of that day), whether it is approximate."""

    at: dt.datetime
    day_only: bool = False
    approx: bool = False


def read_event_time(
    text: str, zone: ZoneInfo, *, now: dt.datetime, previous: dt.datetime | None = None
) -> EventTime:
    """`parse_event_time`, and also a day alone (`2018-10-22`) and `~` for approximate."""
    approx = "~" in text  # before the time or the whole: `~14:05`, `2026-11-20 ~14:05`
    text = " ".join(text.replace("~", " ").split())
    if _DAY.fullmatch(text):
        day = _parse_iso_date(text, f"{text!r} is not a day: try 2026-11-20")
        return EventTime(dt.datetime.combine(day, dt.time(), tzinfo=zone), True, approx)
    return EventTime(parse_event_time(text, zone, now=now, previous=previous), False, approx)


def event_time_text(time: EventTime, zone: ZoneInfo, day: str, *, mark_approx: bool = True) -> str:
    """A time as the app shows it: the `day` (a strftime format) and the hour and minute;
    the day alone for a day-only time; `~` before the hour of an approximate one."""
    local = time.at.astimezone(zone)
    if time.day_only:
        return local.strftime(day)
    return f"{local.strftime(day)} {'~' if time.approx and mark_approx else ''}{local:%H:%M}"


def parse_event_time(
    text: str, zone: ZoneInfo, *, now: dt.datetime, previous: dt.datetime | None = None
) -> dt.datetime:
    """A timeline time in the review's zone; `+15m` counts from `previous` (or now)."""
    text = text.strip().lower()
    if text == "now":
        return now.astimezone(zone)
    if match := _OFFSET.fullmatch(text):
        amount, unit = match.groups()
        base = previous or now
        return (base + dt.timedelta(**{_UNITS[unit]: int(amount)})).astimezone(zone)
    date_part, _, clock = text.rpartition(" ") if " " in text else text.rpartition("t")
    match = _CLOCK.fullmatch(clock)
    if not match:
        raise TimeInputError(f"{text!r} is not a time: try 14:05, 2026-11-20 14:05 or +15m")
    hour, minute, second = (int(part or 0) for part in match.groups())
    if date_part:
        day = _parse_iso_date(date_part, f"{text!r} is not a time: try 2026-11-20 14:05")
    else:
        day = (previous or now).astimezone(zone).date()
    try:
        return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=zone)
    except ValueError:
        raise TimeInputError(f"{text!r}: no such time of day") from None


def split_event_entry(text: str) -> tuple[str | None, str]:
    """`"14:05 Adam restarts the db"` → `("14:05", "Adam restarts the db")`."""
    match = _EVENT_TIME.match(text)
    if not match:
        return None, text.strip()
    return match.group("time"), text[match.end() :].strip()


def parse_due(text: str, *, today: dt.date) -> dt.date | None:
    """A due date; empty text means none."""
    text = text.strip().lower()
    if not text:
        return None
    if text == "today":
        return today
    if text == "tomorrow":
        return today + dt.timedelta(days=1)
    if match := _OFFSET.fullmatch(text):
        amount, unit = match.groups()
        if unit in "smh":
            raise TimeInputError(f"{text!r}: a due date counts in days or weeks (+3d, +2w)")
        return today + dt.timedelta(**{_UNITS[unit]: int(amount)})
    weekday = next((i for i, name in enumerate(_WEEKDAYS) if name.startswith(text)), None)
    if weekday is not None and len(text) >= 3:
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # the next one, never today
        return today + dt.timedelta(days=ahead)
    return _parse_iso_date(text, f"{text!r} is not a date: try 2026-12-01, +2w or fri")


def _parse_iso_date(part: str, problem: str) -> dt.date:
    try:
        return dt.date.fromisoformat(part.strip())
    except ValueError:
        raise TimeInputError(problem) from None
