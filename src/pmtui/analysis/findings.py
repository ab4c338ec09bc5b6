"""Every check's findings on one review, less the ones the team dismissed."""

from __future__ import annotations

import datetime as dt

from pmtui import templates
from pmtui.analysis import blameless, checklist, chronology
from pmtui.analysis.finding import Finding
from pmtui.document.model import Review


def all_findings(
    review: Review, today: dt.date, book: blameless.Phrasebook | None = None
) -> list[Finding]:
    """Every check's findings, dismissed or not; `book` defaults to built-in + team phrases."""
    panes, not_at_hand = template_panes(review.template)
    return [
        *not_at_hand,
        *chronology.findings(review, today),
        *checklist.findings(review, today, panes),
        *blameless.findings(review, book or blameless.phrasebook()),
        *merge_conflicts(review),
    ]


def template_panes(template: str) -> tuple[tuple[str, ...], list[Finding]]:
    """The panes a review's template asks for, and a finding when the template is not at
    hand (someone else's, or a name mistyped by hand: the review then shows and exports in
    the default layout, and nothing said so): every pane then. Read each time: 0.4 ms."""
    try:
        return tuple(templates.load_named(template).tabs), []
    except templates.TemplateError as error:
        return templates.TABS, [
            Finding("template", "template", str(error), f"template: {template}")
        ]


def merge_conflicts(review: Review) -> list[Finding]:
    """What a merge (`pmtui merge`) could not settle: one finding each, until dismissed."""
    return [
        Finding(
            "merge-conflict",
            conflict.where,
            f"two versions disagree: {conflict.ours!r} is kept, the other had "
            f"{conflict.theirs!r}; settle it, then dismiss this",
        )
        for conflict in review.conflicts
    ]


def review_findings(
    review: Review, today: dt.date, book: blameless.Phrasebook | None = None
) -> list[Finding]:
    """The findings the team has not dismissed."""
    dismissed = set(review.dismissed)
    return [f for f in all_findings(review, today, book) if f.key not in dismissed]
