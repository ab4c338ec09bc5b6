import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest

from pmtui.document.model import SCHEMA_VERSION, Action, Event, Review, Why
from pmtui.files import store
from pmtui.files.session import ReviewSession


def test_sample_loads_and_saves_byte_identical(pet_clinic: Path, tmp_path: Path):
    review = store.load(pet_clinic)
    assert [p.name for p in review.people] == [
        "Chun",
        "Paulo",
        "Santhosh",
        "Brenda",
        "Selma",
        "Adam",
        "Dan",
        "Tina",
    ]
    again = tmp_path / "again.toml"
    store.save(review, again)
    assert again.read_bytes() == pet_clinic.read_bytes()


def test_output_is_diff_friendly():
    review = Review(
        incident={"title": "t", "summary": "one\ntwo"},
        timeline=[Event(at=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), text="x")] * 2,
        whys=[Why()],
    )
    text = store.dumps(review)
    assert text.startswith("schema_version = 1\n")
    assert text.count("[[timeline]]") == 2  # one table per item, never inline
    assert 'summary = """\none\ntwo"""' in text
    assert "lessons" not in text and "status" not in text  # nothing empty or default
    assert "at = 2026-01-01 09:00:00+00:00" in text  # native TOML datetime with offset


def test_unknown_keys_are_written_back(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text('schema_version = 1\nfuture = "kept"\n\n[incident]\npager = "P-7"\n')
    store.save(store.load(path), path)
    data = tomllib.loads(path.read_text())
    assert data["future"] == "kept" and data["incident"]["pager"] == "P-7"


def test_local_datetimes_in_a_file_use_the_review_timezone(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text(
        '[incident]\ntimezone = "America/New_York"\n\n[[timeline]]\nat = 2026-07-01T14:05:00\n'
    )
    event = store.load(path).timeline[0]
    assert event.at.utcoffset() == dt.timedelta(hours=-4)


def test_save_is_atomic_and_keeps_the_file_mode(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text("")
    path.chmod(0o640)
    store.save(Review(incident={"title": "x"}), path)
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]  # no temp file left


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch):
    path = tmp_path / "r.toml"
    path.write_text("old")

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(store.ReviewFileError, match="no space left on device"):
        store.save(Review(), path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]


def test_newer_schema_loads_but_is_refused_for_writing(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text(f"schema_version = {SCHEMA_VERSION + 1}\nnew_section = 1\n")
    review = store.load(path)
    with pytest.raises(store.ReviewFileError, match=r"newer pmtui.*refusing to write"):
        store.save(review, path)
    assert path.read_text() == f"schema_version = {SCHEMA_VERSION + 1}\nnew_section = 1\n"


def test_migrations_run_in_order_up_to_the_current_version(monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    steps = []
    monkeypatch.setattr(
        store,
        "MIGRATIONS",
        {1: lambda d: steps.append(1) or {**d, "a": 1}, 2: lambda d: steps.append(2) or d},
    )
    data = store.migrate({"schema_version": 1}, 1)
    assert steps == [1, 2] and data == {"schema_version": 3, "a": 1}


BAD_FILES = {
    "truncated": (
        b'[incident]\ntitle = "Pet Cl',
        r"r\.toml:2:16: unterminated string at end of file",
    ),
    "wrong type": (
        b"[[actions]]\nid = 1\ntitle = 't'\n",
        r"r\.toml:2: actions\[0\]\.id: should be text: write it in quotes \(got 1\)$",
    ),
    "bad datetime": (
        b"[[timeline]]\nat = 2026-01-01T10:00:00Z\n\n[[timeline]]\nat = 'soon'\n",
        r"r\.toml:5: timeline\[1\]\.at: .*got 'soon'",
    ),
    "missing field": (b"[[actions]]\nid = 'A1'\n", r"actions\[0\]\.title: missing \(required\)"),
    "garbage": (
        b"\x89PNG\r\n\x1a\n\x00\x00\xff",
        r"r\.toml:1: not UTF-8 text \(byte 0x89 at offset 0\)",
    ),
    "utf-16": ("title = 'x'".encode("utf-16"), r"r\.toml: is UTF-16 text; save it as UTF-8"),
    "duplicate key": (b"a = 1\na = 2\n", r"r\.toml:2:\d+: a key given a value twice"),
    "string not closed": (
        b'[incident]\ntitle = "Pet Clinic\nid = "x"\n',
        r"r\.toml:2:\d+: unterminated string: its closing quote is missing$",
    ),
    "yes for a boolean": (
        b"[[people]]\nname = 'Ann'\npresent = 'yes'\n",
        r"r\.toml:3: people\[0\]\.present: write true or false \(got 'yes'\)$",
    ),
    "a time on a date": (
        b"[incident]\nreview_date = 2026-11-20T10:00:00\n",
        r"incident\.review_date: a day with no time of day: write it like 2026-11-20 \(got",
    ),
    "a word for a date": (
        b"[[actions]]\nid = 'A1'\ntitle = 't'\ndue = 'friday'\n",
        r"actions\[0\]\.due: not a date: write it like 2026-11-20 \(got 'friday'\)$",
    ),
    "text for a list": (
        b"[incident]\nservices = 'api'\n",
        r"incident\.services: should be a list: write it in brackets, like \[\"a\", \"b\"\]",
    ),
    "table twice": (  # the key as the file writes it, not tomllib's ('incident', "it's")
        b'[incident."it\'s"]\n[incident."it\'s"]\n',
        r"r\.toml:2:\d+: cannot declare incident\.\"it's\" twice$",
    ),
    "table twice, a quote in its key": (
        b'[a."b\\"c"]\n[a."b\\"c"]\n',
        r'r\.toml:2:\d+: cannot declare a\."b\\"c" twice$',
    ),
    "future schema, bad shape": (
        b"schema_version = 9\nincident = 'now a string'\n",
        r"incident: .*newer pmtui, schema 9 > 1",
    ),
    "bad schema version": (b"schema_version = 'two'\n", r"schema_version: must be a whole"),
    "bad timezone": (b"[incident]\ntimezone = 'Mars/Olympus'\n", r"incident\.timezone: unknown"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_gives_one_clear_line(tmp_path: Path, name: str):
    content, pattern = BAD_FILES[name]
    path = tmp_path / "r.toml"
    path.write_bytes(content)
    with pytest.raises(store.ReviewFileError, match=pattern) as caught:
        store.load(path)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == content


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(store.ReviewFileError, match=r"nope\.toml: no such file"):
        store.load(tmp_path / "nope.toml")
    with pytest.raises(store.ReviewFileError, match="is a folder"):
        store.load(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_bytes(b"\xef\xbb\xbf[incident]\ntitle = 'x'\n")
    assert store.load(path).incident.title == "x"


def test_a_save_keeps_the_byte_order_mark_the_file_starts_with(tmp_path: Path):
    """Only the edited line changes: line 1 keeps its mark, as the file's mode is kept."""
    path = tmp_path / "r.toml"
    path.write_bytes(b"\xef\xbb\xbf[incident]\ntitle = 'x'  # as agreed\n")
    session = ReviewSession.open(path)
    session.review.incident.title = "y"
    session.changed()
    session.save_now()
    assert path.read_bytes() == b"\xef\xbb\xbf[incident]\ntitle = 'y'  # as agreed\n"
    session.review.incident.title = "z"  # the next save checks the file it wrote
    session.changed()
    session.save_now()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf[incident]\ntitle = 'z'")


def test_schema_error_counts_further_problems(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text("[[actions]]\nid = 1\n")
    with pytest.raises(store.ReviewFileError, match=r"\(and 1 more problem\)"):
        store.load(path)


def test_actions_round_trip_dates(tmp_path: Path):
    path = tmp_path / "r.toml"
    review = Review(actions=[Action(id="A1", title="t", due=dt.date(2026, 12, 1))])
    store.save(review, path)
    assert store.load(path) == review
