"""Saving the open review: by itself a moment after each edit, and at ctrl+s.

A save takes the document's snapshot on the UI thread (so it is one consistent state) and
writes it in a worker thread, so typing never waits for the disk. What goes wrong is the
safekeeping's to explain (`Safekeeping.failed`); a failure nobody foresaw (a bug, not a
disk problem) is said in one line here and the edits go to the recovery folder.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from pmtui.files import store

if TYPE_CHECKING:
    from textual.timer import Timer

    from pmtui.files.session import Snapshot
    from pmtui.tui.app import PmtuiApp

GROUP = "save"
LAYOUT_LOST = (
    "Saved, in pmtui's own layout: this edit could not be made in the file's own, so its "
    "comments and spacing are gone (every value is kept)"
)


class Saving:
    def __init__(self, app: PmtuiApp, delay: float) -> None:
        self.app = app
        self.delay = delay
        """Seconds after the last edit before saving by itself."""
        self._timer: Timer | None = None

    def later(self) -> None:
        """An edit: save once edits pause (a review from a newer pmtui is never written)."""
        session = self.app.session
        if (why := session.read_only_reason) is not None:
            self.app.report_once(f"Edits are not saved: {why}", severity="warning")
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self.delay, self.autosave)

    def now(self) -> None:
        """Save now (ctrl+s): problems already asked about are asked about again."""
        self.app.safekeeping.ask_again()
        session = self.app.session
        if session is not None and (why := session.read_only_reason) is not None:
            self.app.safekeeping.say(f"Not saved: {why}", "warning")
            return
        self.autosave()

    def autosave(self) -> None:
        session = self.app.session
        if session is not None and session.dirty and session.read_only_reason is None:
            snapshot = session.snapshot()
            self.app.run_worker(
                partial(self._write, snapshot), thread=True, group=GROUP, exit_on_error=False
            )

    def _write(self, snapshot: Snapshot) -> None:
        """In the worker thread."""
        try:
            revision = self.app.session.write(snapshot)
        except store.ReviewFileError as error:
            self.app.call_from_thread(self.app.safekeeping.failed, error)
        else:
            self.app.call_from_thread(self._saved, revision)

    def _saved(self, revision: int) -> None:
        self.app.session.mark_saved(revision)
        self.app.safekeeping.saved()
        self.app.show_header()
        if self.app.session.layout_lost:
            self.app.report_once(LAYOUT_LOST, severity="warning")

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """A save that failed in a way nobody foresaw: one line; the review stays unsaved,
        its edits kept in the recovery folder."""
        if event.worker.group != GROUP or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        kept = self.app.safekeeping.rescue()
        where = f"; your edits are kept in {kept}" if kept else ""
        self.app.safekeeping.say(f"Not saved: {type(error).__name__}: {error}{where}", "error")
        self.app.show_header()
