"""`pmtui actions`: the open actions of every review under a folder, overdue first.

Reviews are built here with fixed due dates, and `today` is passed in."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pmtui.analysis import followups, stats
from pmtui.cli.commands import main
from pmtui.document.model import Action, Review
from pmtui.files import store

TODAY = dt.date(2026, 11, 20)


def day(n: int) -> dt.date:
    return dt.date(2026, 11, n)


def review(*actions: Action) -> Review:
    return Review.model_validate({"incident": {"title": "t"}, "actions": list(actions)})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "team").mkdir()
    store.save(
        review(
            Action(id="A1", title="Add an alert", owner="Adam", due=day(25)),
            Action(id="A2", title="Done already", owner="Adam", due=day(1), status="done"),
            Action(id="A3", title="Not doing it", owner="Dan", due=day(1), status="won't do"),
            Action(id="A4", title="Runbook", owners=["Tina"], due=day(10), status="in progress"),
        ),
        tmp_path / "team" / "db.toml",
    )
    store.save(
        review(
            Action(id="A1", title="No date yet", owner="tina"),
            Action(id="A2", title="Page the DBA", owner="Dan", owners=["Adam"], due=day(19)),
            Action(id="A3", title="Due today", owner="Sam", due=TODAY),
        ),
        tmp_path / "api.toml",
    )
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "not a review"\n')
    return tmp_path


def rows_of(found: followups.FollowUps) -> list[tuple[str, str, int]]:
    return [(row.review, row.id, row.days_overdue) for row in found.rows]


def test_open_actions_overdue_first_then_by_due_date_then_review(folder):
    found = followups.under(folder, TODAY)
    assert found.problems == []
    assert rows_of(found) == [
        ("team/db.toml", "A4", 10),  # the longest overdue first: due on the 10th
        ("api.toml", "A2", 1),
        ("api.toml", "A3", 0),  # due today: not overdue yet
        ("team/db.toml", "A1", 0),
        ("api.toml", "A1", 0),  # no due date: last
    ]
    runbook = found.rows[0]
    assert (runbook.owners, runbook.due, runbook.status) == (("Tina",), day(10), "in progress")


def test_a_process_pool_finds_the_same_rows(folder, monkeypatch):
    alone = followups.under(folder, TODAY)
    monkeypatch.setattr(stats, "POOL_FROM", 0)
    assert followups.under(folder, TODAY, workers=2) == alone


def test_filters_by_owner_or_co_owner_in_any_case_overdue_and_due_before(folder):
    rows = followups.under(folder, TODAY).rows

    def ids(**filters) -> list[str]:
        return [f"{row.review}:{row.id}" for row in followups.filtered(rows, **filters)]

    assert ids(owner=" ADAM ") == ["api.toml:A2", "team/db.toml:A1"]  # A2: a co-owner
    assert ids(owner="tina") == ["team/db.toml:A4", "api.toml:A1"]
    assert ids(owner="Ti") == []  # a whole name, not a part of one
    assert ids(overdue=True) == ["team/db.toml:A4", "api.toml:A2"]
    assert ids(due_before=TODAY) == ["team/db.toml:A4", "api.toml:A2"]
    assert ids(due_before=day(21)) == ["team/db.toml:A4", "api.toml:A2", "api.toml:A3"]
    assert ids(owner="dan", overdue=True) == ["api.toml:A2"]


def test_text_is_aligned_and_no_control_byte_reaches_the_terminal(tmp_path):
    hostile = Action(id="A1", title="Fix\x1b]52;c;aGk=\x07 it\nnow", owner="Zoë", due=day(2))
    store.save(
        review(hostile, Action(id="A22", title="Wide 表格", due=day(30))), tmp_path / "r.toml"
    )
    text = followups.as_text(followups.under(tmp_path, TODAY).rows)
    assert text == (
        "OWNER       DUE         OVERDUE  ID   TITLE                            REVIEW\n"
        "Zoë         2026-11-02  18 days  A1   Fix\\x1b]52;c;aGk=\\x07 it\\x0anow  r.toml\n"
        "(no owner)  2026-11-30           A22  Wide 表格                        r.toml\n"
    )
    assert followups.as_text([]) == "No open actions.\n"


def test_csv_for_a_tracker_has_a_header_and_no_cell_runs_as_a_formula(folder):
    rows = followups.under(folder, TODAY).rows
    rows[0] = followups.FollowUp(("=HYPERLINK()",), None, 0, "A9", "-1", "", "x.toml")
    read = list(csv.reader(io.StringIO(followups.as_csv(rows))))
    assert read[0] == list(followups.CSV_COLUMNS)
    assert read[1][:2] == ["'=HYPERLINK()", ""] and read[1][5] == "'-1"
    assert read[2] == ["Dan", "Adam", "2026-11-19", "1", "A2", "Page the DBA", "", "api.toml"]
    assert read[5] == ["tina", "", "", "", "A1", "No date yet", "", "api.toml"]


def test_json_is_a_list_of_objects(folder):
    data = json.loads(followups.as_json(followups.under(folder, TODAY).rows))
    assert data[0] == {
        "owners": ["Tina"],
        "due": "2026-11-10",
        "overdue": True,
        "days_overdue": 10,
        "id": "A4",
        "title": "Runbook",
        "status": "in progress",
        "review": "team/db.toml",
    }
    assert data[-1]["due"] is None and data[-1]["status"] is None


def test_the_command_with_no_folder_reads_the_current_one(folder, capsys, monkeypatch):
    """As `pmtui list` and `stats` do: it was a usage error."""
    monkeypatch.chdir(folder)
    assert main(["actions", "--today", "2026-11-20", "--overdue"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:3] == ["Tina", "2026-11-10", "10"]


def test_the_command_filters_takes_today_and_each_format(folder, capsys):
    assert main(["actions", str(folder), "--today", "2026-11-20", "--overdue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in lines] == [
        ["OWNER", "DUE", "OVERDUE"],
        ["Tina", "2026-11-10", "10"],
        ["Dan,", "Adam", "2026-11-19"],
    ]
    args = ["actions", str(folder), "--today", "2026-11-26", "--owner", "adam"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(row["id"], row["days_overdue"]) for row in data] == [("A2", 7), ("A1", 1)]
    assert main([*args, "--format", "csv", "--due-before", "2026-11-20"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Dan,Adam,2026-11-19,7,A2,Page the DBA,,api.toml"
    ]


def test_a_review_that_cannot_be_read_is_its_line_on_stderr_and_exit_2(folder, capsys):
    bad = folder / "bad.toml"
    bad.write_text('[incident]\ntitle = "x"\n\n[[actions]]\nid = "A1"\n')  # an id, no title
    assert main(["actions", str(folder), "--today", "2026-11-20"]) == 2
    out = capsys.readouterr()
    assert out.err == f"pmtui: {bad}:4: actions[0].title: missing (required)\n"
    assert len(out.out.splitlines()) == 6  # the other reviews' rows still
    assert main(["actions", str(bad)]) == 2
    assert capsys.readouterr().err == f"pmtui: {bad}: not a folder\n"
    with pytest.raises(SystemExit) as stopped:
        main(["actions", str(folder), "--due-before", "soon"])
    assert stopped.value.code == 2
    assert "--due-before: 'soon' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_the_command_does_not_import_textual(folder):
    from test_import_hygiene import PROBE

    result = subprocess.run(
        [sys.executable, "-c", PROBE, "actions", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr


def test_a_very_long_value_is_cut_in_the_text_and_whole_in_json(tmp_path):
    """Every row is padded to the longest cell: an owner of two million characters made
    `actions` print 14 MB."""
    long = Action(id="A1", title="t" * 2_000_000, owner="o" * 2_000_000, due=day(2))
    store.save(review(long, Action(id="A2", title="short", due=day(3))), tmp_path / "r.toml")
    rows = followups.under(tmp_path, TODAY).rows
    lines = followups.as_text(rows).splitlines()
    assert max(map(len, lines)) < 400 and "o" * 119 + "…" in lines[1]
    assert json.loads(followups.as_json(rows))[0]["title"] == "t" * 2_000_000


def test_overdue_is_counted_on_each_reviews_own_day(tmp_path, monkeypatch, capsys):
    """At 18:15 UTC on the 6th it is the 7th on Kiritimati: an action due on the 6th is a
    day overdue there, as `check` and the app said; `actions` and `stats` used the
    machine's date and counted none."""
    from pmtui.document import today

    monkeypatch.delenv("PMTUI_TODAY")
    monkeypatch.setattr(today, "_utc_now", lambda: dt.datetime(2026, 12, 6, 18, 15, tzinfo=dt.UTC))
    kiritimati = review(Action(id="A1", title="Rotate keys", due=dt.date(2026, 12, 6)))
    kiritimati.incident.timezone = "Pacific/Kiritimati"
    store.save(kiritimati, tmp_path / "r.toml")
    assert main(["actions", str(tmp_path), "--overdue", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["days_overdue"] == 1
    assert stats.collect(tmp_path, today.today_in).deadlines.overdue == 1
    assert followups.under(tmp_path, dt.date(2026, 12, 6)).rows[0].days_overdue == 0  # --today


def test_a_filter_that_keeps_none_says_what_it_asked_for(folder):
    """`--owner nobody` printed "No open actions." over a folder full of them."""
    rows = followups.under(folder, TODAY).rows
    assert rows
    nobody = {"owner": " nobody "}
    assert followups.as_text(followups.filtered(rows, **nobody), followups.asked(**nobody)) == (
        "No open actions owned by nobody.\n"
    )
    three = {"owner": "Dan", "overdue": True, "due_before": dt.date(2026, 1, 1)}
    assert followups.as_text(followups.filtered(rows, **three), followups.asked(**three)) == (
        "No open actions overdue, owned by Dan, due before 2026-01-01.\n"
    )
    assert followups.as_text([], followups.asked()) == "No open actions.\n"
