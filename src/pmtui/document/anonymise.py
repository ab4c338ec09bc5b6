"""Roles instead of names: for a shared screen and for an export that leaves the room.

Each participant gets a label from their role (or first incident role); two people with
the same role get numbered labels. Every whole-word mention of a name in the review's
text is replaced, not only the who/owner fields, so a timeline line such as
"Adam restarts the db" does not give the name away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pmtui.document.model import Participant, Review

KEEP_LITERAL = frozenset({"timezone", "template"})
"""Fields that name things, not people: never rewritten."""


class Pseudonyms:
    """The label for each participant's name, and the text with names replaced."""

    def __init__(self, people: Iterable[Participant]) -> None:
        people = [p for p in people if p.name.strip()]
        roles = [_role_of(p) for p in people]
        counts = Counter(roles)
        seen: Counter[str] = Counter()
        self.labels: dict[str, str] = {}
        for person, role in zip(people, roles, strict=True):
            seen[role] += 1
            label = f"{role} {seen[role]}" if counts[role] > 1 else role
            self.labels.setdefault(person.name.strip(), label)
        names = sorted(self.labels, key=len, reverse=True)  # "Dan" must not eat "Dana"
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    def matches(self, text: str) -> list[re.Match[str]]:
        return list(self._pattern.finditer(text)) if self._pattern else []

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda match: self.labels[match.group(1)], text)


def anonymised(review: Review) -> Review:
    """A copy of the review with every participant's name replaced by their role."""
    pseudonyms = Pseudonyms(review.people)
    data = _rewrite(review.model_dump(), pseudonyms)
    return Review.model_validate(data, context={"zone": review.zone})


def _rewrite(value: Any, pseudonyms: Pseudonyms) -> Any:
    if type(value) is str:  # enum members stay themselves
        return pseudonyms.text(value)
    if isinstance(value, dict):
        return {
            key: item if key in KEEP_LITERAL else _rewrite(item, pseudonyms)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(item, pseudonyms) for item in value]
    return value


def _role_of(person: Participant) -> str:
    role = person.role.strip() or next((r for r in person.incident_roles if r.strip()), "")
    return role.strip() or "Participant"
