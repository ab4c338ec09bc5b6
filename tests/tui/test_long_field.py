"""A one-line field holding a pasted megabyte draws only what is on screen, and draws it
exactly as Textual's Input would have drawn the whole value."""

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input
from textual.widgets.input import Selection

from pmtui.tui.forms.fields import FieldInput
from pmtui.tui.forms.long_line import MEASURED_WHOLE

LONG = ("Ab שלום 🚀 界" * (MEASURED_WHOLE // 8))[: MEASURED_WHOLE + 999]


class OneField(App):
    def compose(self) -> ComposeResult:
        yield FieldInput(LONG)


def cells(strip) -> list:
    """Each character drawn, with its style: the same picture however it is cut."""
    return [(char, segment.style) for segment in strip for char in segment.text]


async def test_a_long_value_is_drawn_as_input_draws_it():
    async with OneField().run_test(size=(40, 5)) as pilot:
        field = pilot.app.query_one(FieldInput)
        field.cursor_blink = False
        field.focus()
        places = (len(LONG), 0, 5_001, 5_002, len(LONG) - 1)  # end, home, mid, a wide char
        for place in places:
            field.cursor_position = place
            await pilot.pause()
            assert cells(field.render_line(0)) == cells(Input.render_line(field, 0))
        field.selection = Selection(4_990, 5_020)  # across the window's edge
        await pilot.pause()
        assert cells(field.render_line(0)) == cells(Input.render_line(field, 0))
        assert field.content_width == Input.content_width.fget(field)
        assert field._position_to_cell(7_777) == Input._position_to_cell(field, 7_777)
        field.blur()
        await pilot.pause()
        assert cells(field.render_line(0)) == cells(Input.render_line(field, 0))


async def test_a_long_value_is_never_drawn_whole(monkeypatch):
    """Input draws a Text of the whole value, each frame; the field draws only a window."""
    async with OneField().run_test(size=(40, 5)) as pilot:
        field = pilot.app.query_one(FieldInput)
        field.focus()
        await pilot.pause()

        def whole(_self):
            pytest.fail("the whole value was made into a Text")

        monkeypatch.setattr(Input, "_value", property(whole))
        for place in (0, 5_000, len(LONG)):
            field.cursor_position = place
            assert field.render_line(0).text.strip()
        assert field.content_width > len(LONG)  # wide characters take two cells
