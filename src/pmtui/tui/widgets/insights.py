"""Read-only lines that follow the document: its durations and open checks, and the
blameless hints under a field being typed in.

Both are worked out after the meeting screen's first frame (the checks in a thread), so
the analysis modules load then: the first frame did without them (~7 ms of imports)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from pmtui.document.model import Review
from pmtui.document.printable import printable
from pmtui.tui.keys import key_of
from pmtui.tui.meeting.anonymised import shown_text

HINT_DELAY = 0.3
"""Seconds of quiet typing before a field's text is looked at: typing never waits."""


def today_of(review: Review, now: dt.datetime) -> dt.date:
    return now.astimezone(review.zone).date()


def durations_text(review: Review, open_checks: int, *, name_the_key: bool = True) -> Text:
    """The durations and the open checks; `name_the_key` adds "(F3)", which opens them."""
    from pmtui.analysis import durations  # not for the first frame: see the module doc

    measured = durations.of_review(review)
    line = Text(f"{durations.times_text(measured)}\n{durations.split_text(measured)}   ")
    checks = f"{open_checks} open check{'s' if open_checks != 1 else ''}"
    if name_the_key:
        checks += f" ({key_of('checklist').upper()})"
    line.append(f"✓ {checks}" if not open_checks else f"✗ {checks}", style="bold")
    return line


class DurationsLine(Static):
    """The durations from the timeline's milestones, and how many checks are open."""

    DEFAULT_CSS = (
        "DurationsLine { height: 2; color: $text-muted; margin-bottom: 1; }"  # fixed: no reflow
    )

    def on_mount(self) -> None:
        # After the screen is drawn: the checks' thread would slow the first frame down.
        self.call_after_refresh(self.screen.refresh_insights)


class BlameHint(Static):
    """Under a field: the words that blame a person, with a rewrite; hidden when none."""

    DEFAULT_CSS = "BlameHint { width: 1fr; height: auto; color: $warning; display: none; }"

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__("", **kwargs)
        self.text = text
        self._timer: Timer | None = None
        self._shown: list[tuple[str, str]] = []
        """The hints on show (quote, rewrite), as shown: names as roles in anonymise mode."""

    def on_mount(self) -> None:
        self.check(self.text)

    def check(self, text: str) -> None:
        """Look at `text` once typing pauses."""
        self.text = text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(HINT_DELAY, self.show_hints)

    def show_hints(self) -> None:
        from pmtui.analysis import blameless  # after a pause in typing, not for the first frame

        session = self.app.session  # None in the start screen's new-review form
        names = blameless.names_of(session.review) if session else []
        dismissed = session.review.dismissed if session else []
        found = [
            hint
            for hint in blameless.hints(self.text, self.app.phrasebook, names)
            if hint.key not in dismissed
        ]
        said = shown_text(self.app)
        shown = [(said(hint.matched), said(hint.suggest)) for hint in found]
        if shown == self._shown:
            return  # nothing new: no relayout, so nothing moves under the scribe
        self._shown = shown
        self.display = bool(found)
        line = Text()
        for matched, suggest in shown:
            line.append("⚑ ", style="bold")
            line.append(printable(f"“{matched}”"), style="bold")
            line.append(printable(f": {suggest}\n"))
        if found:
            line.append(
                f"{key_of('checklist').upper()} lists every hint; "
                f"{key_of('toggle_dismissed')} there dismisses one",
                style="dim",
            )
        self.update(line)
