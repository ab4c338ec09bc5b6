"""`pmtui diff A B`, and `pmtui diff --git` as git's external diff driver in a real repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

from pmtui.cli.commands import main
from pmtui.files import store

DRIVER = f"{sys.executable} -m pmtui diff --git"


@pytest.fixture
def edited(pet_clinic: Path, tmp_path: Path) -> Path:
    """The Pet Clinic review with its severity raised and an action given to Tina."""
    review = store.load(pet_clinic)
    review.incident.severity = "SEV0"
    review.actions[2].owner = "Tina"
    path = tmp_path / "edited.toml"
    store.save(review, path)
    return path


def test_same_reviews_exit_0_and_print_nothing(pet_clinic, capsys):
    assert main(["diff", str(pet_clinic), str(SAMPLES / "pet-clinic-dojo.toml")]) == 0
    assert capsys.readouterr().out == ""


def test_differing_reviews_exit_1_with_a_line_a_change(pet_clinic, edited, capsys):
    assert main(["diff", str(pet_clinic), str(edited)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "incident severity SEV1 -> SEV0",
        "action A3 owner Adam -> Tina",
    ]
    assert main(["diff", str(pet_clinic), str(edited), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        "incident severity SEV1 -> SEV0",
        "action A3 owner Adam -> Tina",
    ]


def test_a_review_that_cannot_be_read_exits_2_with_one_line(pet_clinic, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[incident\n")
    assert main(["diff", str(pet_clinic), str(bad)]) == 2
    assert main(["diff", str(pet_clinic), str(tmp_path / "missing.toml")]) == 2
    assert main(["diff", str(pet_clinic)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("pmtui: ") for line in err)
    assert err[0].startswith(f"pmtui: {bad}:1:")
    assert "no such file" in err[1] and "two reviews" in err[2]


@pytest.mark.parametrize("text", ['[project]\nname = "pmtui"\n', ""])
def test_a_file_that_is_no_review_exits_2_with_one_line(pet_clinic, tmp_path, capsys, text):
    """`pmtui diff pyproject.toml r.toml` listed the review's every item as added (or the
    other file's tables as removed), as if the file were an empty review."""
    other = tmp_path / "pyproject.toml"
    other.write_text(text)
    assert main(["diff", str(other), str(pet_clinic)]) == 2
    assert main(["diff", str(pet_clinic), str(other)]) == 2
    said = capsys.readouterr()
    assert said.err == f"pmtui: {other}: not a review (no [incident], no schema_version)\n" * 2
    assert said.out == ""


def test_a_control_byte_in_a_review_reaches_the_terminal_escaped(pet_clinic, tmp_path, capsys):
    review = store.load(pet_clinic)
    review.incident.title = "Down\x1b]0;owned\x07"
    hostile = tmp_path / "hostile.toml"
    store.save(review, hostile)
    assert main(["diff", str(pet_clinic), str(hostile)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;owned\\x07" in out


def _git(repo: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=Scribe", "-c", "user.email=scribe@example.org", *arguments],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose reviews/*.toml git diffs with `pmtui diff --git`, as the README
    sets it up, holding the Pet Clinic review in one commit."""
    repo = tmp_path / "repo"
    (repo / "reviews").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / ".gitattributes").write_text("reviews/*.toml diff=pmtui\n")
    _git(repo, "config", "diff.pmtui.command", DRIVER)
    shutil.copy(SAMPLES / "pet-clinic-dojo.toml", repo / "reviews" / "pet-clinic.toml")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "the review")
    return repo


def test_git_diff_prints_the_review_s_own_words(repo):
    path = repo / "reviews" / "pet-clinic.toml"
    review = store.load(path)
    review.incident.severity = "SEV2"
    review.actions[2].owner = "Tina"
    store.save(review, path)
    assert _git(repo, "diff").stdout.splitlines() == [
        "diff --pmtui a/reviews/pet-clinic.toml b/reviews/pet-clinic.toml",
        "incident severity SEV1 -> SEV2",
        "action A3 owner Adam -> Tina",
    ]
    _git(repo, "commit", "-q", "-am", "severity")
    shown = _git(repo, "log", "-p", "--ext-diff", "-1").stdout  # log and show ask for it
    assert "incident severity SEV1 -> SEV2" in shown and "-severity" not in shown


def test_git_diff_of_a_new_a_deleted_and_a_renamed_review(repo):
    (repo / "reviews" / "pet-clinic.toml").rename(repo / "reviews" / "clinic.toml")
    _git(repo, "add", "-A", "reviews")
    renamed = _git(repo, "diff", "--cached", "-M").stdout.splitlines()
    assert renamed[0] == "diff --pmtui a/reviews/pet-clinic.toml b/reviews/clinic.toml"
    assert renamed[1:] == ["the same review (only the file's layout or comments changed)"]
    _git(repo, "commit", "-q", "-m", "renamed")
    shutil.copy(SAMPLES / "pet-clinic-dojo.toml", repo / "reviews" / "new.toml")
    _git(repo, "add", "reviews/new.toml")
    added = _git(repo, "diff", "--cached").stdout.splitlines()
    assert added[:2] == ["diff --pmtui a/reviews/new.toml b/reviews/new.toml", "new review"]
    assert "participant Adam added" in added
    _git(repo, "rm", "-q", "--cached", "reviews/new.toml")
    (repo / "reviews" / "clinic.toml").unlink()
    deleted = _git(repo, "diff").stdout.splitlines()
    assert deleted[:2] == [
        "diff --pmtui a/reviews/clinic.toml b/reviews/clinic.toml",
        "review deleted",
    ]
    assert "incident title 'Pet Clinic offline after a major upgrade' -> ''" in deleted
    assert "action A6 'Create and prioritise the remediation stories in the backlog' removed" in (
        deleted
    )


def test_git_diff_of_a_review_that_cannot_be_read_shows_its_problem_and_its_text(repo):
    path = repo / "reviews" / "pet-clinic.toml"
    path.write_text(path.read_text().replace('severity = "SEV1"', 'severity = "SEV1'))
    result = _git(repo, "diff")  # git stops at a driver that fails: this one does not
    assert result.stderr.startswith("pmtui: reviews/pet-clinic.toml:7:")
    assert '-severity = "SEV1"\n+severity = "SEV1\n' in result.stdout


def test_git_diff_of_a_file_that_is_no_review_says_so_and_shows_its_text(repo):
    """A TOML file that is no review under the driver's pattern was diffed as an empty
    review: its tables listed as removed, nothing said of what the file is."""
    path = repo / "reviews" / "pyproject.toml"
    path.write_text('[project]\nname = "pmtui"\n')
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "not a review")
    path.write_text('[project]\nname = "pmtui2"\n')
    result = _git(repo, "diff")
    assert result.stderr == (
        "pmtui: reviews/pyproject.toml: not a review (no [incident], no schema_version)\n"
    )
    assert '-name = "pmtui"\n+name = "pmtui2"\n' in result.stdout


def test_the_driver_names_a_side_that_is_no_file_and_exits_0(pet_clinic, tmp_path, capsys):
    """A side not there blamed the review (`r.toml: no such file`), then the plain diff of
    the texts ended in a traceback; a folder as the new side did the same."""
    missing, folder = tmp_path / "missing.toml", tmp_path / "folder"
    folder.mkdir()
    for old, new, problem in [
        (missing, pet_clinic, f"{missing}: no such file"),
        (pet_clinic, folder, f"{folder}: is a folder, not a review file"),
    ]:
        assert (
            main(["diff", "--git", "r.toml", str(old), "0", "100644", str(new), "0", "100644"]) == 0
        )
        said = capsys.readouterr()
        assert said.out == "diff --pmtui a/r.toml b/r.toml\n"
        assert said.err == f"pmtui: {problem}\n"


def test_the_driver_names_the_arguments_it_wants(capsys):
    assert main(["diff", "--git", "a", "b"]) == 2
    assert "7 or 9 arguments" in capsys.readouterr().err
    assert main(["diff", "--git", "reviews/r.toml"]) == 0
    assert capsys.readouterr().out == "* Unmerged path reviews/r.toml\n"


def test_diff_does_not_import_textual(pet_clinic, edited):
    probe = (
        "import sys; from pmtui.cli.commands import main; code = main(sys.argv[1:]); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "diff", str(pet_clinic), str(edited)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "1 []"
