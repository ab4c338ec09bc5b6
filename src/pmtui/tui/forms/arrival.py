"""Focus the app gives a field, not the user: the cursor at the end, nothing selected.

Input selects all its text when focused, so the next key a scribe typed replaced the whole
value (and autosave wrote it). Tab switches and undo move the focus for the user; they
go through an Arrival, which puts the cursor back at the end once the focus has landed."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection


class Arrival:
    """Remembers the field being focused until its focus event has been handled."""

    def __init__(self) -> None:
        self._widget: Widget | None = None

    def focus(self, screen: Screen, widget: Widget, scroll_visible: bool = True) -> None:
        self._widget = widget
        screen.set_focus(widget, scroll_visible=scroll_visible)

    def landed(self, event: events.DescendantFocus) -> None:
        """Call from the container's `on_descendant_focus` (it comes after Input's own)."""
        arrived, self._widget = self._widget, None
        if event.widget is arrived and isinstance(arrived, Input):
            arrived.selection = Selection.cursor(len(arrived.value))
