"""A form's dropdown that takes what is typed on it closed, as a browser's list does."""

from __future__ import annotations

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay  # Textual is pinned exactly

TYPING_PAUSE = 0.7
"""Seconds without a key after which a letter starts a new search (Textual's own, in the
open list)."""


class ChoiceField(Select[str]):
    """A dropdown: the letters typed on it closed pick the choice they start, as a browser's
    closed list does (`p`, `1`: P1; `d`: done; `in p`: in progress). Textual's Select reads
    letters only with its list open; closed, they went nowhere and a scribe lost them.

    A choice is found as the open list finds it (Textual's own search: one starting with
    the letters first, else one holding them). A letter typed after a pause, or one that
    finds nothing after the letters before it, starts a new search. A character no choice
    holds goes on to its key, if it has one (a tab's digit), else it is said, not dropped.
    Space goes on a search it fits (`in p`), else opens the list as before; Enter and ↓ open
    it too, Tab leaves with the choice picked."""

    _typed = ""
    _typed_at = 0.0

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or character is None or not event.is_printable:
            return
        query, index = self._search(character, event.time)
        if index is None:
            self._typed = ""
            if character != " " and event.key not in self.screen.active_bindings:
                self.notify(
                    f"“{character}” is in none of the choices (Enter lists them)", markup=False
                )
            return  # space opens the list: Select's own binding
        event.stop()
        event.prevent_default()
        self._typed, self._typed_at = query, event.time
        self.value = self._options[index][1]

    def _search(self, character: str, time: float) -> tuple[str, int | None]:
        """The letters typed so far and `character`, and the index of the choice they
        find; `character` alone after a pause or when they find none. Space only goes on a
        search."""
        if self._typed and time - self._typed_at < TYPING_PAUSE:
            query = self._typed + character
            index = self._found(query)
            if index is not None:
                return query, index
        if character == " ":
            return "", None
        return character, self._found(character)

    def _found(self, query: str) -> int | None:
        return self.query_one(SelectOverlay)._find_search_match(query)
