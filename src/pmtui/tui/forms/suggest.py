"""Completions for a field that holds a comma-separated list (roles, co-owners)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester


class SuggestEachItem(Suggester):
    """Completes the item being typed after the last comma from `suggestions`, matched
    whatever its case; the items before it stay exactly as typed.

    Textual's `SuggestFromList` completes the whole value, and when case-insensitive it
    hands back the typed text casefolded, so taking a completion would lowercase every
    item typed before.
    """

    def __init__(self, suggestions: Sequence[str]) -> None:
        super().__init__(case_sensitive=True)  # the value as typed; matching folds case
        self.suggestions = list(suggestions)

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.rpartition(",")[2].lstrip()
        if not typed:
            return None
        wanted = typed.casefold()
        for suggestion in self.suggestions:
            if suggestion.casefold().startswith(wanted):
                return value[: len(value) - len(typed)] + suggestion
        return None
