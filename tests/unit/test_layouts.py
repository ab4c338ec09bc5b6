"""Every template's layout: golden files, nothing dropped, Markdown a parser reads back.

Golden files live in tests/golden/. After a deliberate layout change, regenerate them with
`PMTUI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_layouts.py` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from pathlib import Path

import pytest
from filled import filled_review, texts_of, tokens
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_checks import PARSER, assert_sound, table_rows

from pmtui import templates
from pmtui.document import model
from pmtui.document.model import Review
from pmtui.export import markdown
from pmtui.files import store

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_incidents" / "pet-clinic-dojo.toml"
LAYOUTS = templates.builtin_names()
HOSTILE_PIECES = [
    "|", "\n", "\n\n", "`", "```", "#", "# ", "<script>", "</td>", "<br>", "*", "_", "~~~",
    "[x](http://e)", "- ", "1. ", "> ", "&amp;", "\\", "    ", "===", "---", "a", "é", "\t",
]  # fmt: skip
hostile_texts = st.lists(st.sampled_from(HOSTILE_PIECES), max_size=8).map("".join)


def reviews():
    return {"pet-clinic": store.load(SAMPLE), "filled": filled_review()}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", ["pet-clinic", "filled"])
def test_golden(name, layout):
    text = markdown.render(reviews()[name], templates.load_template(layout))
    golden = GOLDEN / f"{name}.{layout}.md"
    if os.environ.get("PMTUI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert_sound(text)


@pytest.mark.parametrize("flags", [True, False], ids=["flags set", "flags unset"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_fully_filled_review_loses_no_text_in_any_layout(layout, flags):
    """Flags unset too: an audience not yet shared or a check not yet done is still said."""
    review = filled_review(flags=flags)
    text = markdown.render(review, templates.load_template(layout))
    assert [word for word in texts_of(review) if word not in text] == []


LISTS = [
    (name, typing.get_args(field.annotation)[0])
    for name, field in Review.model_fields.items()
    if typing.get_origin(field.annotation) is list
    and typing.get_args(field.annotation)[0] is not str
]
LABELS_ONLY = {model.Question, model.ImpactRow, model.Signoff}
"""Rows whose required fields are the labels a template fills in, the room's part (an
answer, a value, a name) left blank: unused presets."""


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("name", "kind"), LISTS, ids=[name for name, _ in LISTS])
def test_a_row_with_only_what_it_requires_is_shown_unless_it_holds_only_preset_labels(
    name, kind, layout
):
    """Each list's row with its required fields alone (every flag unset, no date) shows in
    every layout, in its place or under "Other notes"; only a row holding nothing but the
    labels a template fills in (an unanswered question, a metric without a value, a role
    nobody signed) is left out."""
    text = tokens()
    row = kind.model_validate(
        {
            field_name: text()
            if field.annotation is str
            else dt.datetime(2026, 11, 14, 9, tzinfo=dt.UTC)
            for field_name, field in kind.model_fields.items()
            if field.is_required()
        }
    )
    words = [value for _, value in row if type(value) is str and value.startswith("zq")]
    shown = markdown.render(Review(**{name: [row]}), templates.load_template(layout))
    lost = [word for word in words if word not in shown]
    assert lost == (words if kind in LABELS_ONLY else [])


def test_the_default_layout_has_a_place_for_everything():
    text = markdown.render(filled_review(), templates.load_template("default"))
    assert "Other notes" not in text


def test_what_a_layout_has_no_place_for_goes_to_other_notes():
    review = filled_review()
    review.messaging.external = "Sorry | we were down"
    text = markdown.render(review, templates.load_template("rca"))
    notes = text.split("## Other notes\n", 1)[1]
    assert "  - external: Sorry \\| we were down" in notes
    assert "Questions #1" in notes and "section: zq37x" in notes  # its place is not in rca


def test_preset_rows_nobody_filled_are_not_other_notes():
    template = templates.load_template("p0p1")
    review = templates.new_review(template, title="Checkout down")
    assert "Other notes" not in markdown.render(review, templates.load_template("rca"))


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_user_text_stays_in_its_cell_or_paragraph(layout, data):
    review = filled_review(lambda: data.draw(hostile_texts))
    review.incident.model_extra[data.draw(hostile_texts)] = data.draw(hostile_texts)
    assert_sound(markdown.render(review, templates.load_template(layout)))


def test_hostile_text_reads_back_literally_from_every_table_cell():
    hostile = "a | b\n# not a heading\n<script>x</script> `t` [l](u) &amp; \\"
    review = filled_review(lambda: hostile)
    for layout in LAYOUTS:
        text = markdown.render(review, templates.load_template(layout))
        assert_sound(text)
        html = PARSER.render(text)
        assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
        cells = [cell for row in table_rows(text) for cell in row]
        assert hostile.replace("\n", "<br>") in cells, layout


def test_keys_pmtui_does_not_know_are_other_notes_too():
    review = Review.model_validate(
        {"x_budget": "12k", "incident": {"title": "t", "x_region": "eu-west"}}
    )
    notes = markdown.render(review, templates.load_template("default")).split("## Other notes")[1]
    assert (
        notes == "\n\n- **Review**\n  - x\\_budget: 12k\n- **Incident**\n  - x\\_region: eu-west\n"
    )
