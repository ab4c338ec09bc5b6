"""The Textual app and its factory, `make_app`, shared by the CLI, tests and benchmarks."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from pmtui import store
from pmtui.printable import printable
from pmtui.settings import Settings
from pmtui.today import now
from pmtui.tui import themes
from pmtui.tui.facilitation import FACILITATION_ACTIONS, Facilitation
from pmtui.tui.keys import KEYS, SCOPE_TITLES, TABS, bindings
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.safekeeping import Safekeeping
from pmtui.tui.screens.review import ReviewScreen
from pmtui.tui.type_ahead import Grace, TypeAhead

if TYPE_CHECKING:  # imported where used, so that the first frame does not wait for them
    from textual.widget import AwaitMount

    from pmtui.analysis.blameless import Phrasebook
    from pmtui.session import ReviewSession

Clock = Callable[[], dt.datetime]

TABLES = (  # (table id, tab it lives on, scopes of its keys)
    ("timeline-table", "timeline", ("record", "timeline")),
    ("impact-table", "impact", ("record",)),
    ("whys-table", "whys", ("record", "whys")),
    ("actions-table", "actions", ("record", "actions")),
    ("people-table", None, ("record", "people")),
)


MEETING_ACTIONS = (
    frozenset(
        {
            "add_event_now",
            "save",
            "save_as",
            "export",
            "toggle_sidebar",
            "undo",
            "redo",
            "show_tab",
            "next_tab",
            "previous_tab",
            "checklist",
            "import_chat",
        }
    )
    | FACILITATION_ACTIONS
)


KEYS_THAT_QUIT = frozenset(
    key for binding in bindings("app") if binding.action == "quit" for key in binding.key.split(",")
)
"""Pressed while a review opens, these quit at once (unless keys typed before them are
waiting: then they wait too, and quit after those have gone in)."""


def _collect_cycles_again() -> None:
    """`pmtui FILE` starts without the cycle collector; once the review is on screen, what
    start-up made (modules, the review) is frozen, so collections skip it, and it is back."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class PmtuiApp(Facilitation, App[int]):
    """A review open in the terminal."""

    TITLE = "pmtui"
    CSS_PATH = "pmtui.tcss"
    BINDINGS: ClassVar = [
        # ctrl+q quits over dialogs too: only a priority binding gets past a modal screen.
        replace(binding, priority=True) if binding.action == "quit" else binding
        for binding in bindings("app")
    ] + bindings("meeting")
    dialog_grace = Grace()
    """How long a dialog that comes up on its own ignores keys once on screen (see Unasked)."""

    def __init__(
        self,
        session: ReviewSession | None,
        *,
        clock: Clock = now,
        autosave_delay: float = 2.0,
        folder: Path | None = None,
        opening: Path | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.opening = opening
        """A review file to open once the first frame is on screen (`pmtui FILE`)."""
        self.type_ahead = TypeAhead(holding=opening is not None, passing=KEYS_THAT_QUIT)
        self.problem: str | None = None
        """Why the app ended without opening the review: the CLI prints it."""
        self.folder = folder or Path.cwd()
        self.clock = clock
        self.autosave_delay = autosave_delay
        self._autosave_timer = None
        self._quit_unsaved = False
        self._reported_problems: set[str] = set()
        self.settings = Settings.load()
        self._start_problems = [self.settings.problem, *themes.install(self, self.settings.theme)]
        self.safekeeping = Safekeeping(self)

    def get_default_screen(self) -> Screen:
        if self.opening is not None:
            from pmtui.tui.screens.opening import OpeningScreen

            return OpeningScreen(self.opening)
        if self.session is None:
            from pmtui.tui.screens.start import StartScreen

            return StartScreen(self.folder, recent=self.settings.recent)
        from pmtui.tui.screens.meeting import MeetingScreen

        return MeetingScreen(self.session)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return themes.variable_defaults(self.current_theme)

    def on_mount(self) -> None:
        for problem in filter(None, self._start_problems):
            self._report_once(problem, severity="warning")
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.safekeeping.catch_signals()
        if self.session is not None:
            self._remember(self.settings.add_recent, self.session.path)
            self.safekeeping.opened()

    def _remember_theme(self, theme) -> None:
        self._remember(self.settings.set_theme, theme.name)

    def _remember(self, change: Callable, value) -> None:
        """Change a setting; a settings file that cannot be written is reported once."""
        try:
            change(value)
        except store.ReviewFileError as error:
            self._report_once(f"Settings not saved: {error}")

    def _report_once(self, problem: str, severity: str = "error") -> None:
        if problem not in self._reported_problems:
            self._reported_problems.add(problem)
            self.notify(problem, severity=severity, timeout=15, markup=False)

    def on_unmount(self) -> None:
        self.safekeeping.release_signals()
        self.safekeeping.unlock()

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one funnel for uncaught exceptions: keep unsaved edits and the line
        being typed, then crash."""
        self.safekeeping.rescue_on_the_way_out()
        super()._handle_exception(error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about an open review do nothing (and hide) elsewhere."""
        if action in MEETING_ACTIONS:
            return isinstance(self.screen, ReviewScreen)
        return True

    # Opening ------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Until the review is on screen, keys and pastes wait (ctrl+q aside), then go to
        the meeting screen in the order they came: nothing typed at the start is lost."""
        if not self.type_ahead.keeps(event):
            await super().on_event(event)

    def on_ready(self) -> None:
        """The first frame is on screen: now load the review (if one was named) and show it."""
        if self.opening is None:
            _collect_cycles_again()
            return
        # A thread of its own, not a worker: a daemon, so that a read that never ends (a FIFO,
        # a hung network drive) cannot keep the process alive after ctrl+q or a signal.
        loading = threading.Thread(target=self._load, args=(self.opening,), daemon=True)
        loading.start()

    def _load(self, path: Path) -> None:
        """Off the UI thread: import the meeting screen and the model, read the review."""
        try:
            from pmtui.session import ReviewSession
            from pmtui.tui.screens import meeting  # noqa: F401  # imported here, not on the UI thread

            session = ReviewSession.open_or_start(path, self.clock().date())
        except store.ReviewFileError as error:
            self._hand_over(self._not_opened, str(error))
        except Exception as error:  # a bug: crash as the UI thread would (edits are kept)
            self._hand_over(self._handle_exception, error)
        else:
            self._hand_over(self._opened, session)

    def _hand_over(self, callback: Callable, *args: object) -> None:
        """Queue `callback` on the UI thread as an app callback (so an error in it crashes
        the app as any other would, edits rescued), unless the app has ended meanwhile
        (ctrl+q while a slow file was read): then nobody is waiting for the review."""
        if self.is_running:
            with contextlib.suppress(RuntimeError):  # it ended a moment ago
                self.call_from_thread(self.call_later, callback, *args)

    def _not_opened(self, problem: str) -> None:
        self.problem = problem
        _collect_cycles_again()
        self.exit(return_code=2)

    async def _opened(self, session: ReviewSession) -> None:
        try:
            await self.open_session(session)
        finally:
            _collect_cycles_again()
        question = None if isinstance(self.screen, ReviewScreen) else self.screen
        if question is not None:  # recovered edits: what is typed from now on answers it
            self.type_ahead.holding = False
        # Behind whatever the app has queued, so keys already sent are held before it starts.
        self.call_later(self._give_back_typed, question)

    def _give_back_typed(self, question: Screen | None) -> None:
        """Give back the keys held while the review opened. Questions come first: held keys
        never answer the one asked as the review opened (recovered edits), nor one about
        the file that comes up meanwhile (a failed save, a conflict)."""

        def answered() -> bool:
            return question not in self.screen_stack and not self.safekeeping.asking

        give_back = partial(self.type_ahead.give_back, self, answered)
        self.run_worker(give_back, group="type-ahead")

    def open_review(self, path: Path) -> None:
        """Open a review file in the meeting screen; a bad file gets its one line."""
        from pmtui.session import ReviewSession

        try:
            session = ReviewSession.open(path)
        except store.ReviewFileError as error:
            self.safekeeping.say(str(error), "error")
            return
        self.open_session(session)

    def open_session(self, session: ReviewSession) -> AwaitMount:
        """Show the review; awaiting the result waits until its screen is up."""
        from pmtui.tui.screens.meeting import MeetingScreen

        self.session = session
        self._remember(self.settings.add_recent, session.path)
        shown = self.push_screen(MeetingScreen(session))
        self.safekeeping.opened()
        return shown

    def rebuild(self) -> None:
        """Show the document afresh (it was reloaded or restored)."""
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.session = self.session
                self.call_later(screen.rebuild)

    def open_sample(self, name: str) -> None:
        from pmtui import samples

        copy, made = samples.copy_sample(name, self.folder)
        self.notify(
            f"{'Copied' if made else 'Opening your copy of'} the sample: {copy.name}", markup=False
        )
        self.open_review(copy)

    # Saving -------------------------------------------------------------------------------

    def on_document_changed(self, event: DocumentChanged) -> None:
        if self.session is None:
            return
        self._quit_unsaved = False
        self.show_header()
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.schedule_insights()
        if (why := self.session.read_only_reason) is not None:
            self._report_once(f"Edits are not saved: {why}", severity="warning")
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.autosave_delay, self.autosave)

    def action_save(self) -> None:
        """Save now (ctrl+s): problems already asked about are asked about again."""
        self.safekeeping.ask_again()
        if self.session is not None and (why := self.session.read_only_reason) is not None:
            self.safekeeping.say(f"Not saved: {why}", "warning")
            return
        self.autosave()

    def autosave(self) -> None:
        """Write the edits in a worker; a review from a newer pmtui is never written."""
        session = self.session
        if session is not None and session.dirty and session.read_only_reason is None:
            self._write(session.snapshot())

    def action_save_as(self) -> None:
        self.safekeeping.offer_save_as()

    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, snapshot) -> None:
        try:
            revision = self.session.write(snapshot)
        except store.ReviewFileError as error:
            self.call_from_thread(self.safekeeping.failed, error)
        else:
            self.call_from_thread(self._saved, revision)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A save that failed in a way nobody foresaw (a bug, not a disk problem) is said in
        one line; the review stays unsaved, its edits kept in the recovery folder."""
        if event.worker.group != "save" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        kept = self.safekeeping.rescue()
        where = f"; your edits are kept in {kept}" if kept else ""
        self.safekeeping.say(f"Not saved: {type(error).__name__}: {error}{where}", "error")
        self.show_header()

    def _saved(self, revision: int) -> None:
        self.session.mark_saved(revision)
        self.safekeeping.saved()
        self.show_header()

    def show_header(self) -> None:
        if isinstance(self.screen, ReviewScreen):
            self.screen.query_one("#review-header").show(self.session)

    async def action_quit(self) -> None:
        """Quit, saving first. If saving fails, the edits go to the recovery folder, the
        problem is explained, and a second press quits."""
        if self._keep_typed() is None:
            return
        unsaved = self.session is not None and self.session.dirty and not self._quit_unsaved
        if unsaved and not self._save_before_quitting():
            self._quit_unsaved = True
            kept = self.safekeeping.rescue()
            where = f"kept in {kept}" if kept else "NOT kept anywhere"
            self.safekeeping.say(f"Your edits are {where}. ctrl+q again quits.", "warning")
            return
        self.exit(0)

    def _save_before_quitting(self) -> bool:
        """Save on this thread; False (said why) if it cannot be, or may not (read-only)."""
        if (why := self.session.read_only_reason) is not None:
            self.safekeeping.say(f"Not saved: {why}", "warning")
            return False
        return self.safekeeping.save_now_or_explain()

    def _keep_typed(self) -> bool | None:
        """Text typed but not yet added goes into the review before quitting: the timeline
        entry line, an open form's values, a parking-lot or decision line. True if any went
        in; None if a form's values are not valid: it stays open, saying why, and quitting
        waits."""
        kept = self.keep_typed(stop_at_a_bad_form=True)
        if kept is None:
            self.safekeeping.say(
                "Not quit: the form has a problem. Fix it, or Esc drops it; then ctrl+q.",
                "warning",
            )
        return kept

    def keep_typed(self, *, stop_at_a_bad_form: bool = False) -> bool | None:
        """Put what is typed and not yet added into the review (see `_keep_typed`); a form
        whose values are not valid stops it (None) or, when the process is ending anyway
        (a signal), is passed over so the rest is still kept. Marks the review changed."""
        if self.session is None:
            return False
        from pmtui.tui.dialogs.line import LineDialog
        from pmtui.tui.forms import FormDialog
        from pmtui.tui.panes.timeline import TimelinePane

        kept = False
        for screen in reversed(self.screen_stack):
            if isinstance(screen, FormDialog | LineDialog):
                applied = screen.keep_before_quit()
                if applied is None and stop_at_a_bad_form:
                    return None
                kept = bool(applied) or kept
            for pane in screen.query(TimelinePane):
                kept = pane.keep_typed() or kept
        if kept:  # now, not when DocumentChanged arrives: a save or a rescue is next
            self.session.changed()
        return kept

    # Actions ------------------------------------------------------------------------------

    def action_help(self) -> None:
        from pmtui.tui.screens.help import HelpScreen  # Markdown rendering: only when asked

        self.push_screen(HelpScreen())

    def action_checklist(self) -> None:
        from pmtui.tui.screens.checklist import ChecklistScreen  # only when asked, like help

        self.push_screen(ChecklistScreen(self.session))

    @cached_property
    def phrasebook(self) -> Phrasebook:
        """Built-in blameless phrases and the team's; a broken team file is said, not fatal."""
        from pmtui.analysis import blameless

        try:
            return blameless.phrasebook()
        except blameless.PhraseFileError as error:
            self.notify(f"{error} (using the built-in phrases)", severity="warning", markup=False)
            return blameless.builtin_phrasebook()

    def action_toggle_sidebar(self) -> None:
        """F2 goes to the participants (showing them); F2 there hides them again."""
        sidebar = self.screen.query_one("#sidebar")
        people = sidebar.query_one("#people-table")
        if sidebar.has_class("-hidden") or self.focused is not people:
            sidebar.remove_class("-hidden")
            self.screen.set_focus(people)
        else:
            sidebar.add_class("-hidden")
            self.screen.focus_current_pane()

    async def action_show_tab(self, tab: str) -> None:
        if isinstance(self.screen, ReviewScreen):
            await self.screen.show_tab(tab)

    async def action_next_tab(self, step: int = 1) -> None:
        if isinstance(self.screen, ReviewScreen):
            current = TABS.index(self.screen.query_one("#tabs").active)
            await self.screen.show_tab(TABS[(current + step) % len(TABS)])

    async def action_previous_tab(self) -> None:
        await self.action_next_tab(-1)

    async def action_add_event_now(self) -> None:
        stamp = self.clock()
        await self.screen.show_tab("timeline", focus=False)
        self.screen.query_one("TimelinePane").start_entry(stamp)

    def action_export(self) -> None:
        from pmtui import anonymise
        from pmtui.tui.dialogs.export import ExportDialog

        review = self.session.review
        shown = anonymise.anonymised(review) if self.anonymise else review
        self.push_screen(ExportDialog(shown, self.session.path))

    def action_import_chat(self) -> None:
        from pmtui.tui.dialogs.import_chat import ImportChatDialog

        dialog = ImportChatDialog(self.session.review, today=self.clock().date())
        self.push_screen(dialog, self._chat_imported)

    def _chat_imported(self, plan) -> None:
        if plan is None:
            return
        from pmtui.chat.merge import add_to_review

        result = add_to_review(self.session.review, plan.messages, plan.who, plan.new_people)
        self.session.edited("imported the chat")
        self.screen.refresh_all()
        self.post_message(DocumentChanged())
        people = f"; new participants: {', '.join(result.new_people)}" if result.new_people else ""
        self.safekeeping.say(
            f"Added {result.added} events from the chat ({result.skipped} already there){people}"
        )

    async def action_undo(self) -> None:
        await self._through_history(self.session.undo, "Undone", "Nothing to undo")

    async def action_redo(self) -> None:
        await self._through_history(self.session.redo, "Redone", "Nothing to redo")

    async def _through_history(
        self, step: Callable[[], str | None], done: str, nothing: str
    ) -> None:
        """Undo or redo one change, show the document it leaves, and say what it was."""
        what = step()
        if what is None:
            self.notify(nothing)
            return
        await self.screen.show_document()
        self.post_message(DocumentChanged())
        again = "ctrl+y redoes it" if done == "Undone" else "ctrl+z undoes it again"
        self.notify(printable(f"{done}: {what} · {again}"), markup=False)

    async def run_on_table(self, table_id: str, tab: str | None, action: str) -> None:
        """Run a table's action from the palette: show its tab, focus it, act."""
        if tab is not None:
            await self.action_show_tab(tab)
        else:
            self.screen.query_one("#sidebar").remove_class("-hidden")
        table = self.screen.query_one(f"#{table_id}")
        self.screen.set_focus(table)
        await table.run_action(action)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (minus those pmtui offers with its own key), then pmtui's."""
        meeting = isinstance(screen, ReviewScreen)
        own = {key.title for key in KEYS["app"]} if meeting else set()
        yield from (c for c in super().get_system_commands(screen) if c.title not in own)
        if not meeting:
            return
        for key in (*KEYS["app"], *KEYS["meeting"]):
            yield SystemCommand(
                key.title, f"{key.help} ({key.label})", partial(self.run_action, key.action)
            )
        for table_id, tab, scopes in TABLES:
            place = SCOPE_TITLES[scopes[-1]] if len(scopes) > 1 else tab.capitalize()
            for scope in scopes:
                for key in KEYS[scope]:
                    yield SystemCommand(
                        f"{place}: {key.title}",
                        f"{key.help} ({key.label})",
                        partial(self.run_on_table, table_id, tab, key.action),
                    )


def make_app(
    path: Path | None = None,
    *,
    clock: Clock = now,
    autosave_delay: float = 2.0,
    folder: Path | None = None,
    load_after_first_frame: bool = False,
) -> PmtuiApp:
    """The app on a review file, or on the start screen when there is none.

    A missing file starts a new review from the default template (written at the first
    edit). A file that exists is loaded now, so a bad one fails with its one-line error
    before any screen appears, and is never written over. With `load_after_first_frame`
    (how `pmtui FILE` starts), the file is loaded once the first frame is on screen, and a
    bad one ends the app with its one line in `app.problem`; it is never written over either.
    """
    if path is not None and load_after_first_frame:
        return PmtuiApp(
            None, clock=clock, autosave_delay=autosave_delay, folder=folder, opening=path
        )
    from pmtui.session import ReviewSession

    session = None if path is None else ReviewSession.open_or_start(path, clock().date())
    return PmtuiApp(session, clock=clock, autosave_delay=autosave_delay, folder=folder)
