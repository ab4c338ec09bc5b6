"""A tab's guidance from the review's template (its `[hints]`: "Each action item a ticket
with two tags…"), in a muted line above the pane, so the team sees what its template asks
of that tab. Nothing shows for a template with no hint there, or one not installed here.

The hint is read once the pane is drawn: the template's reader (pydantic models of its
own) is not on the way to the first frame. Short screens give its lines to the pane.
"""

from __future__ import annotations

from textual.widgets import Static

from pmtui.files.session import ReviewSession
from pmtui.tui.forms.literal import literal


class TabHint(Static):
    DEFAULT_CSS = """
    TabHint { display: none; color: $text-muted; text-style: italic; margin-bottom: 1; }
    TabHint.-given { display: block; }
    """

    def __init__(self, session: ReviewSession, tab: str) -> None:
        super().__init__(id=f"hint-{tab}")
        self.session = session
        self.tab = tab

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_hint)

    def show_hint(self) -> None:
        """The hint of the review's template for this tab, if it has one."""
        from pmtui import templates

        hint = templates.hints_for(self.session.review.template).get(self.tab)
        self.update(literal(hint or ""))
        self.set_class(bool(hint), "-given")
