"""Anonymise mode on screen: names shown as roles in tables, the sidebar and dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:  # the header's module imports this one, before the model is loaded
    from pmtui.document.anonymise import Pseudonyms


def pseudonyms_shown(app: Any, newcomers: Iterable[str] = ()) -> Pseudonyms | None:
    """The pseudonyms to show with, or None when the app shows real names. `newcomers`:
    names not among the participants yet, shown as they will be once added."""
    session = getattr(app, "session", None)
    if not getattr(app, "anonymise", False) or session is None:
        return None
    from pmtui.document.anonymise import pseudonyms_of  # a review is open: the model is

    return pseudonyms_of(session.review, newcomers)


def shown_text(app: Any) -> Callable[[str], str]:
    """Review text as the screen shows it: names as roles in anonymise mode (a check's
    message and a blame hint quote what was written, names and all). Made once for many
    texts: the names' pattern is built once."""
    pseudonyms = pseudonyms_shown(app)
    return pseudonyms.text if pseudonyms else str


def anonymised_cell(cell: Text, pseudonyms: Pseudonyms) -> Text:
    """The cell with every name replaced by its label, styles kept around it."""
    matches = pseudonyms.matches(cell.plain)
    if not matches:
        return cell
    result = cell.blank_copy()
    start = 0
    for match in matches:
        result.append_text(cell[start : match.start()])
        name = cell[match.start() : match.end()]
        style = name.spans[0].style if name.spans else None
        result.append(pseudonyms.text(name.plain), style=style)
        start = match.end()
    result.append_text(cell[start:])
    return result
