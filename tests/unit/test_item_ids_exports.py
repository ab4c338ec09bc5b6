"""The ids `item_ids` gives are bookkeeping for merges: no export shows them."""

import pytest

from pmtui import templates
from pmtui.document.item_ids import IDENTIFIED, give_ids
from pmtui.export import FORMATS, formats, markdown
from pmtui.files import store


@pytest.mark.parametrize("layout", templates.builtin_names())
def test_a_review_with_ids_exports_as_it_did_without(pet_clinic, layout):
    review = store.load(pet_clinic)
    before = markdown.render(review, templates.load_template(layout))
    assert give_ids(review) > 20
    assert markdown.render(review, templates.load_template(layout)) == before


def test_no_format_shows_an_id(pet_clinic):
    review = store.load(pet_clinic)
    give_ids(review)
    ids = [item.id for name in IDENTIFIED for item in getattr(review, name)]
    for form in FORMATS:
        text = formats.export(review, form)
        assert not [i for i in ids if i in text], form
