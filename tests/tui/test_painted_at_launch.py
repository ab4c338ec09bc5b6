"""The app over the frame painted at launch: it draws nothing over it until its own meeting
screen has settled, a key goes in, or a dialog comes up; and it keeps its settled meeting
screen for the next launch, unless something changed it first."""

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
    entry = locations.read_private(locations.state_file(kept_frames.FOLDER, review, ".frame"))
    return None if entry is None else entry.partition(b"\n")[2].decode("utf-8")


async def test_the_settled_meeting_screen_is_kept_for_the_next_launch(pet_clinic, monkeypatch):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 0.05)
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: kept(pet_clinic) is not None)
        frame = kept(pet_clinic)
    assert all(word in frame for word in ("Participants", "Chun", "Tina", "Timeline"))
    assert kept_frames.painted(kept_frames.launch(pet_clinic, SIZE)) == frame


async def test_a_key_read_before_the_screen_settled_keeps_nothing(pet_clinic, monkeypatch):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 0.2)
    app = launched(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pagedown")
        await pilot.pause(0.4)
        await until(pilot, lambda: app.launch is None)  # settled, and passed over
        await pilot.pause()
    assert kept(pet_clinic) is None


async def test_a_terminal_resized_since_launch_keeps_nothing(pet_clinic, monkeypatch):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 0.05)
    app = launched(pet_clinic, size=(100, 30))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.launch is None)
        await pilot.pause()
    assert kept(pet_clinic) is None


async def test_over_a_painted_frame_nothing_is_drawn_until_the_screen_settles(
    pet_clinic, monkeypatch, drawn
):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 0.3)
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert drawn == []
        await until(pilot, lambda: "MeetingScreen" in drawn)
        await until(pilot, lambda: kept(pet_clinic) is not None)


async def test_a_key_shows_the_app_at_once_over_a_painted_frame(pet_clinic, monkeypatch, drawn):
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 60.0)
    monkeypatch.setattr(app_module, "PAINTED_HELD_AT_MOST", 60.0)
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+pagedown")
        await until(pilot, lambda: "MeetingScreen" in drawn)
        assert app.screen.shown_tab == "impact"


async def test_a_dialog_at_launch_is_drawn_at_once_over_a_painted_frame(
    pet_clinic, monkeypatch, drawn
):
    """The question about a recovery copy is not what was painted: it goes up as it comes,
    and counts keys as its own only from then (`Dialog.drawn`)."""
    monkeypatch.setattr(meeting, "SETTLED_AFTER", 60.0)
    monkeypatch.setattr(app_module, "PAINTED_HELD_AT_MOST", 60.0)
    rescued_copy(pet_clinic, "Edited before a crash")
    app = launched(pet_clinic, painted=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen.drawn)
        assert "ChoiceDialog" in drawn
