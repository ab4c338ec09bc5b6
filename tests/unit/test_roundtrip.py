"""Property: whatever the document, save → load is lossless and saving is stable."""

from hypothesis import given, settings
from strategies import reviews

from pmtui.files import store


@settings(max_examples=150)
@given(reviews)
def test_save_load_is_lossless_and_second_save_is_byte_identical(review):
    text = store.dumps(review)
    loaded = store.from_data(__import__("tomllib").loads(text), store.Path("r.toml"))
    assert loaded == review
    assert store.dumps(loaded) == text
