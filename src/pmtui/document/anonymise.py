"""Roles instead of names: for a shared screen and for an export that leaves the room.

Each participant gets a label from their role (or first incident role); two people with
the same role get numbered labels; a learner who answered a replay's quiz, "Learner". Every
whole-word mention of a name in the review's text is replaced, not only the who/owner
fields, so a timeline line such as "Adam restarts the db" does not give the name away, in
any case ("adam", as a chat nick is often written), and each word of a name of several
("Smith" of "Adam Smith"). A name that is also a word ("Will") is replaced as a word too:
what leaves the room must not name anyone. A participant's contact is left out of an export.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

from pmtui.document.model import Part, Participant, Review
from pmtui.document.printable import printable

KEEP_LITERAL = frozenset({"timezone", "template"})
"""Fields that name things, not people: never rewritten."""
LEFT_OUT = frozenset({"contact"})
"""A participant's fields an anonymised export leaves out (an email, a handle)."""
LEARNER = "Learner"
SHARED = "Participant"
"""The label of a word two people's names share ("Smith" of two Smiths)."""
SHORTEST_PART = 3
"""A name's words shorter than this are not replaced on their own ("Le" of "Anh Le")."""


class Pseudonyms:
    """The label for each participant's name, and the text with names replaced."""

    def __init__(self, people: Iterable[Participant], learners: Iterable[str] = ()) -> None:
        named = [(p.name.strip(), _role_of(p)) for p in people if p.name.strip()]
        known = {name.lower() for name, _ in named}
        for learner in dict.fromkeys(name.strip() for name in learners):
            if learner and learner.lower() not in known:
                named.append((learner, LEARNER))
                known.add(learner.lower())
        counts = Counter(role for _, role in named)
        seen: Counter[str] = Counter()
        self.labels: dict[str, str] = {}
        for name, role in named:
            seen[role] += 1
            self.labels.setdefault(name, f"{role} {seen[role]}" if counts[role] > 1 else role)
        whole = {}
        for name, label in reversed(self.labels.items()):
            # As written, and as shown: a cell shows a control character as a symbol (␛).
            whole[printable(name).lower()] = whole[name.lower()] = label
        parts: dict[str, str] = {}
        for name, label in self.labels.items():
            words = name.lower().split()
            for word in words if len(words) > 1 else ():
                if len(word) >= SHORTEST_PART and word not in whole:
                    parts[word] = label if parts.get(word, label) == label else SHARED
        self._label_of = {**parts, **whole}
        """Each name and word of a name, in lower case, and its label."""
        self._pattern = _pattern(self._label_of)

    def matches(self, text: str) -> list[re.Match[str]]:
        return list(self._pattern.finditer(text)) if self._pattern else []

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(self._label, text)

    def _label(self, match: re.Match[str]) -> str:
        # A letter whose lower case is two ("İ") found by the pattern's own case rules.
        return self._label_of.get(match.group(1).lower(), SHARED)


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Any of `names`, whole words, in any case; longest first, so "Dan" does not eat
    "Dana"."""
    choices = sorted(names, key=len, reverse=True)
    if not choices:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, choices)) + r")(?!\w)", re.IGNORECASE)


def pseudonyms_of(review: Review, newcomers: Iterable[str] = ()) -> Pseudonyms:
    """`newcomers`: names about to join the participants (a chat's unknown speakers),
    labelled as they will be once added, without a role."""
    people = [*review.people, *(Participant(name=name) for name in newcomers)]
    return Pseudonyms(people, (answer.learner for answer in review.quiz_answers))


def anonymised(review: Review) -> Review:
    """A copy of the review with every participant's name replaced by their role."""
    data = review.model_dump()
    for person in data["people"]:
        for field in LEFT_OUT:
            person.pop(field, None)
    data = _rewrite(data, pseudonyms_of(review))
    return Review.model_validate(data, context={"zone": review.zone})


def _rewrite(value: Any, pseudonyms: Pseudonyms) -> Any:
    """Every text rewritten, and the keys of tables pmtui does not know (a file's own
    `[oncall]` table may be keyed by names)."""
    if type(value) is str:  # enum members stay themselves
        return pseudonyms.text(value)
    if isinstance(value, dict):
        return {
            (key if key in _field_names() else pseudonyms.text(key)): (
                item if key in KEEP_LITERAL else _rewrite(item, pseudonyms)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(item, pseudonyms) for item in value]
    return value


@cache
def _field_names() -> frozenset[str]:
    """Every key the document model has: any other key is one a file brought."""
    names: set[str] = set()
    kinds: list[type[Part]] = [Part]
    while kinds:
        kind = kinds.pop()
        names.update(kind.model_fields)
        kinds += kind.__subclasses__()
    return frozenset(names)


def _role_of(person: Participant) -> str:
    role = person.role.strip() or next((r for r in person.incident_roles if r.strip()), "")
    return role.strip() or "Participant"
