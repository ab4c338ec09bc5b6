"""Dates and times typed the way people say them: `+1m`, `next mon`, `12 dec`, `11:27pm`,
`sat 19:00`, `yesterday 18:00`; any other text is a TimeInputError, never a crash."""

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui.document.timeparse import (
    TimeInputError,
    parse_due,
    parse_event_time,
    read_event_time,
    split_event_entry,
)
from pmtui.errors import OneLineError

TODAY = dt.date(2026, 11, 20)  # a Friday
PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)  # Friday 14:00 in Paris
PREVIOUS = dt.datetime(2026, 11, 19, 22, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", dt.date(2026, 11, 23)),
        ("+1w", dt.date(2026, 11, 27)),
        ("+1m", dt.date(2026, 12, 20)),
        ("+2m", dt.date(2027, 1, 20)),  # across the year
        ("+1q", dt.date(2027, 2, 20)),
        ("+1 week", dt.date(2026, 11, 27)),  # as the templates' milestones write it
        ("+1 month", dt.date(2026, 12, 20)),
        ("+1 quarter", dt.date(2027, 2, 20)),
        ("fri", dt.date(2026, 11, 27)),  # the next one, never today
        ("next mon", dt.date(2026, 11, 23)),
        ("Next Friday", dt.date(2026, 11, 27)),
        ("12 dec", dt.date(2026, 12, 12)),
        ("dec 12", dt.date(2026, 12, 12)),
        ("12 December", dt.date(2026, 12, 12)),
        ("20 nov", TODAY),  # today is still this year's
        ("19 nov", dt.date(2027, 11, 19)),  # passed: next year's
        ("jan 3", dt.date(2027, 1, 3)),
        ("29 feb", dt.date(2028, 2, 29)),  # the next year that has one
        ("12 dec 2027", dt.date(2027, 12, 12)),
        ("2026-12-12", dt.date(2026, 12, 12)),
    ],
)
def test_due_dates_as_people_say_them(text, expected):
    assert parse_due(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),  # clamped to the month's end
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),  # a leap year's end
        (dt.date(2026, 3, 31), dt.date(2026, 4, 30)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
    ],
)
def test_a_month_later_is_the_same_day_or_the_months_last(today, expected):
    assert parse_due("+1m", today=today) == expected


def test_a_quarter_later_is_clamped_too():
    assert parse_due("+1q", today=dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)


@pytest.mark.parametrize("text", ["+2h", "+1y", "31 feb", "32 dec", "dec", "next", "someday"])
def test_due_dates_that_are_none_say_what_would_do(text):
    with pytest.raises(TimeInputError) as raised:
        parse_due(text, today=TODAY)
    assert isinstance(raised.value, OneLineError)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:27pm", dt.datetime(2026, 11, 19, 23, 27, tzinfo=PARIS)),  # the previous event's day
        ("11:27 PM", dt.datetime(2026, 11, 19, 23, 27, tzinfo=PARIS)),
        ("9am", dt.datetime(2026, 11, 19, 9, 0, tzinfo=PARIS)),
        ("12am", dt.datetime(2026, 11, 19, 0, 0, tzinfo=PARIS)),
        ("12:30pm", dt.datetime(2026, 11, 19, 12, 30, tzinfo=PARIS)),
        ("23:27", dt.datetime(2026, 11, 19, 23, 27, tzinfo=PARIS)),
        ("sat 19:00", dt.datetime(2026, 11, 14, 19, 0, tzinfo=PARIS)),  # the last Saturday
        ("fri 09:00", dt.datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)),  # today is Friday
        ("Saturday 7pm", dt.datetime(2026, 11, 14, 19, 0, tzinfo=PARIS)),
        ("yesterday 18:00", dt.datetime(2026, 11, 19, 18, 0, tzinfo=PARIS)),
        ("today 8:15", dt.datetime(2026, 11, 20, 8, 15, tzinfo=PARIS)),
        ("+15m", dt.datetime(2026, 11, 19, 22, 45, tzinfo=PARIS)),  # after the previous event
        ("2026-11-18 11:27pm", dt.datetime(2026, 11, 18, 23, 27, tzinfo=PARIS)),
    ],
)
def test_event_times_as_people_say_them(text, expected):
    assert parse_event_time(text, PARIS, now=NOW, previous=PREVIOUS) == expected


def test_approximate_and_spoken_times_combine():
    time = read_event_time("~yesterday 6pm", PARIS, now=NOW, previous=PREVIOUS)
    assert (time.at, time.approx, time.day_only) == (
        dt.datetime(2026, 11, 19, 18, 0, tzinfo=PARIS),
        True,
        False,
    )


@pytest.mark.parametrize("text", ["13pm", "0am", "11:27xm", "sa 19:00", "yesterday", "25:00"])
def test_event_times_that_are_none_say_what_would_do(text):
    with pytest.raises(TimeInputError):
        parse_event_time(text, PARIS, now=NOW, previous=PREVIOUS)


@pytest.mark.parametrize(
    ("entry", "parts"),
    [
        ("11:27pm DB latency alert fires", ("11:27pm", "DB latency alert fires")),
        ("11:27 pm paged", ("11:27 pm", "paged")),
        ("Sat 19:00 rollback", ("Sat 19:00", "rollback")),
        ("yesterday 18:00 deploy", ("yesterday 18:00", "deploy")),
        ("~yesterday 18:00 deploy", ("~yesterday 18:00", "deploy")),
        ("11:27 amazon alerts", ("11:27", "amazon alerts")),
        ("sat down with the DBA", (None, "sat down with the DBA")),
        ("5 people paged", (None, "5 people paged")),
    ],
)
def test_spoken_times_start_an_entry_line(entry, parts):
    assert split_event_entry(entry) == parts


@given(st.text(max_size=30))
def test_any_text_is_a_due_date_or_a_time_input_error(text):
    try:
        due = parse_due(text, today=TODAY)
    except TimeInputError:
        return
    assert due is None or isinstance(due, dt.date)


@given(st.text(alphabet="0123456789+:~ -apmdwqhsnextfriyesterdaydecmon", max_size=20))
def test_any_near_miss_is_a_date_or_a_time_input_error(text):
    with contextlib.suppress(TimeInputError):
        assert isinstance(parse_due(text, today=TODAY), dt.date | None)
    with contextlib.suppress(TimeInputError):
        assert isinstance(read_event_time(text, PARIS, now=NOW, previous=PREVIOUS).at, dt.datetime)


@given(st.text(max_size=30))
def test_any_text_is_an_event_time_or_a_time_input_error(text):
    try:
        time = read_event_time(text, PARIS, now=NOW, previous=PREVIOUS)
    except TimeInputError:
        return
    assert isinstance(time.at, dt.datetime)
