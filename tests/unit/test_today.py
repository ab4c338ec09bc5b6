"""The day pmtui counts from: the calendar's, or the one PMTUI_TODAY fixes for a run."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from conftest import SAMPLES

from pmtui.document import today


def test_the_variable_fixes_the_day(monkeypatch):
    monkeypatch.setenv("PMTUI_TODAY", "2031-02-28")
    assert today.today() == dt.date(2031, 2, 28)
    moment = today.now()
    assert moment.date() == dt.date(2031, 2, 28)
    assert moment.tzinfo is not None


def test_without_the_variable_it_is_the_calendar(monkeypatch):
    monkeypatch.delenv("PMTUI_TODAY")
    assert abs(today.today() - dt.date.today()) <= dt.timedelta(days=1)


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
