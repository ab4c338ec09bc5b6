"""Where notices show: never over the line being typed, nor over the replay's spoken line."""

from helpers import SIZE, app_on, settle, write
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
