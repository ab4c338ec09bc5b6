"""The severity and p0p1 layouts place what their seeds have a place for, rather than
leaving it to "Other notes", and name what they show as the app does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markdown_checks import exported as render
from markdown_checks import other_notes as notes
from markdown_checks import table_rows, under
from test_exports_faithful import review

from pmtui.document.model import Action, Factor, Question, Recipient, Why, Work


def test_severity_lists_attempted_work_with_its_effect_under_contributing_factors():
    r = review(
        factors=[Factor(factor="Index added without the online option")],
        work=[
            Work(what="Restarted delivery workers", effect="negative", note="Blocked again"),
            Work(what="Cancelled the migration", effect="positive"),
            Work(what="Paged the DBA", note="No answer for 10 minutes"),
        ],
    )
    text = render(r, "severity")
    factors = under(text, "## Contributing Factors")
    worse = next(line for line in factors.split("\n") if "Restarted delivery workers" in line)
    assert "(negative)" in worse and "Blocked again" in worse
    helped = next(line for line in factors.split("\n") if "Cancelled the migration" in line)
    assert "(positive)" in helped
    unsaid = next(line for line in factors.split("\n") if "Paged the DBA" in line)
    assert "No answer for 10 minutes" in unsaid
    assert not re.search(r"positive|negative|neutral", unsaid), unsaid  # nobody said
    assert "\n\nActions taken while resolving it" in factors  # not the last factor's text
    assert "Attempted work" not in notes(text) and "Restarted" not in notes(text)


def test_severity_sends_its_distribution_under_messaging_as_sent_or_not_yet():
    r = review(
        template="severity",
        distribution=[
            Recipient(audience="Internal email to employees"),
            Recipient(audience="Status page"),
        ],
    )
    untouched = render(r, "severity")  # the template's list, nobody used it: no content
    assert "## Messaging" not in untouched and "Status page" not in untouched
    r.distribution[0].shared = True
    r.messaging.internal = "We had an outage."
    text = render(r, "severity")
    messaging = under(text, "## Messaging")
    lines = messaging.split("\n")
    internal = next(line for line in lines if "Internal email to employees" in line)
    status_page = next(line for line in lines if "Status page" in line)
    assert internal.endswith(": sent")
    assert status_page.endswith(": not yet sent")
    assert "We had an outage." in messaging
    assert "Distribution" not in notes(text) and "Status page" not in notes(text)


@pytest.mark.parametrize(
    ("layout", "kind", "heading"),
    [
        ("severity", None, "## Action Items"),
        ("p0p1", "detect", "### Detection Improvements"),
        ("p0p1", "mitigate", "### Response Improvements"),
        ("p0p1", "prevent", "## Prevention"),
        ("p0p1", None, "## Prevention"),
    ],
)
def test_an_actions_description_shows_in_its_row(layout, kind, heading):
    description = "Alert at 80% of the pool | not 100%\nand page the owner"
    r = review(
        actions=[Action(id="A1", title="Alert on pool size", kind=kind, description=description)]
    )
    text = render(r, layout)
    rows = [row for row in table_rows(under(text, heading)) if "Alert on pool size" in row[0]]
    assert len(rows) == 1
    assert "Alert at 80% of the pool | not 100%<br>and page the owner" in rows[0][0]  # one cell
    assert "description" not in notes(text) and "Alert at 80%" not in notes(text)


@pytest.mark.parametrize("layout", ["p0p1", "default"])
def test_the_main_whys_chain_is_called_as_the_app_calls_it(layout):
    r = review(
        whys=[
            Why(question="Why did checkout fail?", answer="pool too small"),
            Why(question="Why so slow?", answer="backups untested", chain="Why it took long"),
        ]
    )
    text = render(r, layout)
    assert "Other whys" not in text
    main = text.index("Main chain")
    assert main < text.index("pool too small") < text.index("Why it took long")


@pytest.mark.parametrize(
    ("started_at", "shown"),
    [
        (dt.datetime(2026, 11, 14, 8, 30, tzinfo=dt.UTC), "2026-11-14 09:30 (Europe/Paris)"),
        (None, "2026-11-14 10:00 (Europe/Paris)"),  # the event marked "impact started"
    ],
    ids=["started_at", "impact started"],
)
def test_p0p1_summary_dates_the_incident_by_its_start(started_at, shown):
    r = review()
    r.incident.started_at = started_at
    r.incident.review_date = dt.date(2026, 11, 20)
    text = render(r, "p0p1")
    summary = under(text, "## Incident Summary")
    started = next(row for row in table_rows(summary) if row[0] == "Started")
    assert started[1] == shown
    assert "started at" not in notes(text)


def test_severity_shows_the_whys_under_contributing_factors():
    """The seed's one place for the conditions that contributed; they went to Other notes."""
    whys = [Why(question="Why did checkout fail?", answer="The pool ran dry", systemic=True)]
    text = render(review(factors=[Factor(factor="Pool too small")], whys=whys), "severity")
    factors = under(text, "## Contributing Factors")
    assert factors.index("Pool too small") < factors.index("| 1 | Why did checkout fail?")
    assert "5 whys" not in notes(text) and "pool ran dry" not in notes(text)


@pytest.mark.parametrize(
    ("title", "section", "kind"),
    [("Detection", "detection", "detect"), ("Response", "response", "mitigate")],
)
def test_p0p1_detection_and_response_show_their_answers_then_their_improvements(
    title, section, kind
):
    """One piece of layout makes both sections; the goldens show a Detection only."""
    r = review(
        questions=[
            Question(section=section, prompt="What happened | first?", answer="A page"),
            Question(section=section, prompt="Unanswered?"),
        ],
        actions=[
            Action(id="A1", title="Page sooner", kind=kind, priority="P1", owner="Ana"),
            Action(id="A2", title="Other", kind="prevent"),
        ],
    )
    assert under(render(r, "p0p1"), f"## {title}") == (
        "\n| Question | Answer |\n|---|---|\n| What happened \\| first? | A page |\n\n"
        f"### {title} Improvements\n\n"
        "| Improvement | Priority | Owner |\n|-------------|----------|-------|\n"
        "| A1: Page sooner | P1 | Ana |\n\n"
    )
