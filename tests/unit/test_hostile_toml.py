"""Hostile structure gets one line naming the file, never a traceback, and the file stays.

Arrays and tables nested 10,000 deep exhaust Python's recursion; times in year 1 or 9999
with an offset cannot be moved to UTC or the review's zone. `pmtui check` says so in one
line on stderr and exits 2.
"""

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from pmtui import SCHEMA_VERSION
from pmtui.cli import commands as cli
from pmtui.document.model import AgendaItem, Review
from pmtui.files import parse_cache, problems, store

REVIEW = '[incident]\ntitle = "t"\ntimezone = "Europe/London"\n'
DEEP = 10_000

HOSTILE = {
    "arrays": REVIEW + "x = " + "[" * DEEP + "]" * DEEP + "\n",
    "inline tables": REVIEW + "x = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n",
    "arrays just too deep": REVIEW + "x = " + "[" * 40 + "]" * 40 + "\n",
    "tables in a large file": "#"
    + "x" * parse_cache.MIN_SIZE
    + "\n"
    + REVIEW
    + "x = "
    + "[" * DEEP
    + "]" * DEEP
    + "\n",
}
NESTED = "nested more than 32 levels deep; is this a review file?"

OUTSIDE = "a whole number outside TOML's range (-2^63 to 2^63-1)"
NUMBERS = {  # where the number is, what the line says after the file's name
    "more digits than Python reads": (f"x = {'9' * 5_000}", f":4: {OUTSIDE} (over 4300 digits)"),
    "hexadecimal, in a key pmtui keeps": (f"x = 0x{'f' * 5_000}", f":4: incident.x: {OUTSIDE}"),
    "2^63, with underscores": ("x = 9_223_372_036_854_775_808", f":4: incident.x: {OUTSIDE}"),
    "below -2^63, in a list": ("x = [1, -9223372036854775809]", f":4: incident.x[1]: {OUTSIDE}"),
}
"""Kept, such a number made a traceback where it was shown (`int` to `str` stops at 4300
digits) or timed (a meeting clock's minutes)."""

CALENDAR_ENDS = {
    "year 1 with an offset": ("[[timeline]]\nat = 0001-01-01T00:00:00+05:00\n", "timeline[0].at"),
    "year 9999 with an offset": (
        "[[timeline]]\nat = 9999-12-31T23:59:59-05:00\n",
        "timeline[0].at",
    ),
    "year 1 in the review's zone": ("[[timeline]]\nat = 0001-01-01T00:00:00\n", "timeline[0].at"),
    "year 9999 as the start": ("", "incident.started_at"),
}


def hostile_file(tmp_path, text):
    path = tmp_path / "hostile.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_deep_nesting_is_one_line(tmp_path, text):
    path = hostile_file(tmp_path, text)
    with pytest.raises(store.ReviewFileError) as raised:
        store.load(path)
    assert str(raised.value) == f"{path}: arrays or tables {NESTED}"
    assert path.read_text() == text


@pytest.mark.parametrize("line, problem", NUMBERS.values(), ids=NUMBERS.keys())
def test_a_number_toml_cannot_hold_is_one_line(tmp_path, capsys, line, problem):
    text = REVIEW + line + "\n"
    path = hostile_file(tmp_path, text)
    assert cli.main(["check", str(path)]) == 2
    assert capsys.readouterr().err == f"pmtui: {path}{problem}\n"
    assert path.read_text() == text


def test_the_ends_of_tomls_range_load(tmp_path):
    path = hostile_file(tmp_path, REVIEW + "x = [9223372036854775807, -9223372036854775808]\n")
    assert store.load(path).incident.x == [2**63 - 1, -(2**63)]


def test_a_pipe_that_never_ends_is_one_line():
    endless = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    pipe = Path(f"/dev/fd/{endless.stdout.fileno()}")
    try:
        with pytest.raises(store.ReviewFileError, match=rf"^{pipe}: over 64 MB; is this a review"):
            store.load(pipe)
    finally:
        endless.kill()
        endless.communicate()


def test_a_device_is_refused_unread_but_dev_null_is_empty():
    """/dev/zero was read up to the size limit; a terminal (/dev/tty) waited for keys.
    /dev/null is what git passes for a side of a diff that does not exist."""
    with pytest.raises(store.ReviewFileError, match=r"^/dev/zero: not a regular file \(a pipe or"):
        store.load(Path("/dev/zero"))
    assert store.read_text(Path(os.devnull)) == ""


def test_nesting_a_review_may_use_still_loads(tmp_path):
    path = hostile_file(tmp_path, REVIEW + "x = " + "[" * 30 + "]" * 30 + "\n")
    assert store.load(path).incident.title == "t"


def calendar_end_text(name):
    body, _ = CALENDAR_ENDS[name]
    if name == "year 9999 as the start":
        return REVIEW + "started_at = 9999-12-31T23:59:59-05:00\n"
    return REVIEW + "\n" + body + 'text = "a"\n'


@pytest.mark.parametrize("name", CALENDAR_ENDS)
def test_times_at_the_ends_of_the_calendar_are_one_line(tmp_path, name):
    text = calendar_end_text(name)
    path = hostile_file(tmp_path, text)
    with pytest.raises(store.ReviewFileError) as raised:
        store.load(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert f": {CALENDAR_ENDS[name][1]}: year " in message
    assert "out of range (times must be in the years 2 to 9998)" in message
    assert path.read_text() == text


def test_the_line_of_the_key_is_named(tmp_path):
    path = hostile_file(tmp_path, calendar_end_text("year 1 with an offset"))
    with pytest.raises(store.ReviewFileError, match=rf"^{path}:6: timeline\[0\]\.at: year 1 "):
        store.load(path)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HOSTILE["arrays"], id="deep"),
        pytest.param(calendar_end_text("year 1 with an offset"), id="year 1"),
        pytest.param(calendar_end_text("year 9999 with an offset"), id="year 9999"),
    ],
)
def test_check_says_it_in_one_line_and_exits_2(tmp_path, capsys, text):
    path = hostile_file(tmp_path, text)
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"pmtui: {path}")
    assert "Traceback" not in err
    assert path.read_text() == text


def test_a_review_from_a_newer_pmtui_loads_for_reading_and_is_never_saved(pet_clinic):
    text = pet_clinic.read_text().replace(
        "schema_version = 1", f"schema_version = {SCHEMA_VERSION + 1}"
    )
    assert text != pet_clinic.read_text()
    pet_clinic.write_text(text)
    review = store.load(pet_clinic)
    assert review.schema_version == SCHEMA_VERSION + 1
    assert review.incident.title  # read as far as this pmtui understands it
    assert store.newer_schema_line(review.schema_version, pet_clinic) == (
        f"{pet_clinic}: written by a newer pmtui (file schema {SCHEMA_VERSION + 1}, this pmtui "
        f"reads {SCHEMA_VERSION}); read-only here — upgrade pmtui to edit it"
    )
    with pytest.raises(store.ReviewFileError, match="refusing to write it"):
        store.save(review, pet_clinic)
    assert pet_clinic.read_text() == text
    assert store.newer_schema_line(SCHEMA_VERSION, pet_clinic) is None
    store.save(Review(), pet_clinic.with_name("current.toml"))  # the current one is written


def test_a_time_whose_zone_offset_has_seconds_saves_a_file_that_reads_back(tmp_path):
    """Amsterdam's local mean time (+00:19:32 until 1937) has no TOML form."""
    path = hostile_file(
        tmp_path,
        '[incident]\ntitle = "t"\ntimezone = "Europe/Amsterdam"\n\n'
        '[[timeline]]\nat = 1900-01-01T10:00:00\ntext = "a"\n',
    )
    review = store.load(path)
    assert review.timeline[0].at.utcoffset().seconds == 1172
    store.save(review, path)
    assert "at = 1900-01-01 09:40:28+00:00\n" in path.read_text()
    assert store.load(path) == review


def test_listing_names_a_deeply_nested_file_and_goes_on(tmp_path, capsys):
    """Not a review by its first lines, so the listing parses it whole: one problem line."""
    hostile_file(tmp_path, "x = " + "[" * DEEP + "]" * DEEP + "\n")
    (tmp_path / "fine.toml").write_text((SAMPLES / "pet-clinic-dojo.toml").read_text())
    assert cli.main(["list", str(tmp_path), "--format", "json"]) == 2  # as `stats` exits
    out, err = capsys.readouterr()
    assert err.startswith(f"pmtui: {tmp_path / 'hostile.toml'}: arrays or tables nested")
    problems = {entry["path"]: entry["problem"] for entry in json.loads(out)}
    assert problems["hostile.toml"].startswith("arrays or tables nested more than")
    assert problems["fine.toml"] is None


@pytest.mark.parametrize("field", ["minutes", "spent_seconds"])
def test_a_number_typed_larger_than_toml_holds_is_refused_before_it_is_saved(field):
    """Else the review would be saved in a file that no TOML reader reads back."""
    with pytest.raises(ValidationError) as raised:
        AgendaItem(title="a", **{field: 2**63})
    assert problems.value_line(raised.value) == (
        f"{field}: must be 9223372036854775807 or less (got 9223372036854775808)"
    )


def _nesting(value) -> int:
    """How deeply arrays and tables nest in `value`: the plain recursive count."""
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((_nesting(i) for i in inner if isinstance(i, dict | list)), default=0)


def _holding(value, found) -> bool:
    inner = value.values() if isinstance(value, dict) else value
    return any(_holding(i, found) if isinstance(i, dict | list) else found(i) for i in inner)


_EDGES = [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, dt.datetime(1, 1, 1, 5)]
_EDGES += [dt.datetime(9999, 12, 31), dt.datetime(2026, 11, 14), dt.date(9999, 1, 1), True]
_SCALARS = st.one_of(st.text(max_size=3), st.integers(), st.sampled_from(_EDGES))


def _nested(inner):
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3)


_TOML_LIKE = st.recursive(
    st.dictionaries(st.text(max_size=2), _SCALARS, max_size=3), _nested, max_leaves=40
).map(lambda value: value if isinstance(value, dict) else {"x": value})


@given(_TOML_LIKE)
@example({"end": dt.datetime(9999, 12, 31), "then": dt.datetime(2026, 11, 14)})
@example({"big": 2**63, "then": 1})
def test_one_scan_finds_what_three_walks_did(data):
    """The one walk shared by the nesting, 64-bit and calendar checks finds what a plain
    recursive walk finds for each (depth counted to one past the limit)."""
    found = store.scan(data)
    assert found.depth == min(_nesting(data), store.MAX_DEPTH + 1)
    outside = _holding(data, lambda v: type(v) is int and not -(2**63) <= v < 2**63)
    assert found.outside_64_bits == outside
    at_ends = _holding(data, lambda v: isinstance(v, dt.datetime) and v.year in (1, 9999))
    assert found.at_calendar_ends == at_ends


def test_the_scan_stops_one_level_past_the_limit():
    deep: list = []
    for _ in range(store.MAX_DEPTH + 10):
        deep = [deep]
    assert store.scan({"x": deep}).depth == store.MAX_DEPTH + 1


def test_a_load_walks_the_file_once(tmp_path, monkeypatch):
    """The walk `parse` made serves `from_data` too: a 10,000-event review's second walk
    took about 10 ms of its opening, export and check."""
    walks = []
    monkeypatch.setattr(store, "scan", lambda data, walk=store.scan: walks.append(1) or walk(data))
    store.load(hostile_file(tmp_path, REVIEW))
    assert walks == [1]


def test_a_migration_that_brings_a_time_at_the_calendar_end_is_still_refused(tmp_path, monkeypatch):
    """A migrated review is a new copy: it is walked again for the calendar's ends."""
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    end = {"at": dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5)))}
    migration = {SCHEMA_VERSION: lambda data: {**data, "timeline": [end]}}
    monkeypatch.setattr(store, "MIGRATIONS", migration)
    path = hostile_file(tmp_path, f"schema_version = {SCHEMA_VERSION}\n" + REVIEW)
    with pytest.raises(store.ReviewFileError, match=r": year 9999 is out of range"):
        store.load(path)
