"""A bad value in a review file is named at its own line, as a person editing it sees it.

Each case is a real transcribed post-mortem edited by hand as a new user would, then read
the way `pmtui check` reads it; the message must name the line the edit is on.
"""

import re
from pathlib import Path

import pytest

from pmtui.cli.commands import main
from pmtui.files import store

POSTMORTEMS = Path(__file__).parents[1] / "fixtures" / "postmortems"
GITHUB = "github-2018-10-21-cross-region-failover.toml"
GITLAB = "gitlab-2017-01-31-database-deletion.toml"


def edited(tmp_path: Path, fixture: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of `fixture` with its first line starting `old` replaced by `new` (or, when
    `old` ends in a newline, `new` added after it), and the number of the line edited."""
    lines = (POSTMORTEMS / fixture).read_text(encoding="utf-8").split("\n")
    number = next(index for index, line in enumerate(lines) if line.startswith(old.strip()))
    if old.endswith("\n"):
        number += 1
        lines.insert(number, new)
    else:
        lines[number] = new
    path = tmp_path / fixture
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, number + 1


def header_above(path: Path, line: int) -> int:
    """The line of the `[table]` or `[[table]]` header the given line sits under."""
    lines = path.read_text(encoding="utf-8").split("\n")[:line]
    return max(number for number, text in enumerate(lines, 1) if text.startswith("["))


def error_of(path: Path) -> str:
    with pytest.raises(store.ReviewFileError) as caught:
        store.load(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("fixture", "old", "new", "field"),
    [
        (
            GITHUB,
            "milestone = [",
            'milestone = ["detected", "nonsense"]',
            r"timeline\[\d+\]\.milestone\[1\]",
        ),
        (GITHUB, 'title = "Configure Orchestrator\n', 'owners = "Dan"', r"actions\[0\]\.owners"),
        (GITLAB, "chain = ", "chain = 3", r"whys\[0\]\.chain"),
        (GITHUB, "status = ", 'status = "shipped"', r"incident\.status"),
    ],
    ids=["milestone in a list", "owners not a list", "chain not text", "incident key"],
)
def test_a_bad_value_is_named_at_its_keys_line(tmp_path, fixture, old, new, field):
    path, line = edited(tmp_path, fixture, old, new)
    assert header_above(path, line) < line  # the header's line would be another one
    assert re.match(rf"{re.escape(str(path))}:{line}: {field}", error_of(path))


def test_a_missing_key_is_named_at_its_tables_header(tmp_path):
    path, line = edited(tmp_path, GITHUB, 'title = "Configure Orchestrator', "")
    header = header_above(path, line)
    assert error_of(path) == f"{path}:{header}: actions[0].title: missing (required)"


def test_a_value_that_is_no_date_is_named_as_such(tmp_path, capsys):
    path, line = edited(tmp_path, GITHUB, "at = ", "at = 2018-13-01")
    assert error_of(path) == f"{path}:{line}:6: 2018-13-01 is not a date (month 13)"
    assert main(["check", str(path)]) == 2
    assert f"{path}:{line}:6: 2018-13-01 is not a date (month 13)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("2018-02-30", 6, "2018-02-30 is not a date (day 30: February 2018 has 28 days)"),
        ("2018-10-21T24:10:00Z", 6, "2018-10-21T24:10:00Z is not a date and time (hour 24)"),
        (
            "2018-10-21 22:52",
            6,
            "2018-10-21 22:52 is not a date and time (seconds are required: 22:52:00)",
        ),
        ("22:61:00", 6, "22:61:00 is not a time (minute 61)"),
        (
            "2018-10-21T22:52:00+25:00",
            6,
            "2018-10-21T22:52:00+25:00 is not a date and time (time zone offset hour 25)",
        ),
        ("2018-10-21T22:52:00Z x", 27, "expected newline or end of document after a statement"),
    ],
)
def test_each_kind_of_bad_date_or_time(tmp_path, value, column, message):
    path, line = edited(tmp_path, GITHUB, "at = ", f"at = {value}")
    assert error_of(path) == f"{path}:{line}:{column}: {message}"


def test_a_date_written_as_text_is_left_to_tomllib(tmp_path):
    path, line = edited(tmp_path, GITHUB, "at = ", 'at = "2018-13-01" x')
    assert error_of(path) == (
        f"{path}:{line}:19: expected newline or end of document after a statement"
    )
