"""The timeline's Mermaid chart in the Markdown export (issue 22, part 3): valid for the gantt
grammar on every sample, across midnight and days, and with hostile text.

No Mermaid parser runs in Python, so `check` below reads the subset pmtui writes, line by
line, as Mermaid's gantt lexer would: what it cannot place is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from markdown_checks import PARSER, assert_sound

from pmtui import templates
from pmtui.document.model import Event, Review
from pmtui.export import markdown
from pmtui.export.mermaid import NAME_LIMIT, safe_name, timeline_diagram
from pmtui.files import store

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_incidents").glob("*.toml"))
UTC = dt.UTC
WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d"
TASK = re.compile(
    rf"    (?P<name>[^#:;%{{}}<>`\n]+?) :(?P<tag>(?:crit|done|milestone), )?"
    rf"(?P<id>[a-z]+\d+), (?P<start>{WHEN}), (?P<end>{WHEN}|0m)"
)
HEADER = [
    "gantt",
    "    dateFormat YYYY-MM-DD HH:mm",
    re.compile(r"    axisFormat (%H:%M|%m-%d %H:%M)"),
    "    todayMarker off",
]
SECTION = re.compile(r"    section (Phases|Milestones|Quiet stretches)")
STATEMENT = re.compile(
    r"(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|title|acc|section|click|href|call|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)


def check(diagram: str) -> list[tuple[str, str, dt.datetime, dt.datetime | None]]:
    """The tasks of `diagram` as (name, tag, start, end); AssertionError at a line Mermaid's
    gantt grammar would not read as pmtui means it."""
    assert "%%" not in diagram and "```" not in diagram and "\r" not in diagram
    lines = diagram.split("\n")
    for line, expected in zip(lines, HEADER, strict=False):
        assert expected.fullmatch(line) if isinstance(expected, re.Pattern) else line == expected
    tasks, ids, in_section = [], set(), False
    for line in lines[len(HEADER) :]:
        if SECTION.fullmatch(line):
            in_section = True
            continue
        task = TASK.fullmatch(line)
        assert task and in_section, line
        name = task["name"].strip()
        assert name and not STATEMENT.match(name) and len(name) <= NAME_LIMIT, line
        assert task["id"] not in ids, line
        ids.add(task["id"])
        start = dt.datetime.strptime(task["start"], "%Y-%m-%d %H:%M")
        end = None if task["end"] == "0m" else dt.datetime.strptime(task["end"], "%Y-%m-%d %H:%M")
        assert (end is None) == (task["tag"] == "milestone, "), line
        assert end is None or end > start, line
        tasks.append((name, (task["tag"] or "").rstrip(", "), start, end))
    assert tasks
    return tasks


def fences(text: str) -> list[tuple[str, str]]:
    return [(t.info, t.content) for t in PARSER.parse(text) if t.type == "fence"]


def review_of(*events: Event, timezone: str = "UTC") -> Review:
    return Review.model_validate(
        {"incident": {"title": "Checkout down", "timezone": timezone}, "timeline": events}
    )


def on(day: int, hour: int, minute: int) -> dt.datetime:
    """A time of November 2026 as the chart writes it: in the review's zone, no offset."""
    return dt.datetime(2026, 11, day, hour, minute)


def event(day: int, hour: int, minute: int, text: str, *marks: str) -> Event:
    at = dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)
    return Event(at=at, text=text, milestone=list(marks))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_draws_a_valid_chart_in_every_layout(path):
    review = store.load(path)
    diagram = timeline_diagram(review)
    tasks = check(diagram)
    assert tasks[0][:2] == ("Impact, undetected", "crit")
    marks = [name for name, tag, *_ in tasks if tag == "milestone"]
    assert len(marks) == len([e for e in review.timeline if e.milestone])  # one mark each
    for layout in templates.builtin_names():
        template = templates.load_template(layout)
        text = markdown.render(review, template)
        in_its_words = timeline_diagram(review, template.label)
        assert fences(text) == [("mermaid", in_its_words + "\n")], layout
        assert_sound(text)


def test_milestones_are_named_as_the_layouts_template_names_them(pet_clinic):
    """The chart said "Acknowledged" where the dojo's table says "Responded to"."""
    review = store.load(pet_clinic)
    dojo = templates.load_template("dojo")
    marks = [
        name for name, tag, *_ in check(timeline_diagram(review, dojo.label)) if tag == "milestone"
    ]
    named = [mark.split(" — ")[0] for mark in marks[1:4]]
    assert named == ["Detected", "Reported", "Responded to"]
    standard = [name for name, tag, *_ in check(timeline_diagram(review)) if tag == "milestone"]
    assert standard[3].startswith("Acknowledged — ")


def test_pet_clinic_shows_its_phases_and_the_quiet_night_before(pet_clinic):
    tasks = check(timeline_diagram(store.load(pet_clinic)))
    assert [task for task in tasks if task[1] != "milestone"] == [
        ("Impact, undetected", "crit", on(14, 9, 10), on(14, 10, 25)),
        ("Detected, waiting for a response", "", on(14, 10, 25), on(14, 10, 40)),
        ("Response, until service restored", "", on(14, 10, 40), on(14, 15, 5)),
        ("No event for 15h 10m", "done", on(13, 18, 0), on(14, 9, 10)),
    ]  # fmt: skip


def test_an_incident_across_midnight_and_days_is_drawn_in_its_own_timezone():
    review = review_of(
        event(14, 22, 30, "Deploy", "impact started"),
        event(14, 23, 50, "Alert fires", "detected", "acknowledged"),
        event(15, 0, 40, "Rolled back", "mitigated"),
        event(17, 9, 0, "Post-check done", "resolved"),
        timezone="Asia/Tokyo",  # UTC+9: the impact starts on the 15th there
    )
    diagram = timeline_diagram(review)
    tasks = check(diagram)
    assert "    axisFormat %m-%d %H:%M" in diagram
    assert tasks == [
        ("Impact, undetected", "crit", on(15, 7, 30), on(15, 8, 50)),
        ("Response, until service restored", "", on(15, 8, 50), on(15, 9, 40)),
        ("Mitigated, until resolved", "", on(15, 9, 40), on(17, 18, 0)),
        ("Impact started — Deploy", "milestone", on(15, 7, 30), None),
        ("Detected, acknowledged — Alert fires", "milestone", on(15, 8, 50), None),
        ("Mitigated — Rolled back", "milestone", on(15, 9, 40), None),
        ("Resolved — Post-check done", "milestone", on(17, 18, 0), None),
        ("No event for 2d 8h 20m", "done", on(15, 9, 40), on(17, 18, 0)),
    ]  # fmt: skip


HOSTILE = [
    "Alert: 50% errors; see #ops",
    '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
    "```\n# Injected heading\n```",
    'line one\nsection Evil\nclick x href "javascript:alert(1)"',
    "click mark1 call alert()",
    "2026-11-14 is a date, then <b>bold</b> and {braces} and `code` \\ and \u2028 and \x1b[31m",
    "x" * 300,
]


def test_hostile_text_stays_a_name_and_never_leaves_the_fence():
    review = review_of(
        event(14, 9, 0, HOSTILE[0], "impact started"),
        event(14, 9, 10, HOSTILE[1], "detected"),
        event(14, 9, 20, HOSTILE[2], "acknowledged"),
        event(14, 9, 30, HOSTILE[3], "declared"),
        event(14, 9, 40, HOSTILE[4], "first mitigation"),
        event(14, 9, 50, HOSTILE[5], "mitigated"),
        event(14, 10, 0, HOSTILE[6], "resolved"),
    )
    diagram = timeline_diagram(review)
    names = [name for name, tag, *_ in check(diagram) if tag == "milestone"]
    assert len(names) == len(HOSTILE)
    assert names[0] == "Impact started — Alert, 50％ errors, see ＃ops"
    assert names[3].startswith("Declared — line one section Evil click x href")
    assert len(names[6]) == NAME_LIMIT and names[6].endswith("…")
    for layout in templates.builtin_names():
        template = templates.load_template(layout)
        text = markdown.render(review, template)
        in_its_words = timeline_diagram(review, template.label)
        assert fences(text) == [("mermaid", in_its_words + "\n")], layout
        assert_sound(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Section 3 of the runbook", "› Section 3 of the runbook"),
        ("call the vendor", "› call the vendor"),
        ("2026-11-14 release", "› 2026-11-14 release"),
        ("Titles fixed", "› Titles fixed"),
        ("Rollback: done; #ops", "Rollback, done, ＃ops"),
        ("Disk 100% on runaway #1 %%{init}%%", "Disk 100％ on runaway ＃1 ％％ init ％％"),
        ("\n\t", "›"),
    ],
)
def test_a_name_never_starts_a_statement_nor_carries_one(text, name):
    assert safe_name(text) == name


def test_fewer_than_two_timed_events_draw_no_chart():
    one = review_of(event(14, 9, 0, "Deploy", "impact started"))
    assert timeline_diagram(one) == ""
    day_only = Event.model_validate({"at": dt.date(2026, 11, 13), "text": "Reported"})
    assert day_only.day_only
    assert timeline_diagram(review_of(day_only, event(14, 9, 0, "Deploy"))) == ""
    text = markdown.render(one, templates.load_template("default"))
    assert fences(text) == [] and "At a glance" not in text


@pytest.mark.parametrize(
    "broken",
    [
        "    Alert #ops :milestone, mark1, 2026-11-14 09:00, 0m",  # `#` starts a comment
        "    click here :milestone, mark1, 2026-11-14 09:00, 0m",  # a click statement
        "    Alert: fired :milestone, mark1, 2026-11-14 09:00, 0m",  # the name ends at `:`
        "    Alert :milestone, mark1, 2026-11-14 9:00, 0m",  # not the dateFormat
        "    Alert :phase9, 2026-11-14 09:00, 2026-11-14 08:00",  # ends before it starts
        "    Alert :mark1, 2026-11-14 09:00, 0m",  # a duration-less bar
        "%%{init: {}}%%",
    ],
)
def test_the_checker_refuses_a_broken_line(broken):
    good = timeline_diagram(
        review_of(event(14, 9, 0, "a", "impact started"), event(14, 10, 0, "b"))
    )
    check(good)
    with pytest.raises(AssertionError):
        check(f"{good}\n{broken}")
