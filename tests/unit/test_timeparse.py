import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from pmtui.document.timeparse import TimeInputError, parse_due, parse_event_time, split_event_entry

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)  # 14:00 in Paris
PREVIOUS = dt.datetime(2026, 11, 19, 22, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", dt.datetime(2026, 11, 20, 14, 0, tzinfo=PARIS)),
        ("14:05", dt.datetime(2026, 11, 19, 14, 5, tzinfo=PARIS)),  # the previous event's day
        ("2026-11-20 09:07", dt.datetime(2026, 11, 20, 9, 7, tzinfo=PARIS)),
        ("2026-11-20T09:07:30", dt.datetime(2026, 11, 20, 9, 7, 30, tzinfo=PARIS)),
        ("+15m", dt.datetime(2026, 11, 19, 22, 45, tzinfo=PARIS)),
        ("+2h", dt.datetime(2026, 11, 20, 0, 30, tzinfo=PARIS)),  # across midnight
    ],
)
def test_event_times(text, expected):
    assert parse_event_time(text, PARIS, now=NOW, previous=PREVIOUS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 nov 10:55", dt.datetime(2026, 11, 14, 10, 55, tzinfo=PARIS)),
        ("nov 14 10:55", dt.datetime(2026, 11, 14, 10, 55, tzinfo=PARIS)),
        ("14 November 10:55pm", dt.datetime(2026, 11, 14, 22, 55, tzinfo=PARIS)),
        ("20 nov 9:00", dt.datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)),  # today: the last one
        ("20 dec 10:00", dt.datetime(2025, 12, 20, 10, 0, tzinfo=PARIS)),  # not yet this year
        ("29 feb 10:00", dt.datetime(2024, 2, 29, 10, 0, tzinfo=PARIS)),  # the last 29 Feb
        ("14 nov 2025 10:55", dt.datetime(2025, 11, 14, 10, 55, tzinfo=PARIS)),
        ("24 dec 2026 10:00", dt.datetime(2026, 12, 24, 10, 0, tzinfo=PARIS)),  # as written
    ],
)
def test_a_day_and_month_is_the_last_one_unless_the_year_is_written(text, expected):
    """A timeline is what happened: `14 nov` is the last 14 November, as `sat` is the last
    Saturday (a due date's `14 nov` is the next one)."""
    assert parse_event_time(text, PARIS, now=NOW, previous=PREVIOUS) == expected


def test_a_day_and_month_today_later_than_now_asks_for_the_day():
    with pytest.raises(TimeInputError, match="later than now"):
        parse_event_time("20 nov 18:00", PARIS, now=NOW)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("fri 9:00", dt.date(2026, 11, 20)),  # today's, already past
        ("fri 18:00", dt.date(2026, 11, 13)),  # today's is still to come: last week's
        ("thu 18:00", dt.date(2026, 11, 19)),
    ],
)
def test_a_weekday_is_the_last_one_that_has_passed(text, day):
    """On a Friday at 14:00, `fri 18:00` is the last Friday 18:00 there was, a week ago:
    it was refused, with a suggestion (`yesterday fri 18:00`) that was refused too."""
    assert parse_event_time(text, PARIS, now=NOW).date() == day


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("20 nov 18:00", "20 nov 18:00 is later than now: say the day (yesterday 18:00)"),
        ("today 6pm", "today 6pm is later than now: say the day (yesterday 6pm)"),
        ("18:00", "18:00 today is later than now: say the day (yesterday 18:00)"),
    ],
)
def test_a_time_later_than_now_suggests_one_that_reads(text, said):
    with pytest.raises(TimeInputError) as refused:
        parse_event_time(text, PARIS, now=NOW)
    assert str(refused.value) == said
    suggested = said.split("(")[-1].rstrip(")")
    assert parse_event_time(suggested, PARIS, now=NOW).date() == dt.date(2026, 11, 19)


def test_clock_time_without_previous_event_is_today_in_the_review_zone():
    late = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)  # already the 21st in Paris
    assert parse_event_time("00:10", PARIS, now=late).date() == dt.date(2026, 11, 21)


@pytest.mark.parametrize("text", ["08:00", "11:27pm"])
def test_a_clock_time_later_today_with_nothing_before_it_asks_for_the_day(text):
    late = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 21st in Paris
    with pytest.raises(TimeInputError, match=f"{text} today is later than now: say the day"):
        parse_event_time(text, PARIS, now=late)
    assert parse_event_time(f"yesterday {text}", PARIS, now=late).date() == dt.date(2026, 11, 20)
    previous = dt.datetime(2026, 11, 19, 7, tzinfo=PARIS)  # a previous event's day: its own
    assert parse_event_time(text, PARIS, now=late, previous=previous).date() == previous.date()


def test_a_clock_time_later_than_now_on_the_previous_events_day_asks_for_the_day():
    now = dt.datetime(2026, 11, 20, 15, 0, tzinfo=PARIS)
    previous = dt.datetime(2026, 11, 20, 14, 0, tzinfo=PARIS)  # earlier today
    with pytest.raises(TimeInputError, match="23:50 today is later than now: say the day"):
        parse_event_time("23:50", PARIS, now=now, previous=previous)
    assert parse_event_time("14:30", PARIS, now=now, previous=previous).hour == 14
    with pytest.raises(TimeInputError, match="later than now"):
        parse_event_time("+2h", PARIS, now=now, previous=previous)
    written = parse_event_time("2026-12-24 10:00", PARIS, now=now)  # a date written out
    assert written.date() == dt.date(2026, 12, 24)


LATE = dt.datetime(2026, 11, 19, 23, 58, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:20", dt.datetime(2026, 11, 20, 0, 20, tzinfo=PARIS)),  # past midnight
        ("23:40", dt.datetime(2026, 11, 19, 23, 40, tzinfo=PARIS)),  # remembered late
        ("12:00", dt.datetime(2026, 11, 19, 12, 0, tzinfo=PARIS)),  # less than half a day back
        ("11:50", dt.datetime(2026, 11, 20, 11, 50, tzinfo=PARIS)),  # more: the next day
        ("13:30", dt.datetime(2026, 11, 19, 13, 30, tzinfo=PARIS)),  # the next day's is to come
    ],
)
def test_typed_onward_a_clock_far_back_is_on_the_next_day(text, expected):
    assert parse_event_time(text, PARIS, now=NOW, previous=LATE, onward=True) == expected


def test_typed_onward_half_a_day_is_counted_in_real_time_on_the_day_the_clocks_change():
    """25 Oct 2026 in Paris has 25 hours: 00:00 is 12h50m before 11:50, though the clocks
    read 11h50m apart."""
    previous = dt.datetime(2026, 10, 25, 11, 50, tzinfo=PARIS)
    now = dt.datetime(2026, 10, 27, 9, 0, tzinfo=PARIS)
    at = parse_event_time("00:00", PARIS, now=now, previous=previous, onward=True)
    assert at == dt.datetime(2026, 10, 26, 0, 0, tzinfo=PARIS)


def test_not_onward_a_clock_stays_on_the_previous_events_day():
    """An event's own time edited: `00:20` keeps its day, as README says."""
    at = parse_event_time("00:20", PARIS, now=NOW, previous=LATE)
    assert at == dt.datetime(2026, 11, 19, 0, 20, tzinfo=PARIS)


def test_an_offset_with_no_event_before_says_so():
    """It said `+15m after the previous event is later than now`, of an event not there."""
    with pytest.raises(TimeInputError) as refused:
        parse_event_time("+15m", PARIS, now=NOW)
    assert str(refused.value) == "+15m counts from the event before, and there is none yet"


@pytest.mark.parametrize("text", ["soon", "25:00", "14:5", "2026-13-01 10:00", "+5x", ""])
def test_bad_event_times_say_what_would_do(text):
    with pytest.raises(TimeInputError, match=r"14:05|no such time"):
        parse_event_time(text, PARIS, now=NOW)


@pytest.mark.parametrize(
    ("entry", "parts"),
    [
        ("14:05 Adam restarts the db", ("14:05", "Adam restarts the db")),
        ("+15m   rollback starts", ("+15m", "rollback starts")),
        ("2026-11-20 14:05 paged", ("2026-11-20 14:05", "paged")),
        ("now customers report errors", ("now", "customers report errors")),
        ("Now the team rolls back", (None, "Now the team rolls back")),  # a sentence
        ("NOW THE TEAM ROLLS BACK", (None, "NOW THE TEAM ROLLS BACK")),
        ("Now", ("Now", "")),  # a time with nothing after it: the entry asks for the words
        ("customers report errors", (None, "customers report errors")),
        ("nowhere to be found", (None, "nowhere to be found")),
        ("14 nov 10:55 rollback agreed", ("14 nov 10:55", "rollback agreed")),
        ("nov 14 ~10:55 rollback", ("nov 14 ~10:55", "rollback")),
        ("12 decisions made at 10:00", (None, "12 decisions made at 10:00")),
        ("14 nov rollback", (None, "14 nov rollback")),
    ],
)
def test_split_event_entry(entry, parts):
    assert split_event_entry(entry) == parts


TODAY = dt.date(2026, 11, 20)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("+2w", dt.date(2026, 12, 4)),
        ("+3d", dt.date(2026, 11, 23)),
        ("fri", dt.date(2026, 11, 27)),  # the next Friday, not today
        ("Monday", dt.date(2026, 11, 23)),
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 11, 21)),
        ("", None),
    ],
)
def test_due_dates(text, expected):
    assert parse_due(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["next week", "+2h", "mo", "2026-02-30"])
def test_bad_due_dates(text):
    with pytest.raises(TimeInputError):
        parse_due(text, today=TODAY)


@pytest.mark.parametrize(
    ("read", "text", "said"),
    [
        (lambda text: parse_event_time(text, PARIS, now=NOW), "Soon", "'Soon' is not a time"),
        (lambda text: parse_event_time(text, PARIS, now=NOW), "Nov 31 9:00", "'Nov 31 9:00'"),
        (lambda text: parse_due(text, today=NOW.date()), "Someday", "'Someday' is not a date"),
        (lambda text: parse_due(text, today=NOW.date()), "+2Y", "'+2Y': a due date counts"),
    ],
)
def test_a_problem_quotes_the_text_as_it_was_typed(read, text, said):
    """Read whatever its case, but quoted as typed: a problem quoting `soon` for `Soon`
    read as if pmtui had changed the words."""
    with pytest.raises(TimeInputError, match=re.escape(said)):
        read(text)
