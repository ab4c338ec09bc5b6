"""Nothing lost: the lock, the recovery offer, and what happens when a save cannot be made.

`Safekeeping` is the app's one place for these; the app calls it when a review opens,
when a save fails or succeeds, on a crash or a closing terminal, and on exit.

- Opening a review takes its lock (another pmtui on it is named in a warning) and offers
  each recovery copy left by a crash: restore, discard (put away, never offered again),
  keep both. Restoring over a file
  that is no longer what the stopped pmtui read or last wrote (or may not be: a copy from
  an older pmtui) keeps that file beside it first, and over edits made while the question
  was up, those: nothing newer is lost (and one undo brings it back).
- A save refused because the file changed on disk asks: reload theirs, keep mine as a
  copy, overwrite (theirs that cannot be loaded is said, and asked again). Reloading keeps
  mine beside the file first, overwriting theirs: no answer loses a version. Any other
  failed save (disk full, read-only, file gone) says why in one line and offers save as.
  The review stays in memory; each problem is asked about once (ctrl+s asks again).
- A crash, SIGTERM, SIGHUP or SIGINT writes unsaved edits (and the line being typed)
  to the recovery folder; then a closed terminal does what the command asked for (`at_hangup`).
- Text typed and not yet added (the entry line, an open form, a parking-lot or decision
  line) is kept in the recovery folder each time typing pauses, with the review as it is:
  a kill -9 or a power cut gives pmtui no moment to keep it on the way out. The copy goes
  once nothing is typed any more, at a save that leaves nothing typed, and at quitting.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.document.printable import printable
from pmtui.files import filelock, recovery, store
from pmtui.files.session import ChangedOnDisk, GoneFromDisk, ReviewSession
from pmtui.tui.dialogs.choice import Choice, ChoiceDialog
from pmtui.tui.keys import key_of
from pmtui.tui.meeting.type_ahead import Grace
from pmtui.tui.typed import typed_so_far

if TYPE_CHECKING:
    from textual.screen import ModalScreen
    from textual.timer import Timer

    from pmtui.tui.app import PmtuiApp
    from pmtui.tui.typed import Put

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
WATCHDOG_SECONDS = 3.0

RECOVERY_CHOICES = (
    Choice("r", "Restore them: they become the review, saved to its file now", "restore"),
    Choice("d", "Discard them (set aside in pmtui's state folder, not offered again)", "discard"),
    Choice("b", "Keep both: they go beside the review as NAME.recovered-DATE.toml", "both"),
)
CONFLICT_CHOICES = (  # the first is Enter's: the answer that loses nothing
    Choice("c", "Keep mine as a copy, NAME.mine-DATE.toml, and go on there", "copy"),
    Choice("r", "Reload theirs (mine kept beside as NAME.mine-DATE.toml)", "reload"),
    Choice("o", "Overwrite theirs (theirs kept beside as NAME.replaced-DATE.toml)", "overwrite"),
)


class Safekeeping:
    def __init__(self, app: PmtuiApp) -> None:
        self.app = app
        self.locked: Path | None = None
        self.rescued: Path | None = None
        """A recovery copy that the next successful save makes redundant."""
        self._asked: set[str] = set()
        self._asking = False
        self._offering = False
        self.watchdog: threading.Timer | None = None
        self.at_hangup: Callable[[], object] | None = None
        """What the command does as its terminal closes (SIGHUP), once the edits are safe:
        before Textual's shutdown, which can then hang until the process is cut short."""
        self._typing_pause: Timer | None = None
        self.typed_copy: Path | None = None
        """This pmtui's recovery copy, while it holds text typed and not yet added."""
        self._typed_turn = 0
        """Counts what was decided about that copy: a worker whose turn has passed (typing
        paused again, a save, a rescue) does not write it."""
        self._typed_lock = threading.Lock()

    @property
    def session(self) -> ReviewSession:
        assert self.app.session is not None
        return self.app.session

    def say(self, message: str, severity: str = "information") -> None:
        self.app.notify(printable(message), severity=severity, timeout=20, markup=False)

    # Opening and closing --------------------------------------------------------------------

    def opened(self) -> None:
        """A review is on screen: lock it, and offer what crashes left of it."""
        path = self.session.path
        if path is None:
            return
        self.lock(path)
        try:
            recovery.discard_unchanged(path)
            pending = recovery.all_pending(path)
        except store.ReviewFileError as error:
            self.app.report_once(f"Recovered edits not looked for: {error}", "warning")
            return
        self._offer(path, pending)

    def _offer(self, path: Path, copies: list[Path]) -> None:
        """Offer the recovery copies one after the other (each session kept its own)."""
        self._offering = bool(copies)
        if not copies:
            return
        copy, rest = copies[0], copies[1:]
        message = f"{path.name}: unsaved edits{_from(copy)} were kept when pmtui last stopped."
        message += _what_restoring_keeps(recovery.changed_since(path, copy))
        if rest:
            message += f" ({len(rest)} more after these.)"

        def chosen(choice: str | None) -> None:
            self._recovery_chosen(path, copy, choice)
            self._offer(path, rest)

        dialog = ChoiceDialog("Recovered edits", message, RECOVERY_CHOICES, self.app.dialog_grace)
        self.app.push_screen(dialog, chosen)

    def lock(self, path: Path) -> None:
        self.unlock()
        try:
            holder = filelock.acquire(path)
        except OSError:
            return  # no state folder to lock in: conflicts are still caught at save
        if holder is not None:
            self.say(
                f"{path.name} is open in another pmtui ({holder}). Both can edit; "
                "pmtui asks before writing over the other's changes.",
                "warning",
            )
            return
        self.locked = path
        store.clear_leftover_temps(path)

    def unlock(self) -> None:
        if self.locked is not None:
            filelock.release(self.locked)
            self.locked = None

    def _recovery_chosen(self, path: Path, copy: Path, choice: str | None) -> None:
        if choice == "restore":
            session = self.session
            # Edits may have been made, even saved, while the question was up: they are
            # kept beside, as a file written since the copy is, and one undo away.
            unsaved = store.dumps(session.review) if session.dirty else None
            try:
                restored = store.load(copy)
                aside = None
                if unsaved is not None or recovery.changed_since(path, copy) is not False:
                    aside = recovery.set_aside(path, self.app.clock(), unsaved)
            except store.ReviewFileError as error:
                return self.say(f"Cannot restore: {error}", "error")
            session.end_undo_step()
            session.review.become(restored)
            session.edited("restored the recovered edits")
            self.rescued = copy  # gone at the first save that works
            self.app.rebuild()
            if aside is not None:
                self.say(f"Restored; the file as it was is kept beside it as {aside.name}.")
            self.save_now_or_explain()
        elif choice == "discard":
            try:
                put_away = recovery.put_away(copy, self.app.clock())
            except store.ReviewFileError as error:
                return self.say(f"Cannot discard: {error}; offered again next time.", "error")
            self.say(f"Discarded the recovered edits: they are kept in {put_away}.")
        elif choice == "both":
            try:
                kept = recovery.keep_both(path, copy, self.app.clock())
            except store.ReviewFileError as error:
                return self.say(f"Cannot keep both: {error}", "error")
            self.say(f"The recovered edits are in {kept.name}, beside the review.")
        else:
            self.say("The recovered edits are kept; they are offered again next time.")

    # Saving ---------------------------------------------------------------------------------

    def save_now_or_explain(self) -> bool:
        try:
            self.session.save_now()
        except store.ReviewFileError as error:
            self.failed(error)
            return False
        self.saved()
        return True

    def saved(self) -> None:
        """A save worked: the recovery copy this session made or restored is not needed,
        and the one of text typed and not yet added keeps it with the review as saved."""
        if self.rescued is not None:
            recovery.discard(self.rescued)
            self.rescued = None
        self.keep_typed_text()

    def ask_again(self) -> None:
        """An explicit save (ctrl+s): problems already asked about are asked again."""
        self._asked.clear()

    @property
    def asking(self) -> bool:
        """A question about the file (a failed save, a conflict, recovered edits still to
        offer) is on screen."""
        return self._asking or self._offering

    def failed(self, error: store.ReviewFileError) -> None:
        """A save did not happen: say why once, and ask what to do."""
        problem = str(error)
        if problem in self._asked or self._asking:
            return
        self._asked.add(problem)
        self._asking = True
        if isinstance(error, ChangedOnDisk):
            return self._ask_about_conflict(f"Not saved: {problem}.")
        self.say(f"Not saved: {problem}. The review is kept in memory.", "error")
        path = self._full_path()
        suggestion = path if isinstance(error, GoneFromDisk) else _elsewhere(path)
        dialog = self._save_as_dialog(f"Not saved: {problem}.", suggestion, self.app.dialog_grace)
        self.app.push_screen(dialog, self._answered)

    def _ask_about_conflict(self, question: str) -> None:
        self._asking = True
        dialog = ChoiceDialog("Changed on disk", question, CONFLICT_CHOICES, self.app.dialog_grace)
        self.app.push_screen(dialog, self._conflict_chosen)

    def _answered(self, _result: object = None) -> None:
        self._asking = False

    def _conflict_chosen(self, choice: str | None) -> None:
        self._answered()
        session = self.session
        try:
            if choice == "reload":
                self._reload_theirs()
            elif choice == "copy":
                original = session.path
                copy = session.keep_mine_as_copy(self.app.clock())
                self.lock(copy)
                self.app.show_header()
                self.say(f"Yours is saved as {copy.name}; {original.name} keeps their changes.")
            elif choice == "overwrite":
                theirs = session.overwrite(self.app.clock())
                self.saved()
                self.app.show_header()
                self.say(f"Wrote yours over {session.path.name}; theirs is kept as {theirs.name}.")
            else:
                self.say(f"Not saved; {key_of('save')} asks again.", "warning")
        except store.ReviewFileError as error:
            self.failed(error)

    def _reload_theirs(self) -> None:
        """Take the file as it is on disk, mine kept beside it. One that cannot be loaded
        (broken, gone), or mine that cannot be kept, changes nothing here: the question
        comes back, saying so. It said "Not saved" and offered
        save as, to someone who had asked to load their version, not to save."""
        session = self.session
        try:
            mine = session.reload(self.app.clock())
        except store.ReviewFileError as error:
            self._ask_about_conflict(
                f"Not reloaded: {error}. Your edits are kept, not saved: choose again."
            )
            return
        self.app.rebuild()
        kept = f"; yours is kept as {mine.name}" if mine is not None else ""
        self.say(f"Reloaded {session.path.name} from disk{kept}.")

    def offer_save_as(self) -> None:
        problem = "Save the review under a new name; pmtui goes on there."
        suggestion = _copy_beside(self._full_path())
        self.app.push_screen(self._save_as_dialog(problem, suggestion))

    def _full_path(self) -> Path:
        """The review's file, whole: a suggestion relative to where pmtui started
        (`scratch/r.toml`) was joined to the review's folder again (`save_as`)."""
        path = self.session.path
        assert path is not None
        return path.absolute()

    def _save_as_dialog(
        self, problem: str, suggestion: Path, grace: Grace | None = None
    ) -> ModalScreen:
        """Save as; with a `grace` when it comes up on its own (a write failed), without
        one when the scribe asked for it (F12)."""
        from pmtui.tui.dialogs.save_as import SaveAsDialog  # its Input: not at start-up

        return SaveAsDialog(problem, suggestion, self.save_as, grace)

    def save_as(self, target: Path) -> str | None:
        """Save to `target` (relative to the review's folder); the problem, or None."""
        if not target.is_absolute() and self.session.path is not None:
            target = self.session.path.parent / target
        try:
            self.session.save_as(target)
        except store.ReviewFileError as error:
            return str(error)
        self.lock(target)
        self.saved()
        self.app.show_header()
        self.say(f"Saved as {target}.")
        return None

    # Crashes and signals -------------------------------------------------------------------

    def rescue(self) -> Path | None:
        """Unsaved edits to the recovery folder; never raises (it runs while crashing)."""
        if self.app.session is None:
            return None
        try:
            with self._typed_lock:  # no worker writes the copy of typed text over this one
                self._typed_turn += 1
                kept = self.app.session.rescue()
        except Exception:  # a crash handler that crashes would lose the edits for sure
            return None
        if kept is not None:
            self.rescued, self.typed_copy = kept, None
        return self.rescued

    def catch_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal closed) or SIGINT: keep unsaved edits, the line
        being typed too, then exit cleanly."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # not possible off the main thread, nor on platforms without these signals
            loop = asyncio.get_running_loop()
            for number in SIGNALS:
                loop.add_signal_handler(number, partial(self._on_signal, number))

    def release_signals(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for number in SIGNALS:
                loop.remove_signal_handler(number)

    def rescue_on_the_way_out(self) -> Path | None:
        """The process is ending (a signal, a crash): the line being typed goes into the
        review, as quitting puts it there, and then everything to the recovery folder."""
        with contextlib.suppress(Exception):  # whatever it is, the rest must still be kept
            self.app.keep_typed()
        return self.rescue()

    def _on_signal(self, number: int) -> None:
        if self.watchdog is not None:  # on the way out already (a closing terminal sends
            return  # its hangup as the app finds its reads empty: `input_guard`)
        self.rescue_on_the_way_out()
        # With its terminal gone, Textual's shutdown can wait forever on the input thread
        # (every thread parked, deaf to the next SIGTERM: about one run in two as tmux
        # closes it). The edits are in the recovery folder by now, so a clean exit gets a
        # few seconds, then the process goes.
        self.watchdog = threading.Timer(WATCHDOG_SECONDS, os._exit, (128 + number,))
        self.watchdog.daemon = True
        self.watchdog.start()
        if number == signal.SIGHUP and self.at_hangup is not None:
            with contextlib.suppress(Exception):  # only ever a gain: the exit goes on
                self.at_hangup()
        self.app.exit(return_code=128 + number)

    def stand_down(self) -> None:
        """The app has ended cleanly: no forced exit is needed any more."""
        if self.watchdog is not None:
            self.watchdog.cancel()

    # Text typed and not yet added -----------------------------------------------------------

    def typing(self) -> None:
        """A key or a paste: once typing pauses (the autosave's delay), the recovery folder
        keeps what is typed and not yet added (`keep_typed_text`)."""
        if self._typing_pause is not None:
            self._typing_pause.stop()
        self._typing_pause = self.app.set_timer(self.app.saving.delay, self.keep_typed_text)

    def keep_typed_text(self) -> None:
        """This pmtui's recovery copy becomes the review with what is typed and not yet
        added put in (`typed.typed_so_far`), for a kill -9 or a power cut; the review file
        and the document stay as they are. With nothing typed, the copy goes. The review is
        taken here, as a save takes it, and formatted and written in a worker; a copy that
        cannot be written is not said, as a rescue's is not."""
        session = self.app.session
        if session is None or session.path is None or session.read_only_reason is not None:
            return
        typed = typed_so_far(reversed(self.app.screen_stack))
        if not typed:
            return self.drop_typed_text()
        data = store.snapshot(session.review)
        copy = recovery.copy_of(session.path)
        with self._typed_lock:
            self._typed_turn += 1
            if self.typed_copy not in (None, copy):  # the review went on in another file
                recovery.discard(self.typed_copy)
            self.typed_copy, turn = copy, self._typed_turn
        write = partial(self._write_typed, session, data, typed, turn)
        self.app.run_worker(write, thread=True, group="typed", exit_on_error=False)

    def _write_typed(
        self, session: ReviewSession, data: dict[str, Any], typed: list[Put], turn: int
    ) -> None:
        """In the worker thread; what goes wrong ends the worker, and is not said."""
        text = session.with_typed(data, typed)
        with self._typed_lock:
            if turn == self._typed_turn:
                recovery.rescue(session.path, text, session.on_disk)

    def drop_typed_text(self) -> None:
        """Nothing typed is waiting any more (added, emptied, or kept by quitting): the
        copy made for it goes, and a worker still to write one does not."""
        with self._typed_lock:
            self._typed_turn += 1
            copy, self.typed_copy = self.typed_copy, None
            if copy is not None:
                recovery.discard(copy)


def _from(copy: Path) -> str:
    """` from 2026-11-20 14:05`: when the copy was made (local time), if it can be told."""
    try:
        return f" from {dt.datetime.fromtimestamp(copy.stat().st_mtime):%Y-%m-%d %H:%M}"
    except OSError:
        return ""


def _what_restoring_keeps(changed: bool | None) -> str:
    """What the offer adds when restoring keeps the file beside: it changed since the copy's
    pmtui read it, or nobody can tell (`recovery.changed_since`)."""
    if changed is None:
        return " Whether the file changed after that cannot be told: restoring keeps it beside."
    if changed:
        return " The file changed after that: restoring keeps it beside, as it is now."
    return ""


def _copy_beside(path: Path) -> Path:
    return path.with_name(f"{path.stem}-copy{path.suffix}")


def _elsewhere(path: Path) -> Path:
    """Where to offer to save a review its file would not take: a copy beside it when its
    folder takes new files (the file alone read-only), else the home folder. It offered
    the home folder for a read-only file, and the review moved there unawares."""
    return _copy_beside(path) if os.access(path.parent, os.W_OK) else Path.home() / path.name
