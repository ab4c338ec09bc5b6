"""The few fields a list of reviews shows, read without parsing the whole file.

Listing must stay fast for thousands of reviews, and a review's header for a 10,000-event
one. The tables are found by their headers, stepping over multi-line strings (found with
`str.find`), so text inside them is never taken for a table. Only the tables a list needs
are read (`[incident]` for its id, title, severity, status, dates and tags; each
`[[actions]]` for its status and owner), one expression a line for the usual lines, and
only the values wanted go through `tomllib`.

Anything the quick reading cannot be sure of raises `Unsure`, and the caller parses the
whole file instead: three quotes inside a one-line string, a quoted table name,
`incident.status = ` at the top, an inline `actions = [...]`, an array holding arrays.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from typing import Any

from pmtui.files import toml_blocks

_LINE_OPENING_A_BRACKET = re.compile(
    r"\n[ \t]*\[(?:(\[)?[ \t]*([A-Za-z0-9_.-]+)[ \t]*\](?(1)\])[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z))?"
)
"""A line starting with `[`: a table header when its name is bare (dotted or not), which
an array's item on a line of its own cannot fake for a listed table, since `incident` and
`actions` are not TOML values. Any other such line (a quoted name, an array's item) is
left to the full parse."""
_OPENS_VALUE = re.compile(r"[ \t]*(?:[A-Za-z0-9_.-]+[ \t]*=[ \t]*)?")
"""What may come before a multi-line string on its line: `key = `, or nothing (an item of
an array written one item a line, as pmtui writes a list holding a line end)."""
_STRING = r"""(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*')"""
"""A one-line string, its loop unrolled: a long one is matched many times faster."""
_END = r"[ \t]*(?:#[^\n]*)?\r?"
_PLAIN_LINE = re.compile(
    rf"[ \t]*(?:([A-Za-z0-9_-]+)[ \t]*=[ \t]*("
    rf"{_STRING}|[-+:.\w]+(?: [-+:.\w]+)?"
    rf"|\[[ \t]*(?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*)?\]"
    rf"))?{_END}"
)
"""A blank line, a comment, or a bare key with a one-line value: a string, a number, a
date, a word, or an array of strings, all on this line."""
_KEY_EQUALS = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
_LINE_END = re.compile(_END)
_ARRAY_OPENS = re.compile(rf"\[{_END}")
_ARRAY_ITEMS = re.compile(rf"[ \t]*(?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*)?{_END}")
_ARRAY_CLOSES = re.compile(rf"[ \t]*\]{_END}")
_ITEM_END = re.compile(rf"[ \t]*,?{_END}")
_INDENT = re.compile(r"[ \t]*")
_SPECIAL = re.compile(r'["\\]')
_DATE_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?"
)
_TOP_KEYS = frozenset({"schema_version"})
_INCIDENT_KEYS = frozenset(
    {"id", "title", "severity", "status", "started_at", "review_date", "tags"}
)
_ACTION_KEYS = frozenset({"status", "owner"})
_LISTED_TABLES = frozenset({"incident", "actions"})
_READ_TABLES = frozenset({"", *_LISTED_TABLES})


class Unsure(ValueError):
    """Something the quick reading cannot tell for certain: parse the whole file."""


def list_fields(text: str, with_actions: bool = True) -> dict[str, Any]:
    """The top-level keys, `[incident]` and `[[actions]]` with only the keys a list needs.
    Without `with_actions`, reading stops at the end of `[incident]`."""
    reading = _Reading("\n" + text)  # every table header now follows a line end
    return reading.fields(with_actions)


class _Reading:
    def __init__(self, text: str) -> None:
        self.text = text
        self._strings = _multi_line_strings(text)
        self._quotes: list[int] = []
        """Where the multi-line strings found so far open and close, in pairs."""
        self._closes: dict[int, int] = {}
        """Where each of them closes, by where it opens."""
        self._known_to = 0
        """Every multi-line string opening before here is found: they are looked for
        only as far as the reading goes (a header's reading stops after `[incident]`)."""

    def _inside_string(self, at: int) -> bool:
        self._find_strings_past(at)
        return bisect.bisect(self._quotes, at) % 2 == 1

    def _string_opening_at(self, at: int) -> bool:
        self._find_strings_past(at)
        return at in self._closes

    def _find_strings_past(self, at: int) -> None:
        while self._known_to <= at:
            opens, closes = next(self._strings, (len(self.text), len(self.text)))
            self._quotes += (opens, closes)
            self._closes[opens] = closes
            self._known_to = closes + 1

    def fields(self, with_actions: bool) -> dict[str, Any]:
        text = self.text
        data: dict[str, Any] = {}
        actions: list[dict[str, Any]] = []
        name, is_array, start = "", False, 0
        for header in _LINE_OPENING_A_BRACKET.finditer(text):
            if self._inside_string(header.start()):
                continue  # a line inside a multi-line string
            if header.group(2) is None:
                raise Unsure(header.end())
            if name in _READ_TABLES:
                self._take(data, actions, name, is_array, start, header.start())
            if name == "incident" and not with_actions:
                return data
            name, is_array, start = header.group(2), header.group(1) is not None, header.end()
        if name in _READ_TABLES:
            self._take(data, actions, name, is_array, start, len(text))
        if actions:
            data["actions"] = actions
        return data

    def _take(
        self,
        data: dict[str, Any],
        actions: list[dict[str, Any]],
        name: str,
        is_array: bool,
        start: int,
        end: int,
    ) -> None:
        if name == "":
            data.update(self._picked(start, end, _TOP_KEYS, also_watched=_LISTED_TABLES))
        elif name == "incident" and not is_array:
            if "incident" in data:
                raise Unsure("[incident] twice")  # not TOML; the full parse says so
            data["incident"] = self._picked(start, end, _INCIDENT_KEYS)
        elif name == "actions" and is_array:
            actions.append(self._picked(start, end, _ACTION_KEYS))

    def _picked(
        self, start: int, end: int, keys: frozenset[str], also_watched: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """The values of `keys` in the table body from `start` to `end`. A dotted key
        starting with one of them (or with one of `also_watched`) could add to what is
        listed: `Unsure`."""
        picked: dict[str, Any] = {}
        for key, value in self._key_values(start, end):
            if key[0] in also_watched or (key[0] in keys and len(key) > 1):
                raise Unsure(".".join(key))
            if key[0] in keys:
                picked[key[0]] = _value(value)
        return picked

    def _key_values(self, start: int, end: int) -> list[tuple[tuple[str, ...], str]]:
        """Each `key = value` in a table's body. Plain lines, multi-line strings and arrays
        of strings one item a line are read here; a body holding anything else is read
        by `toml_blocks`, which knows every way of writing a key and a value but steps
        through a long string one character at a time."""
        pairs: list[tuple[tuple[str, ...], str]] = []
        at = start
        while at < end:
            line_end = self._line_end(at, end)
            plain = _PLAIN_LINE.fullmatch(self.text, at, line_end)
            if plain is not None:
                if plain.group(1):
                    pairs.append(((plain.group(1),), plain.group(2)))
                at = line_end + 1
                continue
            key = _KEY_EQUALS.match(self.text, at, line_end)
            value_end = None if key is None else self._value_end(key.end(), line_end, end)
            if key is None or value_end is None:
                return self._key_values_carefully(start, end)
            pairs.append(((key.group(1),), self.text[key.end() : value_end]))
            at = value_end + 1
        return pairs

    def _value_end(self, value_at: int, line_end: int, end: int) -> int | None:
        """Where a multi-line string's line ends, or an array of strings one item a line;
        None for any other value."""
        text = self.text
        if self._string_opening_at(value_at):
            return self._string_line_end(value_at, end, _LINE_END)
        if not _ARRAY_OPENS.fullmatch(text, value_at, line_end):
            return None
        at = line_end + 1
        while at < end:
            line_end = self._line_end(at, end)
            if _ARRAY_CLOSES.fullmatch(text, at, line_end):
                return line_end
            item = _INDENT.match(text, at).end()
            if self._string_opening_at(item):  # an item holding a line end
                line_end = self._string_line_end(item, end, _ITEM_END)
            elif not _ARRAY_ITEMS.fullmatch(text, at, line_end):
                line_end = None
            if line_end is None:
                return None
            at = line_end + 1
        return None

    def _string_line_end(self, opens: int, end: int, rest: re.Pattern[str]) -> int | None:
        """The end of the line where the multi-line string opening at `opens` closes, if
        what follows it there matches `rest`."""
        closed = self._closes[opens] + 3
        line_end = self._line_end(closed, end)
        return line_end if rest.fullmatch(self.text, closed, line_end) else None

    def _key_values_carefully(self, start: int, end: int) -> list[tuple[tuple[str, ...], str]]:
        try:
            return list(toml_blocks.key_values(self.text[start:end]))
        except toml_blocks.Unmapped as error:
            raise Unsure(str(error)) from error

    def _line_end(self, at: int, end: int) -> int:
        found = self.text.find("\n", at, end)
        return end if found == -1 else found


def _multi_line_strings(text: str) -> Iterator[tuple[int, int]]:
    """Where each multi-line string opens and closes, in order (`str.find` is far faster
    than a regex). Each opens as a value, on a line of its own or after `key = `, and
    closes at the next three quotes of its kind not escaped; three quotes anywhere else
    raise `Unsure`."""
    upcoming = {quote: text.find(quote) for quote in ('"""', "'''")}
    while (start := min((at for at in upcoming.values() if at != -1), default=-1)) != -1:
        quote = text[start : start + 3]
        line_start = text.rfind("\n", 0, start) + 1
        if not _OPENS_VALUE.fullmatch(text, line_start, start):
            raise Unsure(start)
        end = text.find(quote, start + 3)
        while quote == '"""' and end != -1 and _escaped(text, end):
            end = text.find(quote, end + 1)
        if end == -1:
            raise Unsure(start)
        stop = end + 3
        while text[stop : stop + 1] == quote[0]:
            stop += 1  # `a""""` ends in a quote of its own: the last three close it
        yield start, stop - 3
        for kind, at in upcoming.items():  # each kind is looked for again only once passed
            if at != -1 and at < stop:
                upcoming[kind] = text.find(kind, stop)


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd run of backslashes."""
    run = at
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def _value(text: str) -> Any:
    """A TOML value: the plain cases directly, anything else through `tomllib`."""
    text = text.strip()
    if text[:1] == '"' and text[-1:] == '"' and len(text) > 1 and not _SPECIAL.search(text[1:-1]):
        return text[1:-1]
    if _DATE_LIKE.fullmatch(text):
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    return tomllib.loads(f"v = {text}")["v"]
