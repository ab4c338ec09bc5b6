"""Finding reviews under a folder: what the start screen and `pmtui list` show.

Each file is read quickly for the fields a list shows (`quick_fields`); a file the quick
reading cannot be sure of is parsed whole, and a file that fails that too is listed with
its problem. Nothing is validated against the schema here: `pmtui check` and opening a
review do that.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtui.files import quick_fields, store

CLOSED_STATUSES = ("done", "won't do")
"""An action whose status is not one of these (or not given) is open."""
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


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

    @property
    def problem_cell(self) -> str:
        """Why the file cannot be read as a list's title cell says it, `cannot read` once
        (`cannot read (permission denied)` came as `cannot read: cannot read (…)`)."""
        if self.problem.startswith("cannot read"):
            return self.problem
        return f"cannot read: {self.problem}"

    @property
    def problem_line(self) -> str:
        """Why the file cannot be read, in the line `check` and `stats` say it in: the file,
        then the place in it when there is one (`r.toml:1:10: expected …`)."""
        at_a_place = re.match(r"\d+(:\d+)?: ", self.problem)
        return f"{self.path}:{'' if at_a_place else ' '}{self.problem}"

    def matches(self, query: str) -> bool:
        """Every word of `query` is in the ID, title, severity, status, file name, an owner or
        a tag."""
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
    """Every TOML file under the folder, outside hidden and tool folders (`.git`,
    `node_modules`), whatever the case of its suffix (`pmtui new R7.TOML` writes one).

    A link to a file listed under its own name (`latest.toml` → `outage.toml`) is not
    listed again: `stats` counted that review twice, and `actions` its actions. Links come
    last, once the files they may point to are known. A folder that cannot be read is
    listed too, as a file that cannot be is: left out, `stats` counted "0 reviews" there."""
    listed: set[Path] = set()
    links: list[Path] = []
    unreadable: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=unreadable.append):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.lower().endswith(".toml") and not name.startswith("."):
                path = Path(root, name)
                if path.is_symlink():
                    links.append(path)
                else:
                    listed.add(path)
                    yield path
    yield from (Path(error.filename) for error in unreadable)  # `describe` says why
    real_folder = Path(os.path.realpath(folder))
    for link in links:
        target = Path(os.path.realpath(link))
        if not target.is_relative_to(real_folder) or (
            Path(folder, target.relative_to(real_folder)) not in listed
        ):
            yield link


def describe(path: Path, actions: bool = True) -> Entry | None:
    """One review file as a list entry; None when the TOML file is not a review at all.

    Without `actions`, reading stops after the `[incident]` table (no open-action count or
    owners): what a header needs, as quick for a 10,000-event review as for a small one.
    """
    try:
        info = path.stat()
    except FileNotFoundError:  # found in its folder, so a link to nothing, or gone since
        gone = "a link to a file that is not there" if path.is_symlink() else "no such file"
        return Entry(path, problem=gone)
    except OSError as error:
        return Entry(path, problem=store.reason(error))
    modified = info.st_mtime
    if stat.S_ISDIR(info.st_mode):  # one `toml_files` could not look into
        return Entry(path, problem=_unreadable_folder(path), modified=modified)
    if not stat.S_ISREG(info.st_mode):  # reading a pipe would wait for a writer
        return Entry(path, problem="not a regular file (a pipe or a device)", modified=modified)
    try:
        text = store.read_text(path)  # its problems in check's words (not UTF-8 text, …)
    except store.ReviewFileError as error:
        return Entry(path, problem=_problem(path, error), modified=modified)
    try:
        data = quick_fields.list_fields(text, actions)
        if store.REVIEW_KEYS.isdisjoint(data):
            data = store.parse(path, text)  # not a review, or one the fast path cannot read
    except (ValueError, RecursionError, store.ReviewFileError, quick_fields.Unsure):
        # ValueError: tomllib's syntax errors, and a number of too many digits
        try:
            data = store.parse(path, text)
        except store.ReviewFileError as error:
            return Entry(path, problem=_problem(path, error), modified=modified)
    if store.REVIEW_KEYS.isdisjoint(data):
        return None  # pyproject.toml and friends
    return _entry(path, data, modified)


def _unreadable_folder(path: Path) -> str:
    """Why `toml_files` could not look into the folder (asked again: it gives paths)."""
    try:
        os.scandir(path).close()
    except OSError as error:
        return f"cannot read this folder ({store.reason(error)})"
    return "cannot read this folder (it changed while being listed)"


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


def _newest_first_key(entry: Entry) -> tuple[dt.date, float]:
    day = entry.date or dt.datetime.fromtimestamp(entry.modified, dt.UTC).date()
    return day, entry.modified


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)
