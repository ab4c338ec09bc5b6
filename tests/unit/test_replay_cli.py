"""`pmtui replay`'s options: a wrong pace or scene is one line, before any screen."""

import shutil

from conftest import SAMPLES

from pmtui.cli import main
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


def test_paces_by_name_or_number_and_the_pace_key_goes_round():
    assert read_pace("Lines") == 0 and read_pace(" 25 ") == 25
    assert pace_name(25) == "25 chars/s" and pace_name(PACES["fast"]) == "fast"
    seen = [PACES["slow"]]
    for _ in range(4):
        seen.append(next_pace(seen[-1]))
    assert [pace_name(speed) for speed in seen] == ["slow", "normal", "fast", "lines", "slow"]
    assert pace_name(next_pace(25)) == "normal"  # a speed of one's own: on to the next name
