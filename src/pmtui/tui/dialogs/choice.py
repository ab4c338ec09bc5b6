"""A question with a few answers, each on one key: what to do with a conflict or a
recovery copy. Escape decides later (None); nothing is lost either way. It comes up on its
own, maybe mid-sentence: during its grace, typed keys go on into the field below.

After the grace, the scribe may still be typing without having seen it ("14:20 db
restored" would reload at its `r`). So a character that is no answer is typing: it goes on
below and the grace starts again, and the `r` that follows is typing too. And an answer's
key waits a moment (the app's `word_wait`) before it answers: a key right after it makes
both typing, so "restored" typed after a pause reloads nothing, its `r` is not lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.tui.forms.literal import literal
from pmtui.tui.meeting.type_ahead import Grace, Unasked


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    value: str


class ChoiceDialog(Unasked[str | None]):
    DEFAULT_CSS = """
    ChoiceDialog > .box { padding: 1 2; }
    ChoiceDialog #choice-message { margin-bottom: 1; text-style: bold; }
    ChoiceDialog OptionList { height: auto; }
    ChoiceDialog #choice-keys { margin-top: 1; }
    """

    def __init__(
        self, title: str, message: str, choices: Sequence[Choice], grace: Grace | None = None
    ) -> None:
        super().__init__(grace)
        self.dialog_title = title
        self.message = message
        self.choices = {choice.key: choice for choice in choices}
        self.answered = False
        self._waiting: events.Key | None = None
        """An answer's key, until the moment has passed with no key after it."""
        self._wait_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="box -error") as box:
            box.border_title = self.dialog_title
            yield Static(literal(self.message), id="choice-message")
            yield OptionList(
                *(Option(literal(f"{c.key}  {c.label}"), id=c.value) for c in self.choices.values())
            )
            keys = " · ".join(self.choices)
            yield Static(
                literal(f"{keys} or Enter chooses · Esc decides later"),
                id="choice-keys",
                classes="keys",
            )

    def on_mount(self) -> None:
        self.take_keys_after_grace(self.query_one(OptionList))

    def on_key(self, event: events.Key) -> None:
        if self.answered:  # keys typed on after the answer, before the dialog is gone
            event.stop()
        elif (waiting := self._waiting) is not None:  # the answer's key began a word
            event.stop()
            event.prevent_default()  # nor the list's Enter
            self._stop_waiting()
            self.type_on(waiting, event)
        elif event.key in self.choices:
            event.stop()
            wait = getattr(self.app, "word_wait", 0.0)
            if self.grace is None or wait <= 0:
                return self.answer(self.choices[event.key].value)
            self._waiting = event
            self._wait_timer = self.set_timer(wait, partial(self._waited, event))
        elif self.grace is not None and event.is_printable:  # typing, not an answer
            event.stop()
            self.type_on(event)

    def _waited(self, key: events.Key) -> None:
        """Nothing followed the answer's key: it answers."""
        if self._waiting is key and not self.answered:
            self._stop_waiting()
            self.answer(self.choices[key.key].value)

    def _stop_waiting(self) -> None:
        self._waiting = None
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.answered and self._waiting is None:
            self.answer(event.option.id)

    def action_cancel(self) -> None:
        self.answer(self.NOTHING_CHOSEN)

    def answer(self, value: str | None) -> None:
        """Dismiss with `value`, once: a second key would pop the screen below as well."""
        self.answered = True
        self.dismiss(value)
