"""What a scribe types for a time or a date, read into datetimes and dates.

Event times: `14:05`, `11:27pm`, `2026-11-20 14:05`, `sat 19:00` (the last Saturday, today
included), `yesterday 18:00`, `+15m` (after the previous event), `now`; a day alone
(`2026-11-20`) when the hour is not known; `~` before any of them when the time is
approximate (`~14:05`, `2026-11-20 ~14:05`).
Due dates: `2026-12-01`, `+3d`, `+2w`, `+1m` (same day next month, or its last day), `+1q`
(three months), a weekday (`fri` or `next fri`: the next one, never today), `12 dec` or
`dec 12` (the next one, today included), `today`, `tomorrow`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pmtui.errors import OneLineError, quoted


class TimeInputError(OneLineError, ValueError):
    """Text that is not a time or date; `str()` says what would be."""


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = tuple(name.lower() for name in calendar.month_name[1:])


def _prefixes(names: tuple[str, ...]) -> str:
    """A pattern for any of `names` cut to three letters or more (`fri`, `frid`, `friday`)."""
    cuts = {name[:end] for name in names for end in range(3, len(name) + 1)}
    return "|".join(sorted(cuts, key=len, reverse=True))


_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_CLOCK_PATTERN = r"\d{1,2}(?::\d{2}(?::\d{2})?(?:\s*[ap]m)?|\s*[ap]m)"
"""`14:05`, `14:05:30`, `11:27pm`, `11:27 pm`, `11pm`: a bare number is never a clock."""
_MONTH_DAY_PATTERN = (
    rf"(?:(?P<day>\d{{1,2}})\s*(?P<month>{_prefixes(_MONTHS)})"
    rf"|(?P<month2>{_prefixes(_MONTHS)})\s*(?P<day2>\d{{1,2}}))(?:\s+(?P<year>\d{{4}}))?"
)
"""`14 nov`, `nov 14`, `14 november 2025`."""
_MONTH_DAY_TEXT = re.sub(r"\(\?P<\w+>", "(?:", _MONTH_DAY_PATTERN)
"""The same, with no named groups, to sit inside another pattern."""
_DAY_WORD = rf"today|yesterday|{_prefixes(_WEEKDAYS)}"
# The patterns below are compiled on first use, by `re`'s own cache: compiled on import,
# they cost the meeting screen's first frame ~3.5 ms.
_STAMP_PATTERN = (
    rf"(?:(?P<day>{_ISO_DAY}|{_MONTH_DAY_TEXT}|{_DAY_WORD})(?:\s+|t))?(?P<clock>{_CLOCK_PATTERN})"
)
_EVENT_OFFSET_PATTERN = r"\+\s*(\d{1,6})\s*([smhdw])"
_EVENT_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_EVENT_TIME_PATTERN = (
    rf"(?i)^\s*(?P<time>~?\s*(?:now|\+\s*\d+\s*[smhdw]"
    rf"|(?:(?:{_ISO_DAY}|{_MONTH_DAY_TEXT}|{_DAY_WORD})(?:[ T]|\s*~\s*))?{_CLOCK_PATTERN}"
    rf"|{_ISO_DAY}))"
    r"(?=\s|$|[:,;–—-](?:\s|$))(?:\s*[:,;–—-](?=\s|$))?\s*"
)
"""A time starting an entry, and what parts it from the words: spaces, or a colon, comma,
semicolon or dash before them (`14:05: Adam restarts the db`, `14:05 - rollback`); not a
dash that starts a word (`14:05 -1 replicas`)."""
_DUE_OFFSET_PATTERN = r"\+\s*(\d{1,4})\s*([a-z]+)"
_DUE_UNITS = {
    **dict.fromkeys(("d", "day", "days"), ("days", 1)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("days", 7)),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), ("months", 1)),
    **dict.fromkeys(("q", "quarter", "quarters"), ("months", 3)),
}
DUE_FORMS = "2026-12-01, +3d, +2w, +1m, +1q, fri, next mon, 12 dec or dec 12"
EVENT_FORMS = "14:05, 11:27pm, sat 19:00, yesterday 18:00, 14 nov 10:55, 2026-11-20 14:05 or +15m"


@dataclass(frozen=True)
class EventTime:
    """A timeline time as a scribe gives it: the moment, whether only its day is known
    (the moment is then the start of that day), whether it is approximate."""

    at: dt.datetime
    day_only: bool = False
    approx: bool = False


def read_event_time(
    text: str,
    zone: ZoneInfo,
    *,
    now: dt.datetime,
    previous: dt.datetime | None = None,
    onward: bool = False,
) -> EventTime:
    """`parse_event_time`, and also a day alone (`2018-10-22`) and `~` for approximate."""
    approx = "~" in text  # before the time or the whole: `~14:05`, `2026-11-20 ~14:05`
    text = " ".join(text.replace("~", " ").split())
    if re.fullmatch(_ISO_DAY, text):
        day = _parse_iso_date(text, f"{quoted(text)} is not a day: try 2026-11-20")
        at = _kept(dt.datetime.combine(day, dt.time(), tzinfo=zone), text)
        return EventTime(at, True, approx)
    at = parse_event_time(text, zone, now=now, previous=previous, onward=onward)
    return EventTime(at, False, approx)


def event_time_text(time: EventTime, zone: ZoneInfo, day: str, *, mark_approx: bool = True) -> str:
    """A time as the app shows it: the `day` (a strftime format) and the hour and minute;
    the day alone for a day-only time; `~` before the hour of an approximate one."""
    local = time.at.astimezone(zone)
    if time.day_only:
        return local.strftime(day)
    return f"{local.strftime(day)} {'~' if time.approx and mark_approx else ''}{local:%H:%M}"


def parse_event_time(
    text: str,
    zone: ZoneInfo,
    *,
    now: dt.datetime,
    previous: dt.datetime | None = None,
    onward: bool = False,
) -> dt.datetime:
    """A timeline time in the review's zone; `+15m` counts from `previous`, a
    clock without a day is on `previous`'s day (or today), a weekday is the last one (a week
    ago when today's is still to come). Only a written date may be later than now: a time
    typed for what happened must not land in the future.

    `onward`: the time comes after `previous` as events are typed in order, so a clock more
    than half a day before it is on the next day (`23:50`, then `00:20`) when that has
    passed; a clock less far back stays on its day (an event remembered late)."""
    text = " ".join(text.split())  # as typed, for what a problem says
    key = text.lower()
    if key == "now":
        return now.replace(microsecond=0).astimezone(zone)
    if match := re.fullmatch(_EVENT_OFFSET_PATTERN, key):
        if previous is None:
            raise TimeInputError(f"{text} counts from the event before, and there is none yet")
        amount, unit = match.groups()
        try:
            time = previous + dt.timedelta(**{_EVENT_UNITS[unit]: int(amount)})
        except OverflowError:
            raise TimeInputError(f"{quoted(text)} is past any calendar") from None
        if time > now:
            raise TimeInputError(f"{text} after the previous event is later than now")
        return _kept(time.astimezone(zone), text)
    match = re.fullmatch(_STAMP_PATTERN, key)
    if not match:
        raise TimeInputError(f"{quoted(text)} is not a time: try {EVENT_FORMS}")
    today = now.astimezone(zone).date()
    clock = _clock(match.group("clock"), text)
    day_text = match.group("day")
    if not day_text:
        day = (previous or now).astimezone(zone).date()
        if onward and previous is not None:
            day = _past_midnight(day, clock, zone, previous, now)
    elif day_text in ("today", "yesterday"):
        day = today - dt.timedelta(days=day_text == "yesterday")
    elif (weekday := _weekday(day_text)) is not None:
        day = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
        if dt.datetime.combine(day, clock, tzinfo=zone) > now:
            day -= dt.timedelta(weeks=1)  # today's is still to come: the last one is a week ago
    elif month_day := re.fullmatch(_MONTH_DAY_PATTERN, day_text):
        day = _month_day(month_day, today, text, ahead=False)
    else:
        day = _parse_iso_date(day_text, f"{quoted(text)} is not a time: try 2026-11-20 14:05")
    time = dt.datetime.combine(day, clock, tzinfo=zone)
    if time > now and not _is_date(day_text):
        when = f"{text} today" if day == today and not day_text else text
        example = f"yesterday {match.group('clock')}"
        raise TimeInputError(f"{when} is later than now: say the day ({example})")
    return _kept(time, text)


def _past_midnight(
    day: dt.date, clock: dt.time, zone: ZoneInfo, previous: dt.datetime, now: dt.datetime
) -> dt.date:
    """The day after `day` when `clock` on `day` is more than half a day before `previous`
    and that next day's is not later than `now`; else `day`."""
    next_day = day + dt.timedelta(days=1)
    on_day = dt.datetime.combine(day, clock, tzinfo=zone)
    # In UTC: two times of one zone object subtract as clocks read, an hour off on the day
    # the clocks change.
    far_back = previous.astimezone(dt.UTC) - on_day.astimezone(dt.UTC) > HALF_A_DAY
    return (
        next_day if far_back and dt.datetime.combine(next_day, clock, tzinfo=zone) <= now else day
    )


HALF_A_DAY = dt.timedelta(hours=12)


def _kept(time: dt.datetime, text: str) -> dt.datetime:
    """A time a review can keep: not in year 1 or 9999, where Python's datetime ends
    (`model.Moment` refuses it)."""
    if time.year in (dt.MINYEAR, dt.MAXYEAR):
        raise TimeInputError(
            f"{quoted(text)}: year {time.year} is out of range "
            f"(times must be in the years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})"
        )
    return time


def _is_date(day_text: str | None) -> bool:
    """A day written out (`2026-12-24`, `24 dec 2026`) is meant as written, even ahead of
    today; `24 dec` alone is the last one, as `fri` is."""
    if not day_text or re.fullmatch(_ISO_DAY, day_text):
        return bool(day_text)
    month_day = re.fullmatch(_MONTH_DAY_PATTERN, day_text)
    return bool(month_day and month_day.group("year"))


def _clock(clock: str, text: str) -> dt.time:
    """`14:05`, `11:27pm`, `12am` (midnight) as a time of day."""
    hour, minute, second = (int(part) for part in [*re.findall(r"\d+", clock), 0, 0][:3])
    if clock.endswith("m"):  # am or pm: a 12-hour clock
        if not 1 <= hour <= 12:
            raise TimeInputError(f"{quoted(text)}: no such time of day (am/pm hours are 1 to 12)")
        hour = hour % 12 + (12 if clock.endswith("pm") else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise TimeInputError(f"{quoted(text)}: no such time of day") from None


def _weekday(text: str) -> int | None:
    """The weekday `text` names (`fri`, `friday`; Monday is 0), or None."""
    found = [i for i, name in enumerate(_WEEKDAYS) if len(text) >= 3 and name.startswith(text)]
    return found[0] if found else None


def split_event_entry(text: str) -> tuple[str | None, str]:
    """`"14:05 Adam restarts the db"` → `("14:05", "Adam restarts the db")`. `now` is a
    time; `Now` or `NOW` starting a sentence ("Now the team rolls back") is its first word."""
    match = re.match(_EVENT_TIME_PATTERN, text)
    rest = text[match.end() :].strip() if match else text.strip()
    if not match or (match.group("time") in ("Now", "NOW") and rest):
        return None, text.strip()
    return match.group("time"), rest


def parse_due(text: str, *, today: dt.date) -> dt.date | None:
    """A due date; empty text means none."""
    text = " ".join(text.split())  # as typed, for what a problem says
    key = text.lower()
    if not key:
        return None
    if key == "today":
        return today
    if key == "tomorrow":
        return today + dt.timedelta(days=1)
    if match := re.fullmatch(_DUE_OFFSET_PATTERN, key):
        return _due_after(int(match.group(1)), match.group(2), today, text)
    if (weekday := _weekday(key.removeprefix("next "))) is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # the next one, never today
        return today + dt.timedelta(days=ahead)
    if match := re.fullmatch(_MONTH_DAY_PATTERN, key):
        return _month_day(match, today, text, ahead=True)
    return _parse_iso_date(key, f"{quoted(text)} is not a date: try {DUE_FORMS}")


def _due_after(amount: int, unit: str, today: dt.date, text: str) -> dt.date:
    """`+3d`, `+2w`, `+1m`, `+1q` from today; months keep the day, or take the month's last."""
    if unit not in _DUE_UNITS:
        raise TimeInputError(
            f"{quoted(text)}: a due date counts in days, weeks, months or quarters"
        )
    kind, size = _DUE_UNITS[unit]
    if kind == "months":
        return add_months(today, amount * size)
    try:
        return today + dt.timedelta(days=amount * size)
    except OverflowError:
        raise TimeInputError(f"{quoted(text)} is past any calendar") from None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (Jan 31 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise TimeInputError(f"{months} months from {day} is past any calendar")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _month_day(match: re.Match[str], today: dt.date, text: str, *, ahead: bool) -> dt.date:
    """`12 dec`, `dec 12`. A due date (`ahead`) is that day this year, or next year once it
    has passed; a time in the timeline is the last one up to today (what happened has
    happened). 29 feb: the nearest year that has one. `12 dec 2027` names its year."""
    number = int(match.group("day") or match.group("day2"))
    month_text = match.group("month") or match.group("month2")
    month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month_text))
    named = int(match.group("year")) if match.group("year") else None
    step = 1 if ahead else -1
    for year in [named] if named else range(today.year, today.year + 9 * step, step):  # within 8
        try:
            day = dt.date(year, month, number)
        except ValueError:
            continue
        if named or (day >= today if ahead else day <= today):
            return day
    raise TimeInputError(f"{quoted(text)}: no such day")


def _parse_iso_date(part: str, problem: str) -> dt.date:
    try:
        return dt.date.fromisoformat(part.strip())
    except ValueError:
        raise TimeInputError(problem) from None
