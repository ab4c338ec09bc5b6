"""The cursor of the field being typed in stays on screen: a terminal made smaller for the
room never puts the words going in out of sight."""

from helpers import SIZE, app_on, settle
from textual.widgets import TextArea

from pmtui.tui.forms.fields import FieldsBox


def cursor_in_sight(app) -> bool:
    field = app.focused
    box = next(node for node in field.ancestors if isinstance(node, FieldsBox))
    return box.content_region.contains_point(field.cursor_screen_offset)


async def summary_at_its_end(app, pilot) -> TextArea:
    """The Summary tab, its summary text focused with the cursor after its last word."""
    await app.screen.show_tab("summary")
    await settle(app, pilot)
    summary = next(t for t in app.screen.query(TextArea) if t.text.startswith("Over a weekend"))
    app.screen.set_focus(summary)
    summary.move_cursor(summary.document.end)
    await pilot.pause()
    return summary


async def test_the_text_typed_in_stays_in_sight_when_the_terminal_shrinks(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        summary = await summary_at_its_end(app, pilot)
        await pilot.press("x")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert cursor_in_sight(app)
        await pilot.press("y")
        await pilot.pause()
        assert summary.text.endswith("xy") and cursor_in_sight(app)
