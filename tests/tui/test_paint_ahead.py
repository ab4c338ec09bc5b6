"""The painter draws the meeting screen of a review as `pmtui FILE` would open it, off-screen,
and keeps it for the next launch (`cli.paint_ahead`): the same frame, and nothing else
written."""

import asyncio
import datetime as dt
import os
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SUITE_DAY
from helpers import NOW, SIZE, rescued_copy, until
from test_painted_at_launch import kept, launched

from pmtui.cli import paint_ahead
from pmtui.files import filelock, kept_frames, locations, recovery
from pmtui.tui import painting
from pmtui.tui.app import make_app
from pmtui.tui.screens import meeting


def paint(review: Path) -> int:
    return paint_ahead.main([str(review), str(SIZE[0]), str(SIZE[1])])


def forget_the_frames(review: Path) -> None:
    for entry in kept_frames.entries(review):
        os.remove(entry)


def drawing_days(monkeypatch) -> list[int]:
    """The days ahead the painter draws, as it draws them."""
    drawn: list[int] = []
    draw = paint_ahead._draw
    monkeypatch.setattr(paint_ahead, "_draw", lambda *args: drawn.append(args[-1]) or draw(*args))
    return drawn


def every_file(*folders: Path) -> dict[Path, tuple[bytes, int]]:
    """Each file under `folders` with its bytes and when it was written."""
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    }


async def test_the_painter_keeps_the_frame_the_launch_itself_keeps(pet_clinic):
    assert await asyncio.to_thread(paint, pet_clinic) == 0  # its own loop, as in its process
    painted = kept(pet_clinic)
    assert painted is not None and all(word in painted for word in ("Chun", "detect 1h 15m"))
    forget_the_frames(pet_clinic)

    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:  # settling by itself, as the painter's
        await until(pilot, lambda: kept(pet_clinic) is not None)
    assert kept(pet_clinic) == painted


async def test_tomorrows_frame_is_the_screen_the_launch_tomorrow_draws(pet_clinic, monkeypatch):
    """An action due today is overdue tomorrow: one more open check on the screen."""
    pet_clinic.write_text(pet_clinic.read_text().replace("due = 2026-11-27", f"due = {SUITE_DAY}"))
    assert await asyncio.to_thread(paint, pet_clinic) == 0
    noon_there = dt.datetime(2026, 11, 21, 12, tzinfo=ZoneInfo("Europe/London"))  # the review's
    drawn_ahead = kept_frames.painted(kept_frames.launch(pet_clinic, SIZE).at_moment(noon_there))
    assert drawn_ahead is not None and drawn_ahead != kept(pet_clinic)
    forget_the_frames(pet_clinic)

    tomorrow = dt.date.fromisoformat(SUITE_DAY) + dt.timedelta(days=1)
    monkeypatch.setenv("PMTUI_TODAY", tomorrow.isoformat())
    app = make_app(
        pet_clinic,
        clock=lambda: NOW + dt.timedelta(days=1),
        as_command=True,
        launch=kept_frames.launch(pet_clinic, SIZE),
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: kept(pet_clinic) is not None)
    assert kept(pet_clinic) == drawn_ahead


def test_the_painter_draws_today_and_the_days_ahead(pet_clinic):
    assert paint(pet_clinic) == 0
    launch = kept_frames.launch(pet_clinic, SIZE)
    assert kept_frames.painted(launch) is not None
    assert kept_frames.days_drawn_ahead(launch) == kept_frames.DAYS_AHEAD == 4
    assert len(kept_frames.entries(pet_clinic)) == 1  # no action falls due: the same screen


def test_the_painter_draws_only_the_days_not_drawn_yet(pet_clinic, monkeypatch):
    drawn = drawing_days(monkeypatch)
    assert paint(pet_clinic) == 0
    assert drawn == [0, 1, 2, 3, 4]
    next_day = dt.date.fromisoformat(SUITE_DAY) + dt.timedelta(days=1)
    monkeypatch.setenv("PMTUI_TODAY", next_day.isoformat())
    drawn.clear()
    assert paint(pet_clinic) == 0
    assert drawn == [4]  # today's and three more were drawn the day before


def days_asked(monkeypatch) -> list[int]:
    """The days the painter would draw, none drawn: what it is asked, quickly."""
    asked: list[int] = []
    monkeypatch.setattr(paint_ahead, "_draw", lambda *args: asked.append(args[-1]))
    return asked


def waiting_its_turn(monkeypatch) -> threading.Event:
    """Set once a painter waits for the one before."""
    waiting, wait_for = threading.Event(), filelock._wait_for
    monkeypatch.setattr(
        filelock, "_wait_for", lambda *args, **kw: waiting.set() or wait_for(*args, **kw)
    )
    return waiting


def test_a_painter_started_while_another_draws_waits_then_draws_only_what_is_missing(
    pet_clinic, tmp_path, monkeypatch
):
    assert paint(pet_clinic) == 0
    entries = kept_frames.entries(pet_clinic)
    for entry in entries:  # as if the other one had not kept them yet
        os.replace(entry, tmp_path / entry.name)
    asked, ended = days_asked(monkeypatch), []
    with filelock.painting(pet_clinic, 60):  # another painter's turn
        waiting = waiting_its_turn(monkeypatch)
        second = threading.Thread(target=lambda: ended.append(paint(pet_clinic)), daemon=True)
        second.start()
        assert waiting.wait(30) and second.is_alive()
        for entry in entries:  # what the other one keeps as it ends
            os.replace(tmp_path / entry.name, entry)
    second.join(30)
    assert ended == [0] and asked == []  # all drawn meanwhile: nothing twice


def test_a_painter_that_waited_its_time_draws_all_the_same(pet_clinic, monkeypatch):
    """The one before is stuck (a review on a mount that hangs)."""
    monkeypatch.setattr(paint_ahead, "TURN_WAITS_AT_MOST", 0.3)
    asked, ended = days_asked(monkeypatch), []
    with filelock.painting(pet_clinic, 60):
        waiting = waiting_its_turn(monkeypatch)
        second = threading.Thread(target=lambda: ended.append(paint(pet_clinic)), daemon=True)
        second.start()
        second.join(30)  # a daemon: one that waits for ever fails the test, not the suite
    assert waiting.is_set() and ended == [0] and asked == [0]  # nothing drawn: today's again


def test_a_painter_waits_as_long_as_the_one_before_can_draw():
    longest = (kept_frames.DAYS_AHEAD + 1) * painting.GIVES_UP_AFTER
    assert longest < paint_ahead.TURN_WAITS_AT_MOST < 2 * longest


def test_a_review_saved_while_the_painter_draws_gets_no_frame_of_another_text(
    pet_clinic, monkeypatch
):
    draw = paint_ahead._draw

    def saved_meanwhile(review: Path, *args) -> bool:
        review.write_text(review.read_text().replace("Pet Clinic", "Pet Clinik", 1))
        return draw(review, *args)

    monkeypatch.setattr(paint_ahead, "_draw", saved_meanwhile)
    assert paint(pet_clinic) == 0
    assert kept_frames.entries(pet_clinic) == []


def test_the_painter_writes_nothing_but_the_frame_and_takes_nothing_on(pet_clinic):
    copy = rescued_copy(pet_clinic, "Edited and not saved")
    user = Path(os.environ["HOME"])
    before = every_file(user, pet_clinic.parent)

    assert paint(pet_clinic) == 0

    after = every_file(user, pet_clinic.parent)
    assert kept(pet_clinic) is not None
    written = {path for path in after if after[path] != before.get(path)}
    its_turn = locations.state_file("locks", pet_clinic, ".painting")  # empty, for the next
    assert {path.parent.name for path in written - {its_turn}} <= {"frames", "cache"}
    assert set(before) <= set(after)  # no lock left, no recovery copy dropped
    assert recovery.all_pending(pet_clinic) == [copy]


def test_a_review_that_cannot_be_read_gets_no_frame(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[incident\ntitle = ")
    assert paint(broken) == 0
    assert kept(broken) is None
    assert broken.read_text() == "[incident\ntitle = "


def test_a_start_problem_said_in_a_notice_gets_no_frame_and_no_day_ahead_is_drawn(
    pet_clinic, monkeypatch
):
    settings = Path(os.environ["PMTUI_CONFIG_DIR"]) / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("theme = [")
    drawn = drawing_days(monkeypatch)
    assert paint(pet_clinic) == 0
    assert kept(pet_clinic) is None
    assert drawn == [0]  # the days ahead would show the same notice


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_the_frame_is_drawn_at_the_size_asked(pet_clinic, size):
    assert paint_ahead.main([str(pet_clinic), *map(str, size)]) == 0
    frame = kept_frames.painted(kept_frames.launch(pet_clinic, size))
    assert frame is not None
    assert f"\x1b[{size[1]};1H" in frame and f"\x1b[{size[1] + 1};1H" not in frame  # its lines


def test_a_painter_whose_screen_never_settles_gives_up(pet_clinic, monkeypatch):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 600.0)
    monkeypatch.setattr(painting, "GIVES_UP_AFTER", 0.5)
    ended: list[int] = []
    painter = threading.Thread(  # a daemon: one that never ends fails the test, not the suite
        target=lambda: ended.append(paint(pet_clinic)), daemon=True
    )
    painter.start()
    painter.join(30)
    assert ended == [0]  # ended of itself, not by an error
    assert kept(pet_clinic) is None


def test_tomorrow_is_drawn_at_noon_of_the_reviews_next_day_whatever_the_clocks_do():
    london = ZoneInfo("Europe/London")
    start = dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC)  # 23:30 there; then a 23-hour day
    assert (start + dt.timedelta(days=1)).astimezone(london).day == 30  # a day too far
    assert paint_ahead.drawn_at(start, 1, london) == dt.datetime(2026, 3, 29, 12, tzinfo=london)
    assert paint_ahead.drawn_at(start, 0, london) == start  # held still while drawn
    assert paint_ahead.drawn_at(start, 1, None) == start + dt.timedelta(days=1)  # not read yet
    last = dt.datetime(9999, 12, 31, 12, 0, tzinfo=dt.UTC)
    assert paint_ahead.drawn_at(last, 1, dt.UTC) == last


STARTED = "[meeting]\nstarted_at = 2026-11-20T09:00:00Z\n"
ENDED = STARTED + "ended_at = 2026-11-20T10:00:00Z\n"
FIRST_ITEM = 'title = "Ground rules"\nminutes = 3\n'


@pytest.mark.parametrize(
    ("meeting", "item", "kept_a_frame"),
    [
        (STARTED, "", False),
        (ENDED, "started_at = 2026-11-20T09:50:00Z\n", False),  # an item left open ticks on
        (ENDED, "", True),  # ended: its clock says so, and stands
    ],
    ids=["under-way", "an-item-left-open", "ended"],
)
def test_a_meeting_whose_clock_ticks_gets_no_frame(pet_clinic, meeting, item, kept_a_frame):
    """The clock in the header: a frame would show the time as it was drawn, and days
    ahead a meeting days long."""
    text = pet_clinic.read_text().replace("[meeting]\n", meeting, 1)
    pet_clinic.write_text(text.replace(FIRST_ITEM, FIRST_ITEM + item, 1))
    assert paint(pet_clinic) == 0
    assert (kept(pet_clinic) is not None) == kept_a_frame
