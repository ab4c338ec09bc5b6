"""Finding reviews under a folder: the fast listing agrees with a full load."""

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import reviews

from pmtui.cli.commands import main
from pmtui.files import store
from pmtui.files.catalog import describe, reviews_under


def write_review(path, *, id, severity="SEV2", status="draft", started=None, actions=()):
    lines = [f'[incident]\nid = "{id}"\ntitle = "Review {id}"\nseverity = "{severity}"']
    lines.append(f'status = "{status}"')
    if started:
        lines.append(f"started_at = {started}")
    lines.append('tags = [\n    "payments",\n]')
    for number, (owner, state) in enumerate(actions, start=1):
        lines.append(f'[[actions]]\nid = "A{number}"\ntitle = "t"\nowner = "{owner}"')
        lines.append(f'status = "{state}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def generated_folder(root, count=40):
    """`count` reviews, ten per subfolder, one a day from 2026-01-01, plus files to skip."""
    for n in range(count):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
        write_review(
            root / f"team-{n // 10}" / f"r{n}.toml",
            id=f"INC-{n}",
            severity=("SEV1", "SEV2", "SEV3")[n % 3],
            started=f"{day.isoformat()} 09:00:00+01:00",
            actions=[("Adam", "open"), ("Tina", "done"), ("Dan", "in progress")][: n % 4],
        )
    write_review(root / ".git" / "hidden.toml", id="HIDDEN")
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n')


def test_a_generated_folder_lists_every_review_newest_first(tmp_path):
    generated_folder(tmp_path)
    entries = reviews_under(tmp_path)
    assert [e.id for e in entries] == [f"INC-{n}" for n in reversed(range(40))]
    newest = entries[0]
    assert (newest.severity, newest.status, newest.date) == ("SEV1", "draft", dt.date(2026, 2, 9))
    assert (newest.open_actions, newest.owners, newest.tags) == (
        2,
        ("Adam", "Tina", "Dan"),
        ("payments",),
    )
    assert [e.open_actions for e in entries[:4]] == [2, 1, 1, 0]


def test_filter_words_match_text_severity_status_owner_and_tag(tmp_path):
    generated_folder(tmp_path, count=6)
    entries = reviews_under(tmp_path)

    def ids(query):
        return [e.id for e in entries if e.matches(query)]

    assert ids("sev3") == ["INC-5", "INC-2"]
    assert ids("tina sev3") == ["INC-2"]
    assert ids("#payments draft review inc-1") == ["INC-1"]
    assert ids("nothing-like-this") == []


def test_reviews_without_dates_by_file_time_and_broken_ones_listed_with_their_problem(
    tmp_path, pet_clinic
):
    older = tmp_path / "older.toml"
    older.write_text('[incident]\ntitle = "DB failover"\nseverity = "SEV2"\n')
    os.utime(older, (1, 1))
    (tmp_path / "broken.toml").write_text("[incident\n")
    os.utime(tmp_path / "broken.toml", (0, 0))
    entries = reviews_under(tmp_path)
    assert [e.path.name for e in entries] == ["pet-clinic-dojo.toml", "older.toml", "broken.toml"]
    assert (
        entries[0].label == "DOJO-PIP-1 Pet Clinic offline after a major upgrade (SEV1, in review)"
    )
    assert entries[1].label == "DB failover (SEV2, draft)"
    assert entries[2].problem == "1:10: expected ']' at the end of a table declaration"


def test_a_file_that_is_not_utf8_is_listed_with_checks_words(tmp_path):
    """Not Python's codec message: the line `check` gives the same file."""
    (tmp_path / "latin.toml").write_bytes(b'[incident]\ntitle = "caf\xe9"\n')
    (entry,) = reviews_under(tmp_path)
    assert entry.problem == "2: not UTF-8 text (byte 0xe9 at offset 23); is this a review file?"


def describe_text(text, actions=True):
    with tempfile.TemporaryDirectory() as name:
        file = Path(name, "r.toml")
        file.write_text(text, encoding="utf-8")
        return describe(file, actions=actions)


def test_text_that_looks_like_keys_or_tables_inside_multi_line_strings_is_not_read():
    text = (
        'schema_version = 1\n[incident]\nid = "X-1"\nsummary = """\ntitle = "fake"\n'
        '[[actions]]\nstatus = "open"\n"""\ntitle = "Real \\"one\\""\ntags = [ "a", "b" ]\n'
    )
    entry = describe_text(text)
    assert (entry.id, entry.title, entry.open_actions) == ("X-1", 'Real "one"', 0)
    assert entry.tags == ("a", "b")


ACTION_AFTER = '[[actions]]\ntitle = "Page the DBA"\nowner = "Adam"\n'


@pytest.mark.parametrize(
    "before",
    [
        "how = \"'''\"\n",  # three quotes inside a one-line string
        'how = \'"""\'\n',
        '# a comment: """\n',
        'notes = [\n  """\n[[actions]]\n""",\n]\n',  # a multi-line string in an array
        'how = """ends in quotes"""""\n',  # the last three quotes close it
        'how = """a \\""" b"""\n',  # an escaped quote then two
        "how = '''holds \"\"\" inside'''\n",
    ],
)
def test_three_quotes_anywhere_never_hide_the_actions_after_them(before):
    """The quick listing took any three quotes for a multi-line string's opening, so the
    actions after `how = "\'\'\'"` were not counted (a property test found it)."""
    text = f'schema_version = 1\n[incident]\ntitle = "T"\n\n[[factors]]\n{before}\n{ACTION_AFTER}'
    assert tomllib.loads(text)["actions"][-1]["owner"] == "Adam"
    entry = describe_text(text)
    assert (entry.title, entry.open_actions, entry.owners) == ("T", 1, ("Adam",))


FORMS = ["basic", "literal", "multi", "multi-literal", "array", "comment"]
QUOTEY = st.lists(
    st.sampled_from([*"ab \"'\\\n[]=#{},", "\n[[actions]]\n", '"""', "'''"]), max_size=12
).map("".join)
"""Text made of what confuses a quick TOML reading, a table header on a line of its own too."""


def value_line(key: str, text: str, form: str) -> str:
    """`key = text` in one of TOML's ways of writing a string (or a comment holding it)."""
    if form == "literal" and "'" not in text and "\n" not in text:
        return f"{key} = '{text}'"
    if form == "multi-literal" and "'''" not in text and not text.endswith("'"):
        return f"{key} = '''{text}'''"
    if form == "array":
        return tomli_w.dumps({key: [text, text]}, multiline_strings=True).rstrip("\n")
    if form == "comment" and "\n" not in text:
        return f"# {text}"
    return tomli_w.dumps({key: text}, multiline_strings=form == "multi").rstrip("\n")


blocks = st.lists(
    st.tuples(
        st.sampled_from(["actions", "factors"]),
        st.lists(
            st.tuples(
                QUOTEY,
                st.sampled_from(["basic", "literal", "multi", "multi-literal", "array", "comment"]),
            ),
            max_size=3,
        ),
    ),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(blocks)
def test_the_quick_listing_counts_the_actions_tomllib_reads_whatever_the_quotes(blocks):
    """Strings of every TOML kind, holding quotes, backslashes, brackets and line ends, and
    comments: the listing counts the `[[actions]]` that a full parse finds."""
    lines = ["schema_version = 1", "[incident]", 'title = "T"']
    for table, values in blocks:
        lines += ["", f"[[{table}]]"]
        lines += [value_line(f"k{n}", text, form) for n, (text, form) in enumerate(values)]
    text = "\n".join(lines) + "\n"
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # not a TOML file: not what this property is about
    assert describe_text(text).open_actions == len(parsed.get("actions", []))


def listed(text):
    """What a full parse of `text` gives the list: title, status, open actions, tags."""
    data = tomllib.loads(text)
    incident = data.get("incident", {})
    actions = data.get("actions", [])
    open_actions = sum(a.get("status") not in ("done", "won't do") for a in actions)
    return (
        incident.get("title", ""),
        incident.get("status", "draft"),
        open_actions,
        tuple(incident.get("tags", [])),
    )


def quickly_listed(text):
    entry = describe_text(text)
    return entry.title, entry.status, entry.open_actions, entry.tags


@pytest.mark.parametrize(
    "text",
    [
        '[incident]\ntitle = "T"\nsummary = """Quote: \\""" end\nstatus = "published"\n"""\n',
        '[incident]\ntitle = "T"\nextra.note = """\nstatus = "published"\n"""\n',
        '[incident]\ntags = [\n "db", "net"]\ntitle = "T"\n',
        'actions = [{title = "a", owner = "Adam"}]\n[incident]\ntitle = "T"\n',
        'incident = {title = "T", status = "published"}\n',
        'incident.title = "T"\nincident.status = "published"\n',
        '["incident"]\ntitle = "T"\n[["actions"]]\nstatus = "open"\n',
        '[incident]\n"title" = "T"\n\'status\' = "published"\n',
        '[incident]\ntitle = "T"\n[[actions]]\nstatus.note = "x"\n',
        '[incident]\ntitle = "T"\nlinks = [\n  ["a"],\n]\n[[actions]]\nowner = "Dan"\n',
        '[incident]\ntitle = "T"\n[[actions]]\nlinks = [\n    """a\nb""",\n    "c",\n]\n',
    ],
)
def test_hand_written_toml_is_listed_as_a_full_parse_reads_it(text):
    """Each of these was misread by the quick listing: a string's text taken for a key, a
    multi-line array swallowing the keys after it, inline and dotted forms not seen."""
    text = "schema_version = 1\n" + text
    assert quickly_listed(text) == listed(text)


STRING_FORMS = ["basic", "literal", "multi", "multi-literal"]


def written(key: str, value, form: str) -> str:
    """`key = value` in one of TOML's forms; a list (tags) in one line or one item a line."""
    if not isinstance(value, list):
        return value_line(key, value, form)
    if form in ("basic", "literal"):
        items = (tomli_w.dumps({"v": item})[4:-1] for item in value)
        return f"{key} = [{', '.join(items)}]"
    return tomli_w.dumps({key: value}, multiline_strings=form == "multi").rstrip("\n")


@st.composite
def hand_written_reviews(draw):
    """A review's listed fields written the ways a person may write TOML: the incident as a
    table (its name bare or quoted), an inline table or dotted keys; actions as tables or
    one inline array; values in any string form, among keys holding confusing text."""
    text = st.text(st.sampled_from("ab \"'\\#[]=\n"), max_size=8) | QUOTEY
    fields = {"title": draw(text), "status": draw(st.sampled_from(["draft", "published"]))}
    fields["tags"] = draw(st.lists(text, max_size=3))
    actions = draw(
        st.lists(
            st.fixed_dictionaries(
                {"status": st.sampled_from(["open", "done"]), "owner": st.sampled_from("AB")}
            ),
            max_size=3,
        )
    )
    lines = ["schema_version = 1"]
    incident_style = draw(st.sampled_from(["table", "quoted", "inline", "dotted"]))
    if incident_style == "inline":
        lines.append(tomli_w.dumps({"incident": fields}).rstrip("\n"))
    elif incident_style == "dotted":
        lines += [f"incident.{written(key, value, 'basic')}" for key, value in fields.items()]
    actions_inline = draw(st.booleans())
    if actions_inline and actions:
        lines.append(
            "actions = ["
            + ", ".join(
                "{" + ", ".join(f'{k} = "{v}"' for k, v in action.items()) + "}"
                for action in actions
            )
            + "]"
        )
    string_form = st.sampled_from(STRING_FORMS)
    filler_form = st.sampled_from(FORMS)  # strings, arrays of strings and comments
    if incident_style in ("table", "quoted"):
        lines.append("[incident]" if incident_style == "table" else '["incident"]')
        for key, value in fields.items():
            lines.append(
                written(draw(st.sampled_from([key, f'"{key}"'])), value, draw(string_form))
            )
            lines.append(written(f"{key}_note", draw(text), draw(filler_form)))
    for action in [] if actions_inline else actions:
        lines.append("[[actions]]")
        lines += [written(key, value, draw(string_form)) for key, value in action.items()]
        lines.append(written("detail", draw(text), draw(filler_form)))
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(hand_written_reviews())
def test_the_quick_listing_reads_hand_written_toml_as_a_full_parse_does(text):
    try:
        expected = listed(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # not a TOML file: not what this property is about
    assert quickly_listed(text) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews)
def test_the_fast_listing_agrees_with_loading_the_review(review):
    entry = describe_text(store.dumps(review))
    incident = review.incident
    started = incident.started_at.date() if incident.started_at else incident.review_date
    assert (entry.id, entry.title, entry.severity, entry.status) == (
        incident.id,
        incident.title,
        incident.severity,
        incident.status.value,
    )
    assert entry.date == started
    assert entry.tags == tuple(incident.tags)
    assert entry.open_actions == sum(not a.closed for a in review.actions)
    assert entry.owners == tuple(dict.fromkeys(a.owner for a in review.actions if a.owner))
    heading = describe_text(store.dumps(review), actions=False)  # what the opening frame reads
    assert (heading.id, heading.title, heading.severity, heading.status) == (
        entry.id,
        entry.title,
        entry.severity,
        entry.status,
    )


def test_list_command_as_text_and_json(tmp_path, capsys):
    generated_folder(tmp_path, count=3)
    assert main(["list", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["DATE", "ID", "SEVERITY", "STATUS", "OPEN", "TITLE", "FILE"]
    assert lines[1].split() == [
        "2026-01-03",
        "INC-2",
        "SEV3",
        "draft",
        "1",
        "Review",
        "INC-2",
        "team-0/r2.toml",
    ]
    assert main(["list", str(tmp_path), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[2] == {
        "path": "team-0/r0.toml",
        "id": "INC-0",
        "title": "Review INC-0",
        "severity": "SEV1",
        "status": "draft",
        "date": "2026-01-01",
        "open_actions": 0,
        "owners": [],
        "tags": ["payments"],
        "problem": None,
    }
    assert main(["list", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'nope'}: not a folder\n"


def test_the_start_screen_folder_must_be_one(tmp_path, capsys):
    assert main(["--dir", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"pmtui: {tmp_path / 'nope'}: not a folder\n"


def test_a_scan_can_be_given_up(tmp_path):
    generated_folder(tmp_path, count=5)
    asked = []
    entries = reviews_under(tmp_path, stop=lambda: asked.append(1) or len(asked) > 3)
    assert [e.id for e in entries] == ["INC-1", "INC-0"]
    assert len(asked) == 4  # pyproject.toml, r0, r1, then stop


def test_list_into_a_closed_pipe_ends_quietly(tmp_path):
    generated_folder(tmp_path, count=1000)  # more than a pipe holds
    command = f"{sys.executable} -m pmtui list {tmp_path} --format json | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    assert result.stdout == "[\n"
    assert result.stderr == ""


def test_pipes_and_broken_links_are_listed_with_why_and_never_waited_on(tmp_path):
    """A pipe named `.toml` would make the listing wait for a writer forever."""
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    listed = subprocess.run(
        [sys.executable, "-m", "pmtui", "list", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = {entry["path"]: entry["problem"] for entry in json.loads(listed.stdout)}
    assert problems == {
        "pipe.toml": "not a regular file (a pipe or a device)",
        "gone.toml": "a link to a file that is not there",
        "loop.toml": "too many levels of symbolic links",
    }


def test_a_link_to_a_review_listed_under_its_own_name_is_listed_once(tmp_path, capsys):
    """`latest.toml` → `outage.toml` made `stats` count the review twice; a link to a
    review elsewhere, or to nothing, is still listed."""
    write_review(tmp_path / "outage.toml", id="INC-1")
    (tmp_path / "latest.toml").symlink_to("outage.toml")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere.toml"
    write_review(elsewhere, id="INC-2")
    (tmp_path / "shared.toml").symlink_to(elsewhere)
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    names = sorted(entry.path.name for entry in reviews_under(tmp_path))
    assert names == ["gone.toml", "outage.toml", "shared.toml"]
    assert main(["stats", str(tmp_path), "--today", "2026-12-05"]) == 2  # gone.toml
    assert capsys.readouterr().out.startswith(f"2 reviews under {tmp_path}; 1 more could")


def test_a_very_long_title_is_cut_in_the_list_and_whole_in_json(tmp_path, capsys):
    """Every row is padded to the longest title: one of five million characters made
    `list` print 150 MB."""
    write_review(tmp_path / "long.toml", id="INC-1")
    path = tmp_path / "long.toml"
    path.write_text(
        path.read_text().replace('title = "Review INC-1"', f'title = "{"x" * 100_000}"')
    )
    write_review(tmp_path / "short.toml", id="INC-2")
    assert main(["list", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) < 200
    assert "x" * 119 + "…" in lines[1] + lines[2]
    assert main(["list", str(tmp_path), "--format", "json"]) == 0
    titles = [entry["title"] for entry in json.loads(capsys.readouterr().out)]
    assert "x" * 100_000 in titles


def shut(monkeypatch, folder: Path) -> None:
    """`folder` as `chmod 000` makes it to a user: it cannot be looked into. Made by
    refusing the look itself, as root ignores file modes."""
    opened = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_is_named_not_passed_over(tmp_path, monkeypatch, capsys):
    """`stats` said "1 review" and `actions` listed what it found, exit 0: a script took a
    closed folder for one without reviews or overdue actions."""
    write_review(tmp_path / "r.toml", id="INC-1", actions=[("Adam", "open")])
    write_review(tmp_path / "locked" / "r.toml", id="INC-2")
    locked = tmp_path / "locked"
    shut(monkeypatch, locked)
    problems = {e.path.name: e.problem for e in reviews_under(tmp_path) if e.problem}
    assert problems == {"locked": "cannot read this folder (permission denied)"}
    line = f"pmtui: {locked}: cannot read this folder (permission denied)\n"
    for command in ("stats", "actions"):
        assert main([command, str(tmp_path), "--today", "2026-12-05"]) == 2
        assert capsys.readouterr().err == line
    assert main(["stats", str(locked), "--today", "2026-12-05"]) == 2
    assert capsys.readouterr().err == line


@pytest.mark.parametrize("form", ["text", "json"])
def test_list_shows_a_folder_it_cannot_read_names_it_and_exits_2(
    tmp_path, monkeypatch, capsys, form
):
    """`list` showed the folder's `cannot read` row and exited 0, where `stats` and
    `actions` exit 2: a script took what it listed for every review there."""
    write_review(tmp_path / "r.toml", id="INC-1")
    write_review(tmp_path / "locked" / "r.toml", id="INC-2")
    locked = tmp_path / "locked"
    shut(monkeypatch, locked)
    assert main(["list", str(tmp_path), "--format", form]) == 2
    out, err = capsys.readouterr()
    assert err == f"pmtui: {locked}: cannot read this folder (permission denied)\n"
    assert "INC-1" in out and "cannot read this folder (permission denied)" in out


def test_list_names_each_file_it_cannot_read_in_the_line_stats_gives(tmp_path, capsys):
    """The place in the file follows its name, as `check` and `stats` write it."""
    write_review(tmp_path / "r.toml", id="INC-1")
    (tmp_path / "broken.toml").write_text("[incident\n")
    (tmp_path / "deep.toml").write_text("x = " + "[" * 40 + "]" * 40 + "\n")
    said = {}
    for command in ("list", "stats"):
        assert main([command, str(tmp_path)]) == 2
        said[command] = sorted(capsys.readouterr().err.splitlines())
    assert said["list"] == said["stats"]
    assert said["list"] == [
        f"pmtui: {tmp_path / 'broken.toml'}:1:10: expected ']' at the end of a table declaration",
        f"pmtui: {tmp_path / 'deep.toml'}: arrays or tables nested more than 32 levels deep;"
        " is this a review file?",
    ]


def test_a_file_that_cannot_be_read_says_so_once(tmp_path, monkeypatch, capsys):
    """The row read "cannot read: cannot read (permission denied)"."""
    write_review(tmp_path / "closed.toml", id="INC-1")
    opened = os.open

    def open_file(path, *args, **kwargs):
        if Path(path).name == "closed.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)  # as a file `chmod 000` is to a user
    assert main(["list", str(tmp_path)]) == 2  # as `stats` and `actions` exit
    out, err = capsys.readouterr()
    row = out.splitlines()[1]
    assert row.split() == ["cannot", "read", "(permission", "denied)", "closed.toml"]
    assert err == f"pmtui: {tmp_path / 'closed.toml'}: cannot read (permission denied)\n"
