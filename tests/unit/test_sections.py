import pytest
from filled import filled_review

from pmtui import templates
from pmtui.export import markdown, sections
from pmtui.files import store
from pmtui.templates import TemplateError


def test_section_names_follow_the_layout_order():
    assert sections.names(templates.load_template("severity")) == [
        "header",
        "overview",
        "what_happened",
        "contributing_factors",
        "resolution",
        "impact",
        "timeline",
        "how_did_we_do",
        "action_items",
        "messaging",
        "distribution",
        "internal_email",
        "external_email",
    ]


@pytest.mark.parametrize("layout", templates.builtin_names())
def test_every_section_is_rendered_alone_as_in_the_whole_export(layout):
    template = templates.load_template(layout)
    review = filled_review()
    whole = markdown.render(review, template)
    for name in sections.names(template):
        part = sections.render_section(review, name, template)
        assert part.strip() in whole, name
        # A section with nothing in it is left out: p0p1's detection and response hold the
        # actions of kind detect and mitigate, and the filled review's one action documents.
        assert part.strip() or (layout, name) in NOTHING_TO_SHOW, name


NOTHING_TO_SHOW = {("p0p1", "detection"), ("p0p1", "response")}


def test_the_external_email_alone(pet_clinic):
    review = store.load(pet_clinic)
    review.messaging.external = "We are sorry.\n<b>Really</b>."
    text = sections.render_section(review, "external_email", templates.load_template("severity"))
    assert text == "### External Email\n\nWe are sorry.\\\n&lt;b&gt;Really&lt;/b&gt;.\n"


def test_an_unknown_section_says_which_exist():
    with pytest.raises(TemplateError, match=r"no section 'nope' .*header, summary"):
        sections.render_section(filled_review(), "nope", templates.load_template("default"))
