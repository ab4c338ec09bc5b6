"""Where notices show: never over the line being typed, nor over the replay's spoken line."""

import pytest
from helpers import SIZE, app_on, screen_text, settle, shown_notices, write
from replaying import replay_app
from textual.widget import Widget
from textual.widgets._toast import Toast

from pmtui.tui.panes.timeline import EntryLine
from pmtui.tui.widgets.replay_bar import ReplayBar


async def notice_over(app, pilot, below: Widget) -> bool:
    """Whether a notice, shown now, covers any of `below` (both on screen)."""
    app.notify("Undone: added the event · ctrl+y redoes it")
    await settle(app, pilot)
    [toast] = app.screen.query(Toast)
    assert toast.region.area and below.region.area
    return toast.region.overlaps(below.region)


async def test_a_notice_leaves_the_entry_line_in_view_at_80_columns(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await write(pilot, "ctrl+n", "db restored at 14:20 after the failover was reverted")
        assert not await notice_over(app, pilot, app.screen.query_one(EntryLine))


async def test_a_notice_leaves_the_replay_line_in_view(tmp_path):
    app = replay_app(tmp_path / "class.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert not await notice_over(app, pilot, app.screen.query_one(ReplayBar))


async def test_undoing_three_times_leaves_one_notice_of_two_rows_at_80_columns(pet_clinic):
    """Three stacked over the first nine rows of the Impact table for seconds."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for event in ("db restored", "cache flushed", "all clear"):
            await write(pilot, "ctrl+n", event, "enter")
        await pilot.press("alt+3", "ctrl+z", "ctrl+z", "ctrl+z")
        await settle(app, pilot)
        assert shown_notices(app) == ["Undone: added the event · ctrl+y redoes it"]
        [toast] = app.screen.query(Toast)
        assert toast.region.height == 2


async def test_a_warning_stays_when_a_passing_notice_comes(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("Not saved: the folder is read-only", severity="warning")
        app.notify("Copied")
        app.notify("Undone: added the event")
        await settle(app, pilot)
        assert shown_notices(app) == [
            "Not saved: the folder is read-only",
            "Undone: added the event",
        ]


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_a_notice_over_a_form_leaves_its_line_of_keys_whole(pet_clinic, size):
    """Over a form or a dialog, notices sat at Textual's bottom right, over the box's line
    of keys ("ctrl+s saves · E…") and its last field."""
    app = app_on(pet_clinic)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("alt+5", "n")
        await write(pilot, "Check the budget", "f8", "check budget", "enter")
        await settle(app, pilot)
        assert "Parked a topic: check budget" in shown_notices(app)
        assert "Esc cancels" in screen_text(app)
