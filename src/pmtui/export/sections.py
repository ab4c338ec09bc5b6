"""One section of a review's Markdown alone, e.g. to copy the external email.

The sections are the `{% block %}`s of a template's layout, in the order the layout has
them; a block inside another (the external email inside the messaging) is a section too.
"""

from __future__ import annotations

from pmtui.document.model import Review
from pmtui.errors import quoted
from pmtui.export import markdown, plain
from pmtui.templates import Template, TemplateError


def names(template: Template) -> list[str]:
    """The section names of a template's layout, in document order."""
    return list(markdown.layout(template).blocks)


def render_section(review: Review, name: str, template: Template) -> str:
    """One section of the review as Markdown, as it appears in the full export."""
    compiled = markdown.layout(template)
    block = compiled.blocks.get(name)
    if block is None:
        known = ", ".join(compiled.blocks)
        raise TemplateError(
            f"template {template.name}: no section {quoted(name)} (sections: {known})"
        )
    context = compiled.new_context(plain.context(review, template))
    return markdown.tidy(markdown.guarded(compiled, template, lambda: block(context)))
