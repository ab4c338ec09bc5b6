"""Reading chat logs: each shape from a small hand-written fixture in tests/fixtures/chat."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.chat import ChatFormatError, read_chat, read_pasted

CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "chat"
LONDON = ZoneInfo("Europe/London")
DAY = dt.date(2026, 11, 20)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def rows(log):
    return [(m.at, m.who, m.text) for m in log.messages]


def test_slack_channel_folder_across_midnight_with_edits_threads_and_joins():
    log = read_chat(CHAT / "slack" / "incident-42", LONDON, DAY)
    assert log.shape == "slack"
    assert rows(log) == [
        (
            utc("2026-11-20 23:50"),
            "Adam",
            "checkout is throwing 500s, see status page (https://status.example.com)",
        ),
        (utc("2026-11-20 23:55:30"), "Zoë Ångström", "looking at the db & the pool\nCPU at 100%"),
        (utc("2026-11-20 23:57"), "Adam", "@Zoë Ångström can you check replication lag?"),
        (utc("2026-11-21 00:04"), "Zoë Ångström", "lag is 40 min, failing over"),
        (utc("2026-11-21 00:10"), "Adam", "all clear @here"),
    ]
    assert log.messages[0].link == "https://example.slack.com/archives/C42/p1795218600000200"
    assert all(
        m.at.tzinfo is not None and m.at.utcoffset() == dt.timedelta(0) for m in log.messages
    )


def test_a_single_slack_day_file():
    log = read_chat(CHAT / "slack" / "incident-42" / "2026-11-21.json", LONDON, DAY)
    assert [m.who for m in log.messages] == ["Zoë Ångström", "Adam"]


def test_the_whole_slack_export_asks_for_one_channel():
    with pytest.raises(ChatFormatError, match="give one channel's folder"):
        read_chat(CHAT / "slack", LONDON, DAY)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("broken-slack.json", r"broken-slack.json:4: not valid JSON \(Expecting ',' delimiter\)"),
        ("slack-no-ts.json", r"slack-no-ts.json: message 2: no valid `ts` \(got None\)"),
        ("unknown.txt", r"unknown.txt: not a chat log pmtui knows"),
        ("missing.log", r"missing.log: no such file"),
    ],
)
def test_malformed_chats_get_one_line(name, problem):
    with pytest.raises(ChatFormatError, match=problem) as caught:
        read_chat(CHAT / name, LONDON, DAY)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "\n  \n\t\n"])
def test_an_empty_chat_file_is_said_to_be_empty(tmp_path, text):
    empty = tmp_path / "empty.log"
    empty.write_text(text, encoding="utf-8")
    with pytest.raises(ChatFormatError, match=r"empty.log: nothing in it but blank lines$"):
        read_chat(empty, LONDON, DAY)


def test_irc_log_across_midnight_multi_line_actions_and_joins():
    log = read_chat(CHAT / "irc-midnight.log", LONDON, dt.date(2026, 1, 1))
    assert log.shape == "irc"
    assert rows(log) == [
        (utc("2026-11-20 23:50"), "adam", "checkout is throwing 500s"),
        (utc("2026-11-20 23:55"), "Zoë", "looking at the db\nit is at 100% cpu\nand climbing"),
        (utc("2026-11-21 00:03"), "adam", "adam restarts the primary"),
        (utc("2026-11-21 00:10"), "dan", "all clear"),
    ]
    assert log.ignored == 1  # the join


def test_irc_times_going_back_in_the_autumn_repeated_hour_stay_on_the_day():
    log = read_chat(CHAT / "irc-autumn-dst.log", LONDON, dt.date(2026, 10, 25))
    assert [m.at.astimezone(dt.UTC) for m in log.messages] == [
        utc("2026-10-24 23:50"),
        utc("2026-10-25 00:30"),
        utc("2026-10-25 00:55"),
        utc("2026-10-25 01:10"),
        utc("2026-10-25 02:05"),
    ]
    assert [m.at.utcoffset().total_seconds() for m in log.messages] == [3600] * 3 + [0] * 2


def test_matrix_log_with_dates_across_the_spring_change():
    log = read_chat(CHAT / "matrix-spring-dst.log", LONDON, DAY)
    assert [(m.at.astimezone(dt.UTC), m.who) for m in log.messages] == [
        (utc("2026-03-29 00:45:10"), "adam"),
        (utc("2026-03-29 01:15"), "Søren"),
        (utc("2026-03-29 02:00"), "adam"),
    ]


def test_bare_times_across_the_spring_change_stay_on_its_day():
    """01:30 never happens that night in London: the gap moves it on past 02:10, which must
    not read as the log crossing midnight (the rest of the log went to the next day)."""
    text = "[00:50] <adam> one\n[01:30] <adam> two\n[02:10] <adam> three\n[23:59] <adam> four\n"
    log = read_pasted(text, LONDON, dt.date(2026, 3, 29))
    assert [m.at.date() for m in log.messages] == [dt.date(2026, 3, 29)] * 4
    assert [m.at.astimezone(LONDON).strftime("%H:%M") for m in log.messages] == [
        "00:50", "02:30", "02:10", "23:59"]  # fmt: skip


def test_pasted_client_text_with_headers_edits_and_same_speaker_times():
    text = (CHAT / "pasted-header.txt").read_text()
    log = read_pasted(text, LONDON, DAY)
    assert log.shape == "header"
    assert rows(log) == [
        (utc("2026-11-20 23:58"), "Adam", "checkout returns 500s\non every request"),
        (utc("2026-11-20 23:59"), "Zoë Ångström", "looking"),
        (utc("2026-11-21 00:01"), "Zoë Ångström", "found it: the pool is exhausted"),
        (utc("2026-11-21 00:05"), "Adam", "👍 restarting"),
    ]
    assert log.ignored == 1  # the channel name above the first message


def test_a_time_alone_on_a_line_long_after_the_last_is_text():
    """ "9:00" under "restart at" is what Adam wrote, not his next message at 09:00 the
    next morning (which put Dan's 11:52 PM the next day too)."""
    text = "Adam 11:50 PM\nnew window, restart at\n9:00\nDan 11:52 PM\nok\n11:53 PM\ndone\n"
    log = read_pasted(text, LONDON, DAY)
    assert [(m.at.strftime("%d %H:%M"), m.who, m.text) for m in log.messages] == [
        ("20 23:50", "Adam", "new window, restart at\n9:00"),
        ("20 23:52", "Dan", "ok"),
        ("20 23:53", "Dan", "done"),
    ]


def test_pasted_time_name_colon_lines():
    log = read_chat(CHAT / "pasted-colon.txt", ZoneInfo("America/New_York"), DAY)
    assert log.shape == "colon"
    assert rows(log) == [
        (utc("2026-11-20 15:42"), "adam", "db is down"),
        (utc("2026-11-20 15:43"), "José", "on it\n    still on it"),
        (utc("2026-11-20 15:50"), "adam", "resolved"),
    ]


def test_pasted_notes_with_times_and_no_speaker():
    """The lines a scribe pastes on the entry line (`16:30 paged the DB team`): ctrl+t,
    which the entry line suggests for them, refused them as no chat it knew."""
    text = "16:30 paged the DB team\n16:35 failover started\n  on the replica\n16:40 done\n"
    log = read_pasted(text, LONDON, DAY)
    assert log.shape == "timed"
    assert rows(log) == [
        (utc("2026-11-20 16:30"), "", "paged the DB team"),
        (utc("2026-11-20 16:35"), "", "failover started\n  on the replica"),
        (utc("2026-11-20 16:40"), "", "done"),
    ]


def test_a_pasted_slack_day_file_reads_as_slack():
    text = (CHAT / "slack" / "incident-42" / "2026-11-21.json").read_text()
    assert read_pasted(text, LONDON, DAY).shape == "slack"


def test_an_impossible_time_names_its_line():
    with pytest.raises(ChatFormatError, match=r"^pasted text:2: '25:10' is not a time of day$"):
        read_pasted("[10:00] <adam> a\n[25:10] <adam> b\n", LONDON, DAY)


@given(st.text(max_size=300))
def test_any_text_reads_or_fails_with_one_line(text):
    try:
        log = read_pasted(text, LONDON, DAY)
    except ChatFormatError as error:
        assert "\n" not in str(error)
    else:
        times = [m.at for m in log.messages]
        assert all(t.tzinfo is not None for t in times)


def slack_day(*records) -> str:
    import json

    return json.dumps(list(records))


HOSTILE_FILES = {
    "truncated.json": ('[{"ts": "1795218600.0002", "text": "hi"', "not valid JSON"),
    "nested.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "digits.json": ('[{"ts": "1", "n": ' + "9" * 5000 + "}]", "not a Slack day file"),
    "far-ts.json": (slack_day({"ts": "9" * 30, "text": "x"}), "`ts` '999"),
    "no-message.json": (slack_day({"ts": "1", "subtype": "message_changed"}), "without its"),
    "year-9999.log": ("9999-12-31\n[23:50] <a> x\n[00:10] <a> y\n", ":2: a time around 9999"),
    "stamp-9999.log": ("[9999-12-31 23:59] <a> x\n[00:01] <a> y\n", ":1: a time around 9999"),
    "year-1.log": ("[0001-01-01 00:10] <a> x\n", ":1: a time around 0001"),
    "ts-9999.json": (slack_day({"ts": "253402300799.000", "text": "x"}), "`ts` '2534"),
    "latin-1.log": ("[10:00] <zoë> café".encode("latin-1"), "not UTF-8 text"),
    "binary.log": (bytes(range(256)) * 4, "not UTF-8 text"),
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_chat_files_get_one_line_naming_the_file(tmp_path, name):
    text, problem = HOSTILE_FILES[name]
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ChatFormatError) as caught:
        read_chat(path, LONDON, DAY)
    assert str(caught.value).startswith(str(path)) and problem in str(caught.value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


def test_wrong_types_in_a_slack_export_are_left_out_not_a_crash(tmp_path):
    channel = tmp_path / "export" / "incident"
    channel.mkdir(parents=True)
    (tmp_path / "export" / "users.json").write_text(
        slack_day({"id": "U1", "profile": "not an object", "name": ["x"]}, "junk", 7)
    )
    (channel / "2026-11-20.json").write_text(
        slack_day(
            {"ts": "1795218600", "text": "", "files": "not a list"},
            {"ts": "1795218601", "text": "", "files": [1, None, {"name": "graph.png"}]},
            {"ts": "1795218602", "text": "x", "bot_profile": "a bot", "user": "U1"},
            {"ts": "1795218603", "text": {"a": 1}, "user_profile": ["Zoë"]},
            {"ts": "1795218604", "text": "y", "username": 5, "permalink": {"u": 1}},
            {"ts": "1795218605", "text": "z", "user": {"id": "U1"}},
            {"ts": "1795218606", "text": "", "attachments": "not a list"},
            {"ts": 1795218607, "text": "w", "username": "tool"},  # a number, not text
        )
    )
    log = read_chat(channel, LONDON, DAY)
    assert [(m.who, m.text, m.link) for m in log.messages] == [
        ("", "(file: graph.png)", ""),  # no speaker: no participant named "?" or "{'id': …}"
        ("U1", "x", ""),
        ("", "y", ""),
        ("", "z", ""),
        ("tool", "w", ""),
    ]


def test_an_alert_bots_message_of_attachments_only_reads_as_their_text(tmp_path):
    """PagerDuty's "Triggered" message, often what detected the incident, has no text of
    its own: each attachment's fallback (else its text, else its title) is its text."""
    day = tmp_path / "2026-11-20.json"
    alert = {"fallback": "Triggered #123: CPU > 95% on db-1", "title": "Triggered #123"}
    day.write_text(
        slack_day(
            {"ts": "1795218600", "username": "PagerDuty", "text": "", "attachments": [alert]},
            {"ts": "1795218601", "user": "U1", "text": "", "attachments": [{"title": "Runbook"}]},
        )
    )
    log = read_chat(day, LONDON, DAY)
    assert [(m.who, m.text) for m in log.messages] == [
        ("PagerDuty", "Triggered #123: CPU > 95% on db-1"),
        ("U1", "Runbook"),
    ]


def test_a_log_in_utf16_or_with_half_a_character_is_read_and_mended(tmp_path):
    """A log is only read: UTF-16 with its mark is read, and half a character (a lone
    surrogate written as UTF-8) becomes U+FFFD, as in a Slack export's JSON."""
    wide, halves = tmp_path / "wide.log", tmp_path / "halves.log"
    wide.write_bytes("[10:00] <zoë> café down\r\n".encode("utf-16"))
    halves.write_bytes(b"[10:00] <adam> db " + b"\xed\xa0\x80" + b" down\n")
    assert rows(read_chat(wide, LONDON, DAY)) == [(utc("2026-11-20 10:00"), "zoë", "café down")]
    assert rows(read_chat(halves, LONDON, DAY))[0][2] == "db \ufffd down"


def test_a_folder_with_an_unreadable_day_file_names_it(tmp_path):
    (tmp_path / "2026-11-20.json").write_text("[]")
    (tmp_path / "2026-11-21.json").mkdir()  # unreadable as a file, even for root
    with pytest.raises(ChatFormatError, match=r"2026-11-21.json: is a folder, not a chat log$"):
        read_chat(tmp_path, LONDON, DAY)


def test_a_name_the_system_refuses_is_one_line(tmp_path):
    with pytest.raises(ChatFormatError, match="cannot read"):
        read_chat(tmp_path / ("x" * 5000), LONDON, DAY)
    with pytest.raises(ChatFormatError, match="cannot read"):
        read_chat(tmp_path / "nul\0.log", LONDON, DAY)


def test_lone_surrogates_from_json_escapes_become_replacement_characters():
    text = (
        r'[{"ts": "1795218600", "text": "db \ud800 down",'
        r' "user_profile": {"real_name": "Z\udc00"}}]'
    )
    [message] = read_pasted(text, LONDON, DAY).messages
    assert (message.who, message.text) == ("Z\ufffd", "db \ufffd down")


def test_a_megabyte_line_reads_as_one_message():
    log = read_pasted("[10:00] <adam> " + "word " * 200_000 + "\n", LONDON, DAY)
    assert len(log.messages) == 1 and len(log.messages[0].text) == 999_999


def test_long_runs_of_blanks_read_in_one_pass_and_edited_still_goes():
    """Taking "(edited)" off with a regex tried `\\s*` from each blank of a run: a message
    holding 80,000 spaces took 11 s, 400,000 would take minutes (here, the suite's limit)."""
    log = read_pasted(
        "[10:00] <adam> a" + " " * 400_000 + "b\n" + "\n" * 400_000 + "[10:01] <dan> ok (edited)\n",
        LONDON,
        DAY,
    )
    assert len(log.messages[0].text) == 400_002
    assert log.messages[1].text == "ok"


@settings(max_examples=300)
@given(st.binary(max_size=400), st.sampled_from([".log", ".json", ".txt"]))
def test_any_bytes_in_a_file_read_or_fail_with_one_line_naming_it(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("chat") / f"chat{suffix}"
    path.write_bytes(data)
    try:
        read_chat(path, LONDON, DAY)
    except ChatFormatError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)
SLACK_KEYS = ("ts", "text", "user", "user_profile", "files", "bot_profile", "subtype", "message")


@settings(max_examples=300)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(SLACK_KEYS), JSON | st.sampled_from(["1795218600"])),
        max_size=4,
    )
)
def test_slack_records_of_any_shape_read_or_fail_with_one_line(records):
    try:
        read_pasted(slack_day(*records) or "[]", LONDON, DAY)
    except ChatFormatError as error:
        assert str(error).startswith("pasted text") and "\n" not in str(error)


TONIGHT = "[22:40] <adam> checkout is down\n[23:55] <dan> failing over\n[00:20] <adam> all clear\n"


def test_bare_times_that_would_end_after_the_import_are_last_night_s():
    """Imported at 00:30 into a review dated today (a new review's date), the chat's
    22:40 landed 22 hours in the future; it is yesterday's, up to 00:20 today."""
    now = utc("2026-11-21 00:30")
    log = read_pasted(TONIGHT, LONDON, dt.date(2026, 11, 21), not_after=now)
    assert [m.at for m in log.messages] == [
        utc("2026-11-20 22:40"),
        utc("2026-11-20 23:55"),
        utc("2026-11-21 00:20"),
    ]


def test_bare_times_go_back_as_many_days_as_they_run_ahead():
    now = utc("2026-11-23 09:00")
    log = read_pasted("[10:42] <adam> db is down\n", LONDON, dt.date(2026, 11, 25), not_after=now)
    assert [m.at for m in log.messages] == [utc("2026-11-22 10:42")]


def test_a_chat_in_the_past_or_with_its_own_dates_keeps_its_days(tmp_path):
    day = dt.date(2026, 11, 20)
    past = read_pasted(TONIGHT, LONDON, day, not_after=utc("2026-11-21 09:00"))
    assert past.messages[0].at == utc("2026-11-20 22:40")
    dated = "--- Day changed Fri Nov 27 2026\n[10:42] <adam> planned failover\n"
    early = utc("2026-11-21 09:00")  # a date the log says is the log's, even a later one
    assert read_pasted(dated, LONDON, day, not_after=early).messages[0].at == utc(
        "2026-11-27 10:42"
    )
    stamped = tmp_path / "stamped.log"
    stamped.write_text("[2026-11-27 10:42:05] <adam> planned failover\n", encoding="utf-8")
    assert read_chat(stamped, LONDON, day, not_after=early).messages[0].at == utc(
        "2026-11-27 10:42:05"
    )
