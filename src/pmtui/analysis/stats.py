"""Figures across every review under a folder: counts by severity, MTTD/MTTI/MTTF/MTTR over
the last ten incidents (the dojo's definition of MTTR) and overall, open and overdue actions
by owner. Files are read in a process pool, so ten thousand reviews take seconds."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pmtui import catalog, store
from pmtui.analysis import durations, measures
from pmtui.analysis.checklist import is_overdue
from pmtui.model import SEVERITY_SUGGESTIONS
from pmtui.printable import escaped

METRICS = measures.MEANS
LAST = 10
NO_OWNER = "(no owner)"
NO_SEVERITY = "(none)"
POOL_FROM = 200  # fewer files than this are read in this process: a pool costs more


@dataclass(frozen=True)
class Figures:
    """What stats needs from one review."""

    severity: str
    start: dt.datetime | None
    durations: durations.Durations
    open_actions: tuple[tuple[str, bool], ...]  # (owner, overdue)


@dataclass
class Stats:
    reviews: int = 0
    severity: Counter[str] = field(default_factory=Counter)
    last: dict[str, dt.timedelta | None] = field(default_factory=dict)
    overall: dict[str, dt.timedelta | None] = field(default_factory=dict)
    owners: dict[str, list[int]] = field(default_factory=dict)  # owner → [open, overdue]
    problems: list[str] = field(default_factory=list)


def review_files(folder: Path) -> list[Path]:
    """Every TOML file under the folder, outside hidden folders (`.git`, `.venv`)."""
    return sorted(
        path
        for path in folder.rglob("*.toml")
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts)
    )


def figures_of(path: Path, today: dt.date) -> Figures | str | None:
    """One review's figures; a one-line problem; None when the file is not a review.

    A file is a review when `pmtui list` would list it, so every unreadable file stats
    counts is a row there too."""
    try:
        review = store.load(path)
    except store.ReviewFileError as error:  # a review, or some other TOML file?
        return str(error) if catalog.describe(path) is not None else None
    if not review.model_fields_set & {"incident", "schema_version"}:
        return None
    moments = durations.timeline_moments(review.timeline)
    start = durations.moment(measures.IMPACT, moments, review.incident)
    return Figures(
        severity=review.incident.severity.strip(),
        start=start.at if start else None,
        durations=durations.measure(moments, review.incident),
        open_actions=tuple(
            (a.owner.strip() or NO_OWNER, is_overdue(a.status, a.due, today))
            for a in review.actions
            if not a.closed
        ),
    )


def collect(folder: Path, today: dt.date, workers: int | None = None) -> Stats:
    paths = review_files(folder)
    read = partial(figures_of, today=today)
    if len(paths) < POOL_FROM or (workers or os.cpu_count() or 1) < 2:
        results: Iterable[Figures | str | None] = map(read, paths)
        return summarise(list(results))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return summarise(list(pool.map(read, paths, chunksize=64)))


def summarise(results: Sequence[Figures | str | None]) -> Stats:
    stats = Stats()
    reviews = [r for r in results if isinstance(r, Figures)]
    stats.problems = [r for r in results if isinstance(r, str)]
    stats.reviews = len(reviews)
    stats.severity = Counter(r.severity or NO_SEVERITY for r in reviews)
    recovered = [r for r in reviews if r.durations.recover is not None and r.start is not None]
    recovered.sort(key=lambda r: r.start)  # recovered from a known start: a downtime
    stats.last = _means(recovered[-LAST:])
    stats.overall = _means(reviews)
    for review in reviews:
        for owner, overdue in review.open_actions:
            counts = stats.owners.setdefault(owner, [0, 0])
            counts[0] += 1
            counts[1] += overdue
    return stats


def _means(reviews: Sequence[Figures]) -> dict[str, dt.timedelta | None]:
    means = {}
    for metric, name in METRICS.items():
        spans = [s for r in reviews if (s := getattr(r.durations, name)) is not None]
        means[metric] = sum(spans, dt.timedelta()) / len(spans) if spans else None
    return means


def _severity_order(name: str) -> tuple[int, str]:
    known = [s.lower() for s in SEVERITY_SUGGESTIONS]
    return (known.index(name.lower()) if name.lower() in known else len(known), name.lower())


def as_json(stats: Stats) -> str:
    def seconds(means: dict[str, dt.timedelta | None]) -> dict[str, int | None]:
        return {k: None if v is None else round(v.total_seconds()) for k, v in means.items()}

    return json.dumps(
        {
            "reviews": stats.reviews,
            "severity": dict(sorted(stats.severity.items(), key=lambda i: _severity_order(i[0]))),
            "last_ten_seconds": seconds(stats.last),
            "overall_seconds": seconds(stats.overall),
            "actions": {
                owner: {"open": counts[0], "overdue": counts[1]}
                for owner, counts in sorted(stats.owners.items())
            },
            "unreadable": len(stats.problems),
            "problems": stats.problems,
        },
        indent=2,
        ensure_ascii=False,
    )


def as_text(stats: Stats, folder: Path) -> str:
    """The figures as aligned columns; names are escaped before they are measured."""
    severity = {escaped(name): count for name, count in stats.severity.items()}
    owners = {escaped(name): counts for name, counts in stats.owners.items()}
    w = max([16, *(len(name) + 2 for name in [*severity, *owners])])
    noun = "review" if stats.reviews == 1 else "reviews"
    heading = f"{stats.reviews} {noun} under {folder}"
    if stats.problems:
        more = len(stats.problems)
        errors = "its error is" if more == 1 else "their errors are"
        heading += f"; {more} more could not be read ({errors} on stderr)"
    lines = [heading, "", f"{'Severity':<{w}}{'Reviews':>8}"]
    for name in sorted(severity, key=_severity_order):
        lines.append(f"{name:<{w}}{severity[name]:>8}")
    lines += ["", f"{'':<{w}}{f'Last {LAST}':>10}{'All':>10}"]
    for metric in METRICS:
        last = durations.span_text(stats.last.get(metric))
        overall = durations.span_text(stats.overall.get(metric))
        lines.append(f"{metric:<{w}}{last:>10}{overall:>10}")
    lines += ["", f"{'Owner':<{w}}{'Open':>8}{'Overdue':>9}"]
    for owner, (open_count, overdue) in sorted(owners.items()):
        lines.append(f"{owner:<{w}}{open_count:>8}{overdue:>9}")
    return "\n".join(lines) + "\n"
