"""Finding reviews under a folder: what the start screen and `pmtui list` show.

Listing must stay fast for thousands of reviews, so a file is not parsed whole: the lines
the list needs (the incident's id, title, severity, status, dates and tags; each action's
status and owner) are picked out of their tables and only those go through `tomllib`.
Multi-line strings are stepped over, so text inside them is never taken for a key or a
table. When
that small document does not parse (a file written by hand in an unusual way), the whole
file is parsed instead, and a file that fails that too is listed with its problem. Nothing
is validated against the schema here: `pmtui check` and opening a review do that.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtui.files import store

CLOSED_STATUSES = ("done", "won't do")
"""An action whose status is not one of these (or not given) is open."""
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
_HEADER = re.compile(
    r"\n[ \t]*\[(\[?)[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)"
)
_OPENS_VALUE = re.compile(r"[ \t]*[A-Za-z0-9_.-]+[ \t]*=[ \t]*")
_SPECIAL = re.compile(r'["\\]')
_DATE_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?"
)
_KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*)")
_TOP_KEYS = frozenset({"schema_version"})
_INCIDENT_KEYS = frozenset(
    {"id", "title", "severity", "status", "started_at", "review_date", "tags"}
)
_ACTION_KEYS = frozenset({"status", "owner"})


@dataclass(frozen=True)
class Entry:
    """One review as a list shows it."""

    path: Path
    id: str = ""
    title: str = ""
    severity: str = ""
    status: str = ""
    date: dt.date | None = None
    open_actions: int = 0
    owners: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    problem: str = ""
    modified: float = 0.0

    @property
    def label(self) -> str:
        """`ID Title (severity, status)` in one line."""
        name = " ".join(part for part in (self.id, self.title) if part) or "Untitled review"
        extra = ", ".join(part for part in (self.severity, self.status) if part)
        return f"{name} ({extra})" if extra else name

    def matches(self, query: str) -> bool:
        """Every word of `query` is in the ID, title, severity, status, an owner or a tag."""
        tags = (f"{tag} #{tag}" for tag in self.tags)
        words = (self.id, self.title, self.severity, self.status, self.path.name, *self.owners)
        haystack = " ".join((*words, *tags)).casefold()
        return all(word in haystack for word in query.casefold().split())

    def as_json(self, folder: Path) -> dict[str, Any]:
        return {
            "path": _relative(self.path, folder),
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "date": self.date.isoformat() if self.date else None,
            "open_actions": self.open_actions,
            "owners": list(self.owners),
            "tags": list(self.tags),
            "problem": self.problem or None,
        }


def reviews_under(folder: Path, stop: Callable[[], bool] = lambda: False) -> list[Entry]:
    """Every review in `folder` and its subfolders (hidden ones left out), newest first.

    `stop` is asked before each file, so a long walk (a home folder) can be given up.
    """
    entries = []
    for path in toml_files(folder):
        if stop():
            break
        if (entry := describe(path)) is not None:
            entries.append(entry)
    entries.sort(key=_newest_first_key, reverse=True)
    return entries


def toml_files(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                yield Path(root, name)


def describe(path: Path, actions: bool = True) -> Entry | None:
    """One review file as a list entry; None when the TOML file is not a review at all.

    Without `actions`, reading stops after the `[incident]` table (no open-action count or
    owners): what a header needs, as quick for a 10,000-event review as for a small one.
    """
    try:
        modified = path.stat().st_mtime
    except OSError as error:
        return Entry(path, problem=_first_line(error))
    try:
        text = store.read_text(path)  # its problems in check's words (not UTF-8 text, …)
    except store.ReviewFileError as error:
        return Entry(path, problem=_problem(path, error), modified=modified)
    try:
        data = _list_fields(text, actions)
        if "incident" not in data and "schema_version" not in data:
            data = store.parse(path, text)  # not a review, or one the fast path cannot read
    except (tomllib.TOMLDecodeError, RecursionError, store.ReviewFileError, _Unsure):
        try:
            data = store.parse(path, text)
        except store.ReviewFileError as error:
            return Entry(path, problem=_problem(path, error), modified=modified)
    if "incident" not in data and "schema_version" not in data:
        return None  # pyproject.toml and friends
    return _entry(path, data, modified)


def _problem(path: Path, error: store.ReviewFileError) -> str:
    """Why the file cannot be listed, as `check` says it, without the file's name."""
    return str(error).removeprefix(f"{path}:").lstrip()


def _entry(path: Path, data: dict[str, Any], modified: float) -> Entry:
    incident = data.get("incident") if isinstance(data.get("incident"), dict) else {}
    actions = [a for a in data.get("actions") or [] if isinstance(a, dict)]
    started = incident.get("started_at")
    review_date = incident.get("review_date")
    day = started.date() if isinstance(started, dt.datetime) else None
    if day is None and isinstance(review_date, dt.date):
        day = review_date
    owners = dict.fromkeys(str(a["owner"]) for a in actions if a.get("owner"))
    tags = incident.get("tags") if isinstance(incident.get("tags"), list) else []
    return Entry(
        path,
        id=_text(incident.get("id")),
        title=_text(incident.get("title")),
        severity=_text(incident.get("severity")),
        status=_text(incident.get("status")) or "draft",
        date=day,
        open_actions=sum(str(a.get("status", "")) not in CLOSED_STATUSES for a in actions),
        owners=tuple(owners),
        tags=tuple(str(tag) for tag in tags),
        modified=modified,
    )


def _list_fields(text: str, with_actions: bool = True) -> dict[str, Any]:
    """The top-level keys, `[incident]` and `[[actions]]` with only the keys a list needs."""
    text = "\n" + text  # every table header now follows a line end
    quotes = _triple_quotes(text)
    data: dict[str, Any] = {}
    actions: list[dict[str, Any]] = []
    name, is_array, start = "", False, 0
    for header in _HEADER.finditer(text):
        if quotes and bisect.bisect(quotes, header.start()) % 2:
            continue  # a line inside a multi-line string
        _take(data, actions, name, is_array, text[start : header.start()])
        if name == "incident" and not with_actions:
            return data
        name, is_array, start = header.group(2), header.group(1) == "[", header.end()
    _take(data, actions, name, is_array, text[start:])
    if actions:
        data["actions"] = actions
    return data


def _take(
    data: dict[str, Any], actions: list[dict[str, Any]], name: str, is_array: bool, body: str
) -> None:
    if name == "":
        data.update(_picked(body, _TOP_KEYS))
    elif name == "incident" and not is_array:
        data["incident"] = _picked(body, _INCIDENT_KEYS)
    elif name == "actions" and is_array:
        actions.append(_picked(body, _ACTION_KEYS))


class _Unsure(ValueError):
    """Three quotes where the quick reading cannot tell what they are (inside a one-line
    string, a comment or an array): the caller parses the whole file instead."""


def _triple_quotes(text: str) -> list[int]:
    """Where multi-line strings open and close, in pairs (`str.find` is far faster than a
    regex). Each opens as a `key = ` line's value and closes at the next three quotes of
    its kind not escaped; three quotes anywhere else raise `_Unsure`."""
    found: list[int] = []
    at = 0
    kinds = [quote for quote in ('"""', "'''") if quote in text]
    while (start := _next_triple_quote(text, at, kinds)) != -1:
        quote = text[start : start + 3]
        line_start = text.rfind("\n", 0, start) + 1
        if not _OPENS_VALUE.fullmatch(text, line_start, start):
            raise _Unsure(start)
        end = text.find(quote, start + 3)
        while quote == '"""' and end != -1 and _escaped(text, end):
            end = text.find(quote, end + 1)
        if end == -1:
            raise _Unsure(start)
        stop = end + 3
        while text[stop : stop + 1] == quote[0]:
            stop += 1  # `a""""` ends in a quote of its own: the last three close it
        found += [start, stop - 3]
        at = stop
    return found


def _next_triple_quote(text: str, at: int, kinds: list[str]) -> int:
    found = [place for quote in kinds if (place := text.find(quote, at)) != -1]
    return min(found, default=-1)


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd run of backslashes."""
    run = at
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def _picked(body: str, keys: frozenset[str]) -> dict[str, Any]:
    """The values of `keys` in a table's body, stepping over multi-line strings."""
    picked: dict[str, Any] = {}
    lines = iter(body.split("\n"))
    for line in lines:
        match = _KEY.fullmatch(line)
        if match is None:
            continue
        key, value = match.groups()
        quote = value[:3]
        if quote in ('"""', "'''") and quote not in value[3:]:
            value += "\n" + _until(lines, lambda line, q=quote: q in line)
        elif value.startswith("[") and not value.rstrip().endswith("]"):
            value += "\n" + _until(lines, lambda line: line.strip().startswith("]"))
        if key in keys:
            picked[key] = _value(value)
    return picked


def _until(lines: Iterator[str], last: Any) -> str:
    taken = []
    for line in lines:
        taken.append(line)
        if last(line):
            break
    return "\n".join(taken)


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


def _newest_first_key(entry: Entry) -> tuple[dt.date, float]:
    day = entry.date or dt.datetime.fromtimestamp(entry.modified, dt.UTC).date()
    return day, entry.modified


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)
