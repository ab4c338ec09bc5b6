"""Problems in a file a person wrote, each as the one line pmtui shows for it.

A line says which file, where (line and column for TOML syntax; the key's own line and
its field path for the schema) and what is wrong. Reviews, templates, scenarios, settings
and the form dialogs all word their problems here, so one problem reads the same in each:
a key that is absent is `missing (required)`, a key the schema does not take is
`unknown key`, and a value that does not fit says what it got.

Pydantic is not imported here at start-up: the app's first frame must not wait for it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.errors import quoted
from pmtui.files import tomlpos

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails, PydanticCustomError

Location = tuple[int | str, ...]

MISSING = "missing (required)"
UNKNOWN_KEY = "unknown key"
NOT_WHOLE = ("int_parsing", "int_from_float", "int_type")
WORDS = {
    **dict.fromkeys(NOT_WHOLE, "not a whole number"),
    "greater_than_equal": "must be {ge} or more",
    "less_than_equal": "must be {le} or less",
    "int_parsing_size": "too long a number",
    **dict.fromkeys(("bool_type", "bool_parsing"), "write true or false"),
    "date_from_datetime_inexact": "a day with no time of day: write it like 2026-11-20",
    **dict.fromkeys(
        ("date_type", "date_parsing", "date_from_datetime_parsing"),
        "not a date: write it like 2026-11-20",
    ),
    **dict.fromkeys(
        ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"),
        "not a date and time: write it like 2026-11-20T14:05:00Z, or a day alone",
    ),
    "list_type": 'should be a list: write it in brackets, like ["a", "b"]',
}
"""pydantic's wording where a person would say it otherwise ("Input should be a valid
integer, unable to parse string as an integer"); `{…}` from the error's context."""
TOML_WORDS = {
    "Illegal character '\\n'": "unterminated string: its closing quote is missing",
    "Cannot overwrite a value": "a key given a value twice (or a value written over)",
}
"""tomllib's wording where a person would say it otherwise: a string with no closing quote
ends at the line's end, which tomllib calls an illegal character."""
BARE_TEXT = "should be text: write it in quotes"
"""A number, yes/no or date where text goes (`id = 4521`): TOML reads it as no text."""
_INNER = "pmtui_inner"
OUTSIDE_64_BITS = "a whole number outside TOML's range (-2^63 to 2^63-1)"
_LONG_DIGITS = re.compile(r"[0-9A-Fa-f_]{16,}")
"""How any whole number outside 64 bits is written: 19 decimal digits or more, 16 hex, 21
octal or 64 binary ones (underscores between them)."""
"""The error type of `inner()`: problems a validator found inside the value it checks."""

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\(at end of document\)$")
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_KEY_TUPLE = re.compile(rf"\((?:{_QUOTED})(?:, (?:{_QUOTED}))*,?\)")
"""A key as tomllib's messages write it, a Python tuple: `('incident', 'title')`."""


# Schema problems ----------------------------------------------------------------------------


def schema_line(origin: str | Path, text: str, error: ValidationError) -> str:
    """The first problem, and how many more: `FILE:LINE: field.path: what (got …)`."""
    first, *more = schema_lines(origin, text, error)
    return with_count(first, more)


def with_count(first: str, more: list[str]) -> str:
    """`first`, and how many `more` problems there are."""
    tail = f" (and {len(more)} more problem{'s' if len(more) > 1 else ''})" if more else ""
    return first + tail


def schema_lines(origin: str | Path, text: str, error: ValidationError) -> list[str]:
    """One line per problem, in the order the schema found them."""
    return [at(origin, text, detail["loc"], wording(detail)) for detail in details(error)]


def value_line(error: ValidationError) -> str:
    """The first problem of a value typed into a form: `field: what (got …)`."""
    first = details(error)[0]
    return f"{field_path(first['loc'])}: {wording(first)}"


def at(origin: str | Path, text: str, location: Location, message: str) -> str:
    """`FILE:LINE: field.path: message`, LINE being that of the key itself where it is
    written (else its table's header); no line when no part of the path is in the file.
    Lines may end in CRLF (a file saved on Windows): TOML allows it."""
    line = tomlpos.line_found(text.replace("\r\n", "\n"), location)
    where = f"{origin}:{line}" if line else str(origin)
    return f"{where}: {field_path(location)}: {message}"


def wording(detail: ErrorDetails) -> str:
    """What is wrong, in pmtui's words where pydantic's are not a person's."""
    if detail["type"] == "missing":
        return MISSING
    if detail["type"] == "extra_forbidden":
        return UNKNOWN_KEY
    value = detail.get("input")
    if detail["type"] in NOT_WHOLE and isinstance(value, str) and not value.strip():
        return "empty: write a whole number, like 10"
    ours = WORDS.get(detail["type"])
    if detail["type"] == "string_type" and not isinstance(value, dict | list):
        ours = BARE_TEXT
    message = ours.format(**detail.get("ctx", {})) if ours else detail["msg"]
    message = message.removeprefix("Value error, ")
    if value is None or isinstance(value, dict | list):
        return message
    got = quoted(value.isoformat() if isinstance(value, dt.date | dt.time) else value)
    if isinstance(value, str) and got in message:  # the message quotes it: once is enough
        return message
    return f"{message} (got {got})"


def field_path(location: Location) -> str:
    """`("timeline", 3, "at")` → `timeline[3].at`."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(document)"


def details(error: ValidationError) -> list[ErrorDetails]:
    """Each problem of `error`; those a validator raised with `inner` at their own paths."""
    found: list[ErrorDetails] = []
    for detail in error.errors(include_url=False):
        if detail["type"] != _INNER:
            found.append(detail)
            continue
        outer = detail["loc"]
        found.extend({**each, "loc": (*outer, *each["loc"])} for each in detail["ctx"]["found"])
    return found


def inner(problems: Iterable[tuple[Location, str]]) -> PydanticCustomError:
    """What a validator raises to name problems inside the value it checks, each at its
    own key (`(("answers",), "…")`), so the line given is that key's, not the table's."""
    return _inner([{"type": "value_error", "loc": loc, "msg": msg} for loc, msg in problems])


def inner_of(error: ValidationError) -> PydanticCustomError:
    """`inner` for the problems of a part that a validator checks with another model."""
    return _inner(details(error))


def _inner(found: list[dict]) -> PydanticCustomError:
    from pydantic_core import PydanticCustomError

    first = f"{field_path(found[0]['loc'])}: {wording(found[0])}"
    return PydanticCustomError(_INNER, "{first}", {"first": first, "found": found})


# TOML syntax --------------------------------------------------------------------------------


def toml_line(origin: str | Path, text: str, error: tomllib.TOMLDecodeError) -> str:
    """`FILE:LINE:COLUMN: what`, a date or time that is none named as such."""
    message = str(error)
    if match := _TOML_POSITION.search(message):
        line, column = match.groups()
        message = message[: match.start()].rstrip()
        if bad := _bad_date_or_time(text.split("\n")[int(line) - 1], int(column)):
            column, message = bad
    elif match := _TOML_AT_END.search(message):
        lines = text.split("\n")
        line, column = str(len(lines)), str(len(lines[-1]) + 1)
        message = message[: match.start()].rstrip() + " at end of file"
    else:
        return f"{origin}: {_keys_as_written(message)}"
    message = _keys_as_written(TOML_WORDS.get(message, message))
    return f"{origin}:{line}:{column}: {message[:1].lower()}{message[1:]}"


def long_number_line(origin: str | Path, text: str) -> str:
    """tomllib's `ValueError` for a whole number longer than Python converts (4300 digits),
    as `FILE:LINE: …` with the line the digits are on."""
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"[0-9_]{{{limit + 1},}}", text)
    where = f"{origin}:{text.count(chr(10), 0, found.start()) + 1}" if found else str(origin)
    return f"{where}: {OUTSIDE_64_BITS} (over {limit} digits)"


def number_outside_64_bits(origin: str | Path, text: str, data: dict[str, Any]) -> str | None:
    """A whole number TOML cannot hold (its integers are 64-bit), which Python read all the
    same: the first one, as `FILE:LINE: key.path: …`; None when there is none.

    Only a text with a long enough run of digits can hold one, so most files are never
    walked. (Left in, such a number made a traceback wherever it was shown as text.)
    """
    if not _LONG_DIGITS.search(text):
        return None
    stack: list[tuple[Any, Location]] = [(data, ())]
    while stack:
        value, location = stack.pop()
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if isinstance(item, dict | list):
                stack.append((item, (*location, key)))
            elif type(item) is int and not -(2**63) <= item < 2**63:
                return at(origin, text, (*location, key), OUTSIDE_64_BITS)
    return None


def _keys_as_written(message: str) -> str:
    """tomllib's keys as a TOML file writes them: `cannot declare incident twice`, not
    `('incident',)`."""

    import ast  # only for a message that has a key

    return _KEY_TUPLE.sub(lambda match: tomlpos.dotted(ast.literal_eval(match.group())), message)


_DATE_OR_TIME = re.compile(
    r"(?:^|[=\[,{])[ \t]*(?P<value>(?:(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?"
    r"(?:(?(year)[Tt ]|)(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"(?:[Zz]|[+-](?P<zone_hour>\d{2}):(?P<zone_minute>\d{2}))?)?)"
)


_TIME_LIMITS = (
    ("hour", 23),
    ("minute", 59),
    ("second", 59),
    ("zone_hour", 23),
    ("zone_minute", 59),
)


def _bad_date_or_time(line: str, column: int) -> tuple[str, str] | None:
    """`(column, "2018-13-01 is not a date (month 13)")` when a TOML syntax error at
    `column` falls in a value written like a date or time that is none: tomllib then
    reports only the text left over after the part it could read, which misleads."""
    for match in _DATE_OR_TIME.finditer(line):
        start, end = match.span("value")
        if not start < column <= end + 1 or not (match["year"] or match["hour"]):
            continue
        kind = "a date" if not match["hour"] else "a date and time" if match["year"] else "a time"
        if problem := _date_problem(match) or _time_problem(match):
            return str(start + 1), f"{match['value']} is not {kind} ({problem})"
    return None


def _date_problem(match: re.Match[str]) -> str | None:
    if not match["year"]:
        return None
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12:
        return f"month {month}"
    if not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return f"day {day}: {calendar.month_name[month]} {year} has {days} days"
    return None


def _time_problem(match: re.Match[str]) -> str | None:
    if not match["hour"]:
        return None
    for part, most in _TIME_LIMITS:
        if match[part] and int(match[part]) > most:
            name = part.replace("zone_", "time zone offset ")
            return f"{name} {int(match[part])}"
    if not match["second"]:
        return f"seconds are required: {match['hour']}:{match['minute']}:00"
    return None
