"""A large review's parse, done in a process of its own while pmtui starts: used only
when it is the parse of the very text pmtui reads, and never needed for a right answer."""

from __future__ import annotations

import pickle
import tomllib

import pytest

from pmtui.cli import commands
from pmtui.files import cache_entries, parse_ahead, parse_cache, store

BIG = "".join(
    f'[[timeline]]\nat = 2026-11-20T14:00:00Z\ntext = "event {n}"\n\n' for n in range(7000)
)


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    """Every test as on a machine with a second core (the one this runs on may have one)."""
    monkeypatch.setattr(parse_ahead, "_second_core", lambda: True)
    yield
    parse_ahead.stop_all()


def start(paths):
    """Start the children `parse_cache.parsing_ahead` starts (the fixture stops them)."""
    parse_ahead.start(paths, parse_cache.MIN_SIZE)


@pytest.fixture
def big(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(BIG, encoding="utf-8")
    return path


def test_the_childs_parse_is_the_one_used(big, monkeypatch):
    start([big])
    monkeypatch.setattr("tomli.loads", lambda _text: pytest.fail("parsed in the process"))
    assert parse_cache.parse(big, store.read_text(big)) == tomllib.loads(BIG)


def test_a_text_other_than_the_one_the_child_read_is_parsed_again(big):
    """The file changed between the child's read and pmtui's: pmtui parses its own text."""
    start([big])
    changed = BIG.replace("event 0", "event zero")
    assert parse_cache.parse(big, changed)["timeline"][0]["text"] == "event zero"


def test_a_file_that_is_not_toml_still_gets_its_one_line(big):
    big.write_text(BIG + "\n[[", encoding="utf-8")
    start([big])
    with pytest.raises(store.ReviewFileError, match=r"big\.toml:28002:3: invalid"):
        store.load(big)


def test_no_child_for_a_small_file_a_kept_parse_or_a_single_core(big, tmp_path, monkeypatch):
    small = tmp_path / "small.toml"
    small.write_text('[incident]\ntitle = "t"\n', encoding="utf-8")
    start([small, tmp_path / "missing.toml"])
    assert parse_ahead._children == {}
    parse_cache.parse(big, BIG)  # now kept
    start([big])
    assert parse_ahead._children == {}
    cache_entries.entry_for("parsed", big).unlink()
    monkeypatch.setattr(parse_ahead, "_second_core", lambda: False)
    start([big])
    assert parse_ahead._children == {}


def test_a_child_that_fails_or_hangs_costs_only_the_parse(big, monkeypatch):
    monkeypatch.setattr(parse_ahead, "_CHILD", "import sys; sys.exit(3)")
    start([big])
    assert parse_ahead.taken(big, BIG) is None
    monkeypatch.setattr(parse_ahead, "_CHILD", "import time; time.sleep(60)")
    monkeypatch.setattr(parse_ahead, "WAIT", 0.2)
    start([big])
    child = parse_ahead._children[big.absolute()]
    assert parse_ahead.taken(big, BIG) is None
    assert child.returncode is not None  # stopped, not left behind


def test_what_a_child_hands_over_is_read_back_with_tomls_values_only():
    assert cache_entries.read_back(pickle.dumps(("digest", {"a": [1, 2.5]}))) == (
        "digest",
        {"a": [1, 2.5]},
    )
    assert cache_entries.read_back(pickle.dumps(("digest", {"f": print}))) is None
    assert cache_entries.read_back(b"not a pickle") is None


def test_children_left_untaken_are_stopped_as_the_command_ends(big):
    with parse_cache.parsing_ahead([big]):
        child = parse_ahead._children[big.absolute()]
    assert child.returncode is not None and parse_ahead._children == {}


@pytest.fixture
def wide(tmp_path):
    """A file of 256 KiB whose text is shorter: parsed in the process, its child's data is
    never taken."""
    path = tmp_path / "wide.toml"
    path.write_text(f'[incident]\ntitle = "{"é" * 140_000}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["check"], ["export", "-o", "wide.md"]])
def test_a_child_nobody_took_is_stopped_before_a_report_ends_the_process(
    wide, monkeypatch, command
):
    """`check` or `export` of it: the `pmtui` script ends a report's process without exit
    handlers (`cli.ended_at_once`), so the child is stopped before that."""
    monkeypatch.chdir(wide.parent)
    started, left_at_the_end = [], []
    starts = parse_ahead.start

    def start_noted(paths, smallest):
        starts(paths, smallest)
        started.extend(parse_ahead._children.values())

    monkeypatch.setattr(parse_ahead, "start", start_noted)

    def ending(_code):
        left_at_the_end.append(dict(parse_ahead._children))

    assert commands.main([*command, str(wide)], end=ending) in (0, 1)
    assert len(started) == 1 and started[0].returncode is not None
    assert left_at_the_end == [{}]


def test_a_child_nobody_took_is_stopped_as_the_app_ends(wide, monkeypatch):
    """`pmtui FILE` of it (the app itself does not run here): its child runs while the app
    does, and is stopped once it ends."""
    from pmtui.tui import app

    running = []
    monkeypatch.setattr(app, "make_app", lambda *_, **__: None)

    def run_app(_app):
        running.append(dict(parse_ahead._children))
        return 0

    monkeypatch.setattr(commands, "_run_app", run_app)
    assert commands.main([str(wide)]) == 0
    [children] = running
    assert list(children) == [wide.absolute()] and parse_ahead._children == {}
    assert children[wide.absolute()].returncode is not None
