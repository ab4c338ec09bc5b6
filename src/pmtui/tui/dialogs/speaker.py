"""Who is speaking: pick a participant, and their turn is counted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.document.model import Participant
from pmtui.tui.dialogs.options import OptionsDialog
from pmtui.tui.forms.literal import line
from pmtui.tui.keys import bindings, key_line


class SpeakerDialog(OptionsDialog[int | None]):
    """Dismisses with the index of the chosen participant, or None."""

    BINDINGS: ClassVar = bindings("speaker")

    def __init__(
        self, people: Sequence[Participant], shown_name: Callable[[str], str], last: int = 0
    ) -> None:
        super().__init__()
        self.people = people
        self.shown_name = shown_name
        self.last = last
        self.typed = ""
        """The start of a name typed so far: the list highlights the first it fits."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="box") as box:
            box.border_title = "Who is speaking?"
            yield OptionList(*(self._option(person) for person in self.people))
            yield Static(
                Text(key_line("speaker", lead="↑↓ or type a name")),
                id="speaker-keys",
                classes="keys",
            )

    def _option(self, person: Participant) -> Option:
        shown = line(self.shown_name(person.name))
        shown.append(f"   {person.spoke} turn{'s' if person.spoke != 1 else ''}", style="dim")
        if person.present is False:
            shown.append("   absent", style="dim italic")
        return Option(shown)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = min(self.last, len(self.people) - 1)
        self.set_focus(options)

    def on_key(self, event: events.Key) -> None:
        """A letter typed goes to the first name starting with what was typed; one that
        fits no name starts again from that letter."""
        if not (event.character and event.character.isprintable() and event.character != " "):
            return
        event.stop()
        for typed in (self.typed + event.character, event.character):
            found = self._first_starting(typed.casefold())
            if found is not None:
                self.typed = typed
                self.query_one(OptionList).highlighted = found
                return
        self.typed = ""

    def _first_starting(self, typed: str) -> int | None:
        names = (self.shown_name(person.name).casefold() for person in self.people)
        return next((n for n, name in enumerate(names) if name.startswith(typed)), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a name (the list takes Enter before this screen's binding)."""
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        self.dismiss(self.query_one(OptionList).highlighted)
