"""Timeline times as typed: a day alone, `~` for approximate, and how each is shown."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pmtui.document.timeparse import (
    EventTime,
    TimeInputError,
    event_time_text,
    read_event_time,
    split_event_entry,
)

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)  # 14:00 in Paris
PREVIOUS = dt.datetime(2026, 11, 19, 22, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:05", EventTime(dt.datetime(2026, 11, 19, 14, 5, tzinfo=PARIS))),
        ("~14:05", EventTime(dt.datetime(2026, 11, 19, 14, 5, tzinfo=PARIS), approx=True)),
        ("~ +15m", EventTime(dt.datetime(2026, 11, 19, 22, 45, tzinfo=PARIS), approx=True)),
        ("2018-10-22", EventTime(dt.datetime(2018, 10, 22, tzinfo=PARIS), day_only=True)),
        (
            "~2018-10-22",
            EventTime(dt.datetime(2018, 10, 22, tzinfo=PARIS), day_only=True, approx=True),
        ),
        ("2018-10-22 23:09", EventTime(dt.datetime(2018, 10, 22, 23, 9, tzinfo=PARIS))),
        (
            "2018-10-22 ~23:09",
            EventTime(dt.datetime(2018, 10, 22, 23, 9, tzinfo=PARIS), approx=True),
        ),
    ],
)
def test_read_event_time(text, expected):
    assert read_event_time(text, PARIS, now=NOW, previous=PREVIOUS) == expected


@pytest.mark.parametrize("text", ["~", "~soon", "2018-13-40", "~2018-10-22 25:00"])
def test_a_bad_time_still_says_what_would_do(text):
    with pytest.raises(TimeInputError):
        read_event_time(text, PARIS, now=NOW)


@pytest.mark.parametrize("text", ["9999-12-31 14:05", "9999-12-31", "0001-01-01 00:30"])
def test_a_time_in_year_1_or_9999_is_refused_as_typed(text):
    """Saved, such a time made the file one pmtui refuses to open again."""
    with pytest.raises(TimeInputError, match=r"year (1|9999) is out of range"):
        read_event_time(text, PARIS, now=NOW)


@pytest.mark.parametrize(
    ("time", "shown", "in_form"),
    [
        (EventTime(PREVIOUS), "Thu 19 Nov 22:30", "2026-11-19 22:30"),
        (EventTime(PREVIOUS, approx=True), "Thu 19 Nov ~22:30", "2026-11-19 22:30"),
        (EventTime(PREVIOUS.replace(hour=0, minute=0), day_only=True), "Thu 19 Nov", "2026-11-19"),
    ],
)
def test_event_time_text(time, shown, in_form):
    assert event_time_text(time, PARIS, "%a %d %b") == shown
    assert event_time_text(time, PARIS, "%Y-%m-%d", mark_approx=False) == in_form


@pytest.mark.parametrize(
    ("entry", "parts"),
    [
        ("~14:05 Adam restarts the db", ("~14:05", "Adam restarts the db")),
        ("2018-10-22 customers told", ("2018-10-22", "customers told")),
        ("2018-10-22 14:05 paged", ("2018-10-22 14:05", "paged")),
        ("2018-10-22 ~14:05 paged", ("2018-10-22 ~14:05", "paged")),
        ("~ engineers paged", (None, "~ engineers paged")),
        # A colon, comma or dash after the time parts it from the words, as people write
        ("14:05: Adam restarts the db", ("14:05", "Adam restarts the db")),
        ("14:05, rollback", ("14:05", "rollback")),
        ("+15m: rollback done", ("+15m", "rollback done")),
        ("14:05 - pager fired", ("14:05", "pager fired")),
        ("14:05 -1 replica", ("14:05", "-1 replica")),  # a dash starting a word stays
        ("14:05-14:10 outage", (None, "14:05-14:10 outage")),  # a range is no time alone
        ("14:05:30 paged", ("14:05:30", "paged")),
    ],
)
def test_split_event_entry_with_approximate_times_and_days(entry, parts):
    assert split_event_entry(entry) == parts
