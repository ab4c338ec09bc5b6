"""A coach's own scenario: a review to start from (`base`), a table on screen, a name
without `.toml`, and problems named at the key's own line, all of them at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from pmtui.cli.commands import review_file
from pmtui.document.model import Action
from pmtui.files import store
from pmtui.training import scenario, scenario_files
from pmtui.training.player import Player
from pmtui.training.scenario import ScenarioError

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "examples" / "incident-19-drill.scenario.toml"
)
INCIDENT_19 = SAMPLES / "incident-19-staging-connection-string.toml"

SCENE = """
[[scenes]]
title = "Opening"

[[scenes.lines]]
speaker = "Maya"
text = "We learn, we do not blame."
"""


def write(folder: Path, text: str, name: str = "drill.scenario.toml") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def problems_of(path: Path) -> list[str]:
    """Each problem line of a scenario that does not load, without the file's name."""
    with pytest.raises(ScenarioError) as raised:
        scenario.load(path)
    lines = str(raised.value).split("\n")
    assert all(line.startswith(f"{path}:") for line in lines), lines
    return [line.removeprefix(str(path)) for line in lines]


# base --------------------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["incident-19", "incident-19-staging-connection-string"])
def test_base_names_a_sample_whose_review_the_replay_starts_from(tmp_path, base):
    script = scenario.load(write(tmp_path, f'title = "Drill"\nbase = "{base}"\n' + SCENE))
    assert script.review == store.load(INCIDENT_19)
    assert script.review.people[0].name == "Maya"


def test_base_names_a_review_file_relative_to_the_scenario(tmp_path):
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "ours.toml").write_bytes(INCIDENT_19.read_bytes())
    (tmp_path / "drills").mkdir()
    path = write(tmp_path / "drills", 'title = "Drill"\nbase = "../reviews/ours.toml"\n' + SCENE)
    assert scenario.load(path).review.incident.id == "Incident-19"


def test_base_and_review_together_is_an_error_at_the_base_line(tmp_path):
    text = 'title = "Drill"\nbase = "incident-19"\n\n[review.incident]\ntitle = "Mine"\n' + SCENE
    assert problems_of(write(tmp_path, text)) == [
        ":2: base: base and [review] both give the review to start from: keep one"
    ]


def test_a_missing_base_is_one_line_naming_the_samples(tmp_path):
    path = write(tmp_path, 'title = "Drill"\n# ours\nbase = "incident-91"\n' + SCENE)
    (problem,) = problems_of(path)
    samples = ", ".join(sorted(p.stem for p in SAMPLES.glob("*.toml")))
    assert problem == f":3: base: no such sample or file 'incident-91' (samples: {samples})"


def test_a_near_miss_base_gets_did_you_mean(tmp_path):
    path = write(tmp_path, 'title = "Drill"\nbase = "pet-clinic-dj"\n' + SCENE)
    (problem,) = problems_of(path)
    assert problem.endswith("; did you mean pet-clinic-dojo?")


def test_a_base_review_with_a_problem_names_the_base_file(tmp_path):
    (tmp_path / "broken.toml").write_text('[[actions]]\nid = "A1"\n')
    path = write(tmp_path, 'title = "Drill"\nbase = "broken.toml"\n' + SCENE)
    with pytest.raises(ScenarioError) as raised:
        scenario.load(path)
    assert (
        str(raised.value) == f"{tmp_path / 'broken.toml'}:1: actions[0].title: missing (required)"
    )


def test_the_worked_example_loads_and_plays_over_incident_19():
    script = scenario.load(EXAMPLE)
    review = script.review.model_copy(deep=True)
    assert review == store.load(INCIDENT_19)
    assert [scene.title for scene in script.scenes] == [
        "Opening the review",
        "Walking the timeline",
        "From blame to learning",
    ]
    table = script.scenes[2].table
    assert table is not None and table.columns == ["Instead of", "Ask"] and len(table.rows) == 3
    player = Player(script, review)
    player.next()
    assert player.full_text.startswith("Today's review of Incident-19 is yours, the facilitator.")
    while not player.finished:
        player.next()
    assert review.meeting.decisions == [
        "The review asks what happened and how, never who is to blame."
    ]
    assert [issue.owner for issue in review.lessons.systemic] == ["Maya"]
    assert [(a.id, a.owner, a.kind) for a in review.actions[4:]] == [("A5", "Lucas", "prevent")]


# names on the command line -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("pet-clinic-dojo", "pet-clinic-dojo.toml"),
        ("class/pet-clinic-dojo", "class/pet-clinic-dojo.toml"),
        ("pet-clinic-dojo.toml", "pet-clinic-dojo.toml"),
        ("notes.review", "notes.review.toml"),
    ],
)
def test_a_review_name_without_suffix_gets_toml(name, file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert review_file(name) == Path(file)


def test_a_file_that_is_there_is_taken_by_its_own_name(tmp_path):
    for name in ("notes.review", "notes.md", "notes"):
        (tmp_path / name).write_text("", encoding="utf-8")
        assert review_file(str(tmp_path / name)) == tmp_path / name


def test_a_name_without_suffix_finds_the_bundled_scenario_of_that_name(tmp_path):
    review = tmp_path / review_file("pet-clinic-dojo")
    assert scenario_files.find(review) == scenario_files.bundled()["pet-clinic-dojo"]


def test_did_you_mean_names_the_closest_known_name_or_nothing():
    known = ["pet-clinic-dojo", "checkout-drill"]
    assert scenario_files.did_you_mean("pet-clinc-dojo", known) == "did you mean pet-clinic-dojo?"
    assert scenario_files.did_you_mean("zzz", known) == ""
    assert scenario_files.did_you_mean("pet-clinic-dojo", []) == ""


def test_a_near_miss_scenario_name_gets_did_you_mean(tmp_path):
    with pytest.raises(ScenarioError) as raised:
        scenario_files.find(tmp_path / "class.toml", "pet-clinc-dojo")
    assert str(raised.value) == (
        "pet-clinc-dojo: no such scenario file or bundled scenario "
        "(bundled: pet-clinic-dojo); did you mean pet-clinic-dojo?"
    )
    with pytest.raises(ScenarioError, match=r"--scenario \(bundled: .*did you mean pet-clinic"):
        scenario_files.find(tmp_path / "pet-clinc-dojo.toml")
    with pytest.raises(ScenarioError) as far:
        scenario_files.find(tmp_path / "class.toml", "checkout")
    assert "did you mean" not in str(far.value)


def test_a_folder_or_a_binary_file_named_as_the_scenario_is_said_to_be_one(tmp_path):
    """A folder was "no such scenario file", and a binary file was asked whether it was a
    review file."""
    (tmp_path / "scenes").mkdir()
    with pytest.raises(ScenarioError) as folder:
        scenario_files.find(tmp_path / "class.toml", str(tmp_path / "scenes"))
    assert str(folder.value) == f"{tmp_path / 'scenes'}: is a folder, not a scenario file"
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(store.ReviewFileError) as raised:
        scenario.load(binary)
    assert str(raised.value).endswith("; is this a scenario file?")


# problems at the key's own line --------------------------------------------------------------

NESTED = """\
title = "Drill"

[[scenes]]
title = "One"

[[scenes.lines]]
speaker = "Maya"
text = "First."

[scenes.quiz]
question = "Which?"
choices = ["a", "b"]
answers = ["a"]

[[scenes]]
# the second scene
title = "Two"

[[scenes.lines]]
speaker = "Tom"
text = "Second."

[[scenes.lines.effects]]
add = "action"
# said by Tom
title = "Check the environment files"
owner = "Tom"

[scenes.table]
title = "From blame to learning"
columns = ["From", "To"]
rows = [["Who?", "What?"]]
"""


def nested(tmp_path: Path, old: str, new: str) -> list[str]:
    assert NESTED.count(old) == 1, old
    return problems_of(write(tmp_path, NESTED.replace(old, new)))


def test_the_nested_example_loads(tmp_path):
    script = scenario.load(write(tmp_path, NESTED))
    assert script.scenes[1].table.rows == [["Who?", "What?"]]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # [[scenes]]: a key of the second scene, below a comment
            'title = "Two"',
            'title = ""',
            ":17: scenes[1].title: String should have at least 1 character (got '')",
        ),
        (  # [[scenes.lines]]
            'text = "Second."',
            "text = 2",
            ":21: scenes[1].lines[0].text: should be text: write it in quotes (got 2)",
        ),
        (  # [[scenes.lines.effects]], a key two lines below the header
            'title = "Check the environment files"',
            "title = 3",
            ":26: scenes[1].lines[0].effects[0].title: should be text: write it in quotes (got 3)",
        ),
        (  # [[scenes.lines.effects]], a key that is absent: the table's header
            'title = "Check the environment files"\n',
            "",
            ":23: scenes[1].lines[0].effects[0].title: missing (required)",
        ),
        (  # [scenes.quiz], of the first scene (the second one follows it)
            'answers = ["a"]',
            'answers = ["c"]',
            ":13: scenes[0].quiz.answers: answer 'c' is not one of the choices",
        ),
        (  # [scenes.quiz], more choices than digit keys to answer them
            'choices = ["a", "b"]',
            "choices = [" + ", ".join(f'"{n}"' for n in range(1, 11)) + "]",
            ":12: scenes[0].quiz.choices: at most 9 choices, one per digit key that answers "
            "(got 10)",
        ),
        (  # [scenes.quiz], a key that is absent: the quiz's header
            'question = "Which?"\n',
            "",
            ":10: scenes[0].quiz.question: missing (required)",
        ),
        (  # [scenes.table]
            'columns = ["From", "To"]',
            "columns = []",
            ":31: scenes[1].table.columns: List should have at least 1 item after validation, "
            "not 0",
        ),
    ],
    ids=[
        "scene",
        "line",
        "effect",
        "effect-missing",
        "quiz",
        "quiz-choices",
        "quiz-missing",
        "table",
    ],
)
def test_a_problem_is_named_at_its_keys_own_line(tmp_path, old, new, expected):
    assert nested(tmp_path, old, new) == [expected]


ACTION_KEYS = ", ".join(name for name in Action.model_fields if name != "id")
"""What an action effect takes, as the error lists it (the model's own fields)."""


def test_every_problem_of_a_file_is_listed_each_at_its_own_line(tmp_path):
    text = (
        NESTED.replace('speaker = "Maya"', 'speaker = ""')
        .replace('owner = "Tom"', 'ownr = "Tom"')
        .replace('rows = [["Who?", "What?"]]', 'rows = [["Who?", "What?"], ["Why?"]]')
    )
    assert problems_of(write(tmp_path, text)) == [
        ":7: scenes[0].lines[0].speaker: String should have at least 1 character (got '')",
        ":27: scenes[1].lines[0].effects[0].ownr: unknown key (add = 'action' takes "
        f"{ACTION_KEYS})",
        ":32: scenes[1].table.rows: row 2 has 1 cell, not 2 (one per column)",
    ]


def test_a_file_saved_with_crlf_line_ends_gets_the_same_lines(tmp_path):
    path = tmp_path / "windows.scenario.toml"
    path.write_bytes(
        NESTED.replace('answers = ["a"]', 'answers = ["c"]').replace("\n", "\r\n").encode()
    )
    assert problems_of(path) == [
        ":13: scenes[0].quiz.answers: answer 'c' is not one of the choices"
    ]


# tables --------------------------------------------------------------------------------------

TABLE_SCENE = """\
title = "Drill"

[[scenes]]
title = "Code of conduct"

[scenes.table]
title = "By incident phase"
columns = ["Phase", "Do", "Avoid"]
rows = [
    ["Response", "Say what you see", "Guessing aloud"],
    ["Review", "Ask what and how"],
    ["Follow-up", "Own one action", "Owning all", "Extra"],
]
"""


def test_a_scene_may_be_a_table_alone(tmp_path):
    fixed = TABLE_SCENE.replace('["Review", "Ask what and how"]', '["Review", "Ask", "Who"]')
    fixed = fixed.replace(', "Owning all", "Extra"]', ', "Owning all"]')
    (scene,) = scenario.load(write(tmp_path, fixed)).scenes
    assert scene.lines == [] and scene.quiz is None
    assert scene.table.title == "By incident phase"
    assert scene.table.rows[2] == ["Follow-up", "Own one action", "Owning all"]


def test_each_row_of_another_length_than_the_columns_is_named_by_its_number(tmp_path):
    assert problems_of(write(tmp_path, TABLE_SCENE)) == [
        ":9: scenes[0].table.rows: row 2 has 2 cells, not 3 (one per column)",
        ":9: scenes[0].table.rows: row 3 has 4 cells, not 3 (one per column)",
    ]


def test_a_table_needs_a_title_columns_and_rows(tmp_path):
    text = '[[scenes]]\ntitle = "s"\n\n[scenes.table]\ntitle = ""\ncolumns = ["A"]\nrows = []\n'
    assert problems_of(write(tmp_path, 'title = "Drill"\n\n' + text)) == [
        ":7: scenes[0].table.title: String should have at least 1 character (got '')",
        ":9: scenes[0].table.rows: List should have at least 1 item after validation, not 0",
    ]


def test_a_scene_with_nothing_to_show_is_an_error_at_its_header(tmp_path):
    text = 'title = "Drill"\n\n[[scenes]]\ntitle = "Empty"\n'
    assert problems_of(write(tmp_path, text)) == [
        ":3: scenes[0]: a scene needs lines, a quiz, a table, or any mix of them"
    ]


def test_the_format_shown_in_the_coachs_guide_loads(tmp_path):
    guide = (EXAMPLE.parents[1] / "scenarios.md").read_text()
    block = guide.split("## The file", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (scene,) = scenario.load(write(tmp_path, block)).scenes
    assert scene.quiz is not None and scene.table.columns == ["From", "To"]
