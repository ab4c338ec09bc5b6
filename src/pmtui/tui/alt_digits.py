"""Alt and a digit, as terminals send it (Escape, then the digit), reach the app as the keys
alt+0 … alt+9: alt+1 … alt+6 show the tabs.

Textual reads Escape-then-digit as the character the Option key types with that digit on a
Mac keyboard (`™` for alt+2, `£` for alt+3), as one macOS terminal sends it; in xterm,
tmux, GNOME Terminal and most others it is alt and the digit. So alt+2 typed `™` into the
field with the focus, in the review, instead of showing the Impact tab. Textual is pinned
exactly; its sequence table is amended here, before any input is read.
"""

from __future__ import annotations

from enum import Enum

from textual import _ansi_sequences

AltDigit = Enum("AltDigit", {f"ALT_{digit}": f"alt+{digit}" for digit in "0123456789"})
"""Key names for Textual's sequence table, which raises a key per value of its tuples."""


def read_alt_digits_as_keys() -> None:
    for key in AltDigit:
        _ansi_sequences.ANSI_SEQUENCES_KEYS[f"\x1b{key.value[-1]}"] = (key,)
