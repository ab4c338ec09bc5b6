"""A review opened again comes from the cache as it was validated; any change, any foreign
entry or any class an entry never holds means it is read and validated again."""

from __future__ import annotations

import pickle
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import reviews

from pmtui.document import model
from pmtui.document.model import Review
from pmtui.files import cache_entries, locations, parse_cache, problems, review_cache, store
from pmtui.files.session import ReviewSession


def entries() -> list:
    return list(cache_entries.folder().glob("*.pickle"))


def kept(path):
    digest = cache_entries.digest(path.read_text())
    return cache_entries.get("review", path, digest, classes_of=review_cache.CLASSES)


def validating_fails(monkeypatch):
    def fail(path, text):
        raise AssertionError("validated again")

    monkeypatch.setattr(store, "review_in", fail)


def test_a_review_opened_again_is_not_validated_again(pet_clinic, monkeypatch):
    first = ReviewSession.open(pet_clinic)
    validating_fails(monkeypatch)
    again = ReviewSession.open(pet_clinic)
    assert again.review == first.review and again.review is not first.review
    assert again.base.data == first.base.data and again.base.text == first.base.text
    assert len(entries()) == 1


def test_the_review_from_the_cache_still_checks_its_edits(pet_clinic):
    ReviewSession.open(pet_clinic)
    again = ReviewSession.open(pet_clinic)
    event = again.review.timeline[0]
    event.text = "edited"
    assert event.text == "edited"
    with pytest.raises(ValueError):
        event.at = "not a time"


def test_a_changed_text_is_validated_again(pet_clinic):
    ReviewSession.open(pet_clinic)
    pet_clinic.write_text(pet_clinic.read_text().replace("Pet Clinic", "Vet Clinic", 1))
    assert "Vet Clinic" in ReviewSession.open(pet_clinic).review.incident.title
    assert len(entries()) == 1


def test_an_entry_of_other_code_is_not_read(pet_clinic, monkeypatch):
    ReviewSession.open(pet_clinic)
    monkeypatch.setattr(cache_entries, "version", lambda: "another pmtui")
    validating_fails(monkeypatch)
    with pytest.raises(AssertionError, match="validated again"):
        ReviewSession.open(pet_clinic)


class _Touches:
    """Unpickled, would create a file: what a planted entry could make pmtui do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (self.marker.touch, ())


def test_an_entry_holding_anything_but_a_review_is_refused(pet_clinic, tmp_path):
    """Even the user's own entry is read with the review's classes only."""
    ReviewSession.open(pet_clinic)
    marker = tmp_path / "ran"
    digest = cache_entries.digest(pet_clinic.read_text())
    planted = (cache_entries.version(), digest, (_Touches(marker), None))
    entry = cache_entries.entry_for("review", pet_clinic)
    entry.write_bytes(pickle.dumps(planted))
    assert ReviewSession.open(pet_clinic).review.incident.title
    assert not marker.exists()


def test_an_entry_of_another_shape_is_read_again(pet_clinic):
    ReviewSession.open(pet_clinic)
    digest = cache_entries.digest(pet_clinic.read_text())
    cache_entries.put("review", pet_clinic, digest, ("not", "a review"))
    assert isinstance(ReviewSession.open(pet_clinic).review, Review)


def test_a_file_that_fails_to_load_keeps_no_entry(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[incident]\ntitle = "x"\n[[timeline]]\nat = "whenever"\n')
    with pytest.raises(store.ReviewFileError):
        ReviewSession.open(bad)
    assert entries() == []


def test_large_texts_keep_their_parse_not_their_review(pet_clinic, tmp_path):
    large = tmp_path / "large.toml"
    large.write_text(pet_clinic.read_text() + "# padding\n" * (parse_cache.MIN_SIZE // 10))
    ReviewSession.open(large)
    assert kept(large) is None
    assert len(entries()) == 1  # the parse


@settings(max_examples=25)
@given(review=reviews)
def test_any_review_comes_back_from_the_cache_as_validated(tmp_path_factory, review):
    path = tmp_path_factory.mktemp("cached") / "review.toml"
    store.save(review, path)
    text = path.read_text()
    review_cache.review_of(path, text)
    from_cache, as_read = review_cache.review_of(path, text)
    validated = store.load(path)
    assert from_cache == validated and as_read == store.snapshot(validated)
    assert kept(path) is not None


def test_the_folder_an_earlier_pmtui_kept_parses_in_goes_at_the_next_write(pet_clinic):
    former = locations.state_dir() / cache_entries.FORMER_FOLDER
    former.mkdir(parents=True)
    (former / "0123.pickle").write_bytes(b"an entry no pmtui reads any more")
    ReviewSession.open(pet_clinic)
    assert not former.exists() and len(entries()) == 1


def test_the_stamp_covers_the_code_a_kept_entry_skips_and_the_time_zones(monkeypatch):
    """A hit skips parsing and its checks (`problems`) as well as validating; times took
    their offsets from the time zone database."""
    stamped = {path.resolve() for path in cache_entries.stamped_files()}
    skipped = (problems, parse_cache, review_cache, store, model)
    assert {Path(module.__file__).resolve() for module in skipped} <= stamped
    assert Path(zoneinfo.TZPATH[0], "tzdata.zi") in cache_entries.stamped_files()
    stamp = cache_entries._code_stamp()
    monkeypatch.setattr(zoneinfo, "TZPATH", ("/elsewhere/zoneinfo",))
    assert cache_entries._code_stamp() != stamp
