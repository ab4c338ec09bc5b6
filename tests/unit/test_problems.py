"""One problem reads the same wherever a person wrote it: a review, a template, a scenario
or a form. Each message names the file, the key's own line and the field path."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pmtui import templates
from pmtui.document.model import Action, Event
from pmtui.files import store
from pmtui.training import scenario
from pmtui.tui.forms.dialog import problem_of

TEMPLATE = 'name = "mine"\ntitle = "Mine"\ndescription = "d"\n'
SCENE = '\n[[scenes]]\ntitle = "s"\n\n[[scenes.lines]]\nspeaker = "Ann"\ntext = "hi"\n'
SCENARIO = 'title = "t"\n' + SCENE


def review_problem(tmp_path: Path, text: str) -> str:
    path = tmp_path / "r.toml"
    path.write_text(text)
    with pytest.raises(store.ReviewFileError) as raised:
        store.load(path)
    return str(raised.value).removeprefix(str(path))


def template_problem(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(templates.TemplateError) as raised:
        templates.load_template(str(path))
    return str(raised.value).removeprefix(str(path))


def scenario_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "s.scenario.toml"
    path.write_text(text)
    with pytest.raises(scenario.ScenarioError) as raised:
        scenario.load(path)
    lines = str(raised.value).split("\n")
    assert all(line.startswith(f"{path}:") for line in lines)
    return [line.removeprefix(str(path)) for line in lines]


def scenario_problem(tmp_path: Path, text: str) -> str:
    return "\n".join(scenario_problems(tmp_path, text))


def form_problem(_: Path, value: str) -> str:
    with pytest.raises(ValidationError) as raised:
        Event.model_validate({"text": "x", "at": value})
    return problem_of(raised.value)  # a form: no file, no line, the same words


NOT_A_TIME = "not a date and time: write it like 2026-11-20T14:05:00Z, or a day alone (got 'soon')"
EFFECT = "\n[[scenes.lines.effects]]\n"
SAME = {
    "missing (required)": [  # the key is absent: its table's header is the line named
        (review_problem, '[[actions]]\nid = "A1"\n', ":1: actions[0].title"),
        (
            template_problem,
            TEMPLATE + '\n[[questions]]\nsection = "s"\n',
            ":5: questions[0].prompt",
        ),
        (
            scenario_problem,
            SCENARIO + EFFECT + 'add = "action"\nowner = "Ann"\n',
            ":10: scenes[0].lines[0].effects[0].title",
        ),
    ],
    NOT_A_TIME: [
        (review_problem, '[[timeline]]\ntext = "x"\nat = "soon"\n', ":3: timeline[0].at"),
        (
            scenario_problem,
            SCENARIO + EFFECT + 'add = "event"\ntext = "x"\nat = "soon"\n',
            ":13: scenes[0].lines[0].effects[0].at",
        ),
        (
            scenario_problem,
            'title = "t"\n\n[[review.timeline]]\ntext = "x"\nat = "soon"\n' + SCENE,
            ":5: review.timeline[0].at",
        ),
        (form_problem, "soon", "at"),
    ],
    "unknown key": [
        (template_problem, TEMPLATE + 'colour = "red"\n', ":4: colour"),
        (scenario_problem, SCENARIO + 'mood = "calm"\n', ":9: scenes[0].lines[0].mood"),
    ],
    "not a whole number (got 'ten')": [
        (
            review_problem,
            '[[meeting.agenda]]\ntitle = "x"\nminutes = "ten"\n',
            ":3: meeting.agenda[0].minutes",
        ),
    ],
    f"too long a number (got '{'9' * 58}…)": [
        (
            review_problem,
            f'[[meeting.agenda]]\ntitle = "x"\nminutes = "{"9" * 5000}"\n',
            ":3: meeting.agenda[0].minutes",
        ),
    ],
    "must be 0 or more (got -5)": [
        (
            review_problem,
            '[[meeting.agenda]]\ntitle = "x"\nminutes = -5\n',
            ":3: meeting.agenda[0].minutes",
        ),
    ],
    # A value the message names already is not repeated; a time is written as a file has it
    "unknown timezone 'Mars/Base' (use an IANA name such as Europe/Paris)": [
        (review_problem, '[incident]\ntimezone = "Mars/Base"\n', ":2: incident.timezone"),
    ],
    "year 1 is out of range (times must be in the years 2 to 9998) (got '0001-01-01T00:00:00')": [
        (
            template_problem,
            TEMPLATE + '\n[[agenda]]\ntitle = "a"\nstarted_at = 0001-01-01T00:00:00\n',
            ":7: agenda[0].started_at",
        ),
    ],
    "2018-13-01 is not a date (month 13)": [
        (reader, "[incident]\nx = 2018-13-01\n", ":2:5")
        for reader in (review_problem, template_problem, scenario_problem)
    ],
}


@pytest.mark.parametrize(
    ("read", "text", "where", "what"),
    [(*case, what) for what, cases in SAME.items() for case in cases],
    ids=[f"{what[:12]}-{case[0].__name__}" for what, cases in SAME.items() for case in cases],
)
def test_one_problem_reads_the_same_in_a_review_a_template_a_scenario_and_a_form(
    tmp_path, read, text, where, what
):
    assert read(tmp_path, text) == f"{where}: {what}"


def test_an_unknown_key_in_an_effect_says_which_keys_it_takes(tmp_path):
    effect = EFFECT + 'add = "decision"\ntext = "x"\nwhy = "y"\n'
    assert scenario_problem(tmp_path, SCENARIO + effect) == (
        ":13: scenes[0].lines[0].effects[0].why: unknown key (add = 'decision' takes text)"
    )


def test_a_scenario_names_every_problem_each_at_its_own_line(tmp_path):
    text = (
        'title = ""\n'
        '\n[[scenes]]\ntitle = "one"\n'
        '\n[[scenes.lines]]\ntext = "no speaker"\n'
        '\n[[scenes.lines.effects]]\nadd = "action"\ntitle = "t"\nownr = "Ann"\nwhen = 1\n'
        '\n[scenes.quiz]\nquestion = "q"\nchoices = ["a", "b"]\nanswers = ["c", "d"]\n'
    )
    takes = ", ".join(name for name in Action.model_fields if name != "id")  # the model's
    assert scenario_problems(tmp_path, text) == [
        ":1: title: String should have at least 1 character (got '')",
        ":6: scenes[0].lines[0].speaker: missing (required)",
        f":12: scenes[0].lines[0].effects[0].ownr: unknown key (add = 'action' takes {takes})",
        f":13: scenes[0].lines[0].effects[0].when: unknown key (add = 'action' takes {takes})",
        ":18: scenes[0].quiz.answers: answer 'c' is not one of the choices",
        ":18: scenes[0].quiz.answers: answer 'd' is not one of the choices",
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[[actions]]\nid = "A1"\ntitle = "t"\ndue = 0\n',
            ":4: actions[0].due: a date, not a number: write it like 2026-11-20 (got 0)",
        ),
        (
            '[[timeline]]\ntext = "x"\nat = 1700000000\n',
            ":3: timeline[0].at: a date and time, not a number: "
            "write it like 2026-11-20T14:05:00Z (got 1700000000)",
        ),
    ],
)
def test_a_date_written_as_a_number_is_refused_not_read_as_1970(tmp_path, text, said):
    """pydantic read `due = 0` as 1970-01-01 and `at = 1700000000` as seconds since then."""
    assert review_problem(tmp_path, text) == said


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (  # a key's name inside a multi-line string above the key
            '[incident]\nsummary = """\nstarted_at = see below\n"""\nstarted_at = "soon"\n',
            ":5: incident.started_at",
        ),
        (  # a header inside a string: the timeline items after it keep their numbers
            '[incident]\nsummary = """\n[[timeline]]\n"""\n\n[[timeline]]\ntext = "a"\n'
            'at = 2026-11-20T14:00:00Z\n\n[[timeline]]\ntext = "b"\nat = "soon"\n',
            ":12: timeline[1].at",
        ),
    ],
)
def test_a_problem_line_is_never_found_inside_a_multiline_string(tmp_path, text, where):
    assert review_problem(tmp_path, text).startswith(f"{where}: ")
