"""Incident roles, in the words the templates and teams use.

The seeds name the same role several ways ("Incident Commander", "IC", "Incident Lead";
"Communications Chief or Scribe"; "First-Responder"). A role as a person typed it is
matched to one canonical name, ignoring case, spaces, hyphens and underscores, so every
layout can place the people who held it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

ROLES = (
    "incident commander",
    "first responder",
    "communications",
    "scribe",
    "facilitator",
    "subject matter expert",
    "customer liaison",
)
"""The canonical roles, in the order a review lists them."""

ROLE_SUGGESTIONS = (
    "Incident Commander",
    "First Responder",
    "Communications Chief",
    "Scribe",
    "Facilitator",
    "Subject Matter Expert",
    "Customer Liaison",
)
"""What the participant form offers, in the seeds' own words (one per canonical role)."""

_ALIASES = {
    "incident commander": (
        "ic",
        "incident lead",
        "incident manager",
        "incident coordinator",
        "commander",
    ),
    "first responder": ("responder", "on call", "oncall", "on call engineer"),
    "communications": (
        "communications chief",
        "comms chief",
        "communications lead",
        "comms",
        "comms lead",
        "communication",
        "communications manager",
    ),
    "scribe": ("note taker", "notetaker", "recorder"),
    "facilitator": ("postmortem lead", "post mortem lead", "review lead", "postmortem owner"),
    "subject matter expert": ("sme", "expert"),
    "customer liaison": ("customer lead", "support lead", "liaison"),
}

_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.strip().casefold()).strip()


_CANONICAL = {_key(role): role for role in ROLES} | {
    _key(alias): role for role, aliases in _ALIASES.items() for alias in aliases
}


_ASIDE = re.compile(r"\(([^()]*)\)")
_ALTERNATIVES = re.compile(r"\s+or\s+|\s*/\s*", re.IGNORECASE)


def canonical_role(text: str) -> str | None:
    """The canonical role `text` names ("IC" → "incident commander"), or None.

    A template's own label names it too: an aside in brackets is an alias or a remark
    ("Incident Commander (IC)", "First-Responder (if different from IC)"), and of
    alternatives the first known one counts ("Communications Chief or Scribe").
    """
    asides = _ASIDE.findall(text)
    plain = _ASIDE.sub(" ", text)
    for candidate in (text, plain, *asides, *_ALTERNATIVES.split(plain)):
        if (role := _CANONICAL.get(_key(candidate))) is not None:
            return role
    return None


def _listed(typed: str) -> list[str | None]:
    """The canonical role of each role in one a person typed as a list ("IC / Scribe": two),
    None where it names none; of a single role, the one `canonical_role` finds."""
    parts = [part for part in _ALTERNATIVES.split(_ASIDE.sub(" ", typed)) if part.strip()]
    if len(parts) < 2:
        return [canonical_role(typed)]
    return [canonical_role(part) for part in parts]


def holds(roles: list[str] | str, role: str) -> bool:
    """Whether any of a person's `roles`, as typed, names the canonical `role` (or the one
    role a sign-off row names)."""
    if isinstance(roles, str):
        return canonical_role(roles) == role
    return any(role in _listed(typed) for typed in roles)


def roles_outside(roles: list[str], placed: Collection[str]) -> list[str]:
    """A person's `roles`, as typed, that name a role outside `placed` or none known: what a
    layout that gives the `placed` roles lines of their own has still to say of the person."""
    return [
        typed
        for typed in roles
        if typed.strip() and not all(role in placed for role in _listed(typed))
    ]
