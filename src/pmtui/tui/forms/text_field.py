"""Whether a widget is a field typed in, without importing every kind of field."""

from __future__ import annotations

from textual.widget import Widget


def takes_text(widget: Widget | None) -> bool:
    """An Input or a TextArea, told by class name as a CSS type selector tells it: importing
    TextArea for `isinstance` cost the meeting screen's first frame ~5 ms (a TextArea exists
    only once a form with a long text is open)."""
    return _is_a(widget, "Input", "TextArea")


def takes_lines(widget: Widget | None) -> bool:
    """A TextArea, where Enter starts a new line (told apart as `takes_text` does)."""
    return _is_a(widget, "TextArea")


def _is_a(widget: Widget | None, *names: str) -> bool:
    return any(kind.__name__ in names for kind in type(widget).__mro__)
