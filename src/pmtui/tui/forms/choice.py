"""A form's lists of choices (a dropdown, ticks) that take what is typed on them, as a
browser's lists do."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding
from textual.widgets import OptionList, Select, SelectionList
from textual.widgets._select import SelectOverlay  # Textual is pinned exactly

TYPING_PAUSE = 0.7
"""Seconds without a key after which a letter starts a new search (Textual's own, in the
open list)."""


class TypeToFind:
    """Letters typed on a list of choices find the one they start, as a browser's list does
    (`p`, `1`: P1; `d`: detected; `in p`: in progress), with Textual's own search (the
    open dropdown's: one starting with the letters first, else one holding them). A letter
    typed after a pause, or one that finds nothing after the letters before it, starts a
    new search. A character no choice holds goes on to its key, if it has one (a tab's
    digit), else it is said, not dropped. Space goes on a search it fits (`in p`), else
    on to its key; with `SPACE_SEARCHES` off, always on to its key."""

    NOT_FOUND = "“{}” is in none of the choices"
    SPACE_SEARCHES = True
    _typed = ""
    _typed_at = 0.0

    def find_typed(self, event: events.Key) -> None:
        """Use `event` to find a choice (`found`, then `choose`), or let it go on."""
        character = event.character
        if character is None or not event.is_printable:
            return
        query, index = self._search(character, event.time)
        if index is None:
            self._typed = ""
            if character != " " and event.key not in self.screen.active_bindings:
                self.notify(self.NOT_FOUND.format(character), markup=False)
            return
        event.stop()
        event.prevent_default()
        self._typed, self._typed_at = query, event.time
        self.choose(index)

    def _search(self, character: str, time: float) -> tuple[str, int | None]:
        """The letters typed so far and `character`, and the index of the choice they
        find; `character` alone after a pause or when they find none. Space only goes on a
        search."""
        if character == " " and not self.SPACE_SEARCHES:
            return "", None
        if self._typed and time - self._typed_at < TYPING_PAUSE:
            query = self._typed + character
            index = self.found(query)
            if index is not None:
                return query, index
        if character == " ":
            return "", None
        return character, self.found(character)

    if TYPE_CHECKING:  # each list of choices gives its own: its search, and its way there

        def found(self, query: str) -> int | None:
            """The index of the choice `query` finds, or None."""

        def choose(self, index: int) -> None:
            """Go to the choice found."""


class ChoiceField(TypeToFind, Select[str]):
    """A dropdown that takes what is typed on it closed (`TypeToFind`), as a browser's
    closed list does. Textual's Select reads letters only with its list open; closed, they
    went nowhere and a scribe lost them. Enter, space and ↓ open the list as before; Tab
    leaves with the choice picked."""

    NOT_FOUND = "“{}” is in none of the choices (Enter lists them)"

    async def _on_key(self, event: events.Key) -> None:
        if not self.expanded:
            self.find_typed(event)

    def found(self, query: str) -> int | None:
        return self.query_one(SelectOverlay)._find_search_match(query)

    def choose(self, index: int) -> None:
        self.value = self._options[index][1]


class TicksField(TypeToFind, SelectionList[str]):
    """Several choices, numbered: space ticks or unticks the highlighted one, a digit the
    choice of that number, and letters go to the choice they start (`TypeToFind`: `d`,
    detected), where space ticks it (space never goes on a search: it ticks). Enter saves
    the form as in a one-line field (a SelectionList's own Enter would tick)."""

    NOT_FOUND = "“{}” is in none of the choices (a digit or space ticks one)"
    SPACE_SEARCHES = False
    BINDINGS: ClassVar = [
        Binding("enter", "screen.submit", "Save", show=False),
        *(Binding(str(n), f"tick({n - 1})", f"Tick {n}", show=False) for n in range(1, 10)),
    ]

    def on_key(self, event: events.Key) -> None:
        if not event.key.isdigit():  # a digit ticks the choice of that number
            self.find_typed(event)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Space ticks the choice highlighted as it was pressed. Textual's ticks the one
        highlighted as its message is handled: a digit or ↓ typed right after space had
        moved on, and the wrong choice was ticked (or the digit's own one unticked)."""
        event.stop()
        event.prevent_default()  # not SelectionList's handler too
        self.toggle(self.get_option_at_index(event.option_index))

    def action_tick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index
            self.toggle(self.get_option_at_index(index).value)

    @property
    def value(self) -> list[str]:
        """The ticked choices, in the order they are offered."""
        ticked = set(self.selected)
        return [option.value for option in self.options if option.value in ticked]

    def found(self, query: str) -> int | None:
        """The choice as the dropdown's search finds it: the one holding `query` earliest
        (Textual's search reads only Text and str prompts; a SelectionList's are Content)."""
        query = query.lower()
        places = [
            (place, index)
            for index, option in enumerate(self.options)
            if (place := option.prompt.plain.lower().find(query)) >= 0
        ]
        return min(places)[1] if places else None

    def choose(self, index: int) -> None:
        self.highlighted = index
