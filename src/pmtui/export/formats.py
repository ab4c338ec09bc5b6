"""The export formats `pmtui export` offers (named in `pmtui.export.FORMATS`)."""

from __future__ import annotations

from pmtui import templates
from pmtui.document.model import Review
from pmtui.export import markdown, tracker


def export(
    review: Review, form: str = "markdown", template: str | None = None, *, every: bool = False
) -> str:
    """The review as text in a format; Markdown in the named template's layout, if given.
    `every`: the CSV lists closed actions too."""
    if form == "csv":
        return tracker.to_csv(review, every=every)
    if form == "json":
        return tracker.to_json(review)
    return markdown.render(review, templates.load_template(template) if template else None)
