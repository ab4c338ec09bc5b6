"""The day pmtui counts from: the calendar's, or the one PMTUI_TODAY fixes for a run."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES

from pmtui.cli import main as command_line
from pmtui.document import today
from pmtui.document.model import Event, Review
from pmtui.files import store


def test_the_variable_fixes_the_day(monkeypatch):
    monkeypatch.setenv("PMTUI_TODAY", "2031-02-28")
    assert today.today() == dt.date(2031, 2, 28)
    moment = today.now()
    assert moment.date() == dt.date(2031, 2, 28)
    assert moment.tzinfo is not None


def test_a_bad_value_is_one_line(monkeypatch):
    monkeypatch.setenv("PMTUI_TODAY", "next tuesday")
    with pytest.raises(today.TodayError, match="YYYY-MM-DD"):
        today.today()


@pytest.mark.parametrize(("day", "code"), [("2026-11-20", 0), ("2031-01-01", 1)])
def test_check_counts_overdue_actions_as_of_the_fixed_day(monkeypatch, day, code):
    """The sample's last action is due 2026-11-27: on time the week of the review, overdue
    years later. The CLI reads the same variable as the suite."""
    monkeypatch.setenv("PMTUI_TODAY", day)
    sample = str(SAMPLES / "pet-clinic-dojo.toml")
    result = subprocess.run(
        [sys.executable, "-m", "pmtui", "check", sample], capture_output=True, text=True
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert ("overdue" in result.stdout) == (code == 1)


def test_a_bad_day_stops_the_cli_with_one_line(monkeypatch):
    monkeypatch.setenv("PMTUI_TODAY", "soon")
    sample = str(SAMPLES / "pet-clinic-dojo.toml")
    result = subprocess.run(
        [sys.executable, "-m", "pmtui", "check", sample], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "PMTUI_TODAY" in result.stderr


@pytest.fixture
def west_of_greenwich(monkeypatch):
    """The machine's local time in New York, at 02:30 UTC: locally still the day before."""
    monkeypatch.delenv("PMTUI_TODAY")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    monkeypatch.setattr(today, "_utc_now", lambda: dt.datetime(2026, 12, 6, 2, 30, tzinfo=dt.UTC))
    yield
    monkeypatch.undo()
    time.tzset()


def test_without_the_variable_it_is_the_clocks_local_date(west_of_greenwich):
    """The date where the machine is (New York), not UTC's; and the clock's moment."""
    assert today.today() == dt.date(2026, 12, 5)
    assert today.now() == dt.datetime(2026, 12, 6, 2, 30, tzinfo=dt.UTC)


def test_check_counts_the_day_in_the_reviews_own_timezone(west_of_greenwich, tmp_path, capsys):
    """`check` called an event of half an hour ago, in a UTC review, "dated after today":
    it took the local date, where the app takes the day in the review's timezone."""
    path = tmp_path / "review.toml"
    at = dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.UTC)
    store.save(Review(timeline=[Event(at=at, text="db alarms fire")]), path)
    command_line(["check", str(path)])
    assert "after today" not in capsys.readouterr().out
    assert today.today_in(dt.UTC) == dt.date(2026, 12, 6)
    assert today.today() == dt.date(2026, 12, 5)  # the local date, for what has no timezone


def test_new_dates_a_review_as_the_app_does(west_of_greenwich, tmp_path):
    path = tmp_path / "new.toml"
    assert command_line(["new", str(path)]) == 0
    assert store.load(path).incident.review_date == dt.date(2026, 12, 6)
