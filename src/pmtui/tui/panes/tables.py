"""The tables with keys of their own: 5 Whys and Actions."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pmtui.document.model import Action, ActionStatus, Why
from pmtui.files.session import ReviewSession
from pmtui.tui.keys import bindings, key_of
from pmtui.tui.tables import specs
from pmtui.tui.tables.records import RecordTable


class WhysTable(RecordTable):
    BINDINGS: ClassVar = bindings("whys")

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(specs.whys(session), session, **kwargs)

    def action_systemic(self) -> None:
        """One answer of a chain is its systemic cause: marking it unmarks the others of
        the same chain (each branch has its own)."""
        chosen = self.current_record()
        if chosen is None:
            return
        marked = not chosen.systemic
        for why in specs.same_chain(self.records, chosen):
            why.systemic = False
        chosen.systemic = marked
        self.changed("marked the systemic cause", select=chosen)

    def changed(self, what: str, select: Any = None) -> None:
        """A why saved from its form as the systemic cause unmarks the others of its chain,
        as `x` does (the form let a chain have two)."""
        if isinstance(select, Why) and select.systemic:
            for why in specs.same_chain(self.records, select):
                why.systemic = why is select
        super().changed(what, select)

    def new_values(self) -> dict[str, Any]:
        """A new why goes on the chain under the cursor."""
        current = self.current_record() or Why()
        return specs.next_why(specs.same_chain(self.records, current), current.chain)


def is_open(action: Any) -> bool:
    return not action.closed


class ActionsTable(RecordTable):
    """The action items; `f` shows only the open ones, and the title says what is hidden."""

    BINDINGS: ClassVar = bindings("actions")
    DEFAULT_CSS = "ActionsTable { border-top: solid $secondary; border-title-style: bold; }"

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(specs.actions(session, today=self._today), session, **kwargs)

    def _today(self) -> dt.date:
        """The app's today in the review's timezone: the day an action is marked done."""
        return self.app.clock().astimezone(self.session.review.zone).date()

    _kept: Action | None = None
    """The action `x` just marked done: with only the open ones shown, its row stays (as
    done) until the cursor leaves it or `f` is pressed, so `x` again gives it back. It
    vanished at once and the cursor fell on the next one, which `x` again marked done."""

    def _open_or_kept(self, action: Action) -> bool:
        return is_open(action) or action is self._kept

    def action_filter(self) -> None:
        self._kept = None
        self.spec.shows = None if self.spec.shows else self._open_or_kept
        self.refresh_rows()

    def watch_cursor_row(self) -> None:
        super().watch_cursor_row()
        if self._kept is not None and self.current_record() is not self._kept:
            self._kept = None  # first: the rows rebuilt move the cursor, which comes here
            if self.spec.shows:
                self.refresh_rows()

    def refresh_rows(self, select: Any = None) -> None:
        super().refresh_rows(select)
        total, shown = len(self.records), sum(map(is_open, self.records))
        if self.spec.shows:
            self.border_title = f"Open actions: {shown} of {total} · f shows all"
        else:
            self.border_title = f"All actions: {total} · f shows only the open ones"

    _marked_done: tuple[Action, ActionStatus | None] | None = None
    """The action `x` marked done last, and its status before."""

    def action_done(self) -> None:
        """Done on the app's today (in the review's timezone), or open again and undated.

        `x` again on the action it just marked gives back the status it had: none stays
        none (the file gets no `status = "open"` it never had), in progress stays so.
        """
        action = self.current_record()
        if action is None:
            return
        if action.status == ActionStatus.DONE:
            marked, before = self._marked_done or (None, None)
            # By its id too: undo and redo bring back a copy of every record.
            same = marked is action or (marked is not None and marked.id == action.id != "")
            status = before if same else ActionStatus.OPEN
            action.status, action.done_on = status, None
            self._marked_done = None
            if self.spec.shows:  # the notice that it was done goes (a passing one replaces it)
                self.notify(f"{action.id or 'Action'} open again", markup=False)
        else:
            self._marked_done = (action, action.status)
            action.status, action.done_on = ActionStatus.DONE, self._today()
            self._kept = action
            if self.spec.shows:
                self._say_done(action)
        self.changed("marked the action done or open", select=action)

    def _say_done(self, action: Action) -> None:
        """Which action `x` closed, while the open ones only show: its row goes with the
        cursor."""
        done = f"{action.id} done" if action.id else "Action done"
        self.notify(f"{done} · {key_of('done', 'actions')} again opens it", markup=False)
