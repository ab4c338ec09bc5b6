"""`pmtui FILE`: a review small enough is read before the first frame, which is then the
meeting screen; a larger one is read after a first "Opening" frame, off the UI thread.

Either way, keys typed until the meeting screen is up wait (`TypeAhead`) and are given back
in order once it is; a file that cannot be read says its one line (the CLI prints it, or,
read after the first frame, it ends the app with it in `app.problem`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from pmtui.files import cache_entries, parse_cache, store
from pmtui.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from pmtui.document.model import Review
    from pmtui.files.session import ReviewSession
    from pmtui.tui.app import PmtuiApp


def open_or_start(path: Path, today: dt.date, *, ids_later: bool = False) -> ReviewSession:
    """The review at `path`; where there is no file yet, a new review from the default
    template, written there at its first edit. (`ids_later`: see `ReviewSession.open`.)"""
    if no_file_at(path):
        return _from_default(path, today)
    return open_existing(path, today, ids_later=ids_later)


def open_existing(path: Path, today: dt.date, *, ids_later: bool = False) -> ReviewSession:
    """The review in the file at `path`; in an empty one (`touch r.toml`), a new review from
    the default template, written over it at its first edit (`new_review_at`). A file that
    holds something else (`pyproject.toml`) is refused with its one line, never written."""
    from pmtui.files.session import ReviewSession

    read = ReviewSession.open(path, ids_later=ids_later)
    store.a_review_or_nothing(read.review, path)
    return _from_default(path, today, read) if store.holds_nothing(read.review) else read


def new_review_at(path: Path, review: Review, empty: ReviewSession | None) -> ReviewSession:
    """`review`, new, written to `path` at its first edit: where there is no file yet, or
    over the `empty` file read there, if it is still as read (its comments are kept)."""
    from pmtui.files.session import ReviewSession
    from pmtui.files.toml_base import Base

    if empty is None:
        return ReviewSession(review, path)
    text = empty.base.text if empty.base is not None else ""
    base = Base(text, {}) if text.strip() else None  # blanks alone: pmtui's own layout
    return ReviewSession(review, path, on_disk=empty.on_disk, base=base, over_empty=True)


def _from_default(path: Path, today: dt.date, empty: ReviewSession | None = None) -> ReviewSession:
    from pmtui import templates

    default = templates.load_template("default")
    return new_review_at(path, templates.new_review(default, today=today), empty)


def no_file_at(path: Path) -> bool:
    """No file there (yet). A path that cannot be looked at is not missing: opening it
    says why, in one line."""
    try:
        path.stat()
    except FileNotFoundError:
        return True
    except OSError:
        pass
    return False


def opens_at_once(path: Path) -> bool:
    """Whether `pmtui FILE` reads the review before its first frame: all but a regular
    file too large to parse at once (`parse_cache.MIN_SIZE`), which gets an "Opening"
    frame first and is read in a thread that ctrl+q does not wait for. Read at once, the
    meeting screen is the first frame, about 40 ms sooner than after an "Opening" frame for
    the sample; a new review starts so too, and a pipe, a folder or a path that cannot be
    looked at is refused with its one line before any screen, without being read."""
    try:
        info = path.stat()
    except OSError:
        return True
    return not (stat.S_ISREG(info.st_mode) and info.st_size >= parse_cache.MIN_SIZE)


def _write_in_a_thread(held: list[Callable[[], None]]) -> None:
    threading.Thread(target=cache_entries.write_held, args=(held,), daemon=True).start()


def collect_cycles_again() -> None:
    """`pmtui FILE` starts without the cycle collector; once the review is on screen, what
    start-up made (modules, the review) is frozen, so collections skip it, and it is back."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class Loading:
    def __init__(self, app: PmtuiApp) -> None:
        self.app = app

    def start(self, path: Path) -> None:
        # A thread of its own, not a worker: a daemon, so that a read that never ends (a FIFO,
        # a hung network drive) cannot keep the process alive after ctrl+q or a signal.
        threading.Thread(target=self._load, args=(path,), daemon=True).start()

    def _load(self, path: Path) -> None:
        """Off the UI thread: import the meeting screen and the model, read the review (as
        the app reads it: `read_review`)."""
        try:
            from pmtui.tui.screens import meeting  # noqa: F401  # imported here, not on the UI thread

            with cache_entries.held_back() as held:  # written once the review is on screen
                session = self.app.read_review(path)
        except store.ReviewFileError as error:
            self._hand_over(self._not_opened, str(error))
        except Exception as error:  # a bug: crash as the UI thread would (edits are kept)
            self._hand_over(self.app._handle_exception, error)
        else:
            self._hand_over(self._opened, session, held)

    def _hand_over(self, callback: Callable, *args: object) -> None:
        """Queue `callback` on the UI thread as an app callback (so an error in it crashes
        the app as any other would, edits rescued), unless the app has ended meanwhile
        (ctrl+q while a slow file was read): then nobody is waiting for the review."""
        if self.app.is_running:
            with contextlib.suppress(RuntimeError):  # it ended a moment ago
                self.app.call_from_thread(self.app.call_later, callback, *args)

    def _not_opened(self, problem: str) -> None:
        self.app.problem = problem
        collect_cycles_again()
        self.app.exit(return_code=2)

    async def _opened(self, session: ReviewSession, held: list[Callable[[], None]]) -> None:
        try:
            await self.app.open_session(session)
        finally:
            collect_cycles_again()
        self.once_on_screen(session, held)

    def once_on_screen(
        self, session: ReviewSession, held: list[Callable[[], None]] | None = None
    ) -> None:
        """The review is on screen: give its items their ids, then the keys held, then
        write the cache entries its reading `held` back (in a thread ctrl+q does not wait
        for: an entry not written only costs the next opening its time)."""
        app = self.app
        question = None if isinstance(app.screen, ReviewScreen) else app.screen
        if question is not None:  # recovered edits: what is typed from now on answers it
            app.type_ahead.holding = False
        # Once the review is drawn (the footer draws its keys a frame later), its items get
        # their ids, before any key held can edit them; the keys come behind whatever the
        # app has queued, held before it starts.
        app.call_after_refresh(
            app.call_after_refresh, self._give_ids_then_typed, session, question, held or []
        )

    def _give_ids_then_typed(
        self, session: ReviewSession, question: Screen | None, held: list[Callable[[], None]]
    ) -> None:
        session.give_opening_ids()
        self.app.call_later(self._give_back_typed, question)
        if held:
            self.app.call_later(_write_in_a_thread, held)

    def _give_back_typed(self, question: Screen | None) -> None:
        """Give back the keys held while the review opened. Questions come first: held keys
        never answer the one asked as the review opened (recovered edits), nor one about
        the file that comes up meanwhile (a failed save, a conflict)."""
        app = self.app

        def answered() -> bool:
            return question not in app.screen_stack and not app.safekeeping.asking

        app.give_back_typed(answered)
