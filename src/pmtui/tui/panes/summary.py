"""The Summary tab: who, what, when, and the template's questions with their answers."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmtui import templates
from pmtui.document.model import SEVERITY_SUGGESTIONS, Review, Status
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.fields import FIELD_FOCUS_KEYS, FieldFocus, FieldsBox, FieldSpec
from pmtui.tui.forms.literal import literal
from pmtui.tui.forms.live import LiveField, LiveForm
from pmtui.tui.tables.specs import choices
from pmtui.tui.widgets.insights import DurationsLine

INCIDENT_FIELDS = (
    FieldSpec("id", "Incident ID"),
    FieldSpec("title", "Title"),
    FieldSpec(
        "severity",
        "Severity (SEV1–SEV5, P0–P4, Critical…Low)",
        suggestions=lambda: SEVERITY_SUGGESTIONS,
    ),
    FieldSpec("status", "Status", "choice", choices(Status), optional=False),
    FieldSpec("timezone", "Timezone (IANA name, e.g. Europe/Paris)", offer=True),
    FieldSpec("started_at", "Started (2026-11-20 14:05)", "time"),
    FieldSpec("ended_at", "Ended", "time"),
    FieldSpec(
        "duration",
        "Duration in the source's own words (about 18 hours; kept beside the computed one)",
    ),
    FieldSpec("review_date", "Review date", "date"),
    FieldSpec("services", "Services (comma-separated)", "list"),
    FieldSpec("tags", "Tags (comma-separated)", "list"),
    FieldSpec("summary", "Summary", "long"),
    FieldSpec("impact_summary", "Impact in a sentence", "long"),
    FieldSpec("what_happened", "What happened", "long"),
    FieldSpec("resolution", "Resolution (temporary fix)", "long"),
    FieldSpec("long_term_fix", "Long-term fix", "long"),
    FieldSpec("root_cause", "Root cause", "long"),
    FieldSpec("why_not_caught", "Why it wasn't caught", "long"),
    FieldSpec("moving_forward", "Moving forward", "long"),
)


def question_fields(review: Review) -> Iterator[tuple[str, list[LiveField]]]:
    """The template's questions by section, each answer a live field."""
    numbered = list(enumerate(review.questions))
    for section, group in groupby(numbered, key=lambda pair: pair[1].section):
        yield (
            section,
            [
                LiveField(
                    lambda r, i=i: r.questions[i], FieldSpec("answer", question.prompt, "long")
                )
                for i, question in group
            ],
        )


class SummaryPane(FieldFocus, Vertical):
    """The durations line stays put above the fields, which scroll."""

    BINDINGS: ClassVar = FIELD_FOCUS_KEYS

    DEFAULT_CSS = """
    SummaryPane #summary-fields { padding: 0 2; }
    SummaryPane DurationsLine { padding: 0 2; }
    SummaryPane .section { margin-top: 2; text-style: bold underline; color: $accent; }
    SummaryPane .hint { margin-top: 1; color: $text-muted; text-style: italic; }
    """

    def __init__(self, session: ReviewSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        """The incident's fields, then the template's questions by section, with the hints
        of the review's template. The summary hint follows the fields: above them it would
        be scrolled away as the first field takes the focus."""
        hints = templates.hints_for(self.session.review.template)
        incident = [LiveField(lambda r: r.incident, spec) for spec in INCIDENT_FIELDS]
        yield DurationsLine(id="summary-durations")
        with FieldsBox(id="summary-fields"):
            yield LiveForm(self.session, incident, id="incident-form")
            if "summary" in hints:
                yield Static(literal(hints["summary"]), classes="hint", id="hint-summary")
            for n, (section, fields) in enumerate(question_fields(self.session.review)):
                yield Static(literal(section.capitalize()), classes="section")
                if section in hints:
                    yield Static(literal(hints[section]), classes="hint", id=f"hint-questions-{n}")
                yield LiveForm(self.session, fields, id=f"questions-{n}")
