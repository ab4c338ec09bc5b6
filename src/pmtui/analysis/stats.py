"""Figures across every review under a folder: counts by severity, the dojo's MTTD, MTTI,
MTTF and MTTR over the last ten downtimes and over all of them, open and overdue actions by
owner. Files are read in a process pool, so ten thousand reviews take seconds.

A downtime is a review with a time to recover (TTR) from a known start. Which downtimes
each mean covers, so the figures add up and say how sure they are:

- The split (MTTD, MTTI, MTTF and MTTR) is taken over the same downtimes: those with all
  three parts (TTD, TTI, TTF) measured to the minute. Their TTR is TTD + TTI + TTF, so
  MTTR = MTTD + MTTI + MTTF; printed to the minute (in JSON, to the second) the parts are
  apportioned so the sum still holds (see `apportioned`). Its count is printed under it.
- Where some downtimes lack a part, MTTR over every downtime is printed on a row of its
  own ("MTTR, all downtimes"), with its count: it is the figure for the whole downtime.
- A mean that includes an approximate time (`approx`) reads "about 15h 9m".
- A downtime with an end known only to the day (`day_only`: "6 days") is in no mean: its
  hours are not known, and midnight standing in would move a mean of hours by up to a
  day. It still counts among the last ten downtimes (it happened), and how many were left
  out is printed ("left out", `day_only_left_out` in JSON).

Actions finished on time are counted over the last ten reviews, in the order of the review's
own date: its incident's start (the impact milestone, else `started_at`, as downtimes are
ordered), else its review date; a review with neither comes before every dated one. Counted
are the actions with a due date that are done (on time: `done_on` on or before `due`; else
late) or overdue; one done without the day it was done is left out, and said so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from pmtui.analysis import columns, durations, measures
from pmtui.analysis.checklist import is_overdue
from pmtui.document.model import SEVERITY_SUGGESTIONS, Action, ActionStatus, Review
from pmtui.document.printable import table_cell
from pmtui.document.severity import severity_label
from pmtui.document.today import Day, day_in
from pmtui.files import catalog, store

METRICS = measures.MEANS
"""MTTD, MTTI, MTTF, MTTR → the measure each is the mean of."""
RECOVER = "recover"
TOTAL = next(name for name, key in METRICS.items() if key == RECOVER)
PARTS = {name: key for name, key in METRICS.items() if key != RECOVER}
EVERY = "MTTR_all_downtimes"
"""MTTR over every downtime, split or not: its JSON key."""
EVERY_LABEL = measures.EVERY_DOWNTIME
MINUTE, SECOND = dt.timedelta(minutes=1), dt.timedelta(seconds=1)
LAST = 10
NO_OWNER = "(no owner)"
NO_SEVERITY = "(none)"
POOL_FROM = 200  # fewer files than this are read in this process: a pool costs more
T = TypeVar("T")


class Deadlines(NamedTuple):
    """Actions with a due date, by how they met it."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    undated: int = 0
    """Done, with no `done_on`: whether on time is not known."""

    def __add__(self, other: object) -> Deadlines:
        if not isinstance(other, Deadlines):
            return NotImplemented
        return Deadlines(*(mine + theirs for mine, theirs in zip(self, other, strict=True)))

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.overdue


@dataclass(frozen=True)
class Figures:
    """What stats needs from one review."""

    severity: str
    start: dt.datetime | None
    durations: durations.Durations
    open_actions: tuple[tuple[str, bool], ...]  # (owner, overdue)
    quiz_answers: tuple[tuple[str, bool], ...] = ()  # (learner, right): a replay's training note
    review_date: dt.date | None = None
    deadlines: Deadlines = field(default_factory=Deadlines)


@dataclass(frozen=True)
class Mean:
    """The mean of one measure over some downtimes; `about` when one of them is approximate."""

    span: dt.timedelta | None = None
    about: bool = False


@dataclass(frozen=True)
class Means:
    """The dojo's means over one window of downtimes (the last ten, or all of them)."""

    split: dict[str, Mean] = field(default_factory=lambda: {name: Mean() for name in METRICS})
    """MTTD, MTTI, MTTF and MTTR over the downtimes that time all three parts: the same
    downtimes behind each, so MTTR = MTTD + MTTI + MTTF."""
    split_downtimes: int = 0
    every: Mean = Mean()
    """MTTR over every downtime timed to the minute, whether its timeline splits it or not."""
    downtimes: int = 0
    """The downtimes behind `every`."""
    day_only: int = 0
    """Downtimes left out of every mean: an end known only to the day."""


@dataclass
class Stats:
    reviews: int = 0
    severity: Counter[str] = field(default_factory=Counter)
    last: Means = field(default_factory=Means)
    overall: Means = field(default_factory=Means)
    owners: dict[str, list[int]] = field(default_factory=dict)  # owner → [open, overdue]
    learners: dict[str, list[int]] = field(default_factory=dict)  # learner → [right, answered]
    deadlines: Deadlines = field(default_factory=Deadlines)
    """Over the last `LAST` reviews (see the module's note)."""
    problems: list[str] = field(default_factory=list)


def review_files(folder: Path) -> list[Path]:
    """The TOML files `pmtui list` lists: those that cannot be read too (a link to nothing,
    a pipe), so that every one a report counts as unreadable is a row there."""
    return sorted(catalog.toml_files(folder))


def review_at(path: Path) -> Review | str | None:
    """The review in a file; its one-line problem; None when the file is not a review.

    A file is a review when `pmtui list` would list it, so every unreadable file a report
    counts is a row there too. A file that is not a regular one is never read (a pipe
    would wait for a writer): its problem is the one `list` gives."""
    if not path.is_file():
        entry = catalog.describe(path)
        return None if entry is None else entry.problem_line
    try:
        review = store.load(path)
    except store.ReviewFileError as error:  # a review, or some other TOML file?
        return str(error) if catalog.describe(path) is not None else None
    if not store.is_a_review(review):
        return None
    return review


def read_each(
    paths: Sequence[Path],
    read: Callable[[Path], T],
    workers: int | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> list[T]:
    """`read` on every path, in order: in a pool of processes for many files, else here,
    asking `stop` before each file (`read` must pickle: a module's function or a partial).
    """
    if len(paths) >= POOL_FROM and (workers or os.cpu_count() or 1) >= 2:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(read, paths, chunksize=64))
    results = []
    for path in paths:
        if stop():
            break
        results.append(read(path))
    return results


def figures_of(path: Path, today: Day) -> Figures | str | None:
    """One review's figures (overdue as of `today` in its timezone); a one-line problem;
    None when the file is not a review."""
    review = review_at(path)
    if not isinstance(review, Review):
        return review
    return figures_of_review(review, day_in(today, review.zone))


def owner_of(action: Action) -> str:
    """Who an action is counted under: its owner, else its first co-owner (as `actions` and
    the exports name them), else no one."""
    return next((name.strip() for name in action.everyone if name.strip()), NO_OWNER)


def figures_of_review(review: Review, today: dt.date) -> Figures:
    moments = durations.timeline_moments(review.timeline)
    start = durations.moment(measures.IMPACT, moments, review.incident)
    return Figures(
        severity=review.incident.severity.strip(),
        start=start.at if start else None,
        durations=durations.measure(moments, review.incident),
        open_actions=tuple(
            (owner_of(a), is_overdue(a.status, a.due, today))
            for a in review.actions
            if not a.closed
        ),
        quiz_answers=tuple((a.learner.strip(), a.right) for a in review.quiz_answers),
        review_date=review.incident.review_date,
        deadlines=deadlines_of(review, today),
    )


def deadlines_of(review: Review, today: dt.date) -> Deadlines:
    on_time = late = overdue = undated = 0
    for action in review.actions:
        if action.due is None:
            continue
        if action.status != ActionStatus.DONE:
            overdue += is_overdue(action.status, action.due, today)
        elif action.done_on is None:
            undated += 1
        elif action.done_on <= action.due:
            on_time += 1
        else:
            late += 1
    return Deadlines(on_time, late, overdue, undated)


def collect(folder: Path, today: Day, workers: int | None = None) -> Stats:
    return summarise(read_each(review_files(folder), partial(figures_of, today=today), workers))


def summarise(results: Sequence[Figures | str | None]) -> Stats:
    stats = Stats()
    reviews = [r for r in results if isinstance(r, Figures)]
    stats.problems = [r for r in results if isinstance(r, str)]
    stats.reviews = len(reviews)
    spellings: dict[str, Counter[str]] = {}  # by label: sev2, SEV-2 and 2 are one severity
    for review in reviews:
        label = severity_label(review.severity) if review.severity else NO_SEVERITY
        spellings.setdefault(label, Counter())[review.severity or NO_SEVERITY] += 1
    stats.severity = Counter({_one_name(seen): seen.total() for seen in spellings.values()})
    downtimes = [r for r in reviews if r.durations.recover is not None and r.start is not None]
    downtimes.sort(key=lambda r: r.start)  # recovered from a known start: a downtime
    stats.last = means_of(downtimes[-LAST:])
    stats.overall = means_of(downtimes)
    latest = sorted(reviews, key=_review_order)[-LAST:]
    stats.deadlines = sum((r.deadlines for r in latest), Deadlines())
    for review in reviews:
        for owner, overdue in review.open_actions:
            counts = stats.owners.setdefault(owner, [0, 0])
            counts[0] += 1
            counts[1] += overdue
        for learner, right in review.quiz_answers:
            tally = stats.learners.setdefault(learner, [0, 0])
            tally[0] += right
            tally[1] += 1
    return stats


def _review_order(review: Figures) -> tuple[bool, dt.datetime]:
    """The incident's start, else the review's date; a review with neither first."""
    if review.start is not None:
        return True, review.start
    if review.review_date is not None:
        return True, dt.datetime.combine(review.review_date, dt.time(), dt.UTC)
    return False, dt.datetime.min.replace(tzinfo=dt.UTC)


def means_of(downtimes: Sequence[Figures]) -> Means:
    """The split over the downtimes timing all its parts; MTTR over every timed one."""
    timed = [r for r in downtimes if _timed(r, RECOVER)]
    split = [r for r in timed if all(_timed(r, key) for key in PARTS.values())]
    parts = {name: _mean(split, key) for name, key in PARTS.items()}
    total = sum((p.span for p in parts.values() if p.span is not None), dt.timedelta())
    return Means(
        split={**parts, TOTAL: Mean(total if split else None, _any_about(split, RECOVER))},
        split_downtimes=len(split),
        every=_mean(timed, RECOVER),
        downtimes=len(timed),
        day_only=len(downtimes) - len(timed),
    )


def _timed(review: Figures, key: str) -> bool:
    """Measured, to the minute: not missing, not a count of days."""
    return getattr(review.durations, key) is not None and key not in review.durations.days


def _mean(reviews: Sequence[Figures], key: str) -> Mean:
    if not reviews:
        return Mean()
    spans = [getattr(r.durations, key) for r in reviews]
    return Mean(sum(spans, dt.timedelta()) / len(spans), _any_about(reviews, key))


def _any_about(reviews: Sequence[Figures], key: str) -> bool:
    return any(key in r.durations.about for r in reviews)


def apportioned(parts: dict[str, dt.timedelta], unit: dt.timedelta) -> dict[str, dt.timedelta]:
    """Each part in whole `unit`s, adding up to their sum rounded to the nearest unit.

    Rounding each part alone would not add up (three halves round to three more); the
    largest remainders take the units left over instead, so no part moves by a unit or more.
    """
    whole = {name: span // unit for name, span in parts.items()}
    rest = {name: span % unit for name, span in parts.items()}
    total = (sum(parts.values(), dt.timedelta()) + unit / 2) // unit
    for name in sorted(rest, key=rest.__getitem__, reverse=True)[: total - sum(whole.values())]:
        whole[name] += 1
    return {name: count * unit for name, count in whole.items()}


def shown(means: Means, unit: dt.timedelta) -> dict[str, dt.timedelta | None]:
    """Every mean in whole `unit`s, as printed: MTTR = MTTD + MTTI + MTTF holds exactly."""
    values: dict[str, dt.timedelta | None] = dict.fromkeys([*METRICS, EVERY], None)
    if means.split_downtimes:
        parts = apportioned({name: means.split[name].span for name in PARTS}, unit)
        values.update(parts, **{TOTAL: sum(parts.values(), dt.timedelta())})
    if means.every.span is not None:
        values[EVERY] = apportioned({EVERY: means.every.span}, unit)[EVERY]
    return values


def _abouts(means: Means) -> dict[str, bool]:
    return {**{name: mean.about for name, mean in means.split.items()}, EVERY: means.every.about}


def _texts(means: Means) -> dict[str, str | None]:
    """Each mean as printed: `1h 38m`, `about 15h 9m`; None when nothing is measured."""
    about = _abouts(means)
    return {
        name: None if span is None else durations.Reading(span, about[name]).text
        for name, span in shown(means, MINUTE).items()
    }


def _one_name(spellings: Counter[str]) -> str:
    """What a severity written several ways is counted as: the usual scale's spelling
    (`SEV2` for sev2, SEV-2 and 2), else the commonest."""
    label = severity_label(next(iter(spellings)))
    usual = (name for name in SEVERITY_SUGGESTIONS if severity_label(name) == label)
    return next(usual, spellings.most_common(1)[0][0])


def _severity_order(name: str) -> tuple[int, str]:
    known = [s.lower() for s in SEVERITY_SUGGESTIONS]
    return (known.index(name.lower()) if name.lower() in known else len(known), name.lower())


def _means_json(means: Means) -> dict[str, object]:
    seconds = shown(means, SECOND)
    return {
        "split_downtimes": means.split_downtimes,
        "all_downtimes": means.downtimes,
        "day_only_left_out": means.day_only,
        "seconds": {k: None if v is None else v // SECOND for k, v in seconds.items()},
        "shown": _texts(means),
        "about": [name for name, about in _abouts(means).items() if about],
    }


def as_json(stats: Stats) -> str:
    """The figures for scripts. `last_ten` and `overall` each hold:

    - `split_downtimes`: the downtimes whose timeline times TTD, TTI and TTF; `MTTD`,
      `MTTI`, `MTTF` and `MTTR` are means over them, and MTTR = MTTD + MTTI + MTTF holds
      in `seconds` and in `shown`;
    - `all_downtimes`: the downtimes timed to the minute; `MTTR_all_downtimes` is the mean
      over them;
    - `day_only_left_out`: downtimes with an end known to the day only, in no mean;
    - `seconds` (whole seconds, null when nothing is measured) and `shown` (as printed,
      "about 15h 9m"); `about`: the means that include an approximate time.

    `actions_on_time`, over the last ten reviews: `on_time`, `late`, `overdue`, `counted`
    (their sum), `share` (on time out of counted, null when none is counted) and
    `done_undated` (done with no `done_on`: in no count).
    """
    return json.dumps(
        {
            "reviews": stats.reviews,
            "severity": dict(sorted(stats.severity.items(), key=lambda i: _severity_order(i[0]))),
            "last_ten": _means_json(stats.last),
            "overall": _means_json(stats.overall),
            "actions": {
                owner: {"open": counts[0], "overdue": counts[1]}
                for owner, counts in sorted(stats.owners.items())
            },
            "quiz_answers": {
                learner: {"right": right, "answered": answered}
                for learner, (right, answered) in sorted(stats.learners.items())
            },
            "actions_on_time": _deadlines_json(stats.deadlines),
            "unreadable": len(stats.problems),
            "problems": stats.problems,
        },
        indent=2,
        ensure_ascii=False,
    )


def _deadlines_json(deadlines: Deadlines) -> dict[str, object]:
    counted = deadlines.counted
    return {
        "on_time": deadlines.on_time,
        "late": deadlines.late,
        "overdue": deadlines.overdue,
        "counted": counted,
        "share": deadlines.on_time / counted if counted else None,
        "done_undated": deadlines.undated,
    }


def as_text(stats: Stats, folder: Path) -> str:
    """The figures as aligned columns; names are escaped, on one line each (a newline in a
    learner's name split a row and shifted the columns), before they are measured."""
    severity = {table_cell(name): count for name, count in stats.severity.items()}
    owners = {table_cell(name): counts for name, counts in stats.owners.items()}
    noun = "review" if stats.reviews == 1 else "reviews"
    heading = f"{stats.reviews} {noun} under {folder}"
    if stats.problems:
        more = len(stats.problems)
        errors = "its error is" if more == 1 else "their errors are"
        heading += f"; {more} more could not be read ({errors} on stderr)"
    by_severity = [["Severity", "Reviews"]]
    by_severity += [[name, str(severity[name])] for name in sorted(severity, key=_severity_order)]
    by_owner = [["Owner", "Open", "Overdue"]]
    by_owner += [[owner, str(o), str(late)] for owner, (o, late) in sorted(owners.items())]
    means, notes = _means_table(stats.last, stats.overall)
    wanted = [by_severity, means, by_owner]
    if stats.learners:  # replays' quizzes: a coach's tally, learner by learner
        by_learner = [["Quiz answers", "Right", "Answered"]]
        by_learner += [
            [table_cell(learner), str(right), str(answered)]
            for learner, (right, answered) in sorted(stats.learners.items())
        ]
        wanted.append(by_learner)
    on_time, on_time_notes = _deadlines_table(stats.deadlines)
    if on_time:  # shown once an action was due in the last reviews
        wanted.append(on_time)
    tables = columns.aligned(wanted, label_min=16, value_min=10)
    blocks = [[heading], tables[0], tables[1] + notes, *tables[2:]]
    if on_time:
        blocks[-1] = blocks[-1] + on_time_notes
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _deadlines_table(deadlines: Deadlines) -> tuple[list[list[str]], list[str]]:
    """Actions done on time over the last reviews, with what was counted; none: no rows.
    Its labels fit the first column's least width, so the other tables do not move."""
    if not deadlines.counted and not deadlines.undated:
        return [], []
    share = f"{deadlines.on_time / deadlines.counted:.0%}" if deadlines.counted else "—"
    rows = [["Actions due", f"Last {LAST}"], ["  done on time", str(deadlines.on_time)]]
    rows += [["  done late", str(deadlines.late)], ["  overdue", str(deadlines.overdue)]]
    rows.append(["  on time", share])
    notes = [f"Actions due: in the last {LAST} reviews, those with a due date, done or overdue."]
    if deadlines.undated:
        rows.append(["  left out", str(deadlines.undated)])
        notes.append("Left out: actions done with no day done (done_on), in no count.")
    return rows, notes


def _means_table(last: Means, overall: Means) -> tuple[list[list[str]], list[str]]:
    """The means' rows (Last 10, All), and the notes that say which is which."""
    texts = [_texts(last), _texts(overall)]
    rows = [["", f"Last {LAST}", "All"]]
    rows += [[name, *(text[name] or "—" for text in texts)] for name in METRICS]
    rows.append(["  downtimes", str(last.split_downtimes), str(overall.split_downtimes)])
    notes = [f"{TOTAL} = {' + '.join(PARTS)}, over the downtimes with all three parts timed."]
    if (last.downtimes, overall.downtimes) != (last.split_downtimes, overall.split_downtimes):
        rows.append([EVERY_LABEL, *(text[EVERY] or "—" for text in texts)])
        rows.append(["  downtimes", str(last.downtimes), str(overall.downtimes)])
        notes.append(f"{EVERY_LABEL}: every downtime known to the minute, split or not.")
    if overall.day_only:
        rows.append(["  left out", str(last.day_only), str(overall.day_only)])
        notes.append('Left out: downtimes known only to the day ("6 days"), in no mean.')
    return rows, notes
