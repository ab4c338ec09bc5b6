"""User text for widgets: a Rich `Text` (never parsed as markup), control characters
shown as symbols (never sent to the terminal). Every label, cell and line built from a
review's text goes through here.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from pmtui.document.printable import one_line, printable


def literal(text: str, **style: Any) -> Text:
    """Text shown exactly as written: `[bold]` stays `[bold]`, ESC shows as ␛."""
    return Text(printable(text), **style)


def line(text: str, limit: int = 1000, **style: Any) -> Text:
    """One line of user text, cut to `limit` characters (a cell, a header part)."""
    return Text(one_line(text, limit), no_wrap=True, overflow="ellipsis", **style)


def safe(text: Text) -> Text:
    """A `Text` built elsewhere, with any control characters made visible (styles kept)."""
    shown = printable(text.plain)
    if shown is text.plain:
        return text
    copy = text.copy()
    copy.plain = shown
    return copy
