"""Action items for a tracker: CSV for a Jira import, JSON for scripts.

The CSV has the columns a Jira CSV import maps: Summary, Description, Assignee, Co-owners
(the other owners, comma-separated), Due date (ISO, `yyyy-MM-dd` in the import wizard),
Priority (P0–P3; map the values in the wizard), Status and one Labels column per label, as
Jira takes several labels. A field the room never set is a blank cell, never a default.
Every action is labelled with the incident's `sevN_YYYYMMDD` and `sevN` tags and its own
tags (spaces become `_`: a Jira label has none). Closed actions (done, won't do) have no
ticket to open, so the CSV leaves them out unless asked for every action. The JSON, for
scripts, has every action with every key, each always of one type, as the review holds it:
`null` for a date or choice nobody set (`"due": null`), `""` for text nobody wrote and `[]`
for an empty list (text and lists have no unset value apart from empty, and a script can
use them without a check for null).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula
when the file is opened in a spreadsheet (CSV injection): it gets a leading `'`, as OWASP
advises, and reads back otherwise intact. Neither format carries a raw control character:
CSV cells drop them, as the Markdown export does; JSON writes them as escapes.
"""

from __future__ import annotations

import csv
import io
import json

from pmtui.document.model import Action, Review
from pmtui.document.printable import escaped, inert
from pmtui.export.derived import Derived

COLUMNS = ("Summary", "Description", "Assignee", "Co-owners", "Due date", "Priority", "Status")


def labels(review: Review, action: Action) -> list[str]:
    """The tracker labels of one action: the incident's severity tags, then its own."""
    found = [*Derived(review).severity_tags, *("_".join(tag.split()) for tag in action.tags)]
    return list(dict.fromkeys(label for label in found if label))


def description(review: Review, action: Action) -> str:
    """The action's own description, then where it comes from."""
    incident = review.incident
    source = " ".join(part for part in (incident.id, incident.title) if part) or "untitled"
    details = [f"From the post-incident review {source} (action {action.id})."]
    if action.ticket:
        details.append(f"Ticket: {action.ticket}")
    return "\n\n".join(part for part in (action.description.strip(), *details) if part)


def co_owners(action: Action) -> str:
    """The owners beside the assignee, each named once."""
    return ", ".join(name for name in action.everyone if name != action.owner)


def to_csv(review: Review, *, every: bool = False) -> str:
    """One row per action still to do (`every`: closed ones too)."""
    rows = [
        [
            action.title,
            description(review, action),
            action.owner,
            co_owners(action),
            action.due.isoformat() if action.due else "",
            action.priority or "",
            action.status or "",
            *labels(review, action),
        ]
        for action in review.actions
        if every or not action.closed
    ]
    width = max((len(row) for row in rows), default=len(COLUMNS))
    header = [*COLUMNS, *["Labels"] * (width - len(COLUMNS))] if rows else [*COLUMNS, "Labels"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([*map(inert, row), *[""] * (len(header) - len(row))] for row in rows)
    return out.getvalue()


def to_json(review: Review) -> str:
    """The incident's key fields and every action with its labels, for scripts."""
    incident = review.incident
    data = {
        "incident": {
            "id": incident.id,
            "title": incident.title,
            "severity": incident.severity,
            "status": incident.status.value,
            "review_date": incident.review_date.isoformat() if incident.review_date else None,
        },
        "actions": [
            {
                **action.model_dump(mode="json"),
                "labels": labels(review, action),
            }
            for action in review.actions
        ],
    }
    # Control characters as JSON escapes (`\u001b`), never raw: the same text, safe to `cat`.
    return escaped(json.dumps(data, ensure_ascii=False, indent=2), json=True) + "\n"
