"""Open actions across many reviews: `pmtui actions FOLDER` and the start screen's count.

An action is open while it is neither done nor won't-do. The list puts the overdue ones
first, then the rest by due date (none last), then by review file, then in the review's
own order. Files are read as `stats` reads them (`stats.read_each`): a pool of processes
for many, and a file that is not a review is passed over.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pmtui.analysis import columns, stats
from pmtui.analysis.checklist import is_overdue
from pmtui.document.model import Review
from pmtui.document.printable import inert, table_cell
from pmtui.document.today import Day, day_in

NO_OWNER = stats.NO_OWNER
TEXT_COLUMNS = ("OWNER", "DUE", "OVERDUE", "ID", "TITLE", "REVIEW")
CSV_COLUMNS = (
    "Assignee",
    "Co-owners",
    "Due date",
    "Days overdue",
    "Action ID",
    "Summary",
    "Status",
    "Review",
)


@dataclass(frozen=True)
class FollowUp:
    """One open action, and the review file it belongs to."""

    owners: tuple[str, ...]
    due: dt.date | None
    days_overdue: int
    """0 unless overdue: how many days past its due date."""
    id: str
    title: str
    status: str
    """"" when the room gave none."""
    review: str
    """The review file, relative to the folder listed (else as given)."""
    place: int = 0
    """Its place among the review's actions."""

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    def as_json(self) -> dict[str, object]:
        return {
            "owners": list(self.owners),
            "due": self.due.isoformat() if self.due else None,
            "overdue": self.overdue,
            "days_overdue": self.days_overdue,
            "id": self.id,
            "title": self.title,
            "status": self.status or None,
            "review": self.review,
        }


@dataclass
class FollowUps:
    rows: list[FollowUp] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line for each review that could not be read."""


def open_actions(review: Review, name: str, today: dt.date) -> list[FollowUp]:
    """The review's open actions; `name` says which review they come from."""
    return [
        FollowUp(
            owners=tuple(action.everyone),
            due=action.due,
            days_overdue=(today - action.due).days
            if is_overdue(action.status, action.due, today)
            else 0,
            id=action.id,
            title=action.title,
            status=action.status or "",
            review=name,
            place=place,
        )
        for place, action in enumerate(review.actions)
        if not action.closed
    ]


def open_actions_in(path: Path, folder: Path, today: Day) -> list[FollowUp] | str | None:
    """A review file's open actions (overdue as of `today` in its timezone); its one-line
    problem; None when it is not a review."""
    review = stats.review_at(path)
    if not isinstance(review, Review):
        return review
    return open_actions(review, _relative(path, folder), day_in(today, review.zone))


def collect(
    paths: Sequence[Path],
    folder: Path,
    today: Day,
    workers: int | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> FollowUps:
    """The open actions of every review among `paths`, in the list's order."""
    read = partial(open_actions_in, folder=folder, today=today)
    found = FollowUps()
    for result in stats.read_each(paths, read, workers, stop):
        if isinstance(result, str):
            found.problems.append(result)
        elif result is not None:
            found.rows.extend(result)
    found.rows.sort(key=_order)
    return found


def under(folder: Path, today: Day, workers: int | None = None) -> FollowUps:
    """The open actions of every review under `folder` (as `stats` finds them)."""
    return collect(stats.review_files(folder), folder, today, workers)


def _order(row: FollowUp) -> tuple[bool, bool, dt.date, str, int]:
    return (not row.overdue, row.due is None, row.due or dt.date.max, row.review, row.place)


def filtered(
    rows: Iterable[FollowUp],
    *,
    owner: str = "",
    overdue: bool = False,
    due_before: dt.date | None = None,
) -> list[FollowUp]:
    """The rows of `owner` (owner or co-owner, in any case), overdue, or due before a day."""
    wanted = owner.strip().casefold()
    return [
        row
        for row in rows
        if (not wanted or wanted in (name.strip().casefold() for name in row.owners))
        and (not overdue or row.overdue)
        and (due_before is None or (row.due is not None and row.due < due_before))
    ]


def asked(*, owner: str = "", overdue: bool = False, due_before: dt.date | None = None) -> str:
    """What `filtered` was asked for, in words ("overdue, owned by Dan"): empty for all."""
    parts = (
        "overdue" if overdue else "",
        f"owned by {table_cell(owner.strip())}" if owner.strip() else "",
        f"due before {due_before.isoformat()}" if due_before else "",
    )
    return ", ".join(part for part in parts if part)


def overdue_text(days: int) -> str:
    return "" if days <= 0 else f"{days} day{'s' if days != 1 else ''}"


def cells(row: FollowUp) -> tuple[str, ...]:
    """A row as the text list and the start screen show it, in `TEXT_COLUMNS` order."""
    return (
        ", ".join(row.owners) or NO_OWNER,
        row.due.isoformat() if row.due else "",
        overdue_text(row.days_overdue),
        row.id,
        row.title,
        row.review,
    )


def as_text(rows: Sequence[FollowUp], filter_asked: str = "") -> str:
    """Aligned columns, each cell escaped onto one line before it is measured. None kept by
    a filter (`asked`) says which: "No open actions." over a folder full of them read as
    nothing to follow up."""
    if not rows:
        return f"No open actions {filter_asked}.\n" if filter_asked else "No open actions.\n"
    table = [TEXT_COLUMNS, *(tuple(map(table_cell, cells(r))) for r in rows)]
    return columns.left_aligned(table)


def as_csv(rows: Sequence[FollowUp]) -> str:
    """For a tracker: a header, then a row per action; no cell runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        owner, *others = row.owners or ("",)
        writer.writerow(
            inert(cell)
            for cell in (
                owner,
                ", ".join(others),
                row.due.isoformat() if row.due else "",
                str(row.days_overdue) if row.overdue else "",
                row.id,
                row.title,
                row.status,
                row.review,
            )
        )
    return out.getvalue()


def as_json(rows: Sequence[FollowUp]) -> str:
    """A list of objects; control characters are escaped when printed (`say`)."""
    return json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2)


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)
