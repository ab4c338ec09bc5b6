"""Incident roles, in the words the templates and teams use.

The seeds name the same role several ways ("Incident Commander", "IC", "Incident Lead";
"Communications Chief or Scribe"; "First-Responder"). A role as a person typed it is
matched to one canonical name, ignoring case, spaces, hyphens and underscores, so every
layout can place the people who held it.
"""

from __future__ import annotations

import re

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


def holds(roles: list[str] | str, role: str) -> bool:
    """Whether any of a person's `roles`, as typed, is the canonical `role` (or the one role
    a sign-off row names)."""
    if isinstance(roles, str):
        return canonical_role(roles) == role
    return any(canonical_role(typed) == role for typed in roles)
