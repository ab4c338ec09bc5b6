"""Joiners typed reach the fields they are typed in.

The zero-width joiner (U+200D, in 👩‍💻) and non-joiner (U+200C, in Persian and Indic
words) come from the terminal as keys of their own, which Textual reads as unprintable: its
fields dropped them as they were typed, while a paste of the same text kept them. Such a
key is given to the app as a paste of its character, which every field takes in its place.
"""

from __future__ import annotations

from textual import events

JOINERS = frozenset("\u200c\u200d")


def as_pasted(event: events.Event) -> events.Event:
    """`event`, or for a joiner's key, a paste of it typed at the same moment."""
    if isinstance(event, events.Key) and event.character in JOINERS:
        paste = events.Paste(event.character)
        paste.time = event.time
        return paste
    return event
