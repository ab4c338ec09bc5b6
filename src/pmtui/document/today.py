"""What day it is: the real one, or the one `PMTUI_TODAY` names.

Overdue actions, a new review's date and due dates such as `fri` or `+1w` all depend on the
day. `PMTUI_TODAY=YYYY-MM-DD` fixes it for a whole run: the test suite sets it, so no result
changes when a sample's due date passes, and a coach can replay a review as of its own day.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

from pmtui.errors import OneLineError

VARIABLE = "PMTUI_TODAY"


class TodayError(OneLineError):
    """`PMTUI_TODAY` is set to something that is not a date."""


def today() -> dt.date:
    """The day `PMTUI_TODAY` names, else the real local date."""
    fixed = _fixed()
    if not fixed:
        return _utc_now().astimezone().date()
    try:
        return dt.date.fromisoformat(fixed)
    except ValueError:
        raise TodayError(f"{VARIABLE}={fixed!r}: not a date; write it as YYYY-MM-DD") from None


def now() -> dt.datetime:
    """This moment in UTC; on the day `PMTUI_TODAY` names when it is set (same time of day)."""
    moment = _utc_now()
    if _fixed():
        return dt.datetime.combine(today(), moment.timetz())
    return moment


def today_in(zone: dt.tzinfo) -> dt.date:
    """The day it is in `zone`, as the app counts a review's day (its clock, in the review's
    timezone), so that `check` never calls an event of an hour ago "after today" where the
    local date is still yesterday; the day `PMTUI_TODAY` names when it is set."""
    if _fixed():
        return today()
    return _utc_now().astimezone(zone).date()


Day = dt.date | Callable[[dt.tzinfo], dt.date]
"""The day to count overdue actions on: one for every review (`--today`), or the day it is
in each review's own timezone (`today_in`), as the app and `check` count it."""


def day_in(day: Day, zone: dt.tzinfo) -> dt.date:
    return day if isinstance(day, dt.date) else day(zone)


def _utc_now() -> dt.datetime:
    """The one reading of the clock here (tests set it)."""
    return dt.datetime.now(dt.UTC)


def _fixed() -> str:
    """The day `PMTUI_TODAY` names, as written; empty when it is not set."""
    return os.environ.get(VARIABLE, "").strip()
