"""Keys typed before the review is on screen: held, then given back in order.

`pmtui FILE` reads a small review before its first frame, a large one after an "Opening"
frame, and the meeting screen mounts its tabs as it comes up. Keys and pastes that come in
before it is up would land on a screen with nothing to type into, so they are held here and,
once the meeting screen is up, posted to the app again one at a time, each after the app
has finished with the one before (as Textual's Pilot presses keys): ctrl+n opens the entry
line before the text meant for it arrives. Characters typed into a field follow each other
without that wait. Held keys are given back in the order the terminal sent them (each
key's `time`), whoever held them and whenever: a key still on its way to a widget when it
was held comes back before the keys the app held after reading it.

A question can be on screen when the review opens (what to do with edits a crash left):
keys typed before it was seen must never answer it. Held keys wait until it is answered,
and so do keys typed on while it is still deaf (`Unasked`), behind them; then new keys go
to it. Dialogs that held keys open themselves (F9 and the
decision typed after it) take their keys as usual.

A dialog the scribe opens (`n` for a form, F9 for a decision) takes the keys typed right
after the key that opened it, however fast: those still on their way to the table left
behind, and those typed before the dialog is drawn, are held here and given back once it
is (`PmtuiApp._kept_until_drawn`).

Keys typed right after one that can close such a dialog (Enter, ctrl+s, Esc), or the command
palette, are held here until it has been dealt with, then given back to what is on top: the
next note, record or event, or the dialog the palette's command opened (`PmtuiApp.on_event`).

A question that comes up on its own while the scribe types (a conflict, a failed save,
recovered edits) is `Unasked`: keys pressed before it was on screen, and until typing
pauses for a moment (`Grace`), never answer it; they go on into the field being typed in.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual._wait import wait_for_idle  # Pilot's own wait; Textual is pinned exactly
from textual.command import CommandPalette
from textual.dom import DOMNode

from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.forms.text_field import takes_text
from pmtui.tui.joiners import typed_character

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

    from pmtui.tui.app import PmtuiApp

Typed = events.Key | events.Paste


class TypeAhead:
    def __init__(
        self,
        holding: bool,
        passing: frozenset[str] = frozenset(),
        moving: frozenset[str] = frozenset(),
    ) -> None:
        self.holding = holding
        self.passing = passing
        """Keys that quit: at once when nothing is held, else after the held keys."""
        self.moving = moving
        """Keys that change the tab: during a tab switch's hold with nothing held yet, at
        once. Held and given back, three ctrl+pagedown in one read each ran while the
        switch before was landing its focus, and that took its tab back."""
        self.switching = False
        self._held: list[Typed] = []
        """In the order they were typed (`_put`)."""
        self._given_back: list[Typed] = []

    def keeps(self, event: events.Event) -> bool:
        """True when the app must leave `event` for now: it is held, to be given back."""
        if not self.holding or not isinstance(event, Typed) or event.is_forwarded:
            return False
        if any(event is given for given in self._given_back):
            return False
        if isinstance(event, events.Key) and event.key in self.passing and self._passes(event):
            return False
        moves = isinstance(event, events.Key) and event.key in self.moving
        if moves and self.switching and not self._held:
            return False
        self._put(event)
        return True

    def _put(self, event: Typed) -> None:
        """Hold `event` in its place among the held keys: by when it was typed, ties in the
        order they came here."""
        bisect.insort(self._held, event, key=attrgetter("time"))

    def _passes(self, quit_key: events.Key) -> bool:
        """A quit key goes first when nothing is held; otherwise it waits its turn, unless
        one is waiting already: pressed again, it quits at once (a review that never
        finishes loading would keep the held keys forever)."""
        return not self._held or any(
            isinstance(held, events.Key) and held.key in self.passing for held in self._held
        )

    def hold(self, switching: bool = False) -> bool:
        """Hold what is typed from now on, until `give_back` (after a key that moves the
        focus: what is typed next waits for where it goes). False when holding already.
        `switching`: for a tab switch, which the next one (`moving`) does not wait for."""
        self.switching = self.switching or switching
        if self.holding:
            return False
        self.holding = True
        return True

    def keep(self, event: Typed) -> None:
        """Hold `event` (a copy), and what is typed from now on."""
        self.holding = True
        self._put(_copy(event))

    def join(self, event: Typed) -> None:
        """Hold `event` (a copy) among the keys held, without holding what comes next (a
        question on screen takes it)."""
        self._put(_copy(event))

    def gave_back(self, event: Typed) -> bool:
        """True for a key typed before the screen it lands on was drawn (held, given back)."""
        return any(event is given for given in self._given_back)

    @property
    def held(self) -> int:
        return len(self._held)

    async def give_back(self, app: PmtuiApp, answered: Callable[[], bool]) -> None:
        """Post the held keys to `app` one by one, each once the one before has been dealt
        with (but for characters typed into a field), and once `answered()` (the question
        on screen at the start is gone); when none is left, stop holding.

        A key posted again goes to the end of the app's queue, behind keys typed after it
        that the app has not read yet: those are held too, once the app reaches them, and
        given back after it. Stopping at once let them pass ahead of it ("rites failingW")."""
        while self._held:
            await self._give_back_held(app, answered)
            await _behind_the_queue(app)
        self.holding = self.switching = False
        self._given_back.clear()

    async def _give_back_held(self, app: PmtuiApp, answered: Callable[[], bool]) -> None:
        while self._held:
            if not answered():
                self.holding = False  # the question takes the keys typed from now on
                while not answered():
                    await asyncio.sleep(0.05)
                self.holding = True
            while app.rebuilding:  # the answer rebuilds the screen (a restore, a reload)
                await asyncio.sleep(0.005)
            again = _copy(self._held.pop(0))
            self._given_back.append(again)
            on_top = app.screen
            app.post_message(again)
            if closes(on_top, again):
                await until_dealt_with(app, on_top, sent_on=False)
            if not _types_in_place(app, again):
                await wait_for_idle(0)


async def _behind_the_queue(app: App) -> None:
    """Wait until the app has read every message in its queue now (not at all once it has
    stopped reading them)."""
    read = asyncio.Event()
    if app.call_later(read.set):
        await read.wait()


MOST_WAIT = 2.0
"""Seconds `until_dealt_with` waits at most (a widget on the key's way removed meanwhile)."""


async def until_dealt_with(app: App, dialog: Screen, *, sent_on: bool) -> None:
    """Wait until the key just typed, which can close `dialog`, has been dealt with: the
    dialog is no longer on top, or the key has passed every widget on its way, from the
    focused one up to the app, its bindings run (a form that stays, with a problem to
    mend). The app going idle is not enough: on a busy machine the next action's `n`
    reached the form before its ctrl+s had closed it. `sent_on`: the app has sent the
    key on to the focused widget (else it is still in the app's queue)."""
    passed = asyncio.Event()
    if sent_on:
        _behind_the_key(app, passed)
    else:
        app.call_later(_behind_the_key, app, passed)
    deadline = time.monotonic() + MOST_WAIT
    while app.screen is dialog and not passed.is_set() and time.monotonic() < deadline:
        await asyncio.sleep(0.005)


def _behind_the_key(app: App, passed: asyncio.Event, rounds: int = 2) -> None:
    """Set `passed` once the key the app has just sent on has passed every widget on its
    way up, and so has what its binding posted. Each widget handles its messages in turn,
    and hands a message it does not stop to its parent as it finishes with it: a callback
    queued behind the key at each, and at its parent once it runs, reaches the app behind
    the key, stopped on its way or not. Enter's binding (a field's or a list's) posts its
    own message to the field, which closes the dialog on its way up: a second round
    follows that one."""

    def step(node: MessagePump, rounds: int) -> None:
        parent = node.parent if isinstance(node, DOMNode) else None
        if node is not app and parent is not None:
            parent.call_later(step, parent, rounds)
        elif rounds > 1:
            _behind_the_key(app, passed, rounds - 1)
        else:
            passed.set()

    start = app.screen.focused or app.screen
    start.call_later(step, start, rounds)


def closes(screen: Screen, key: Typed) -> bool:
    """Whether `key` can close `screen`, a dialog the scribe opened (a question that came
    up on its own leads the keys typed during its grace on by itself), or the command
    palette: Enter there runs a command once the palette has gone, and words typed on
    went into the palette as it went (a second Enter ran it again, with no palette left
    to close: a crash)."""
    if not isinstance(key, events.Key):
        return False
    if isinstance(screen, CommandPalette):
        return key.key in ("enter", "escape")
    return (
        isinstance(screen, Dialog)
        and screen.takes_keys_typed_before
        and screen.may_close_on(key.key)
    )


def _types_in_place(app: App, event: Typed) -> bool:
    """A character typed into the field that has the focus: it moves nothing, so the next
    key need not wait for it (a sentence comes back at once, not a key every 20 ms)."""
    return isinstance(event, events.Key) and event.is_printable and takes_text(app.focused)


def _copy(event: Typed) -> Typed:
    """A new event for `event`, to post again: typed when it was."""
    if isinstance(event, events.Paste):
        again: Typed = events.Paste(event.text)
    else:
        again = events.Key(event.key, event.character)
    again.time = event.time
    return again


@dataclass(frozen=True)
class Grace:
    """How long a question that came up on its own stays deaf once it is on screen; the
    clock is injectable, so tests move time rather than wait for it."""

    seconds: float = 0.5
    clock: Callable[[], float] = time.monotonic


EDITING_KEYS = frozenset(
    {"backspace", "delete", "left", "right", "home", "end", "enter", "tab", "shift+tab"}
)
"""Keys besides characters that go on into the field typed in during a grace (Enter adds
the line, Tab goes on to the next field, as the scribe meant); others (Escape, which would
drop the line) do nothing."""


T = TypeVar("T")


class Unasked(Dialog[T]):
    """A dialog the scribe did not open (`grace` None: one they did open). Until it has
    been on screen for `grace` with no key typed, nothing in it has the focus and its keys
    do nothing: what is typed goes on into the field below (each key typed starts the grace
    again, so a sentence typed on without looking up is never an answer). Then `answers`
    (its list), if any, takes the focus and the keys. The hold is in `on_event`, before
    any handler of a subclass runs, so a subclass's own `on_key` or `on_paste` never sees a
    held key.

    After the grace, an answer's key counts only once nothing follows it for the app's
    `word_wait` (`answer_alone`): a key right after it makes both typing, so "restored"
    typed after a pause is a word, its `r` no answer (`typed_on_an_answer`)."""

    AUTO_FOCUS = ""  # nothing in it has the focus until the grace is over

    def __init__(self, grace: Grace | None = None) -> None:
        super().__init__()
        self.grace = grace
        """None: opened by the scribe (F12), it takes keys at once."""
        self._quiet_since: float | None = None
        """When the dialog was drawn, or the last key typed through it: the grace's start."""
        self._grace_timer: Timer | None = None
        self._waiting: events.Key | None = None
        """An answer's key, until the moment has passed with no key after it."""
        self._wait_timer: Timer | None = None

    @property
    def takes_keys_typed_before(self) -> bool:
        return self.grace is None

    def take_keys_after_grace(self, answers: Widget | None) -> None:
        """Call on mount: `answers` takes the focus now (no grace) or once the grace ends;
        None: nothing does, and the keys reach the dialog itself."""
        self._answers = answers
        if self.grace is None:
            self.set_focus(answers)
        else:
            self.call_after_refresh(self._start_grace)

    def _start_grace(self) -> None:
        """The dialog has been drawn, or a key went through it: the grace starts again."""
        self._quiet_since = self.grace.clock()
        if self._grace_timer is not None:
            self._grace_timer.stop()
        if self.grace.seconds > 0:  # Textual's timers cannot run for no time at all
            self._grace_timer = self.set_timer(self.grace.seconds, self._end_grace)
        else:
            self._end_grace()

    @property
    def in_grace(self) -> bool:
        if self.grace is None:
            return False
        quiet = self._quiet_since
        return quiet is None or self.grace.clock() - quiet < self.grace.seconds

    def _end_grace(self) -> bool:
        """Give `answers` the focus if the grace is over; False if it is not."""
        if self.in_grace:
            return False
        if self.focused is None:
            self.set_focus(self._answers)
        return True

    async def on_event(self, event: events.Event) -> None:
        """Every key and paste, whether sent to the dialog or bubbled up from its list or
        field, passes `held` first; only one that is not held reaches the handlers."""
        if isinstance(event, Typed) and self.held(event):
            return
        await super().on_event(event)

    def held(self, event: Typed) -> bool:
        """True if `event` is not for this dialog to act on: typed within the grace (it
        went on into the field below, and the grace starts again). The first key after the
        grace (its timer may not have fired yet) gives the dialog's list or field the focus
        and goes on, in its turn: its bindings are found from the focus when it reaches the
        app. (Sent again to the app, it went behind the keys typed after it: a burst's
        "restored" came out "estored", its `r` an answer.)"""
        if self.grace is None or (self.focused is not None and not self.in_grace):
            return False
        if self._end_grace():
            return False
        event.stop()
        event.prevent_default()
        self._pass_on(event)
        if self._quiet_since is not None:  # drawn: typing on keeps it waiting
            self._start_grace()
        return True

    def _pass_on(self, event: Typed) -> None:
        """`event` on into the field below, after any keys typed before it that wait."""
        type_ahead: TypeAhead | None = getattr(self.app, "type_ahead", None)
        if type_ahead is not None and type_ahead.held and not type_ahead.gave_back(event):
            type_ahead.join(event)  # keys typed before it wait for it: this one too
        else:
            type_below(self, event)

    def type_on(self, *typed: Typed) -> None:
        """Keys that reached the dialog after its grace are typing after all (the scribe
        went on without looking up): they go on into the field below, and the dialog is
        deaf again for its grace."""
        for event in typed:
            self._pass_on(event)
        self.set_focus(None)
        self._start_grace()

    def answer_alone(self, key: events.Key, answer: Callable[[], object]) -> None:
        """`key` answers: `answer()` once nothing has followed it for the app's word wait
        (at once in a dialog the scribe opened)."""
        wait = getattr(self.app, "word_wait", 0.0)
        if self.grace is None or wait <= 0:
            answer()
            return
        self._waiting = key
        self._wait_timer = self.set_timer(wait, partial(self._waited, key, answer))

    @property
    def waiting(self) -> bool:
        """An answer's key is waiting to see whether a word follows it."""
        return self._waiting is not None

    def typed_on_an_answer(self, event: Typed) -> bool:
        """True if `event` came while an answer's key waited: the key began a word, and both
        are typing (they go on below, and nothing acts on `event` here)."""
        waiting = self._waiting
        if waiting is None:
            return False
        event.stop()
        event.prevent_default()  # nor a list's Enter
        self._stop_waiting()
        self.type_on(waiting, event)
        return True

    def _waited(self, key: events.Key, answer: Callable[[], object]) -> None:
        """Nothing followed the answer's key: it answers."""
        if self._waiting is key:
            self._stop_waiting()
            answer()

    def _stop_waiting(self) -> None:
        self._waiting = None
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None


def type_below(dialog: Screen, event: Typed) -> None:
    """`event` typed into the field focused on the screen below `dialog`, as if the dialog
    were not there (on the timeline table, onto its entry line); dropped, not acted on,
    when no field has the focus there. Keys still on their way to a dialog that has just
    gone go to the screen that was below it, now on top."""
    stack = dialog.app.screen_stack
    screen = stack[stack.index(dialog) - 1] if dialog in stack else stack[-1]
    below = screen.focused if screen is not dialog else None
    if isinstance(event, events.Key) and hasattr(below, "type_on_entry_line"):
        below.type_on_entry_line(event)  # the timeline table: typing goes on its line
        return
    if not takes_text(below):
        return  # not typing into anything: the key is dropped, not acted on
    if isinstance(event, events.Paste) or typed_character(event):
        below._forward_event(_copy(event))
    elif event.key in EDITING_KEYS:
        # The field's own binding; Tab's is the form's, or the pane's, that holds it
        holders = below.ancestors if event.key in ("tab", "shift+tab") else []
        for node in (below, *holders):
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
                dialog.call_later(node.run_action, binding.action)
                return
        below._forward_event(_copy(event))  # a TextArea's Enter: its own key handler
