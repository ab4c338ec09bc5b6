"""Built-in and user templates: what they hold, where they come from, how a broken one fails."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pmtui import templates
from pmtui.cli.commands import main
from pmtui.document.model import Milestone
from pmtui.export import markdown
from pmtui.files import locations

MINE = """\
name = "mine"
title = "Our team's review"
description = "Short: what happened and what we do next"
layout = "mine.md.j2"
tabs = ["summary", "actions"]

[[questions]]
section = "customer impact"
prompt = "Who noticed first?"
"""
MINE_LAYOUT = """\
{% block top %}
# {{ incident.title | inline }}

{{ incident.summary | block }}
{% endblock %}
"""


def user_template(text: str = MINE, layout: str | None = MINE_LAYOUT) -> Path:
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    if layout is not None:
        (folder / "mine.md.j2").write_text(layout)
    path = folder / "mine.toml"
    path.write_text(text)
    return path


def test_one_builtin_per_seed_plus_default():
    assert templates.builtin_names() == ["default", "dojo", "p0p1", "pir", "rca", "severity"]
    for name in templates.builtin_names():
        template = templates.load_template(name)
        assert template.name == name and template.layout == name
        assert markdown.layout(template) is not None


def test_each_template_carries_its_seed_presets():
    p0p1 = templates.load_template("p0p1")
    assert [row.metric for row in p0p1.impact if row.category == "reputation"] == [
        "Customers notified",
        "Public communication",
        "Enterprise deals affected",
    ]
    assert [f.after for f in p0p1.followups] == ["+1 week", "+1 month", "+1 quarter"]
    assert p0p1.label(Milestone.DETECTED) == "First signal detected"
    assert templates.load_template("default").label(Milestone.DETECTED) == "Detected"
    severity = templates.load_template("severity")
    assert [row.metric for row in severity.impact][:2] == ["Time in SEV-1", "Time in SEV-2"]
    pir = templates.load_template("pir")
    assert "whys" not in pir.tabs and len(pir.goals) == 4
    assert {q.section for q in pir.questions} == {
        "customer impact",
        "details",
        "action items",
        "moving forward",
    }
    assert {q.section for q in templates.load_template("dojo").questions} == {
        "questions at hand",
        "attendance",
    }


def test_a_new_review_copies_its_templates_prompts_and_presets():
    review = templates.new_review(templates.load_template("rca"), title="t")
    assert review.template == "rca"
    assert len(review.impact) == 12 and [s.role for s in review.signoff] == [
        "Facilitated by",
        "Reviewed by",
    ]


def test_a_user_template_is_listed_used_and_exported_in_its_own_layout(tmp_path, capsys):
    path = user_template()
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and lines[-1].startswith("mine ") and str(path) in lines[-1]
    review_file = tmp_path / "r.toml"
    assert main(["new", str(review_file), "--template", "mine", "--title", "Disk | full"]) == 0
    capsys.readouterr()
    assert main(["export", str(review_file)]) == 0
    assert capsys.readouterr().out.startswith("# Disk \\| full\n")
    assert main(["export", str(review_file), "--template", str(path)]) == 0


def test_a_user_template_by_path_with_a_builtin_layout(tmp_path, capsys):
    path = tmp_path / "elsewhere.toml"
    path.write_text(MINE.replace('layout = "mine.md.j2"', 'layout = "p0p1"'))
    review_file = tmp_path / "r.toml"
    assert main(["new", str(review_file), "--template", str(path)]) == 0
    assert main(["export", str(review_file), "--template", str(path)]) == 0
    assert "# Incident Post-Mortem" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "layout", "message"),
    [
        (
            MINE.replace('tabs = ["summary"', 'tabs = ["summery"'),
            MINE_LAYOUT,
            ":5: tabs: unknown tab 'summery'",
        ),
        (MINE + "\n[[questions]]\nsection = 3\n", MINE_LAYOUT, ":12: questions[1].section:"),
        (MINE.replace("Our team", 'Our "team'), MINE_LAYOUT, ":2:"),
        ("colour = 'red'\n" + MINE, MINE_LAYOUT, ":1: colour: unknown key"),
        (MINE, "{% block top %}\n{{ incident.title | inline }\n{% endblock %}\n", "mine.md.j2:2: "),
        (
            MINE,
            "{% block top %}\n\n{{ incident.nothing.more }}\n{% endblock %}\n",
            "mine.md.j2:3: ",
        ),
        (MINE.replace("mine.md.j2", "gone.md.j2"), None, "no layout 'gone.md.j2'"),
    ],
    ids=["tab", "type", "toml", "key", "layout-syntax", "layout-runtime", "layout-missing"],
)
def test_a_broken_user_template_is_one_line_with_file_and_line(
    tmp_path, capsys, text, layout, message
):
    user_template(text, layout)
    review_file = tmp_path / "r.toml"
    review_file.write_text('template = "mine"\n[incident]\ntitle = "x"\n')
    assert main(["export", str(review_file)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("pmtui: ") and message in error, error
    assert "Traceback" not in error


def test_a_layout_that_is_not_utf8_is_one_line_too(tmp_path, capsys):
    """It printed Python's traceback (UnicodeDecodeError) and exited 1."""
    (user_template().parent / "mine.md.j2").write_bytes(b"\xff{{ incident.title }}\n")
    review_file = tmp_path / "r.toml"
    review_file.write_text('template = "mine"\n[incident]\ntitle = "x"\n')
    assert main(["export", str(review_file)]) == 2
    assert capsys.readouterr().err == "pmtui: 'mine.md.j2': cannot read (not UTF-8 text)\n"


NESTED_LOOPS = "{% for x in [1] %}" * 25 + "x" + "{% endfor %}" * 25
"""More nested blocks than Python compiles (20): the code Jinja makes of it is no Python."""


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (NESTED_LOOPS, "'mine.md.j2': too deeply nested to be compiled (too many statically"),
        ("{% if true %}" * 110 + "{% endif %}" * 110, "(too many levels of indentation)"),
        ("{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "'mine.md.j2': too deeply nested"),
        ("{% include 'deep.md.j2' %}", "mine.md.j2:1: 'deep.md.j2': too deeply nested"),
    ],
    ids=["loops", "ifs", "brackets", "included"],
)
@pytest.mark.parametrize("chosen", [["--template", "mine"], []], ids=["given", "named"])
def test_a_layout_too_deeply_nested_to_compile_is_one_line(
    tmp_path, capsys, layout, message, chosen
):
    """It printed Python's traceback (SyntaxError, RecursionError) and exited 1, as if the
    review had findings."""
    (user_template(MINE, layout).parent / "deep.md.j2").write_text(NESTED_LOOPS)
    review_file = tmp_path / "r.toml"
    review_file.write_text('template = "mine"\n[incident]\ntitle = "x"\n')
    assert main(["export", str(review_file), *chosen, "-o", "-"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("pmtui: ") and message in error, error
    assert "line" not in error  # Python's line is one of Jinja's code, not the layout's


def test_a_pipe_among_the_templates_is_refused_not_waited_on(capsys):
    """`pmtui templates` read it and waited for a writer, for ever."""
    folder = user_template().parent
    os.mkfifo(folder / "piped.toml")
    # Should it be read after all, something writes to it: the test fails, never hangs.
    threading.Thread(target=(folder / "piped.toml").write_text, args=("x",), daemon=True).start()
    assert main(["templates"]) == 2
    out = capsys.readouterr()
    assert "mine " in out.out
    assert out.err == f"pmtui: {folder / 'piped.toml'}: not a regular file (a pipe or a device)\n"


def test_a_template_saved_with_a_byte_order_mark_reads_as_any_review_does(tmp_path, capsys):
    path = user_template()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["new", str(tmp_path / "r.toml"), "--template", "mine"]) == 0


def test_templates_lists_a_broken_user_template_and_exits_2(capsys):
    user_template(MINE.replace("Our team", 'Our "team'))
    assert main(["templates"]) == 2
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 6
    assert out.err.startswith(f"pmtui: {locations.config_dir() / 'templates' / 'mine.toml'}:2:")


def test_a_review_from_a_template_not_installed_here_exports_in_the_default_layout(
    tmp_path, capsys
):
    review_file = tmp_path / "r.toml"
    review_file.write_text('template = "someone-elses"\n[incident]\ntitle = "x"\n')
    assert main(["export", str(review_file)]) == 0
    assert "| Status | draft |" in capsys.readouterr().out


def test_the_app_preview_falls_back_to_the_default_layout_and_says_why():
    user_template(layout="{% block top %}{{ incident.nothing.more }}{% endblock %}")
    review = templates.new_review(templates.load_template("mine"), title="Disk full")
    text, problem = markdown.render_for_preview(review)
    assert text.startswith("# Disk full\n") and "mine.md.j2:1: " in problem
    assert markdown.render_for_preview(templates.new_review(templates.load_template("pir"))) == (
        markdown.render(templates.new_review(templates.load_template("pir"))),
        "",
    )


def test_a_deeply_nested_template_file_is_one_line(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n")
    with pytest.raises(templates.TemplateError, match=r"deep\.toml: .*nested too deeply"):
        templates.load_template(str(path))


@pytest.mark.parametrize("number", ["9" * 5_000, "0x" + "f" * 20], ids=["5000 digits", "hex"])
def test_a_template_with_a_number_toml_cannot_hold_is_one_line(tmp_path, number):
    path = tmp_path / "big.toml"
    path.write_text(f'name = "big"\n\n[review.incident]\nminutes = {number}\n')
    with pytest.raises(templates.TemplateError, match=r"big\.toml:4: .*outside TOML's range"):
        templates.load_template(str(path))


def test_a_config_folder_that_cannot_be_read_is_one_line_not_a_traceback(
    config_folder_shut, capsys
):
    assert main(["templates"]) == 2
    folder = config_folder_shut / "templates"
    assert capsys.readouterr().err == f"pmtui: {folder}: cannot read (permission denied)\n"


def test_a_binary_template_file_is_asked_about_as_a_template(tmp_path, capsys):
    """It was asked whether it was a review file."""
    user_template().write_bytes(b"\x89PNG\r\n")
    assert main(["new", str(tmp_path / "r.toml"), "--template", "mine"]) == 2
    assert capsys.readouterr().err.endswith("; is this a template file?\n")
