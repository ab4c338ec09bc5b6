"""Exports as a new user reads them (issue 17, part 4, after review): one name means one
thing, nothing is invented, nothing is lost, no column is blank from top to bottom, and an
unrecorded milestone sits where it belongs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_checks import assert_sound, table_rows

from pmtui import templates
from pmtui.document.model import Action, Event, ImpactRow, Milestone, Review
from pmtui.export import markdown, tables, unrecorded
from pmtui.files import store

ROOT = Path(__file__).resolve().parents[2]
DOJO = ROOT / "sample_incidents" / "pet-clinic-dojo.toml"
POSTMORTEMS = ROOT / "tests" / "fixtures" / "postmortems"
GITLAB = POSTMORTEMS / "gitlab-2017-01-31-database-deletion.toml"
GOOGLE = POSTMORTEMS / "google-2019-04-05-search-index.toml"
UTC = dt.UTC
NOTES = "\n## Other notes\n"


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 14, hour, minute, tzinfo=UTC)


def render(review: Review, layout: str) -> str:
    text = markdown.render(review, templates.load_template(layout))
    assert_sound(text)
    return text


def review(**parts) -> Review:
    base = {
        "incident": {"title": "Checkout down", "review_date": dt.date(2026, 11, 20)},
        "timeline": [
            Event(at=at(9), text="Deploy goes out", milestone=["impact started"]),
            Event(at=at(9, 5), text="Alert fires", milestone=["detected", "acknowledged"]),
            Event(at=at(11), text="Rolled back", milestone=["resolved"]),
        ],
    }
    return Review.model_validate({**base, **parts})


def rows_of(text: str, header: str) -> list[str]:
    """The lines of the table whose header line starts with `header`."""
    lines = text.split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith(header))
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")), len(lines))
    return lines[start:end]


# 1. One name means one thing


def test_pir_names_its_own_time_to_acknowledge_and_never_gives_it_the_shared_name():
    text = render(review(), "pir")  # impact 09:00, detected and acknowledged 09:05: TTA 0m
    assert "From the timeline (impact to acknowledged): 5m" in text
    assert "From the timeline (TTR, impact to service restored): 2h" in text
    assert "From the timeline:" not in text


def test_dojo_shows_this_incidents_times_and_says_the_means_are_over_ten_downtimes():
    text = render(store.load(DOJO), "dojo")
    assert "| TTD (detect) | TTI (isolate) | TTF (fix) | TTR (recover) |" in text
    assert "| MTTD (detect)" not in text and "## MTTR" not in text
    line = "MTTR = MTTD + MTTI + MTTF is their mean over the last ten downtimes (pmtui stats)."
    assert line in text
    moving = text.split("## Moving forward\n", 1)[1].split("\n## ", 1)[0]
    assert "averaged over the last ten outages" in moving


# 2. Nothing invented


def test_severity_labels_only_the_milestones_its_seed_names():
    text = render(review(), "severity")
    assert "**Impact started:** Deploy goes out" in text
    assert "**Detected:** **Acknowledged:** Alert fires" in text
    assert "**SEV ended:** Rolled back" in text
    assert "Page" not in text and "Contributing factor began" not in text


@pytest.mark.parametrize(
    ("layout", "shown"),
    [
        ("severity", "date: 2026-11-14 09:00:00+00:00"),
        ("severity", "**Date:** 2026-11-14 09:00:00 (UTC)"),
        ("pir", "**Date:** 2026-11-14"),
        ("rca", "- **Date/Time:** 2026-11-14 09:00 (UTC)"),
        ("dojo", "started 2026-11-14 09:00 (UTC) · "),
        ("default", "| Started | 2026-11-14 09:00 (UTC) |"),
    ],
)
def test_the_incidents_date_is_its_start_else_its_impact_event_never_the_review_date(layout, shown):
    assert shown in render(review(), layout)  # no started_at: the impact-started event
    started = review(incident={"title": "T", "started_at": at(8, 30)})
    assert shown.replace("09:00", "08:30") in render(started, layout)
    unknown = review(timeline=[Event(at=at(9, 5), text="Alert fires", milestone=["detected"])])
    head = render(unknown, layout).split("\n## ", 1)[0]
    label = shown.partition("2026")[0]  # "**Date:** ", "| Started | "…
    dated = re.sub(r"(\*\*Reviewed:\*\*|reviewed|\| Review date \|) 2026-11-20", "", head)
    assert label not in head and "2026-11-20" not in dated


def test_a_new_rca_review_presets_no_next_review():
    template = templates.load_template("rca")
    assert template.followups == []
    text = render(templates.new_review(template, today=dt.date(2026, 11, 14)), "rca")
    assert "Next review" not in text and "2026-12-14" not in text


@pytest.mark.parametrize("layout", ["p0p1", "rca"])
def test_an_action_with_no_horizon_is_under_a_neutral_heading(layout):
    text = render(review(actions=[Action(id="A1", title="Alert on pool size")]), layout)
    assert "### Term not set" in text and "Not yet planned" not in text


# 3. Unrecorded milestones in their place


def test_an_unrecorded_milestone_follows_the_event_of_the_nearest_earlier_milestone():
    events = [
        {"milestone": [Milestone.DETECTED]},
        {"milestone": [Milestone.ROOT_CAUSE]},
        {"milestone": [Milestone.FIRST_MITIGATION]},
        {"milestone": []},
        {"milestone": [Milestone.RESOLVED]},
        {"milestone": []},
    ]
    wanted = [Milestone.IMPACT_STARTED, Milestone.MITIGATED, Milestone.ALL_CLEAR]
    rows = unrecorded.with_unrecorded(events, wanted)
    assert rows == [
        Milestone.IMPACT_STARTED,  # nothing recorded before it: first
        events[0],
        events[1],
        events[2],
        Milestone.MITIGATED,  # after the first mitigation, though the root cause came first
        events[3],
        events[4],
        Milestone.ALL_CLEAR,  # after the resolution, before a later event
        events[5],
    ]


def p0p1_timeline(path: Path) -> list[str]:
    text = render(store.load(path), "p0p1")
    return [row.split(" | ", 1)[1] for row in rows_of(text, "| Time (UTC) |")[2:]]


def test_p0p1_places_the_dojos_unrecorded_mitigation_after_its_first_mitigation():
    events = p0p1_timeline(DOJO)
    missing = events.index("Mitigation successful (not recorded) |")
    assert events[missing - 1].startswith("**First mitigation attempted:**")
    assert "**Root cause identified:**" in " ".join(events[:missing])


def test_p0p1_places_gitlabs_all_clear_after_the_resolution_not_the_later_postmortem():
    events = p0p1_timeline(GITLAB)
    missing = events.index("All-clear declared (not recorded) |")
    assert events[missing - 1].startswith("**Resolution confirmed:**")
    assert events[missing + 1].startswith("Postmortem published")


# 4. Lost words


@pytest.mark.parametrize("layout", ["dojo", "p0p1", "rca", "severity"])
@pytest.mark.parametrize(
    ("path", "what"),
    [
        (GITLAB, "Ran pg\\_basebackup under strace"),
        (GOOGLE, "Paused the updating of the Search Console database"),
    ],
)
def test_attempted_work_written_neutral_says_so(layout, path, what):
    text = render(store.load(path), layout)
    shown = text.split(what, 1)[1].split("\n- **", 1)[0]
    assert "effect: neutral" in shown or shown.startswith((" | neutral |", " (neutral)"))


# 5. No all-empty columns


def test_used_columns_leaves_out_the_columns_blank_in_every_row():
    text = "Intro\n\n| A | B | C |\n|---|---|---|\n| 1 |  | a \\| b |\n| 2 |  |  |\n\nEnd"
    assert tables.used_columns(text) == (
        "Intro\n\n| A | C |\n|---|---|\n| 1 | a \\| b |\n| 2 |  |\n\nEnd"
    )
    full = "| A | B |\n|---|---|\n| 1 | 2 |"
    headers_only = "| A | B |\n|---|---|"
    assert tables.used_columns(full) == full and tables.used_columns(headers_only) == headers_only


@given(st.text(alphabet="| a-é\t", max_size=40))
def test_a_row_without_backslashes_splits_at_every_pipe_as_the_general_reading_does(line):
    """The quick split of a row that escapes nothing (most rows) reads it as the general
    reading does (where a backslash keeps the character after it in its cell)."""
    row = "|" + line
    assert tables._cells(row) == tables._CELL.findall(row[1:])


def test_the_default_layout_shows_only_the_columns_a_review_filled():
    text = render(store.load(GITLAB), "default")
    assert "| ID | Action | Ticket |" in text  # owner, due, priority… never set
    assert "| Time (UTC) | Event | Milestone |" in text  # no event names who
    people = render(review(people=[{"name": "Ann", "role": "SRE"}]), "default")
    assert "| Name | Role |" in people and "Present" not in people and "Contact" not in people


def test_a_column_the_seed_prescribes_stays_though_blank():
    text = render(store.load(GITLAB), "rca")
    assert "| ID | Action | Owner | Due Date | Priority |" in text
    assert all(len(row) == 5 for row in table_rows(text.split("## Action Items", 1)[1])[:3])


# 6. Cosmetic


def test_notes_beside_values_have_one_pair_of_brackets_and_keep_their_paragraphs():
    r = review(
        impact=[
            ImpactRow(category="internal", metric="Own work", note="Harder for some"),
            ImpactRow(category="external", metric="Users", value="40%", note="First.\n\nSecond."),
        ],
        related=[{"link": "https://e.example/x", "purpose": "Source (ACME, MIT)"}],
    )
    text = render(r, "rca")
    assert "- **Own work** (internal): Harder for some" in text
    assert "- **Users** (external): 40%\n\n  First.\n\n  Second." in text
    assert "<https://e.example/x> — Source (ACME, MIT)" in text
    assert "((" not in text and "))" not in text


@pytest.mark.parametrize(
    ("layout", "metrics"),
    [
        (
            "severity",
            [
                "Time in SEV-1",
                "Time in SEV-2",
                "Notifications Delivered out of SLA",
                "Events Dropped / Not Accepted",
                "Accounts Affected",
                "Users Affected",
                "Support Requests Raised",
            ],
        ),
        (
            "rca",
            [
                "Number of affected users",
                "Features unavailable",
                "User experience degradation",
                "Business impact (revenue, customers, SLA violation, etc.)",
                "Teams affected",
                "Services impacted",
                "Data consistency issues (if any)",
                "Incident response overhead",
                "Traffic during incident",
                "Error rate",
                "Response time degradation",
                "Downtime duration",
            ],
        ),
    ],
)
def test_a_seed_s_impact_rows_keep_its_own_words(layout, metrics):
    """As the seed writes them, capitals and asides included."""
    assert [row.metric for row in templates.load_template(layout).impact] == metrics
