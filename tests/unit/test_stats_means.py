"""`pmtui stats`: the dojo's means add up as printed, say how sure they are, and line up.

Pure: reviews are built in memory and summarised with a fixed `today`."""

import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.analysis import columns, stats
from pmtui.document.model import Action, Event, Milestone, Review

M = Milestone
TODAY = dt.date(2026, 11, 20)
IMPACT, DETECTED, ISOLATED, RESOLVED = (
    M.IMPACT_STARTED,
    M.DETECTED,
    M.ROOT_CAUSE,
    M.RESOLVED,
)


def downtime(day: int, *marks: tuple[float, Milestone], approx: tuple[Milestone, ...] = ()):
    """A review starting on 2026-01-`day` at 10:00, with events `minutes` after it."""
    start = dt.datetime(2026, 1, day, 10, 0, tzinfo=dt.UTC)
    timeline = [
        Event(at=start + dt.timedelta(minutes=m), milestone=[s], approx=s in approx)
        for m, s in marks
    ]
    return Review.model_validate({"incident": {"title": f"r{day}"}, "timeline": timeline})


def day_only_downtime(day: int, days: int) -> Review:
    """Impact on 2026-01-`day`, resolved `days` later: dates with no time."""
    first = dt.date(2026, 1, day)
    timeline = [
        {"at": first, "milestone": IMPACT},
        {"at": first + dt.timedelta(days=days), "milestone": RESOLVED},
    ]
    return Review.model_validate({"incident": {"title": "by day"}, "timeline": timeline})


def summarised(*reviews: Review) -> stats.Stats:
    return stats.summarise([stats.figures_of_review(review, TODAY) for review in reviews])


def split(day: int, detected: float, isolated: float, resolved: float) -> Review:
    """A downtime detected, isolated and resolved that many minutes after its start."""
    marks = ((0, IMPACT), (detected, DETECTED), (isolated, ISOLATED), (resolved, RESOLVED))
    return downtime(day, *marks)


def cells(line: str) -> list[str]:
    """A table row's cells: set off from each other by two spaces at least."""
    return re.split(r"\s{2,}", line.strip())


def minutes_of(text: str) -> int:
    """`1d 2h 3m` → 1563."""
    units = {"d": 1440, "h": 60, "m": 1}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)([dhm])", text))


# The shape of the review a new user tried: two downtimes split in full, one approximate
# with no isolation, one known to the day only.
ROOM = (
    downtime(1, (0, IMPACT), (2, DETECTED), (27, ISOLATED), (1052, RESOLVED)),
    downtime(2, (0, IMPACT), (75, DETECTED), (245, ISOLATED), (355, RESOLVED)),
    downtime(3, (0, IMPACT), (0, DETECTED), (1320, RESOLVED), approx=(IMPACT, RESOLVED)),
    day_only_downtime(4, 6),
)


def test_the_split_covers_the_downtimes_with_all_three_parts_and_adds_up_as_printed():
    figures = summarised(*ROOM)
    for means in (figures.last, figures.overall):
        assert (means.split_downtimes, means.downtimes, means.day_only) == (2, 3, 1)
    text = stats.as_text(figures, Path("reviews"))
    # TTD (2 + 75) / 2 = 38.5m, TTI 97.5m, TTF 567.5m; TTR (1052 + 355) / 2 = 703.5m
    rows = {row[0]: row[1:] for row in map(cells, text.splitlines())}
    assert rows["MTTD"] == ["39m", "39m"]
    assert rows["MTTI"] == ["1h 38m", "1h 38m"]
    assert rows["MTTF"] == ["9h 27m", "9h 27m"]
    assert rows["MTTR"] == ["11h 44m", "11h 44m"]
    for column in (0, 1):
        parts = sum(minutes_of(rows[name][column]) for name in ("MTTD", "MTTI", "MTTF"))
        assert parts == minutes_of(rows["MTTR"][column]) == 704
    # every downtime timed to the minute: (1052 + 1320 + 355) / 3 = 909m, one approximate
    assert "MTTR, all downtimes    about 15h 9m  about 15h 9m\n" in text
    assert "  downtimes                       2             2\n" in text
    assert "  downtimes                       3             3\n" in text
    assert "  left out                        1             1\n" in text
    assert "MTTR = MTTD + MTTI + MTTF, over the downtimes with all three parts timed.\n" in text
    assert 'Left out: downtimes known only to the day ("6 days"), in no mean.\n' in text


def test_json_keys_say_which_mean_covers_what_and_the_split_adds_up():
    data = json.loads(stats.as_json(summarised(*ROOM)))
    assert data["last_ten"] == data["overall"]
    means = data["overall"]
    assert set(means) == {
        "split_downtimes", "all_downtimes", "day_only_left_out", "seconds", "shown", "about"
    }  # fmt: skip
    assert (means["split_downtimes"], means["all_downtimes"], means["day_only_left_out"]) == (
        2,
        3,
        1,
    )
    seconds = means["seconds"]
    assert seconds == {
        "MTTD": 2310, "MTTI": 5850, "MTTF": 34050, "MTTR": 42210, "MTTR_all_downtimes": 54540
    }  # fmt: skip
    assert seconds["MTTD"] + seconds["MTTI"] + seconds["MTTF"] == seconds["MTTR"]
    assert means["shown"] == {
        "MTTD": "39m",
        "MTTI": "1h 38m",
        "MTTF": "9h 27m",
        "MTTR": "11h 44m",
        "MTTR_all_downtimes": "about 15h 9m",
    }
    assert means["about"] == ["MTTR_all_downtimes"]


def test_parts_that_round_up_alone_still_add_up_to_the_rounded_total():
    """1.5m three times: rounded alone 2 + 2 + 2 ≠ 5 (4.5 to the nearest), floored 1 + 1 + 1
    ≠ 4. The largest remainders take the minutes left over."""
    figures = summarised(split(1, 1, 2, 3), split(2, 2, 4, 6))
    texts = json.loads(stats.as_json(figures))["overall"]["shown"]
    assert texts == {
        "MTTD": "2m",
        "MTTI": "2m",
        "MTTF": "1m",
        "MTTR": "5m",
        "MTTR_all_downtimes": "5m",
    }
    assert "MTTR, all downtimes" not in stats.as_text(figures, Path("."))  # the same downtimes


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=4))
def test_apportioned_parts_add_up_and_each_moves_by_less_than_a_unit(microseconds):
    unit = dt.timedelta(minutes=1)
    parts = {f"p{i}": dt.timedelta(microseconds=us) for i, us in enumerate(microseconds)}
    whole = stats.apportioned(parts, unit)
    exact = sum(parts.values(), dt.timedelta())
    assert sum(whole.values(), dt.timedelta()) == (exact + unit / 2) // unit * unit
    assert all(abs(whole[name] - span) < unit and whole[name] % unit == dt.timedelta() for
               name, span in parts.items())  # fmt: skip


def test_a_mean_that_includes_an_approximate_time_reads_about():
    approximate = downtime(1, (0, IMPACT), (10, DETECTED), (40, ISOLATED), (100, RESOLVED))
    approximate.timeline[1].approx = True  # detected at about 10:10: TTD and TTI are about
    figures = summarised(approximate, split(2, 20, 50, 110))
    assert {n: m.about for n, m in figures.overall.split.items()} == {
        "MTTD": True,
        "MTTI": True,
        "MTTF": False,
        "MTTR": False,
    }
    shown = json.loads(stats.as_json(figures))["overall"]["shown"]
    assert shown["MTTD"] == "about 15m" and shown["MTTI"] == "about 30m"
    assert shown["MTTF"] == "1h" and shown["MTTR"] == "1h 45m"
    assert "MTTD              about 15m  about 15m\n" in stats.as_text(figures, Path("."))


def test_a_day_only_downtime_keeps_its_place_among_the_last_ten_but_is_in_no_mean():
    reviews = [split(day, 10, 40, 100) for day in range(1, 11)]
    reviews.append(day_only_downtime(20, 2))  # the newest downtime
    figures = summarised(*reviews)
    assert (figures.last.downtimes, figures.last.day_only) == (9, 1)
    assert (figures.overall.downtimes, figures.overall.day_only) == (10, 1)
    assert figures.last.every == stats.Mean(dt.timedelta(minutes=100))
    text = stats.as_text(figures, Path("."))
    assert "  downtimes              9        10\n  left out               1         1\n" in text
    assert "MTTR, all downtimes" not in text  # every timed downtime is split


def test_long_values_and_wide_names_stay_in_their_columns():
    long = split(1, 75, 245, 2 * 1440 + 23 * 60 + 21)  # 2d 23h 21m
    approximate = downtime(2, (0, IMPACT), (1400, RESOLVED), approx=(RESOLVED,))
    approximate.actions = [Action(id="A1", title="t", owner="山田太郎")]
    text = stats.as_text(summarised(long, approximate, day_only_downtime(3, 1)), Path("."))
    blocks = [block.splitlines() for block in text.split("\n\n")[1:]]
    for block in blocks:
        table = [line for line in block if not line.endswith(".")]  # the notes
        assert len({columns.width(line) for line in table}) == 1, table  # one right edge
        assert len({len(cells(line)) for line in table[1:]}) == 1, table  # none run together
    # (4281 + 1400) / 2 = 2840.5m over every downtime timed, one of them approximate
    assert "MTTR                         2d 23h 21m        2d 23h 21m\n" in text
    assert "MTTR, all downtimes    about 1d 23h 21m  about 1d 23h 21m\n" in text
    assert "山田太郎                      1         0\n" in text


def test_cell_width_counts_wide_characters_twice_and_combining_marks_not_at_all():
    assert columns.width("abc") == 3
    assert columns.width("山田") == 4
    assert columns.width("e\u0301") == 1
    [[head, row]] = columns.aligned([[["", "Long"], ["山", "1d 2h"]]], value_min=0)
    assert head == "       Long" and row == "山    1d 2h"  # 山 takes two cells
