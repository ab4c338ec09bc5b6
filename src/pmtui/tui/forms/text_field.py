"""Whether a widget is a field typed in, without importing every kind of field."""

from __future__ import annotations

from textual.widget import Widget


def takes_text(widget: Widget | None) -> bool:
    """An Input or a TextArea, told by class name as a CSS type selector tells it: importing
    TextArea for `isinstance` cost the meeting screen's first frame ~5 ms (a TextArea exists
    only once a form with a long text is open)."""
    return any(kind.__name__ in ("Input", "TextArea") for kind in type(widget).__mro__)
