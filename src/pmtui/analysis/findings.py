"""Every check's findings on one review, less the ones the team dismissed."""

from __future__ import annotations

import datetime as dt

from pmtui.analysis import blameless, checklist, chronology
from pmtui.analysis.finding import Finding
from pmtui.model import Review


def review_findings(
    review: Review, today: dt.date, book: blameless.Phrasebook | None = None
) -> list[Finding]:
    """Every finding not dismissed; `book` defaults to the built-in and team phrases."""
    found = [
        *chronology.findings(review),
        *checklist.findings(review, today),
        *blameless.findings(review, book or blameless.phrasebook()),
    ]
    dismissed = set(review.dismissed)
    return [finding for finding in found if finding.key not in dismissed]
