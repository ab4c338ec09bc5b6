"""Copying text out of the app: the one place that talks to clipboards.

Textual's `copy_to_clipboard` sends OSC 52, which most terminals honour and which cannot
report failure; pyperclip reaches the desktop clipboard where a backend exists (xclip,
wl-copy, pbcopy) and raises where none does. Both are tried. When only OSC 52 was
possible, the first copy says how to make it arrive (tmux drops OSC 52 by default).
"""

from __future__ import annotations

import os
import weakref

from textual.app import App

TMUX_HINT = "in tmux, add `set -g set-clipboard on` to ~/.tmux.conf"
_hinted: weakref.WeakSet[App] = weakref.WeakSet()


def copy_text(app: App, text: str, what: str) -> bool:
    """Copy `text` and tell the user; True when a desktop clipboard took it for sure."""
    app.copy_to_clipboard(text)
    if _desktop_copy(text):
        app.notify(f"Copied {what} to the clipboard", markup=False)
        return True
    message = f"Sent {what} to the terminal clipboard"
    if app not in _hinted:
        _hinted.add(app)
        where = TMUX_HINT if os.environ.get("TMUX") else "your terminal must allow OSC 52"
        message += f". If pasting gives nothing: {where}, or write the file instead."
    app.notify(message, markup=False, timeout=10)
    return False


def _desktop_copy(text: str) -> bool:
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # pyperclip raises its own and OS errors when no backend works
        return False
    return True
