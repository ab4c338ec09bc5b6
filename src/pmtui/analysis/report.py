"""`pmtui check`: each file's durations and findings, as `FILE: …` lines or JSON.

A replay scenario (`*.scenario.toml`, or a file with `[[scenes]]`) is only validated.

Exit codes: 0 no findings, 1 findings, 2 a file could not be loaded or is no review.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pmtui.analysis import blameless, durations
from pmtui.analysis.finding import Finding
from pmtui.analysis.findings import review_findings
from pmtui.document.printable import escaped
from pmtui.files import store
from pmtui.training import scenario

OK, FINDINGS, CANNOT = 0, 1, 2


@dataclass
class FileReport:
    path: Path
    error: str = ""
    durations: durations.Durations | None = None
    findings: list[Finding] = field(default_factory=list)
    is_scenario: bool = False
    newer: str = ""
    """The line naming a review written by a newer pmtui, read as far as this one can."""
    more_errors: tuple[str, ...] = ()
    """The problems `error` counts after its own (`ReviewFileError.more`)."""


def check_files(paths: Sequence[Path], today: Callable[[dt.tzinfo], dt.date]) -> list[FileReport]:
    """Each file's findings as of `today(review's timezone)`: the day it is where the review
    keeps its times."""
    book = blameless.phrasebook()
    reports = []
    for path in paths:
        # Read once: a pipe (`pmtui check <(git show HEAD:review.toml)`) gives its text once.
        try:
            text = store.read_text(path)
            data, walked = store.parsed(path, text)
        except store.ReviewFileError as error:
            named = path.name.endswith(scenario.SUFFIX)
            reports.append(FileReport(path, error=str(error), is_scenario=named))
            continue
        if scenario.is_scenario(path, data):
            reports.append(_scenario_report(path, text))
            continue
        try:
            review = store.from_data(data, path, text, walked)
        except store.ReviewFileError as error:
            reports.append(FileReport(path, error=str(error), more_errors=error.more))
            continue
        if problem := store.not_a_review_line(review, path):  # pyproject.toml, an empty file
            reports.append(FileReport(path, error=problem))
            continue
        found = review_findings(review, today(review.zone), book)
        reports.append(
            FileReport(
                path,
                durations=durations.of_review(review),
                findings=found,
                newer=store.newer_schema_line(review.schema_version, path) or "",
            )
        )
    return reports


def _scenario_report(path: Path, text: str) -> FileReport:
    try:
        scenario.from_text(path, text)
    except store.ReviewFileError as error:
        return FileReport(path, error=str(error), is_scenario=True)
    return FileReport(path, is_scenario=True)


def exit_code(reports: Sequence[FileReport]) -> int:
    if any(r.error for r in reports):
        return CANNOT
    return FINDINGS if any(r.findings for r in reports) else OK


def as_text(reports: Sequence[FileReport]) -> str:
    """Durations, then one `FILE: where: what` line per finding (or `FILE: ok`): a newline
    in a name the finding quotes is written `\\x0a`, so each finding stays one line."""
    lines = []
    for report in reports:
        if report.error:
            continue
        if report.is_scenario:
            lines.append(f"{report.path}: ok (scenario)")
            continue
        lines.append(f"{report.path}: durations: {durations.summary_line(report.durations)}")
        lines += [f"{report.path}: {finding.line}" for finding in report.findings]
        if not report.findings:
            lines.append(f"{report.path}: ok")
    return "".join(f"{escaped(line, one_line=True)}\n" for line in lines)


def as_json(reports: Sequence[FileReport]) -> str:
    def entry(report: FileReport) -> dict:
        if report.error:
            return {"file": str(report.path), "error": report.error, "more": report.more_errors}
        if report.is_scenario:
            return {"file": str(report.path), "scenario": True}
        return {
            "file": str(report.path),
            "durations_seconds": report.durations.seconds(),
            "durations": report.durations.texts(),
            "findings": [finding.as_dict() for finding in report.findings],
        }

    return json.dumps([entry(r) for r in reports], indent=2, ensure_ascii=False) + "\n"
