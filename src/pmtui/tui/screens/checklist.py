"""F3: the checklist — durations, and every finding of the checks, which can be dismissed.

A dismissal is saved in the review (`dismissed`), so the finding stays quiet for everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.analysis.finding import Finding
from pmtui.analysis.findings import all_findings
from pmtui.document.printable import printable
from pmtui.files.session import ReviewSession
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.keys import bindings
from pmtui.tui.meeting.anonymised import shown_text
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.widgets.insights import durations_text, today_of

SHOWN_AT_MOST = 500
"""Findings listed at once; a review with more (a whole chat imported) says how many more."""


class ChecklistScreen(Dialog[None]):
    BINDINGS: ClassVar = bindings("checklist")
    DEFAULT_CSS = """
    ChecklistScreen > .box { width: 110; height: 90%; }
    ChecklistScreen OptionList { height: 1fr; }
    """

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.show_dismissed = False
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="box") as box:
            box.border_title = "Checklist"
            yield Static(id="checklist-durations")
            yield OptionList(id="checklist-items")
            yield Static(
                "d dismiss (or bring back) · a show dismissed · Esc close",
                id="checklist-keys",
                classes="keys",
            )

    def on_mount(self) -> None:
        self.show_findings()

    def show_findings(self) -> None:
        review = self.session.review
        today = today_of(review, self.app.clock())
        dismissed = set(review.dismissed)
        found = all_findings(review, today, self.app.phrasebook)
        open_count = sum(f.key not in dismissed for f in found)
        self.findings = [f for f in found if self.show_dismissed or f.key not in dismissed]
        self.query_one("#checklist-durations", Static).update(
            durations_text(review, open_count, name_the_key=False)
        )
        items = self.query_one(OptionList)
        highlighted = items.highlighted
        items.clear_options()
        if not self.findings:
            items.add_option(Option(Text("Nothing to look at: the review is complete."), None))
        # One call for all of them: added one by one, 45,000 findings froze the app ~20 s.
        shown = shown_text(self.app)
        items.add_options(
            [_option(finding, dismissed, shown) for finding in self.findings[:SHOWN_AT_MOST]]
        )
        if len(self.findings) > SHOWN_AT_MOST:
            more = f"… and {len(self.findings) - SHOWN_AT_MOST} more: `pmtui check` lists them all"
            items.add_option(Option(Text(more, style="italic"), disabled=True))
        if self.findings:
            items.highlighted = min(highlighted or 0, len(self.findings) - 1, SHOWN_AT_MOST - 1)
        self.set_focus(items)

    def action_toggle_dismissed(self) -> None:
        items = self.query_one(OptionList)
        if items.highlighted is None or not self.findings:
            return
        key = self.findings[items.highlighted].key
        dismissed = self.session.review.dismissed
        if key in dismissed:
            dismissed.remove(key)
            self.session.edited("brought back a check")
        else:
            dismissed.append(key)
            self.session.edited("dismissed a check")
        self.app.post_message(DocumentChanged())
        self.show_findings()

    def action_show_all(self) -> None:
        self.show_dismissed = not self.show_dismissed
        self.show_findings()

    action_close = Dialog.action_cancel  # escape's action in the "checklist" keys


def _option(finding: Finding, dismissed: set[str], shown: Callable[[str], str]) -> Option:
    line = Text("✗ " if finding.key not in dismissed else "– dismissed: ")
    line.append(printable(shown(finding.where)), style="bold")
    line.append(printable(shown(f": {finding.message}")))
    return Option(line)  # no id: two people can share a finding's key
