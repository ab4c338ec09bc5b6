"""Text UTF-8 cannot hold never stops a save; every character it can hold is kept."""

import pytest

from pmtui.document.model import Review
from pmtui.files import store
from pmtui.files.session import ReviewSession

FAMILY = "👩\u200d👩\u200d👧"  # emoji joined by zero-width joiners
FLAG = "🇬🇧"


@pytest.mark.parametrize(
    ("written", "read_back"),
    [
        ("before \ud800 after", "before \ufffd after"),
        ("\udfff", "\ufffd"),
        ("a pair of halves: \ud83d\ude00", "a pair of halves: 😀"),
        (f"{FAMILY} {FLAG} caf\u0065\u0301", f"{FAMILY} {FLAG} caf\u0065\u0301"),
    ],
)
def test_lone_surrogates_are_replaced_on_the_way_out(tmp_path, written, read_back):
    path = tmp_path / "r.toml"
    store.write_atomically(path, f'[incident]\ntitle = "{written}"\n')
    assert store.load(path).incident.title == read_back


def test_emoji_and_joiners_are_written_byte_for_byte(tmp_path):
    path = tmp_path / "r.toml"
    store.write_atomically(path, f"x = '{FAMILY}{FLAG}\ud800'\n")
    expected = f"x = '{FAMILY}{FLAG}\ufffd'\n".encode()
    assert path.read_bytes() == expected
    assert FAMILY.encode() in path.read_bytes()


def test_a_snapshot_holding_a_lone_surrogate_still_saves(tmp_path):
    """The document replaces them on the way in; whatever that misses, the save is the
    last line of defence."""
    path = tmp_path / "r.toml"
    store.save(Review(incident={"title": "first"}), path)
    session = ReviewSession.open(path)
    session.changed()
    snapshot = session.snapshot()
    snapshot.data["incident"]["summary"] = "pasted \ud83d half"
    session.mark_saved(session.write(snapshot))
    assert store.load(path).incident.summary == "pasted \ufffd half"
    assert not session.dirty
