"""Reading chat logs: each shape from a small hand-written fixture in tests/fixtures/chat."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
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


def test_pasted_time_name_colon_lines():
    log = read_chat(CHAT / "pasted-colon.txt", ZoneInfo("America/New_York"), DAY)
    assert log.shape == "colon"
    assert rows(log) == [
        (utc("2026-11-20 15:42"), "adam", "db is down"),
        (utc("2026-11-20 15:43"), "José", "on it\n    still on it"),
        (utc("2026-11-20 15:50"), "adam", "resolved"),
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
