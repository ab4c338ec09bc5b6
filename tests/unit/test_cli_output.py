"""No control character from a review reaches the terminal raw, through any command.

A hostile review holds ESC, OSC 52 (which writes the clipboard), BEL and a C1 CSI in its
title, people, events and actions; every command shows them as visible escapes (`\\x1b`),
JSON as `\\u001b` (still valid JSON, still the same text once parsed).
"""

import json
import os
import re

import pytest

from pmtui.cli.commands import main
from pmtui.document.printable import escaped
from pmtui.files import store

HOSTILE = "\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x7fX"
SHOWN = "\\x1b]52;c;aGk=\\x07\\x1b[2J\\x9b31m\\x7fX"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def raw_controls(text: str) -> list[str]:
    """Control characters a terminal would act on (a CRLF line end is only a line end)."""
    return RAW.findall(text.replace("\r\n", "\n"))


NOT_UTF8 = os.fsdecode(b"caf\xe9 x\x9b2J\x9d0;T\x9c.toml")
"""A file name that is not UTF-8, as Python reads it: each byte a surrogate (`\\udce9`)."""
NOT_UTF8_SHOWN = "caf\\xe9 x\\x9b2J\\x9d0;T\\x9c.toml"


@pytest.fixture
def hostile(pet_clinic):
    review = store.load(pet_clinic)
    review.incident.title = f"Title {HOSTILE}"
    review.incident.severity = f"SEV1{HOSTILE}"
    review.people[0].name = f"Ann {HOSTILE}"
    review.timeline[0].text = f"event {HOSTILE}"
    review.actions[0].title = f"action {HOSTILE}"
    review.actions[0].owner = f"Bob {HOSTILE}"
    review.actions[0].description = f"why {HOSTILE}"
    store.save(review, pet_clinic)
    return pet_clinic


def test_escaped_shows_controls_as_typed_escapes():
    assert escaped(HOSTILE) == SHOWN
    assert escaped("a\tb\nc\r\nd\re") == "a\tb\nc\r\nd\\x0de"  # a lone CR rewrites a line
    assert escaped(HOSTILE, json=True) == SHOWN.replace("\\x", "\\u00")
    assert escaped("plain ∞ שלום 🚀") == "plain ∞ שלום 🚀"


def test_escaped_shows_each_byte_of_a_name_that_is_not_utf8_as_that_byte():
    """Written as they are, the surrogates stopped the command (no UTF-8 writes one), or
    went out as the raw bytes, C1 controls among them."""
    assert escaped(NOT_UTF8) == escaped(NOT_UTF8, one_line=True) == NOT_UTF8_SHOWN
    assert json.loads(f'"{escaped(NOT_UTF8, json=True)}"') == NOT_UTF8  # the same name


def test_a_file_name_that_is_not_utf8_is_shown_escaped(pet_clinic, capsys):
    named = pet_clinic.rename(pet_clinic.with_name(NOT_UTF8))
    folder = str(named.parent)
    for command in (["list", folder], ["actions", folder], ["check", str(named)]):
        assert main(command) == 0
        assert NOT_UTF8_SHOWN in capsys.readouterr().out
    assert main(["list", "--format", "json", folder]) == 0
    assert json.loads(capsys.readouterr().out)[0]["path"] == NOT_UTF8
    assert main(["check", "--format", "json", str(named)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["file"] == str(named)


def test_list_shows_escapes_and_keeps_its_columns(hostile, capsys):
    assert main(["list", str(hostile.parent)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    header, row = out.splitlines()
    assert f"Title {SHOWN}" in row
    assert row.index(hostile.name) == header.index("FILE")


def test_json_outputs_stay_valid_and_lose_nothing(hostile, capsys):
    assert main(["list", str(hostile.parent), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert json.loads(out)[0]["title"] == f"Title {HOSTILE}"

    assert main(["export", str(hostile), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert json.loads(out)["actions"][0]["owner"] == f"Bob {HOSTILE}"

    assert main(["stats", str(hostile.parent), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert f"Bob {HOSTILE}" in json.loads(out)["actions"]


def test_stats_shows_escapes_in_aligned_columns(hostile, capsys):
    assert main(["stats", str(hostile.parent)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    owner = next(line for line in out.splitlines() if line.startswith("Bob "))
    assert owner.startswith(f"Bob {SHOWN}")
    assert len(owner) == len(next(line for line in out.splitlines() if line.startswith("Owner")))


def test_stats_keeps_a_name_with_a_newline_on_its_row(pet_clinic, capsys):
    review = store.load(pet_clinic)
    review.actions[0].owner = "Line1\nLine2"
    review.incident.severity = "Blue\nteam"  # off the usual scales: shown as written
    store.save(review, pet_clinic)
    assert main(["stats", str(pet_clinic.parent)]) == 0
    lines = capsys.readouterr().out.splitlines()
    owner = next(line for line in lines if line.startswith("Line1"))
    assert owner.startswith("Line1\\x0aLine2")
    assert len(owner) == len(next(line for line in lines if line.startswith("Owner")))
    assert any(line.startswith("Blue\\x0ateam ") for line in lines)
    assert not any(line.startswith("Line2") for line in lines)


@pytest.mark.parametrize("form", ["markdown", "csv"])
def test_export_to_stdout_shows_escapes(hostile, form, capsys):
    assert main(["export", str(hostile), "--format", form]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert "action" in out and "Bob" in out


def test_csv_to_a_file_drops_the_controls_as_markdown_does(hostile, tmp_path):
    """A file is read with `cat` too: its cells keep the text, never the control bytes."""
    out = tmp_path / "actions.csv"
    assert main(["export", str(hostile), "--format", "csv", "-o", str(out)]) == 0
    with out.open(newline="") as written:
        text = written.read()
    assert raw_controls(text) == []
    assert "Bob ]52;c;aGk=[2J31mX" in text


def test_check_and_error_lines_show_escapes(hostile, tmp_path, capsys):
    named = tmp_path / f"r{HOSTILE}.toml"
    hostile.rename(named)
    main(["check", str(named)])
    out = capsys.readouterr()
    assert raw_controls(out.out + out.err) == []
    assert f"r{SHOWN}.toml: durations:" in out.out

    missing = tmp_path / f"gone{HOSTILE}.toml"
    for command in (["check"], ["export"], ["list"], ["stats"], ["import-chat", str(named)]):
        assert main([*command, str(missing)]) == 2
        err = capsys.readouterr().err
        assert raw_controls(err) == [] and f"gone{SHOWN}" in err and err.count("\n") == 1


def test_check_keeps_each_finding_on_one_line_whatever_the_names_hold(pet_clinic, capsys):
    """A newline in an impact row's metric split its finding over two lines."""
    review = store.load(pet_clinic)
    review.impact[0].metric, review.impact[0].value = "Users\naffected", ""
    store.save(review, pet_clinic)
    main(["check", str(pet_clinic)])
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(f"{pet_clinic}: ") for line in lines)
    assert any("'Users\\x0aaffected'" in line for line in lines)


def test_import_chat_names_new_people_with_escapes(hostile, tmp_path, capsys):
    chat = tmp_path / "chat.log"
    chat.write_text(f"[23:50] <mallory{HOSTILE}> checkout is throwing 500s\n")
    assert main(["import-chat", str(hostile), str(chat)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert f"new participants: mallory{SHOWN}" in out


def test_argument_errors_quote_a_hostile_file_name_with_escapes(capsys):
    """`pmtui check *` in a shared folder: a file name can look like an option."""
    with pytest.raises(SystemExit) as stopped:
        main(["check", "r.toml", f"--x{HOSTILE}"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert raw_controls(err) == [] and f"unrecognized arguments: --x{SHOWN}" in err
