"""The app over the frame painted at launch: it draws nothing over it until its own meeting
screen has settled, a key goes in, or a dialog comes up; and it keeps its settled meeting
screen for the next launch, unless something changed it first."""

import time
from dataclasses import replace

import pytest
from helpers import NOW, SIZE, rescued_copy, until
from textual.app import App

from pmtui.files import kept_frames, locations
from pmtui.tui import app as app_module
from pmtui.tui.dialogs.choice import ChoiceDialog
from pmtui.tui.screens import meeting


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """What the app hands to Textual to write on the terminal, by screen."""
    handed: list[str] = []
    write = App._display

    def recorded(app, screen, renderable):
        handed.append(type(screen).__name__)
        write(app, screen, renderable)

    monkeypatch.setattr(App, "_display", recorded)
    return handed


def launched(review, size=SIZE, painted=False):
    launch = kept_frames.launch(review, size)
    return app_module.make_app(
        review, clock=lambda: NOW, as_command=True, launch=launch, painted=painted
    )


def kept(review) -> str | None:
    """The frame kept for `review` for this moment's day, whatever its key."""
    launch = kept_frames.launch(review, SIZE)
    for entry in kept_frames.entries(review):
        header, _, frame = locations.read_private(entry).partition(b"\n")
        _, since, *_, until = header.decode("ascii").split(" ")
        if launch is not None and float(since) <= launch.at < float(until):
            return frame.decode("utf-8")
    return None


@pytest.fixture
def settles_when_told(monkeypatch):
    """The meeting screen settles when a test says (`app.settled`), the painted frame is
    held until then (or a key, or a dialog): nothing here races a timer."""
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 600.0)
    monkeypatch.setattr(app_module, "PAINTED_HELD_AT_MOST", 600.0)


async def settled_now(app, pilot) -> None:
    app.settled(app.screen)
    await pilot.pause()
    await app.workers.wait_for_complete()


async def test_the_settled_meeting_screen_is_kept_for_the_next_launch(
    pet_clinic, settles_when_told
):
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, meeting.MeetingScreen))
        await settled_now(app, pilot)
        frame = kept(pet_clinic)
    assert all(word in frame for word in ("Participants", "Chun", "Tina", "Timeline"))
    again = replace(kept_frames.launch(pet_clinic, SIZE), at=NOW.timestamp())  # the app's day
    assert kept_frames.painted(again) == frame


async def test_the_screen_settles_by_itself(pet_clinic, monkeypatch):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 0.05)
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: kept(pet_clinic) is not None)


async def test_the_screen_settles_once_its_durations_are_shown(pet_clinic, monkeypatch):
    """Worked out in a thread, which a loaded machine runs late."""
    worked_out = meeting.durations_text

    def late(*args):
        time.sleep(meeting.SETTLED_AFTER * 2)
        return worked_out(*args)

    monkeypatch.setattr(meeting, "durations_text", late)
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: kept(pet_clinic) is not None)
    assert "detect 1h 15m" in kept(pet_clinic)


async def test_the_screen_settles_when_its_insights_fail(pet_clinic, monkeypatch):
    """A bug in the checks fails their worker as before: the screen is kept without them."""

    def failing(*args):
        raise ZeroDivisionError

    monkeypatch.setattr(meeting, "durations_text", failing)
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: kept(pet_clinic) is not None)
    assert "Chun" in kept(pet_clinic)


async def test_a_screen_whose_insights_counted_another_day_than_the_launch_s_is_not_kept(
    pet_clinic,
):
    """Launched just before the review's midnight, counted just after: it is not the
    launch's day's screen, and must not be kept as that day's."""
    launch = kept_frames.launch(pet_clinic, SIZE)
    the_evening_before = replace(launch, at=NOW.timestamp() - 24 * 60 * 60)
    app = app_module.make_app(
        pet_clinic, clock=lambda: NOW, as_command=True, launch=the_evening_before
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.launch is None)  # settled
        await app.workers.wait_for_complete()
    assert kept_frames.entries(pet_clinic) == []


async def key_typed(app, pilot) -> None:
    await pilot.press("ctrl+pagedown")


async def clicked(app, pilot) -> None:
    await pilot.click("#tabs Tab", offset=(2, 0))


async def hovered(app, pilot) -> None:
    await pilot.hover(offset=(10, 5))  # over a participant's row: it is highlighted


async def notice_up(app, pilot) -> None:
    app.notify("r.toml is open in another pmtui")


@pytest.mark.parametrize("change", [key_typed, clicked, hovered, notice_up])
async def test_a_screen_changed_before_it_settled_is_not_kept(
    pet_clinic, settles_when_told, change
):
    """A key, a click, the mouse over a row (its hover highlight), or a notice that says
    what was so at this launch only."""
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, meeting.MeetingScreen))
        await change(app, pilot)
        await pilot.pause()
        await settled_now(app, pilot)
        assert app.launch is None  # settled, and passed over
    assert kept(pet_clinic) is None


async def test_a_terminal_resized_since_launch_keeps_nothing(pet_clinic, settles_when_told):
    app = launched(pet_clinic, size=(100, 30))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, meeting.MeetingScreen))
        await settled_now(app, pilot)
    assert kept(pet_clinic) is None


async def test_over_a_painted_frame_nothing_is_drawn_until_the_screen_settles(
    pet_clinic, settles_when_told, drawn
):
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, meeting.MeetingScreen))
        await pilot.pause(0.2)
        assert drawn == []
        await settled_now(app, pilot)
        await until(pilot, lambda: "MeetingScreen" in drawn)


async def test_a_key_shows_the_app_at_once_over_a_painted_frame(
    pet_clinic, settles_when_told, drawn
):
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pagedown")
        await until(pilot, lambda: "MeetingScreen" in drawn)
        assert app.screen.shown_tab == "impact"


async def test_a_dialog_at_launch_is_drawn_at_once_over_a_painted_frame(
    pet_clinic, settles_when_told, drawn
):
    """The question about a recovery copy is not what was painted: it goes up as it comes,
    and counts keys as its own only from then (`Dialog.drawn`)."""
    rescued_copy(pet_clinic, "Edited before a crash")
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen.drawn)
        assert "ChoiceDialog" in drawn


async def test_a_screen_that_never_settles_is_drawn_after_a_while(pet_clinic, monkeypatch, drawn):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 600.0)
    monkeypatch.setattr(app_module, "PAINTED_HELD_AT_MOST", 0.2)
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "MeetingScreen" in drawn)
