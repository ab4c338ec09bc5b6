"""Saving keeps the file's own style: the splitter, the editor, and the session that uses them.

An edit changes only what it changed (issue 17, part 1): comments, blank lines, key order,
quoting and datetime styles and explicit defaults stay; one edited field is a one-line diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import tomlkit
from item_ids_lines import given_ids, without_given_ids

from pmtui.document.model import Event
from pmtui.files import store, toml_blocks, toml_edit, toml_values
from pmtui.files.session import ReviewSession
from pmtui.files.toml_blocks import Unmapped

HANDWRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines taken out and the lines put in, as a line diff shows them."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    body = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    return [line[1:] for line in body if line[0] == "-"], [
        line[1:] for line in body if line[0] == "+"
    ]


@pytest.fixture
def handwritten(tmp_path: Path) -> Path:
    return Path(shutil.copy(HANDWRITTEN, tmp_path / "db-failover.toml"))


def opened(path: Path) -> tuple[str, dict, ReviewSession]:
    """The file's text, its snapshot, and a session on it without ids given (the edit of
    the text alone is tested here)."""
    review = store.load(path)
    return store.read_text(path), store.snapshot(review), ReviewSession(review, path)


def saved(text: str, old: dict, session: ReviewSession) -> str:
    """The edited text, checked to read back to exactly the review."""
    new = store.snapshot(session.review)
    result = toml_edit.edited(text, old, new)
    assert store.snapshot(store.from_data(store.parse(Path("x.toml"), result), Path("x"))) == new
    return result


# The splitter ---------------------------------------------------------------------------------

SPLIT_ME = '''# top comment
schema_version = 1
notes = """
[[timeline]]
not a header: inside a multi-line string
"""
literal = \'\'\'
[incident] neither\'\'\'
list = [
  "a", # ] a bracket in a comment
  [1, 2],
  "[[timeline]]",
]

# about the incident
[incident]
title = 'x'
# trailing note of the incident

[[timeline]]
at = 2026-01-01T10:00:00
[timeline.extra]
q = 1

[[timeline]]
[[timeline.sub]]
[[timeline.sub]]
["quoted.key" . 'b']
'''


def test_the_splitter_finds_only_real_headers_and_names_their_data():
    blocks = toml_blocks.split(SPLIT_ME)
    assert [block.path for block in blocks] == [
        (),
        ("incident",),
        ("timeline", 0),
        ("timeline", 0, "extra"),
        ("timeline", 1),
        ("timeline", 1, "sub", 0),
        ("timeline", 1, "sub", 1),
        ("quoted.key", "b"),
    ]
    assert "".join(SPLIT_ME[b.start : b.end] for b in blocks) == SPLIT_ME


def test_comment_lines_directly_above_a_header_go_with_it_and_others_stay():
    blocks = toml_blocks.split(SPLIT_ME)
    incident = SPLIT_ME[blocks[1].start : blocks[1].end]
    assert incident.startswith("# about the incident\n[incident]\n")
    assert incident.endswith("# trailing note of the incident\n\n")  # a blank line before [[


@pytest.mark.parametrize(
    "text", ['a = """\nnever closed\n', "a = [\n  1,\n", "a = 'open\n", "[a]]\n", "a = 1]\n"]
)
def test_a_text_the_splitter_cannot_be_sure_of_is_unmapped(text):
    with pytest.raises(Unmapped):
        toml_blocks.split(text)


def test_the_large_review_is_cut_into_one_block_a_table(tmp_path):
    big = "".join(f'\n[[timeline]]\nat = 2026-01-01T10:00:00Z\ntext = "e{n}"\n' for n in range(300))
    blocks = toml_blocks.split("schema_version = 1\n" + big)
    assert [block.path for block in blocks[1:]] == [("timeline", n) for n in range(300)]


# The editor on a hand-written review ----------------------------------------------------------


def test_one_edited_field_is_one_changed_line(handwritten):
    text, old, session = opened(handwritten)
    session.review.timeline[1].text = "Checkout 5xx alert fired (it's paging)"
    out, into = changed_lines(text, saved(text, old, session))
    assert out == ["text = 'Checkout 5xx alert fired'"]
    assert into == ['text = "Checkout 5xx alert fired (it\'s paging)"']  # a literal cannot hold '


def test_a_nan_in_the_file_does_not_make_every_save_a_rewrite(tmp_path):
    """A nan never equals itself in Python: the edited text never read back as the
    review, and each save wrote the file afresh, its comments and quoting gone."""
    path = tmp_path / "r.toml"
    path.write_text(
        "# kept\nscore = nan  # from another tool\n\n[incident]\n"
        "title = 't'  # the title\nsummary = 'lit'\n"
    )
    session = ReviewSession.open(path)
    session.review.incident.title = "new title"
    session.changed()
    session.save_now()
    assert path.read_text() == (
        "# kept\nscore = nan  # from another tool\n\n[incident]\n"
        "title = 'new title'  # the title\nsummary = 'lit'\n"
    )


def test_comments_blank_lines_order_and_explicit_defaults_stay(handwritten):
    text, old, session = opened(handwritten)
    session.review.incident.title = "Checkout errors after the failover"
    result = saved(text, old, session)
    out, into = changed_lines(text, result)
    assert (out, into) == (
        ["title = 'Checkout errors after the primary database failed over'"],
        ["title = 'Checkout errors after the failover'"],
    )
    for kept in ('timezone = "UTC"         # explicit default too', "present = true   # explicit"):
        assert kept in result


def test_a_changed_time_keeps_its_style(handwritten):
    text, old, session = opened(handwritten)
    session.review.timeline[1].at += dt.timedelta(minutes=1)  # local, with a T
    session.review.incident.ended_at += dt.timedelta(minutes=1)  # a space, and Z
    out, into = changed_lines(text, saved(text, old, session))
    assert out == ["ended_at   = 2026-03-02 15:40:00Z", "at = 2026-03-02T14:09:00"]
    assert into == ["ended_at   = 2026-03-02 15:41:00Z", "at = 2026-03-02T14:10:00"]


def test_a_local_time_is_written_in_the_reviews_zone_and_an_offset_stays_an_offset(tmp_path):
    path = tmp_path / "paris.toml"
    path.write_text(
        '[incident]\ntimezone = "Europe/Paris"\nstarted_at = 2026-07-01T09:00:00+02:00\n\n'
        '[[timeline]]\nat = 2026-07-01 09:30:00\ntext = "a"\n',
        encoding="utf-8",
    )
    text, old, session = opened(path)
    session.review.timeline[0].at = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    session.review.incident.started_at = dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC)
    _, into = changed_lines(text, saved(text, old, session))
    assert into == ["started_at = 2026-07-01T06:00:00+00:00", "at = 2026-07-01 10:00:00"]


def test_a_changed_zone_rewrites_the_local_times_to_the_same_instants(handwritten):
    text, old, session = opened(handwritten)
    session.review.incident.timezone = "Europe/Paris"
    result = saved(text, old, session)
    assert 'timezone = "Europe/Paris"         # explicit default too' in result
    assert "at = 2026-03-02T15:05:00" in result  # 14:05 UTC is 15:05 in Paris in March
    assert "ended_at   = 2026-03-02 15:40:00Z" in result  # not local: as it was


def test_text_keeps_its_quotes_where_the_new_text_allows(handwritten):
    text, old, session = opened(handwritten)
    session.review.incident.summary = "The replica took over.\nPools were recycled."
    session.review.timeline[0].text = "Two\nlines now"  # basic: now triple quoted
    result = saved(text, old, session)
    assert "summary = '''\nThe replica took over.\nPools were recycled.'''" in result
    assert 'text = """\nTwo\nlines now"""' in result


def test_a_cleared_field_loses_its_line_and_a_new_one_is_added_in_its_table(handwritten):
    text, old, session = opened(handwritten)
    session.review.actions[0].kind = None
    session.review.timeline[0].starred = True
    out, into = changed_lines(text, saved(text, old, session))
    assert out == ['kind = "prevent"      # stated by the room, though pmtui would not need it']
    assert into == ["starred = true"]
    assert saved(text, old, session).index("starred = true") < text.index("Checkout 5xx")


def test_an_added_event_is_an_added_block_after_the_one_before_it(handwritten):
    text, old, session = opened(handwritten)
    at = session.review.timeline[1].at + dt.timedelta(minutes=1)
    session.review.timeline.insert(2, Event(at=at, text="Status page updated"))
    result = saved(text, old, session)
    out, into = changed_lines(text, result)
    assert out == []
    assert into == [
        "[[timeline]]",
        "at = 2026-03-02T14:10:00",  # local, with a T: as the events around it
        'text = "Status page updated"',
        "",
    ]
    assert result.index("Status page updated") < result.index("# The page was answered")


def test_a_removed_event_takes_its_block_and_the_comment_above_it(handwritten):
    text, old, session = opened(handwritten)
    del session.review.timeline[2]
    out, into = changed_lines(text, saved(text, old, session))
    assert into == []
    assert out[0] == "# The page was answered from a phone: time from the pager log."
    assert "Rosa acknowledged the page" in out[3] and len(out) == 7  # its blank line too


def test_an_event_deleted_as_another_is_added_takes_its_comment_along(tmp_path):
    """Items with ids are paired by id only: the deleted one's block goes with the
    comment above it, and the new one gets a block of its own, not the deleted one's."""
    path = tmp_path / "r.toml"
    event = '\n{}[[timeline]]\nid = "{}"\nat = 2026-11-14T12:{}:00Z\ntext = "{}"\n'
    path.write_text(
        "schema_version = 1\n"
        + event.format("", "e1", "00", "deploy")
        + event.format("# Pager fired late: alert threshold was 15 min\n", "e2", "10", "page")
        + event.format("", "e3", "30", "fixed")
    )
    text, old, session = opened(path)
    at = dt.datetime(2026, 11, 14, 12, 20, tzinfo=dt.UTC)
    session.review.timeline[1] = Event(id="e4", at=at, text="rollback started")
    result = saved(text, old, session)
    assert "# Pager fired late" not in result and 'text = "page"' not in result
    out, into = changed_lines(text, result)
    assert "# Pager fired late: alert threshold was 15 min" in out
    assert 'text = "rollback started"' in into and 'id = "e1"' not in out + into


def test_a_moved_event_keeps_its_lines_and_comment(handwritten):
    text, old, session = opened(handwritten)
    timeline = session.review.timeline
    timeline.append(timeline.pop(2))
    result = saved(text, old, session)
    block = (
        "# The page was answered from a phone: time from the pager log.\n[[timeline]]\n"
        'at = 2026-03-02T14:12:00\ntext = "Rosa acknowledged the page"\n'
        'milestone = ["acknowledged"]\nwho = "Rosa"\n'
    )
    assert block in result
    assert result.index(block) > result.index("errors back to baseline")


@pytest.mark.parametrize(
    ("times", "edited"),
    [(["T11:00:00Z", "T10:00:00Z", "T12:00:00Z"], 0), (["T10:00:00Z", "", "T12:00:00Z"], 1)],
)
def test_an_event_edited_where_a_person_put_it_out_of_time_order_keeps_its_lines(
    tmp_path, times, edited
):
    """Only the edited event broke the time order (a later time, or a day alone, among
    times): with it taken out the rest looked kept in order, so an edit of its text alone
    moved its block."""
    path = tmp_path / "r.toml"
    path.write_text(
        "\n".join(
            f'[[timeline]]\nat = 2026-11-14{time}\ntext = "event {n}"\n'
            for n, time in enumerate(times)
        )
    )
    text, old, session = opened(path)
    event = session.review.timeline[edited]
    session.review.place_event(event.model_copy(update={"text": "edited"}), instead_of=edited)
    out, into = changed_lines(text, saved(text, old, session))
    assert (out, into) == ([f'text = "event {edited}"'], ['text = "edited"'])


def test_the_first_list_of_tables_and_a_new_table_come_in_pmtuis_order(handwritten):
    text, old, session = opened(handwritten)
    session.review.whys = [store.from_data({"whys": [{"answer": "disk full"}]}, Path("x")).whys[0]]
    session.review.messaging.internal = "Posted in #incidents"
    result = saved(text, old, session)
    _, into = changed_lines(text, result)
    assert into == [
        *("[[whys]]", 'answer = "disk full"', ""),  # before the comment heading the actions
        *("", "[messaging]", 'internal = "Posted in #incidents"'),  # at the end, after a blank
    ]
    assert result.index("[[whys]]") < result.index("# --- Actions")


def test_an_unchanged_review_is_the_same_text(handwritten):
    text, old, session = opened(handwritten)
    assert toml_edit.edited(text, old, store.snapshot(session.review)) == text


def test_crlf_files_stay_crlf(tmp_path):
    path = tmp_path / "windows.toml"
    path.write_bytes(
        b'[incident]\r\ntitle = "a"\r\n\r\n[[timeline]]\r\nat = 2026-01-01T10:00:00Z\r\n'
    )
    text, old, session = opened(path)
    session.review.incident.title = "b"
    session.review.timeline.append(Event(at=session.review.timeline[0].at, text="two"))
    result = saved(text, old, session)
    assert "\n" not in result.replace("\r\n", "")
    assert result.startswith('[incident]\r\ntitle = "b"\r\n\r\n[[timeline]]\r\n')


# The session ----------------------------------------------------------------------------------


def test_a_session_save_of_one_edit_is_a_one_line_diff(handwritten):
    before = handwritten.read_text(encoding="utf-8")
    session = ReviewSession.open(handwritten)
    session.review.timeline[3].who = "Idris"
    session.changed()
    session.save_now()
    after = handwritten.read_text(encoding="utf-8")
    out, into = changed_lines(before, without_given_ids(after))
    assert (out, into) == ([], ['who = "Idris"'])
    assert len(given_ids(after)) == len(session.review.timeline) + len(session.review.people)
    session.review.timeline[3].who = ""  # and a second save works from the first's text
    session.changed()
    session.save_now()
    assert without_given_ids(handwritten.read_text(encoding="utf-8")) == before


def test_save_as_keeps_the_files_style_and_a_new_review_is_in_pmtuis(handwritten, tmp_path):
    session = ReviewSession.open(handwritten)
    session.save_as(tmp_path / "copy.toml")
    assert (tmp_path / "copy.toml").read_text() == handwritten.read_text()  # no ids alone
    fresh = ReviewSession(store.load(handwritten), tmp_path / "new.toml")
    fresh.save_now()
    assert (tmp_path / "new.toml").read_text() == store.dumps(fresh.review)


def test_reload_takes_the_files_text_as_the_new_base(handwritten):
    session = ReviewSession.open(handwritten)
    edited = handwritten.read_text().replace("# Reviewed as a diff", "# Still reviewed as a diff")
    handwritten.write_text(edited)
    session.reload(dt.datetime(2026, 11, 20, 14, 5, tzinfo=dt.UTC))  # nothing unsaved: no copy
    session.review.incident.severity = "SEV1"
    session.changed()
    session.save_now()
    out, into = changed_lines(edited, without_given_ids(handwritten.read_text()))
    assert (out, into) == (['severity = "SEV2"'], ['severity = "SEV1"'])


def test_an_edit_that_would_not_read_back_is_written_afresh(handwritten, monkeypatch):
    monkeypatch.setattr(toml_edit._Edit, "applied", lambda edit, old: edit.text)  # loses the edit
    session = ReviewSession.open(handwritten)
    session.review.incident.title = "Kept, whatever the style"
    session.changed()
    session.save_now()
    assert handwritten.read_text() == store.dumps(session.review)


def test_a_text_that_cannot_be_mapped_is_written_afresh(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(
        "[[timeline]]\nat = 2026-01-01T10:00:00Z\n[timeline.x]\n[incident]\n[timeline.y]\n"
    )
    session = ReviewSession.open(path)
    del session.review.timeline[0]
    session.changed()
    session.save_now()
    assert path.read_text() == store.dumps(session.review)


TRICKY = [
    "",
    '"',
    '""',
    '"""',
    "'",
    "'''",
    "a\\b",
    "\t",
    "\x1f",
    "line\n",
    "\nfirst",
    'end"',
    "x\r\ny",
]


@pytest.mark.parametrize("quotes", ['"a"', "'a'", '"""\na"""', "'''\na'''", '"""a"""'])
@pytest.mark.parametrize("value", TRICKY)
def test_text_in_any_quotes_reads_back_as_set(quotes, value):
    document = tomlkit.parse(f"s = {quotes}  # kept\n")
    toml_values.update(document, "s", "a", value, ZoneInfo("UTC"))
    assert tomllib.loads(document.as_string())["s"] == value
    assert document.as_string().endswith("  # kept\n")


def test_import_chat_into_a_hand_written_review_only_adds_blocks(handwritten, capsys):
    from pmtui.cli.commands import main

    before = handwritten.read_text(encoding="utf-8")
    chat = Path(__file__).resolve().parents[1] / "fixtures" / "chat" / "pasted-colon.txt"
    assert main(["import-chat", str(handwritten), str(chat), "--no-people"]) == 0
    out, into = changed_lines(before, handwritten.read_text(encoding="utf-8"))
    assert out == []
    assert into.count("[[timeline]]") == 3
    assert "text = 'Checkout 5xx alert fired'" in handwritten.read_text(encoding="utf-8")


def test_a_table_only_its_subtables_made_gets_its_own_header_before_them(tmp_path):
    path = tmp_path / "agenda.toml"
    path.write_text('schema_version = 1\n\n[[meeting.agenda]]\ntitle = "Timeline"\n')
    text, old, session = opened(path)
    session.review.meeting.started_at = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
    assert saved(text, old, session) == (
        "schema_version = 1\n\n[meeting]\nstarted_at = 2026-11-20 14:00:00+00:00\n\n"
        '[[meeting.agenda]]\ntitle = "Timeline"\n'
    )


def test_a_day_given_a_time_is_written_local_and_a_repeated_hour_with_its_offset(tmp_path):
    path = tmp_path / "london.toml"
    path.write_text(
        '[incident]\ntimezone = "Europe/London"\n\n'
        "[[timeline]]\nat = 2026-10-24\n\n[[timeline]]\nat = 2026-10-24T09:00:00\n"
    )
    text, old, session = opened(path)
    day, local = session.review.timeline
    day.place(dt.datetime(2026, 10, 24, 13, 5, tzinfo=dt.UTC))
    local.at = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 01:30 comes twice in London
    _, into = changed_lines(text, saved(text, old, session))
    assert into == ["at = 2026-10-24T14:05:00", "at = 2026-10-25T01:30:00+00:00"]


def test_tomlkit_waits_for_the_first_save_that_changes_something(handwritten):
    """The app's first frame and the opening of a review do without it (~17 ms to import)."""
    probe = (
        "import sys; from pathlib import Path; from pmtui.tui.app import make_app; "
        "from pmtui.files.session import ReviewSession; "
        f"s = ReviewSession.open(Path({str(handwritten)!r})); s.changed(); s.save_now(); "
        "print('tomlkit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_removing_the_last_event_keeps_the_comment_heading_the_next_section(handwritten):
    text, old, session = opened(handwritten)
    del session.review.timeline[-1]
    result = saved(text, old, session)
    assert "errors back to baseline" not in result
    assert '\nmilestone = "resolved"' not in result
    assert 'who = "Rosa"\n\n# --- Actions -----' in result


def test_a_bare_figure_as_an_impact_value_reads_as_its_text_and_stays_bare(tmp_path):
    """`value = 1200` (as the README's diff shows a value) was refused: "Input should be a
    valid string (got 1200)"."""
    path = tmp_path / "figures.toml"
    path.write_text(
        '[incident]\ntitle = "Checkout down"\n\n'
        '[[impact]]\nmetric = "Users affected"\nvalue = 1200\n\n'
        '[[impact]]\nmetric = "SLA breached?"\nvalue = true\n\n'
        '[[impact]]\nmetric = "Error rate"\nvalue = 12.5\n'
    )
    before = path.read_text()
    session = ReviewSession.open(path)
    assert [row.value for row in session.review.impact] == ["1200", "true", "12.5"]
    session.review.incident.title = "Checkout slow"
    session.changed()
    session.save_now()
    assert changed_lines(before, without_given_ids(path.read_text())) == (
        ['title = "Checkout down"'],
        ['title = "Checkout slow"'],
    )
