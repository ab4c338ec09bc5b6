"""The Textual app and its factory, `make_app`, shared by the CLI, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual._wait import wait_for_idle  # Pilot's own wait; Textual is pinned exactly
from textual.app import App, SystemCommand
from textual.notifications import Notification, Notify
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from pmtui.document import meeting_clock
from pmtui.document.printable import printable
from pmtui.document.today import now
from pmtui.files import kept_frames, locations, store
from pmtui.files.settings import Settings
from pmtui.tui import themes
from pmtui.tui.alt_digits import read_alt_digits_as_keys
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.keys import KEYS, TAB_MOVES, bindings, key_of, keys_of, palette
from pmtui.tui.loading import (
    Loading,
    collect_cycles_again,
    open_existing,
    open_or_start,
    opens_at_once,
)
from pmtui.tui.meeting.safekeeping import Safekeeping
from pmtui.tui.meeting.type_ahead import Grace, TypeAhead, closes, until_dealt_with
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.saving import Saving
from pmtui.tui.screens.review import ReviewScreen
from pmtui.tui.typed import keep_typed, quit_called_off
from pmtui.tui.whole_frame import whole_frame

read_alt_digits_as_keys()

if TYPE_CHECKING:  # imported where used, so that the first frame does not wait for them
    from textual.widget import AwaitMount, Widget

    from pmtui.analysis.blameless import Phrasebook
    from pmtui.files.session import ReviewSession

Clock = Callable[[], dt.datetime]
MouseScroll = events.MouseScrollDown | events.MouseScrollUp
NOT_QUIT = "Not quit: the form has a problem"
PAINTED_HELD_AT_MOST = 2.0
"""Seconds the app draws nothing over the frame painted at launch, if its screen never
settles (`show_live`)."""


class PmtuiApp(App[int]):
    """A review open in the terminal."""

    TITLE = "pmtui"
    CSS_PATH = "pmtui.tcss"
    BINDINGS: ClassVar = [
        # ctrl+q quits over dialogs too: only a priority binding gets past a modal screen.
        replace(binding, priority=True) if binding.action == "quit" else binding
        for binding in bindings("app")
    ]
    anonymise = False
    """Show roles instead of names (on screen and in the in-app export): ctrl+r."""
    dialog_grace = Grace()
    """How long a dialog that comes up on its own ignores keys once on screen (see Unasked)."""
    word_wait = 0.35
    """Seconds a letter key of a table waits to see whether it starts a word."""
    key_read: events.Key | None = None
    """The key the app read last from the terminal: a priority key's action runs while it
    is read, and may need to know when it was typed (`key_as_read`: F8 and F9 on a table
    or the entry line, the entry line's Enter)."""

    def __init__(
        self,
        session: ReviewSession | None,
        *,
        clock: Clock = now,
        autosave_delay: float = 2.0,
        folder: Path | None = None,
        opening: Path | None = None,
        launch: kept_frames.Launch | None = None,
        painted: bool = False,
    ) -> None:
        super().__init__()
        self.told: list[str] = []
        """What the app told the user, oldest first (every notify, shown or not yet): for
        the status history and for tests, which then need not read Textual's private
        notification store."""
        self.rebuilding = 0
        """Screens being rebuilt (`rebuild`), and tabs being shown whose field is still to
        take the focus (`MeetingScreen.show_tab`): keys given back wait for them."""
        self.session = session
        self.opening = opening
        """The review file `pmtui FILE` opens: keys typed until it is on screen wait. With no
        `session`, it is read once the first frame is on screen."""
        self.launch = launch
        """`pmtui FILE` in a terminal: the meeting screen, once settled, is kept for the next
        launch to put up at once (`settled`)."""
        self._painted_held = painted
        """The launch put up the frame kept last time: the app draws nothing over it until
        its own screen is as settled (`show_live`)."""
        self._untouched = True
        """No key, paste, click or scroll has come since launch (`settled`)."""
        self.screen_taken = False
        """Textual has taken the terminal (its driver is made, and starts next): it gives
        the screen back as it ends, also after a crash at start."""
        # Pressed while a review opens, the quit keys quit at once (unless keys typed before
        # them are waiting: then they wait too, and quit after those have gone in).
        self.type_ahead = TypeAhead(
            holding=opening is not None, passing=keys_of("quit"), moving=TAB_MOVES
        )
        self.problem: str | None = None
        """Why the app ended without opening the review: the CLI prints it."""
        self.folder = folder or locations.current_folder()
        self.clock = clock
        self.saving = Saving(self, autosave_delay)
        self._quit_unsaved = False
        self._not_quit_over: Screen | None = None
        """The dialog whose form stopped quitting (`_keep_typed`)."""
        self._reported_problems: set[str] = set()
        self.settings = Settings.load()
        self._start_problems = [self.settings.problem, *themes.install(self, self.settings.theme)]
        self.safekeeping = Safekeeping(self)

    def _build_driver(self, *args, **kwargs):
        """Textual's driver, made just before it takes the terminal (pinned exactly)."""
        driver = super()._build_driver(*args, **kwargs)
        self.screen_taken = True
        return driver

    def get_default_screen(self) -> Screen:
        if self.session is not None:
            return self.review_screen(self.session)
        if self.opening is not None:
            from pmtui.tui.screens.opening import OpeningScreen

            return OpeningScreen(self.opening)
        from pmtui.tui.screens.start import StartScreen

        return StartScreen(self.folder, recent=self.settings.recent)

    def review_screen(self, session: ReviewSession) -> Screen:
        """The screen a review is shown on (the replay's has its bar too)."""
        from pmtui.tui.screens.meeting import MeetingScreen

        return MeetingScreen(session)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return themes.variable_defaults(self.current_theme)

    def on_mount(self) -> None:
        for problem in filter(None, self._start_problems):
            self.report_once(problem, severity="warning")
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.screen_change_signal.subscribe(self, self._withdraw_not_quit)
        self.screen_change_signal.subscribe(self, self._live_for_a_dialog)
        if self._painted_held:
            self.set_timer(PAINTED_HELD_AT_MOST, self.show_live)
        self.safekeeping.catch_signals()
        if self.session is not None:
            self.take_on(self.session)

    def take_on(self, session: ReviewSession) -> None:
        """The review on screen is this run's to edit: first among the recent ones, locked,
        and what crashes left of it offered."""
        self._remember(self.settings.add_recent, session.path)
        self.safekeeping.opened()

    # The frame painted at launch -----------------------------------------------------------

    def settled(self, screen: Screen) -> None:
        """The meeting screen has settled (`SETTLED_AFTER` its mount, its insights in): the
        app draws it from now on, and it is kept for the next launch of the review to put up
        at once (`kept_frames`), if nothing has changed it (`_keep_frame`). Once a run;
        written off the UI thread."""
        self.show_live()
        launch, self.launch = self.launch, None
        if launch is not None:
            self.call_after_refresh(self._keep_frame, launch, screen)

    def _keep_frame(self, launch: kept_frames.Launch, screen: Screen) -> None:
        if (settled := self.frame_as_settled(launch, screen)) is not None:
            keep = partial(kept_frames.keep_unless_changed, launch, *settled)
            self.run_worker(keep, thread=True, exit_on_error=False)  # only ever a gain

    def frame_as_settled(
        self, launch: kept_frames.Launch, screen: Screen
    ) -> tuple[str, kept_frames.Day] | None:
        """The screen as drawn, and the day it holds for (`kept_frames.keep`), unless
        something changed it or is over it: a key, a click, a scroll or a mouse move since
        launch, a dialog, a notice (it says what was so at this launch only), another terminal size;
        a meeting under way (its clock ticks in the header); or its insights counted
        another day than the launch's."""
        unchanged = self._untouched and self.screen is screen and not self._notifications
        if not unchanged or tuple(self.size) != launch.size:
            return None
        if meeting_clock.reading(screen.session.review.meeting, self.clock()).running:
            return None
        counted = screen.insights_moment or self.clock()
        day = kept_frames.day_of(counted, screen.session.review.zone)
        if not day[0] <= launch.at < day[1]:  # the insights counted the next day already
            return None
        return whole_frame(self), day

    def show_live(self) -> None:
        """Draw the app's own screen over the frame painted at launch: once its screen has
        settled, a key is read, another screen comes up, or after `PAINTED_HELD_AT_MOST`.
        Drawn until then, the screen changed under the room's eyes as it filled in."""
        if self._painted_held:
            self._painted_held = False
            self.screen.refresh()  # all of it: what went unwritten meanwhile with the rest

    def _display(self, screen: Screen, renderable) -> None:
        """Textual's one way to the terminal (pinned exactly): nothing goes while the frame
        painted at launch is held. The app runs on meanwhile: it lays out, focuses, and
        takes the keys typed."""
        if not self._painted_held:
            super()._display(screen, renderable)

    def _live_for_a_dialog(self, screen: Screen) -> None:
        """A dialog is drawn as it comes: it is not what was painted, and it counts keys as
        its own only once on screen (`Dialog.drawn`). The "Opening" frame of a large review
        is not: the meeting screen painted stays up until its own has settled."""
        if isinstance(screen, ModalScreen):
            self.show_live()

    def _remember_theme(self, theme) -> None:
        self._remember(self.settings.set_theme, theme.name)

    def _remember(self, change: Callable, value) -> None:
        """Change a setting; a settings file that cannot be written is reported once."""
        try:
            change(value)
        except store.ReviewFileError as error:
            self.report_once(f"Settings not saved: {error}")

    def notify(self, message: str, *args, **kwargs) -> None:
        """Textual's notify, with the message kept in `told` too. Control characters are
        made visible: a message can quote a file's name, and names can hold ESC."""
        message = printable(message)
        self.told.append(message)
        super().notify(message, *args, **kwargs)

    def on_notify(self, event: Notify) -> None:
        """A passing notice takes the place of the passing ones still up (before Textual adds
        it): three ctrl+z in a row stacked three over the rows of the table for seconds.
        Warnings and problems stay their time."""
        if event.notification.severity == "information":
            self._withdraw(lambda notice: notice.severity == "information")

    def withdraw(self, message: str) -> None:
        """Take the notice saying `message` off the screen before its time: it no longer
        holds. At once, so a dialog about to open does not show it over the screen still
        showing it, and again once the notices already sent have arrived (`call_later`):
        it may be one of them."""
        said = printable(message)
        withdraw = partial(self._withdraw, lambda notice: notice.message == said)
        withdraw()
        self.call_later(withdraw)

    def _withdraw(self, which: Callable[[Notification], bool]) -> None:
        """Take the notices `which` picks off the screen before their time."""
        for notice in list(self._notifications):  # Textual is pinned exactly
            if which(notice):
                self._unnotify(notice)

    def report_once(self, problem: str, severity: str = "error") -> None:
        if problem not in self._reported_problems:
            self._reported_problems.add(problem)
            self.notify(problem, severity=severity, timeout=15, markup=False)

    def _withdraw_start_problems(self) -> None:
        """The problems said as the run started (a settings file that cannot be read) were
        said on the start screen: a review opened from it does not show them again. Textual
        puts a notice still up on each new screen, and it seemed said a second time."""
        said = {printable(problem) for problem in self._start_problems if problem}
        self._withdraw(lambda notice: notice.message in said)

    def on_unmount(self) -> None:
        self.safekeeping.release_signals()
        self.safekeeping.unlock()

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one funnel for uncaught exceptions: keep unsaved edits and the line
        being typed, then crash."""
        self.safekeeping.rescue_on_the_way_out()
        super()._handle_exception(error)

    # Opening ------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Until the review is on screen, keys and pastes wait (ctrl+q aside), then go to
        the meeting screen in the order they came: nothing typed at the start is lost."""
        acts = isinstance(event, events.Key | events.Paste | events.MouseDown | MouseScroll)
        if acts or isinstance(event, events.MouseMove):  # a move: a row's hover highlight
            self._untouched = False
        if self.type_ahead.keeps(event) or self._kept_until_drawn(event):
            return
        if acts:
            self.show_live()  # each key's effect is seen as it goes in
        typed = isinstance(event, events.Key) and not event.is_forwarded  # not bubbled up
        if typed:
            self.key_read = event
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.safekeeping.typing()
        await super().on_event(event)
        if typed and (closes(self.screen, event) or self._opens_a_form(event)):
            self._hold_until_dealt_with(self.screen)

    def _opens_a_form(self, key: events.Key) -> bool:
        """Enter on a table edits its row in a form. The keys typed after it wait until the
        form is up: Tab, which the app runs itself (it moves between fields), went ahead of
        the Enter still on its way to the table, took the focus to the entry line, and the
        form never opened."""
        return key.key == "enter" and getattr(self.focused, "enter_opens_a_form", False)

    def _kept_until_drawn(self, event: events.Event) -> bool:
        """Keys typed for a dialog the scribe opened wait until it is drawn (`Dialog`), all
        of them: its first field can have the focus before, and took the characters while
        a key among them (ctrl+s, Tab) waited, so the next action's words went into this
        one's owner. A quit key is not kept: it quits at once. True when kept."""
        if not isinstance(event, events.Key | events.Paste) or not self.screen_stack:
            return False
        dialog = self.screen
        quits = isinstance(event, events.Key) and event.key in self.type_ahead.passing
        waits = (
            not event.is_forwarded
            and not quits
            and isinstance(dialog, Dialog)
            and dialog.takes_keys_typed_before
            and not dialog.drawn
        )
        if waits:
            self.type_ahead.keep(event)
        return waits

    def _hold_until_dealt_with(self, dialog: Screen) -> None:
        """Keys typed after one that can close a dialog (Enter, ctrl+s, Esc) wait until it
        has done so, then go to what is on top, in order. Sent on at once, they reached the
        dialog's field or list before it closed: the next note ran into the one just saved
        (saved twice, it crashed the app), and the next record into a form's date."""
        if self.type_ahead.hold():
            self.run_worker(self._give_back_once_dealt_with(dialog), group="type-ahead")

    async def _give_back_once_dealt_with(self, dialog: Screen) -> None:
        await until_dealt_with(self, dialog, sent_on=True)
        await wait_for_idle(0)
        await self.type_ahead.give_back(self, lambda: True)

    def key_as_read(self, key: str, character: str | None = None) -> events.Key:
        """A key of that name, typed when the key the app is reading was (`key_read`): a
        priority key's action hands it on in its place among the keys typed around it."""
        made = events.Key(key, character)
        if self.key_read is not None:
            made.time = self.key_read.time
        return made

    def typed_after_opening(self, widget: Widget, event: events.Key | events.Paste) -> bool:
        """A key still queued for `widget` when a key typed before it opened a dialog over
        its screen (`n`, Enter, F9 typed fast with what follows): the dialog's, held for
        it ahead of the keys that reached the app since. True when taken."""
        dialog = self.screen
        taken = widget.screen is not dialog and getattr(dialog, "takes_keys_typed_before", False)
        if taken:
            event.stop()
            event.prevent_default()
            self.type_ahead.keep(event)
            if dialog.drawn:
                self.give_back_typed()
        return taken

    def give_back_typed(self, answered: Callable[[], bool] = lambda: True) -> None:
        """Give back the keys held (`TypeAhead.give_back`, once `answered()`), unless a
        give-back is on its way already (it goes on until none is left)."""
        if (self.type_ahead.held or self.type_ahead.holding) and not any(
            worker.group == "type-ahead" and worker.is_running for worker in self.workers
        ):
            give_back = partial(self.type_ahead.give_back, self, answered)
            self.run_worker(give_back, group="type-ahead")

    def on_ready(self) -> None:
        """The first frame is on screen: now load the review (if one was named and is not
        on screen yet) and show it."""
        if self.opening is None:
            collect_cycles_again()
        elif self.session is None:
            Loading(self).start(self.opening)
        else:  # read before the first frame (`opens_at_once`)
            collect_cycles_again()
            Loading(self).once_on_screen(self.session)

    def read_review(self, path: Path) -> ReviewSession:
        """The review `pmtui FILE` opens, read off the UI thread once the first frame is up
        (its items get their ids once it is on screen: `Loading`)."""
        return open_or_start(path, self.clock().date(), ids_later=True)

    def open_review(self, path: Path) -> None:
        """Open a review file in the meeting screen (an empty one starts a new review); a
        bad file, or one that is no review, gets its one line."""
        try:
            session = open_existing(path, self.clock().date())
        except store.ReviewFileError as error:
            self.safekeeping.say(str(error), "error")
            return
        self.open_session(session)

    def open_session(self, session: ReviewSession) -> AwaitMount:
        """Show the review; awaiting the result waits until its screen is up."""
        self.session = session
        if self.opening is None:  # opened from the start screen
            self._withdraw_start_problems()
        shown = self.push_screen(self.review_screen(session))
        self.take_on(session)
        return shown

    def rebuild(self) -> None:
        """Show the document afresh (it was reloaded or restored). Until it is, keys given
        back wait (`TypeAhead.give_back`): one given back while the panes were being
        replaced went to a pane on its way out, and was lost."""
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.session = self.session
                self.rebuilding += 1
                self.call_later(self._rebuild, screen)

    async def _rebuild(self, screen: ReviewScreen) -> None:
        try:
            await screen.rebuild()
        finally:
            self.rebuilding -= 1

    # Saving -------------------------------------------------------------------------------

    def on_document_changed(self, event: DocumentChanged) -> None:
        if self.session is None:
            return
        self._quit_unsaved = False
        self.show_header()
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.schedule_insights()
        self.saving.later()

    def save_now(self) -> None:
        self.saving.now()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.saving.worker_changed(event)

    def show_header(self) -> None:
        """The review's header as the session is now, under any dialog too: save as runs
        from its dialog, and a save can end while one is open; a header shown only when its
        screen was on top kept the old file name, or "unsaved", until the next edit."""
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.query_one("#review-header").show(self.session)

    def action_quit(self) -> None:
        """Quit once the keys typed before ctrl+q have done what they do. ctrl+q is read at
        once (a priority binding, to get past a dialog), and an undo typed just before it
        was lost: its binding runs only once the key has gone up to the app."""
        if not any(worker.group == "quit" and worker.is_running for worker in self.workers):
            self.run_worker(self._quit_after_typed_keys(), group="quit")

    async def _quit_after_typed_keys(self) -> None:
        """The keys typed before ctrl+q first pass every widget on their way up, their
        bindings run (`until_dealt_with`): waiting for the app to go idle alone, an undo
        typed just before ctrl+q came after the save on a busy machine."""
        from pmtui.tui.tables.records import RecordTable

        await until_dealt_with(self, self.screen, sent_on=True)
        await wait_for_idle(0)
        for table in self.screen.query(RecordTable):  # a letter waiting for a word: none came
            await table.run_waiting()
        await self._quit()

    async def _quit(self) -> None:
        """Quit, saving first. If saving fails, the edits go to the recovery folder, the
        problem is explained, and a second press quits."""
        if self._keep_typed() is None:
            return
        unsaved = self.session is not None and self.session.dirty and not self._quit_unsaved
        if unsaved and not self._save_before_quitting():
            self._quit_unsaved = True
            kept = self.safekeeping.rescue()
            quit_called_off(self.screen_stack)
            where = f"kept in {kept}" if kept else "NOT kept anywhere"
            self.safekeeping.say(
                f"Your edits are {where}. {key_of('quit')} again quits.", "warning"
            )
            return
        self.safekeeping.drop_typed_text()  # what was typed is in the review now, or rescued
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
                f"{NOT_QUIT} (a field in red). Fix it (Esc drops an open form); then "
                f"{key_of('quit')}",
                "warning",
            )
            self._not_quit_over = self.screen if isinstance(self.screen, Dialog) else None
        return kept

    def _withdraw_not_quit(self, _screen: Screen) -> None:
        """Once the form that stopped quitting has closed (fixed and saved, or dropped), its
        notice goes: it stayed over the rows for seconds after. A field in red on a tab
        stays until fixed, and its notice its time."""
        if self._not_quit_over is not None and self._not_quit_over not in self.screen_stack:
            self._not_quit_over = None
            self._withdraw(lambda notice: notice.message.startswith(NOT_QUIT))

    def keep_typed(self, *, stop_at_a_bad_form: bool = False) -> bool | None:
        """What is typed and not yet added goes into the review (`typed.keep_typed`),
        marked changed now, not when DocumentChanged arrives: a save or a rescue is next."""
        if self.session is None:
            return False
        kept = keep_typed(reversed(self.screen_stack), stop_at_a_bad_form=stop_at_a_bad_form)
        if kept:
            self.session.changed()
        return kept

    # Actions ------------------------------------------------------------------------------

    def action_help(self) -> None:
        from pmtui.tui.screens.help import HelpScreen  # Markdown rendering: only when asked

        # The keys of the screen on show come first (the meeting screen's, the replay bar's…).
        self.push_screen(HelpScreen(getattr(self.screen, "help_scopes", ())))

    @cached_property
    def phrasebook(self) -> Phrasebook:
        """Built-in blameless phrases and the team's; a broken team file is said, not fatal."""
        from pmtui.analysis import blameless

        try:
            return blameless.phrasebook()
        except blameless.PhraseFileError as error:
            self.notify(f"{error} (using the built-in phrases)", severity="warning", markup=False)
            return blameless.builtin_phrasebook()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (minus those pmtui offers with its own key), then pmtui's:
        the keys that work anywhere, and those of the screen on show."""
        own = {key.title for key in KEYS["app"]}
        yield from (c for c in super().get_system_commands(screen) if c.title not in own)
        yield from palette(KEYS["app"], self.run_action)
        # A screen with keys of its own (the review's, the start screen) offers them too.
        if (commands := getattr(screen, "commands", None)) is not None:
            yield from commands()


def make_app(
    path: Path | None = None,
    *,
    clock: Clock = now,
    autosave_delay: float = 2.0,
    folder: Path | None = None,
    as_command: bool = False,
    launch: kept_frames.Launch | None = None,
    painted: bool = False,
    app_class: type[PmtuiApp] = PmtuiApp,
) -> PmtuiApp:
    """The app on a review file, or on the start screen when there is none.

    A missing file starts a new review from the default template (written at the first
    edit). A file that exists is loaded now, so a bad one fails with its one-line error
    before any screen appears, and is never written over. `as_command` starts it as
    `pmtui FILE` does: keys typed until the review is on screen wait for it, and a file too
    large to read at once (`opens_at_once`) is loaded once a first frame is on screen; a
    bad one then ends the app with its one line in `app.problem`, never written over either.
    `app_class` is the app made: the painter's (`tui.painting`) draws without editing.
    """
    if path is not None and as_command:
        at_once = opens_at_once(path)
        session = open_or_start(path, clock().date(), ids_later=True) if at_once else None
        return app_class(
            session,
            clock=clock,
            autosave_delay=autosave_delay,
            folder=folder,
            opening=path,
            launch=launch,
            painted=painted,
        )
    session = None if path is None else open_or_start(path, clock().date())
    return app_class(session, clock=clock, autosave_delay=autosave_delay, folder=folder)
