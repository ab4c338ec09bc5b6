"""How fast a replay types its lines out: named paces, or characters per second."""

from __future__ import annotations

from pmtui.errors import OneLineError

PACES = {"slow": 15.0, "normal": 40.0, "fast": 120.0, "lines": 0.0}
"""Characters per second; `lines` shows each line whole at once."""
DEFAULT = "normal"


class PaceError(OneLineError):
    """A pace that is neither a name nor a number of characters per second."""


def read_pace(text: str) -> float:
    """A pace's characters per second, from its name or a number (0: whole lines)."""
    text = text.strip().lower()
    if text in PACES:
        return PACES[text]
    try:
        speed = float(text)
    except ValueError:
        speed = -1.0
    if not 0 <= speed <= 1000:
        names = ", ".join(PACES)
        raise PaceError(f"pace {text!r}: say {names}, or characters per second (0-1000)")
    return speed


def pace_setting(speed: float) -> str:
    """The pace as the settings keep it and `--pace` takes it: `normal`, or `25`."""
    named = [name for name, value in PACES.items() if value == speed]
    return named[0] if named else f"{speed:g}"


def pace_name(speed: float) -> str:
    """`normal`, or `25 chars/s` for a speed without a name."""
    setting = pace_setting(speed)
    return setting if setting in PACES else f"{setting} chars/s"


def next_pace(speed: float) -> float:
    """The next named pace after `speed`: slow → normal → fast → lines → slow."""
    if speed == PACES["lines"]:
        return PACES["slow"]
    faster = sorted(value for value in PACES.values() if value > speed)
    return faster[0] if faster else PACES["lines"]
