"""Keys typed before the review is on screen: held, then given back in order.

`pmtui FILE` draws its first frame before the review is loaded. Keys and pastes that come
in meanwhile would land on a screen with nothing to type into, so they are held here and,
once the meeting screen is up, posted to the app again one at a time, each after the app
has finished with the one before (as Textual's Pilot presses keys): ctrl+n opens the entry
line before the text meant for it arrives. Keys that arrive while held keys are being given
back join the end of the queue, so the order is always the order they were typed in.

A question can be on screen when the review opens (what to do with edits a crash left):
keys typed before it was seen must never answer it. Held keys wait until it is answered,
and meanwhile new keys go to it. Dialogs that held keys open themselves (F9 and the
decision typed after it) take their keys as usual.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual._wait import wait_for_idle  # Pilot's own wait; Textual is pinned exactly

if TYPE_CHECKING:
    from textual.app import App

Typed = events.Key | events.Paste


class TypeAhead:
    def __init__(self, holding: bool, passing: frozenset[str] = frozenset()) -> None:
        self.holding = holding
        self.passing = passing
        """Keys that quit: at once when nothing is held, else after the held keys."""
        self._held: deque[Typed] = deque()
        self._given_back: list[Typed] = []

    def keeps(self, event: events.Event) -> bool:
        """True when the app must leave `event` for now: it is held, to be given back."""
        if not self.holding or not isinstance(event, Typed) or event.is_forwarded:
            return False
        if any(event is given for given in self._given_back):
            return False
        if isinstance(event, events.Key) and event.key in self.passing and self._passes(event):
            return False
        self._held.append(event)
        return True

    def _passes(self, quit_key: events.Key) -> bool:
        """A quit key goes first when nothing is held; otherwise it waits its turn, unless
        one is waiting already: pressed again, it quits at once (a review that never
        finishes loading would keep the held keys forever)."""
        return not self._held or any(
            isinstance(held, events.Key) and held.key in self.passing for held in self._held
        )

    @property
    def held(self) -> int:
        return len(self._held)

    async def give_back(self, app: App, answered: Callable[[], bool]) -> None:
        """Post the held keys to `app` one by one, each once the one before has been dealt
        with, and once `answered()` (the question on screen at the start is gone); when
        none is left, stop holding."""
        while self._held:
            if not answered():
                self.holding = False  # the question takes the keys typed from now on
                while not answered():
                    await asyncio.sleep(0.05)
                self.holding = True
            again = _copy(self._held.popleft())
            self._given_back.append(again)
            app.post_message(again)
            await wait_for_idle(0)
        self.holding = False
        self._given_back.clear()


def _copy(event: Typed) -> Typed:
    if isinstance(event, events.Paste):
        return events.Paste(event.text)
    return events.Key(event.key, event.character)
