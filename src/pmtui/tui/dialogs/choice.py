"""A question with a few answers, each on one key: what to do with a conflict or a
recovery copy. Escape decides later (None); nothing is lost either way. It comes up on its
own, maybe mid-sentence: during its grace, typed keys go on into the field below.

After the grace, the scribe may still be typing without having seen it ("14:20 db
restored" would reload at its `r`). So a character that is no answer is typing: it goes on
below and the grace starts again, and the `r` that follows is typing too. And an answer's
key waits a moment (the app's `word_wait`) before it answers: a key right after it makes
both typing, so "restored" typed after a pause reloads nothing, its `r` is not lost.

The arrow keys do not move between the answers of a question that came up on its own:
they are typing too (the scribe moving down the timeline: Down, Down, Enter overwrote
theirs). So Enter takes the first answer (keep mine as a copy; restore), and the others
are each on their own key. Every answer keeps what it replaces anyway (`Safekeeping`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.tui.forms.literal import literal
from pmtui.tui.meeting.type_ahead import Grace, Unasked

MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})
"""The keys that move a list's highlight: typing, in a question that came up on its own."""


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
            return
        if self.typed_on_an_answer(event):  # the answer's key began a word
            return
        if event.key in self.choices:
            event.stop()
            self.answer_alone(event, partial(self._chosen, event.key))
        elif self.grace is not None and (event.is_printable or event.key in MOVES):
            event.stop()  # typing, not an answer
            event.prevent_default()  # nor a move of the list's highlight
            self.type_on(event)

    def _chosen(self, key: str) -> None:
        if not self.answered:
            self.answer(self.choices[key].value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.answered and not self.waiting:
            self.answer(event.option.id)

    def action_cancel(self) -> None:
        self.answer(self.NOTHING_CHOSEN)

    def answer(self, value: str | None) -> None:
        """Dismiss with `value`, once: a second key would pop the screen below as well."""
        self.answered = True
        self.dismiss(value)
