"""Values written into a tomlkit table in the style of the values they replace.

A changed string keeps its quotes (basic `"…"`, literal `'…'`, and their triple forms,
with or without a newline after the opening quotes) where the new text allows them: a
text of several lines needs triple quotes, a literal string cannot hold `'` or control
characters. A changed date and time keeps its form: local (no offset: written in the
review's zone), an offset, or `Z`; `T` or a space between date and time. A value with
nothing to follow (a new key, another type) is written as pmtui writes it (`store`).
"""

from __future__ import annotations

import datetime as dt
import re
from difflib import SequenceMatcher
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w
import tomlkit
from tomlkit.items import Array, Date, DateTime, InlineTable, Item, String, StringType, Table

from pmtui import store
from pmtui.toml_blocks import Unmapped

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""What no string holds as it is, but tab and newline (`\r` included: it is escaped)."""
_EMPTY: tuple[Any, ...] = (None, {}, [])


def update(table: Any, key: str, before: Any, after: Any, zone: ZoneInfo) -> None:
    """Make `table[key]` hold `after` (None: remove it), where the snapshot held `before`
    (None: not in the snapshot, so absent from the file or equal to its default)."""
    if after is None:
        if key in table:
            del table[key]
        elif before not in _EMPTY:
            raise Unmapped(f"{key}: not where the file was expected to hold it")
        return
    if key not in table:
        if before not in _EMPTY:
            raise Unmapped(f"{key}: not where the file was expected to hold it")
        table[key] = fresh(after)
        return
    item = table[key]
    if isinstance(after, dict) and isinstance(item, Table | InlineTable):
        before = before if isinstance(before, dict) else {}
        for inner in dict.fromkeys([*before, *after]):
            if before.get(inner) != after.get(inner):
                update(item, inner, before.get(inner), after.get(inner), zone)
    elif _scalars(after) and _scalars(before) and isinstance(item, Array):
        _edit_array(item, before, after)
    else:
        table[key] = styled(item, after, zone)


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)


def _edit_array(array: Array, before: list[Any], after: list[Any]) -> None:
    """Take out and put in only the items that changed, so the array keeps its layout
    (one item a line, comments beside items)."""
    if len(array) != len(before):
        raise Unmapped("an array that does not hold what was read")
    matcher = SequenceMatcher(None, list(map(repr, before)), list(map(repr, after)), False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag != "equal":
            for index in reversed(range(i1, i2)):
                del array[index]
            for offset, value in enumerate(after[j1:j2]):
                array.insert(i1 + offset, fresh(value))


def styled(item: Item, value: Any, zone: ZoneInfo) -> Item:
    """`value` written as `item` was, as far as the value allows."""
    if isinstance(value, str) and isinstance(item, String):
        return _parsed(_string_like(item, str(value)))
    if isinstance(value, dt.datetime) and isinstance(item, DateTime | Date):
        return _parsed(_datetime_like(item, value, zone))
    return fresh(value)


def fresh(value: Any) -> Item:
    """`value` as pmtui writes it."""
    if isinstance(value, dict) or (isinstance(value, list) and not _scalars(value)):
        return tomlkit.item(value)
    return _parsed(tomli_w.dumps({"v": store.writable(value)}, multiline_strings=True)[4:])


def _parsed(toml: str) -> Item:
    return tomlkit.parse(f"v = {toml}")["v"]


def _string_like(item: String, value: str) -> str:
    kind = item.type
    literal = kind in (StringType.SLL, StringType.MLL)
    multi_line = kind in (StringType.MLB, StringType.MLL) or "\n" in value
    if literal and _literal_can_hold(value, multi_line):
        quotes = "'''" if multi_line else "'"
        body = value
    elif multi_line:
        quotes = '"""'
        body = _CONTROL.sub(_escaped, value.replace("\\", "\\\\"))
        body = re.sub(r'"(?=")', r'\\"', body)  # no three quotes in a row
    else:
        return tomli_w.dumps({"v": value})[4:-1]
    if multi_line:
        was_multi_line = kind in (StringType.MLB, StringType.MLL)
        raw = item.as_string()
        newline_first = not was_multi_line or raw[3:4] == "\n" or raw[3:5] == "\r\n"
        body = "\n" + body if newline_first or body.startswith("\n") else body
    return f"{quotes}{body}{quotes}"


def _literal_can_hold(value: str, multi_line: bool) -> bool:
    if _CONTROL.search(value):
        return False
    return "'''" not in value if multi_line else "'" not in value and "\n" not in value


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def _datetime_like(item: DateTime | Date, value: dt.datetime, zone: ZoneInfo) -> str:
    raw = item.as_string()
    if isinstance(item, DateTime):
        between, local, zulu = raw[10], item.tzinfo is None, raw[-1] in "Zz"
    else:  # a day-only time given a time of day: local, as a date alone is
        between, local, zulu = "T", True, False
    suffix = ""
    if value.tzinfo is not None and local:
        there = value.astimezone(zone).replace(tzinfo=None, fold=0)
        if there.replace(tzinfo=zone) == value:  # not in a gap or a repeated hour
            value = there
        else:
            local = False
    if value.tzinfo is not None and not local:
        if zulu:
            value, suffix = value.astimezone(dt.UTC), raw[-1]
        else:
            value = store.writable(value)
            suffix = value.isoformat()[-6:]
    fraction = f".{value.microsecond:06d}" if value.microsecond else ""
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}{between}"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{fraction}{suffix}"
    )
