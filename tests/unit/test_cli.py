import contextlib
import gc
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest
from conftest import SAMPLES

from pmtui import __version__
from pmtui.analysis import report
from pmtui.cli import commands
from pmtui.cli import main as command_line
from pmtui.cli.commands import main
from pmtui.files import store


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"pmtui {__version__}"


def test_new_creates_a_review_from_the_template_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "r.toml"
    assert main(["new", str(path), "--title", "Checkout down", "--severity", "SEV2"]) == 0
    review = store.load(path)
    assert (review.incident.title, review.incident.severity) == ("Checkout down", "SEV2")
    assert review.template == "default" and review.questions and review.impact
    before = path.read_bytes()
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_new_names_a_file_without_suffix_toml_and_refuses_a_folder(tmp_path, capsys):
    """As `replay` does: a review named `incident-42` is written as `incident-42.toml`,
    which the start screen and `pmtui list` find."""
    assert main(["new", str(tmp_path / "incident-42")]) == 0
    assert store.load(tmp_path / "incident-42.toml").template == "default"
    assert not (tmp_path / "incident-42").exists()
    capsys.readouterr()
    assert main(["new", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {tmp_path}: is a folder; name the review's file, like review.toml\n"
    )


@pytest.mark.parametrize(
    ("command", "meant"),
    [
        ("lsit", "list"),
        ("chek r.toml", "check"),
        ("import-caht c.txt", "import-chat"),
        ("help", "--help"),
        ("hlep", "--help"),
    ],
)
def test_a_mistyped_command_is_refused_before_anything_opens(
    tmp_path, monkeypatch, capsys, command, meant
):
    """It opened the app on a new review of that name, written as `lsit` (no `.toml`: no
    list found it) at the first key; in a script, it said the app needs a terminal."""
    monkeypatch.chdir(tmp_path)
    assert main(command.split()) == 2
    word = command.split()[0]
    assert capsys.readouterr().err == f"pmtui: unknown command '{word}' (did you mean {meant}?)\n"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def opened(monkeypatch) -> list[Path | None]:
    """The file each `pmtui FILE` opens the app on (the app itself does not run)."""
    from pmtui.tui import app

    files: list[Path | None] = []
    monkeypatch.setattr(app, "make_app", lambda path, **_: files.append(path))
    monkeypatch.setattr(commands, "_run_app", lambda _app: 0)
    return files


def test_a_review_named_without_suffix_toml_is_the_toml_file(tmp_path, monkeypatch, capsys, opened):
    """`pmtui review` opened a new review, to be written as `review`, beside `review.toml`;
    a new name gets `.toml` as `pmtui new` gives it; a file of any name that is there opens."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "review.toml").write_text("")
    (tmp_path / "lsit").write_text("")
    for name in ["review", "incident-9", "lsit", "review.toml"]:
        assert main([name]) == 0
    assert opened == [Path(n) for n in ["review.toml", "incident-9.toml", "lsit", "review.toml"]]
    assert main(["notes.md"]) == 2  # named as an export would be: refused, as `new` does
    assert capsys.readouterr().err.startswith("pmtui: notes.md: a review is a .toml file")
    assert len(opened) == 4


@pytest.mark.parametrize("command", ["new", "replay", "list", "stats", "actions", "open --dir"])
def test_a_name_too_long_to_look_at_gets_one_line(tmp_path, capsys, command):
    """Looking at it (a folder? a file there?) raised OSError, a traceback."""
    name = str(tmp_path / ("a" * 300))
    assert main([*command.split(), name]) == 2
    assert capsys.readouterr().err == f"pmtui: {name}: cannot look at it (file name too long)\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        "replay r --scenario LONG",
        "replay LONG.toml",
        "new r --template LONG.toml",
        "serve LONG.toml",
    ],
)
def test_a_file_name_too_long_to_look_at_gets_one_line(tmp_path, monkeypatch, capsys, command):
    """A scenario, a template or a review to serve: each raised OSError, a traceback."""
    monkeypatch.chdir(tmp_path)
    assert main(command.replace("LONG", "a" * 300).split()) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("pmtui: aaa") and line.endswith(
        ": cannot look at it (file name too long)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["", "new r", "list", "sample pet-clinic-dojo --no-open"])
def test_a_current_folder_deleted_since_gets_one_line(tmp_path, monkeypatch, capsys, command):
    """`mkdir x; cd x; rmdir ../x; pmtui` ended in a FileNotFoundError traceback."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(command.split()) == 2
    assert capsys.readouterr().err == (
        "pmtui: the current folder no longer exists (deleted since the shell went into it); "
        "cd into a folder that does\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_commands_on_absolute_names_work_from_a_current_folder_deleted_since(
    tmp_path, monkeypatch, pet_clinic
):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    out = tmp_path / "out.md"
    assert main(["export", str(pet_clinic), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_new_adds_toml_after_a_dot_in_the_name_and_refuses_an_export_s_name(tmp_path, capsys):
    """`new r5.md` wrote a review under a Markdown export's name, which `list` never finds
    and an export would write over."""
    assert main(["new", str(tmp_path / "incident-4.2")]) == 0
    assert store.load(tmp_path / "incident-4.2.toml").template == "default"
    capsys.readouterr()
    for name in ("r5.md", "r5.JSON"):
        assert main(["new", str(tmp_path / name)]) == 2
        suffix = name.partition(".")[2]
        assert capsys.readouterr().err == (
            f"pmtui: {tmp_path / name}: a review is a .toml file (exports are .{suffix}); "
            "name it like r5.toml\n"
        )
    assert main(["new", str(tmp_path / "r5.toml.md")]) == 2
    assert capsys.readouterr().err.endswith("name it like r5.toml\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["incident-4.2.toml"]


def test_a_review_named_in_capitals_is_listed_and_counted(tmp_path, capsys):
    """`new R7.TOML` keeps the name as typed; `list` and `stats` looked for `.toml` only,
    so the review written was never found again."""
    assert main(["new", str(tmp_path / "R7.TOML")]) == 0
    capsys.readouterr()
    assert main(["list", str(tmp_path), "--format", "json"]) == 0
    assert [Path(e["path"]).name for e in json.loads(capsys.readouterr().out)] == ["R7.TOML"]
    assert main(["stats", str(tmp_path), "--today", "2026-12-05"]) == 0
    assert capsys.readouterr().out.startswith(f"1 review under {tmp_path}\n")


@pytest.mark.parametrize("command", ["new", "export"])
def test_the_help_of_template_says_where_the_templates_are_listed(capsys, command):
    """`pmtui new --help` said "template name or .toml path", and no word on which names."""
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    said = " ".join(capsys.readouterr().out.split())  # as argparse wraps it at any width
    assert "`pmtui templates`" in said.split("--template TEMPLATE ")[1].split(" --")[0]


def test_new_with_unknown_template_says_which_exist(tmp_path, capsys):
    assert main(["new", str(tmp_path / "r.toml"), "--template", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no template named 'nope'" in err and "default" in err
    assert not (tmp_path / "r.toml").exists()


def test_new_with_a_template_file_not_there_says_so(tmp_path, capsys):
    """It said a review names a template, never a path: true, and no help to a person who
    gave a path on purpose and mistyped it."""
    missing = tmp_path / "missing.toml"
    assert main(["new", str(tmp_path / "r.toml"), "--template", str(missing)]) == 2
    assert capsys.readouterr().err == f"pmtui: template file {missing}: no such file\n"
    assert not (tmp_path / "r.toml").exists()


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("/dev/null", "not a regular file (a pipe or a device)"),
        (".", "is a folder; name a template's .toml file"),
        ("./notes.txt", "a template file ends in .toml"),
    ],
)
def test_a_template_path_that_is_there_but_no_template_file_says_what_it_is(
    tmp_path, monkeypatch, capsys, given, why
):
    """A device, a folder or a text file was called "no such file"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("[a]\n")
    assert main(["new", "r.toml", "--template", given]) == 2
    assert capsys.readouterr().err == f"pmtui: template file {given}: {why}\n"
    assert not (tmp_path / "r.toml").exists()


def test_check_exit_codes(tmp_path, pet_clinic, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[timeline]]\nat = 'soon'\n")
    assert main(["check", str(pet_clinic), "--today", "2026-11-20"]) == 0
    assert main(["check", str(pet_clinic), str(bad), "--today", "2026-11-20"]) == 2
    out = capsys.readouterr()
    assert out.out.splitlines()[:2] == [
        f"{pet_clinic}: durations: detect 1h 15m · acknowledge 15m · mitigate — · resolve 5h 55m "
        "· TTR 5h 55m = TTD 1h 15m + TTI 2h 50m + TTF 1h 50m",
        f"{pet_clinic}: ok",
    ]
    assert out.err.strip().splitlines() == [
        f"pmtui: {bad}:2: timeline[0].at: not a date and time: write it like "
        "2026-11-20T14:05:00Z, or a day alone (got 'soon')"
    ]


def test_check_names_every_problem_of_a_file_it_cannot_load(tmp_path, capsys):
    """Only the first was named, "(and 2 more problems)": fixing a hand-edited file took a
    round of `check` per mistake."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[[people]]\nname = 'A'\npresent = 'yes'\n[[timeline]]\nat = 'soon'\n")
    assert main(["check", str(bad), "--today", "2026-11-20"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"pmtui: {bad}:3: people[0].present: write true or false (got 'yes') (and 1 more problem)",
        f"pmtui: {bad}:5: timeline[0].at: not a date and time: write it like "
        "2026-11-20T14:05:00Z, or a day alone (got 'soon')",
    ]
    assert main(["check", str(bad), "--format", "json"]) == 2
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["more"] == [
        f"{bad}:5: timeline[0].at: not a date and time: write it like "
        "2026-11-20T14:05:00Z, or a day alone (got 'soon')"
    ]


@pytest.mark.parametrize("text", ['[project]\nname = "pmtui"\n', ""])
def test_check_says_a_file_that_is_no_review_is_not_one_and_exits_2(tmp_path, capsys, text):
    """`pmtui check pyproject.toml`, or an empty file, listed a review's findings (no
    summary, no events, …) and exited 1, where merge, list and stats call it no review."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr()
    assert out.err == f"pmtui: {path}: not a review (no [incident], no schema_version)\n"
    assert out.out == ""


def test_check_prints_findings_and_exits_1(pet_clinic, capsys):
    review = store.load(pet_clinic)
    review.actions[0].owner = ""
    review.incident.summary = "Adam broke it: human error."
    store.save(review, pet_clinic)
    assert main(["check", str(pet_clinic), "--today", "2026-12-05"]) == 1
    lines = capsys.readouterr().out.splitlines()[1:]
    assert lines == [
        f"{pet_clinic}: action A1: no owner",
        f"{pet_clinic}: action A1: not done, due 2026-12-04 (1 day overdue)",
        f"{pet_clinic}: action A3: not done, due 2026-12-04 (1 day overdue)",
        f"{pet_clinic}: action A6: not done, due 2026-11-27 (8 days overdue)",
        f"{pet_clinic}: incident.summary: 'Adam broke': Name what happened in the system, "
        "not who: what made that step easy to get wrong?",
        f"{pet_clinic}: incident.summary: 'human error': Say what made the action look right "
        "at the time: the tool, the signal, the pressure.",
    ]
    assert main(["check", str(pet_clinic), "--format", "json", "--today", "2026-12-05"]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["durations_seconds"]["recover"] == 355 * 60
    assert [f["check"] for f in report["findings"]] == [
        "action-owner", "overdue", "overdue", "overdue", "blame", "blame"
    ]  # fmt: skip
    assert report["findings"][0] == {
        "check": "action-owner",
        "where": "action A1",
        "message": "no owner",
        "key": "action-owner: action A1",
    }


def test_check_json_reports_a_file_that_cannot_load(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("title = ")
    assert main(["check", str(bad), "--format", "json"]) == 2
    out = capsys.readouterr()
    assert json.loads(out.out) == [
        {"file": str(bad), "error": f"{bad}:1:9: invalid value at end of file", "more": []}
    ]
    assert out.err == f"pmtui: {bad}:1:9: invalid value at end of file\n"


def test_a_broken_team_phrase_file_stops_check(pet_clinic, isolated_user_dirs, capsys):
    team = isolated_user_dirs / "config" / "blame_phrases.toml"
    team.parent.mkdir(parents=True)
    team.write_text("failure_verbs = 3\n")
    assert main(["check", str(pet_clinic)]) == 2
    assert capsys.readouterr().err == (f"pmtui: {team}: failure_verbs: must be a list of words\n")


def test_a_config_folder_that_cannot_be_read_stops_check_in_one_line(
    pet_clinic, config_folder_shut, capsys
):
    assert main(["check", str(pet_clinic)]) == 2
    team = config_folder_shut / "blame_phrases.toml"
    assert capsys.readouterr().err == f"pmtui: {team}: cannot read (permission denied)\n"


def test_stats_with_no_folder_reads_the_current_one(tmp_path, pet_clinic, capsys, monkeypatch):
    """As `pmtui list` does: it was a usage error."""
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--today", "2026-12-05"]) == 0
    assert capsys.readouterr().out.startswith("1 review under .\n")


def test_stats_over_a_folder(tmp_path, pet_clinic, capsys):
    assert main(["stats", str(tmp_path), "--today", "2026-12-05"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"1 review under {tmp_path}\n")
    assert "MTTR                5h 55m    5h 55m" in text
    assert main(["stats", str(tmp_path), "--format", "json", "--today", "2026-12-05"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actions"]["Adam"] == {"open": 2, "overdue": 1}
    assert main(["stats", str(pet_clinic)]) == 2
    assert capsys.readouterr().err == f"pmtui: {pet_clinic}: not a folder\n"


def test_stats_reports_every_review_it_cannot_read_and_exits_2(tmp_path, pet_clinic, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[incident]\ntitle = "x"\n\n[[timeline]]\nat = "soon"\n')
    broken = tmp_path / "broken.toml"
    broken.write_text("[incident\n")
    assert main(["stats", str(tmp_path)]) == 2
    out = capsys.readouterr()
    assert out.err == (
        f"pmtui: {bad}:5: timeline[0].at: not a date and time: write it like "
        "2026-11-20T14:05:00Z, or a day alone (got 'soon')\n"
        f"pmtui: {broken}:1:10: expected ']' at the end of a table declaration\n"
    )
    assert out.out.startswith(
        f"1 review under {tmp_path}; 2 more could not be read (their errors are on stderr)\n"
    )
    assert main(["stats", str(tmp_path), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["unreadable"] == 2


def test_export_to_stdout_and_file(tmp_path, pet_clinic, capsys):
    assert main(["export", str(pet_clinic)]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# DOJO-PIP-1: Pet Clinic offline after a major upgrade\n")
    out = tmp_path / "out.md"
    assert main(["export", str(pet_clinic), "-o", str(out)]) == 0
    assert out.read_text() == markdown
    out.write_text("mine")
    assert main(["export", str(pet_clinic), "-o", str(out)]) == 2
    assert out.read_text() == "mine"
    assert main(["export", str(pet_clinic), "-o", str(out), "--force"]) == 0
    assert out.read_text() == markdown


def test_export_of_a_bad_file_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe")
    assert main(["export", str(bad), "-o", str(tmp_path / "o.md")]) == 2
    assert not (tmp_path / "o.md").exists()
    assert "UTF-16" in capsys.readouterr().err


@pytest.mark.parametrize("text", ['[project]\nname = "pmtui"\n', ""])
@pytest.mark.parametrize("form", ["markdown", "json"])
def test_export_of_a_file_that_is_no_review_says_so_and_writes_nothing(
    tmp_path, capsys, text, form
):
    """`pmtui export pyproject.toml`, or an empty file, exported an empty review and
    exited 0, where check, merge, list and stats call it no review."""
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    assert main(["export", str(path), "--format", form]) == 2
    assert main(["export", str(path), "-o", str(tmp_path / "o.md")]) == 2
    out = capsys.readouterr()
    assert out.err == f"pmtui: {path}: not a review (no [incident], no schema_version)\n" * 2
    assert out.out == ""
    assert not (tmp_path / "o.md").exists()


def test_a_file_name_with_terminal_escapes_is_printed_harmless(tmp_path, capsys):
    name = tmp_path / "\x1b]0;owned\x07.toml"
    name.write_text("title = ")
    assert main(["export", str(name)]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\\x1b]0;owned\\x07.toml" in error


def test_templates_lists_one_line_each(capsys):
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(len(line.split(maxsplit=1)) == 2 for line in lines)
    assert lines[0].startswith("default ")


def test_sample_copies_once_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["sample"]) == 0
    assert "pet-clinic-dojo" in capsys.readouterr().out.split()
    assert main(["sample", "pet-clinic-dojo", "--no-open"]) == 0
    copy = tmp_path / "pet-clinic-dojo.toml"
    assert tomllib.loads(copy.read_text())["incident"]["id"] == "DOJO-PIP-1"
    capsys.readouterr()
    copy.write_text("# my edits\n")
    assert main(["sample", "pet-clinic-dojo", "--no-open"]) == 0
    assert copy.read_text() == "# my edits\n"
    assert capsys.readouterr().out == "your copy: pet-clinic-dojo.toml\n"  # not "opening"
    assert main(["sample", "nope"]) == 2


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (Path.mkdir, "is a folder, not a review file"),
        (lambda path: path.symlink_to("nowhere"), "no such file"),
        (
            lambda path: path.write_text("[tool]\n"),
            "not a review (no [incident], no schema_version)",
        ),
    ],
)
def test_sample_no_open_refuses_a_copy_opening_would_refuse(
    tmp_path, monkeypatch, capsys, make, problem
):
    """It said "opening your copy" and exit 0 for a folder, a link to nothing or a TOML
    file that is no review in the copy's place."""
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "pet-clinic-dojo.toml"
    make(copy)
    assert main(["sample", "pet-clinic-dojo", "--no-open"]) == 2
    assert capsys.readouterr() == ("", f"pmtui: {copy}: {problem}\n")


def run_pmtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pmtui", *args], cwd=cwd, capture_output=True, text=True
    )


def test_python_dash_m_reports_bad_input_without_a_traceback(tmp_path):
    (tmp_path / "r.toml").write_text("title = ")
    result = run_pmtui("check", "r.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "pmtui: r.toml:1:9: invalid value at end of file\n"


def run_pmtui_redirected(redirect: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`pmtui ARGS` with the shell's `redirect` of its output (`>&-` closes standard output,
    `2>/dev/full` fills standard error)."""
    command = ["sh", "-c", f'"$@" {redirect}', "sh", sys.executable, "-m", "pmtui", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize(
    "command",
    [["export", "pet-clinic-dojo.toml"], ["check", "pet-clinic-dojo.toml"], ["list"], ["--help"]],
)
def test_output_that_cannot_be_written_is_one_line_and_exit_2(pet_clinic, command):
    """It was a traceback (then Python's own, flushing as it exited), exit 1."""
    result = run_pmtui_redirected(">/dev/full", *command, cwd=pet_clinic.parent)
    assert (result.returncode, result.stderr) == (
        2,
        "pmtui: cannot write the output (No space left on device)\n",
    )


@pytest.mark.parametrize("command", [["export", "pet-clinic-dojo.toml"], ["new", "r.toml"]])
def test_a_closed_standard_output_is_one_line_and_exit_2_before_anything_is_done(
    pet_clinic, command
):
    result = run_pmtui_redirected(">&-", *command, cwd=pet_clinic.parent)
    assert (result.returncode, result.stderr) == (
        2,
        "pmtui: cannot write the output (standard output is closed)\n",
    )
    assert not (pet_clinic.parent / "r.toml").exists()


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full", "2>&- >/dev/full", "2>/dev/full >&-"])
@pytest.mark.parametrize("command", [["check", "bad.toml"], ["check"], ["check", "bad.toml", "-x"]])
def test_a_complaint_with_standard_error_closed_or_full_just_exits_2(tmp_path, command, redirect):
    """The complaint's write failed in a traceback, written nowhere either, and exit 1 (or
    the usage on standard output): nothing can be said, and the exit code alone tells."""
    (tmp_path / "bad.toml").write_text("[incident\n")
    result = run_pmtui_redirected(redirect, *command, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "")


@pytest.fixture
def retitled(pet_clinic: Path) -> Path:
    """The Pet Clinic review under another title: `diff` exits 1 for it."""
    review = store.load(pet_clinic)
    review.incident.title = "Another title"
    path = pet_clinic.with_name("retitled.toml")
    store.save(review, path)
    return path


@contextlib.contextmanager
def pipe_nobody_reads(buffering: int = -1) -> Iterator[TextIO]:
    """A pipe whose reader has stopped, as `| head -1` once it has its line."""
    read, write = os.pipe()
    os.close(read)
    with open(write, "w", buffering=buffering) as pipe:
        yield pipe


def test_a_reader_that_stops_early_leaves_the_exit_code_the_result_means(
    pet_clinic, retitled, monkeypatch
):
    """`pmtui diff A B | head -1` exited 0, "the same", when they differed."""
    for command, exit_code in (
        (["diff", str(pet_clinic), str(retitled)], 1),
        (["diff", str(pet_clinic), str(pet_clinic)], 0),
        (["check", "--today", "2100-01-01", str(pet_clinic)], 1),  # actions overdue
        (["list", str(pet_clinic.parent)], 0),
    ):
        with pipe_nobody_reads(buffering=1) as pipe:  # each line written as it is said
            monkeypatch.setattr(sys, "stdout", pipe)
            assert main(command) == exit_code


def test_a_reader_that_stops_before_the_output_is_flushed_leaves_the_exit_code(
    pet_clinic, retitled, monkeypatch
):
    """A short output waits in the buffer until the command ends: Python's flush as it
    exited then printed "Exception ignored" and a traceback, exit 120."""
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    command = [sys.executable, "-m", "pmtui", "diff", str(pet_clinic), str(retitled)]
    with pipe_nobody_reads() as pipe:
        result = subprocess.run(command, stdout=pipe, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (1, "")


def test_check_and_export_do_not_import_textual(pet_clinic):
    scenario = str(SAMPLES.parent / "scenarios" / "pet-clinic-dojo.toml")
    code = (
        "import sys; from pmtui.cli.commands import main; "
        f"main(['check', {str(pet_clinic)!r}, {scenario!r}]); "
        f"main(['export', {str(pet_clinic)!r}]); "
        f"main(['stats', {str(pet_clinic.parent)!r}]); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_ctrl_c_during_a_command_ends_it_quietly_with_130(monkeypatch, capsys):
    """Interrupted, not failed: no traceback, no line, the shell's code for ctrl+c."""

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "check_files", interrupted)
    assert command_line(["check", str(SAMPLES / "pet-clinic-dojo.toml")]) == 130
    assert capsys.readouterr() == ("", "")


INTERRUPTED_WHILE_LOADING = """
import importlib.abc, os, signal, sys

class CtrlC(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pmtui.cli.commands":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
from pmtui.cli import main  # as the `pmtui` script starts
sys.exit(main(["check", sys.argv[1]]))
"""


def test_ctrl_c_while_the_command_loads_ends_it_quietly_with_130():
    """ctrl+c right after launch, before the command's modules are in: no traceback."""
    sample = str(SAMPLES / "pet-clinic-dojo.toml")
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_LOADING, sample], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "")


def test_commands_but_serve_run_without_the_cycle_collector_and_give_it_back(monkeypatch, tmp_path):
    """What a command makes lives until it ends: collecting cycles among it only slows it.
    `serve` runs until stopped, so it keeps the collector; every command gives it back."""
    collecting = {}

    def noting(name):
        def run(args):
            collecting[name] = gc.isenabled()
            return 0

        return run

    for name in ("run_check", "run_export", "run_serve"):
        monkeypatch.setattr(commands, name, noting(name))
    review = str(tmp_path / "r.toml")
    for args in (["check", review], ["export", review], ["serve", review]):
        assert main(args) == 0
        assert gc.isenabled()
    assert collecting == {"run_check": False, "run_export": False, "run_serve": True}


def test_a_report_ends_the_process_as_soon_as_its_output_is_written(pet_clinic, capsys):
    """The `pmtui` script ends a command that reads and reports there (`cli.ended_at_once`):
    Python's own exit would then free what it made, object by object, for nothing. A command
    that writes a review, or runs the app, ends as Python does."""
    ended = []
    assert main(["export", str(pet_clinic)], end=ended.append) == 0
    assert ended == [0] and capsys.readouterr().out.startswith("# ")
    assert main(["new", str(pet_clinic.with_name("new.toml"))], end=ended.append) == 0
    assert ended == [0]


def test_the_script_writes_a_report_whole_before_it_ends(pet_clinic, capsys):
    """Its output, held in Python's buffer when it goes to a pipe, is written before the
    process ends; the exit code is the command's."""
    code = main(["check", str(pet_clinic)])
    whole = capsys.readouterr().out
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-m", "pmtui", "check", str(pet_clinic)],
        capture_output=True,
        text=True,
        env=buffered,
    )
    assert (result.returncode, result.stdout, result.stderr) == (code, whole, "")
    assert "durations: detect 1h 15m" in whole
