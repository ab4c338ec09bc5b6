"""`pmtui replay`'s options: a wrong pace or scene is one line, before any screen."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from pmtui.cli import commands, main
from pmtui.files.locations import bundled
from pmtui.training.pace import PACES, next_pace, pace_name, read_pace


def test_a_wrong_pace_is_one_line_and_no_file_is_made(tmp_path, capsys):
    review = tmp_path / "class.toml"
    assert main(["replay", str(review), "--scenario", "pet-clinic-dojo", "--pace", "warp"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "pace 'warp': say slow, normal, fast, lines" in line
    assert not review.exists()


def test_a_review_given_as_the_scenario_is_one_line(tmp_path, capsys):
    """The sample and the scenario share a name: a review where the scenario goes listed
    twenty problems, one per review table."""
    review = tmp_path / "review.toml"
    shutil.copy(SAMPLES / "pet-clinic-dojo.toml", review)
    assert main(["replay", str(tmp_path / "class.toml"), "--scenario", str(review)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == (
        f"pmtui: {review}: a review, not a scenario (it has no scenes); "
        "--scenario takes a scenario file or a bundled scenario's name"
    )


DOJO = bundled("scenarios") / "pet-clinic-dojo.toml"
DOJO_ANEW = "pmtui replay pet-clinic-dojo writes the replay to pet-clinic-dojo.toml"


def _drill(tmp_path):
    """A scenario of the coach's own, by the naming convention."""
    drill = tmp_path / "drill.scenario.toml"
    shutil.copy(DOJO, drill)
    return drill, [str(drill), "--scenario", str(drill)]


def _copied(tmp_path):
    """A copy of the dojo's scenario under a review's name."""
    copy = tmp_path / "copy.toml"
    shutil.copy(DOJO, copy)
    return copy, [str(copy), "--scenario", "pet-clinic-dojo"]


@pytest.mark.parametrize(
    ("given", "why", "instead"),
    [
        (lambda tmp: (DOJO, [str(DOJO)]), "the scenario being played, not a review", DOJO_ANEW),
        (_drill, "the scenario being played, not a review", "pmtui replay "),
        (_copied, "a scenario, not a review", DOJO_ANEW),
        (
            lambda tmp: (SAMPLES / "pet-clinic-dojo.toml", [str(SAMPLES / "pet-clinic-dojo.toml")]),
            "shipped with pmtui, never written to",
            DOJO_ANEW,
        ),
    ],
    ids=["bundled scenario", "own scenario", "scenario by content", "bundled sample"],
)
def test_a_replay_never_plays_into_a_scenario_or_a_shipped_file(
    tmp_path, capsys, given, why, instead
):
    """Played into, the scenario got `[lessons]` at the first save, and every replay of it
    after failed with "lessons: unknown key"; a sample played into changed what pmtui
    ships."""
    target, argv = given(tmp_path)
    before = target.read_bytes()
    assert main(["replay", *argv, "--scene", "4"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"pmtui: {target}: {why}; {instead}")
    assert target.read_bytes() == before


def test_paces_by_name_or_number_and_the_pace_key_goes_round():
    assert read_pace("Lines") == 0 and read_pace(" 25 ") == 25
    assert pace_name(25) == "25 chars/s" and pace_name(PACES["fast"]) == "fast"
    seen = [PACES["slow"]]
    for _ in range(4):
        seen.append(next_pace(seen[-1]))
    assert [pace_name(speed) for speed in seen] == ["slow", "normal", "fast", "lines", "slow"]
    assert pace_name(next_pace(25)) == "normal"  # a speed of one's own: on to the next name


def test_a_file_that_is_no_review_is_never_played_into(tmp_path, capsys):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    assert main(["replay", str(path), "--scenario", "pet-clinic-dojo"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == f"pmtui: {path}: not a review (no [incident], no schema_version)"
    assert path.read_text() == '[project]\nname = "x"\n'


def test_the_readme_shows_learners_as_replay_takes_them():
    """The command-line reference showed `[--learner NAME ...]`: typed so, `--learner Sam
    Alex` failed ("unrecognized arguments: Alex"); the option is repeated for each one."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    [usage] = [line for line in readme.splitlines() if line.startswith("pmtui replay FILE")]
    shown = re.search(r"\[--learner NAME( \.\.\.)?\](\.\.\.)?", usage)
    names = ["Sam", "Alex"]
    each_repeated = shown is not None and shown[2] is not None
    typed = [part for name in names for part in ("--learner", name)]
    parsed = commands._parser().parse_args(
        ["replay", "r.toml", *(typed if each_repeated else ["--learner", *names])]
    )
    assert parsed.learner == names
