"""Joiners typed reach the fields they are typed in.

The zero-width joiner (U+200D, in 👩‍💻) and non-joiner (U+200C, in Persian and Indic
words) come from the terminal as keys of their own, which Textual reads as unprintable: its
fields dropped them as they were typed, while a paste of the same text kept them. Read
here, such a key types its character as any other does, in its turn among the keys.
"""

from __future__ import annotations

from textual import events

JOINERS = frozenset("\u200c\u200d")


def typed_character(event: events.Key) -> str | None:
    """The character `event` types: a printable one, or a joiner."""
    if event.is_printable or event.character in JOINERS:
        return event.character
    return None
