"""Copying text out of the app: the one place that talks to clipboards.

Textual's `copy_to_clipboard` sends OSC 52, which most terminals honour and which cannot
report failure; pyperclip reaches the desktop clipboard where a backend exists (xclip,
wl-copy, pbcopy) and raises where none does. Both are tried. When only OSC 52 was
possible, the first copy says how to make it arrive (tmux drops OSC 52 by default).
"""

from __future__ import annotations

import os
import subprocess
import sys
import weakref

from textual.app import App

TMUX_HINT = "in tmux, add `set -g set-clipboard on` to ~/.tmux.conf"
_hinted: weakref.WeakSet[App] = weakref.WeakSet()


def copy_text(app: App, text: str, what: str) -> None:
    """Copy `text` and tell the user. The desktop clipboard is tried in a thread: its copy
    starts a process and waits for it (up to `WAIT`), which the keys typed meanwhile must
    not wait for."""
    app.copy_to_clipboard(text)

    def copy_then_say() -> None:
        copied = _desktop_copy(text)
        app.call_from_thread(_say, app, what, copied)

    app.run_worker(copy_then_say, thread=True, group="clipboard")


def _say(app: App, what: str, copied: bool) -> None:
    """Copied to the desktop clipboard for sure, or only sent to the terminal's (with how
    to make that arrive, the first time)."""
    if copied:
        app.notify(f"Copied {what} to the clipboard", markup=False)
        return
    message = f"Sent {what} to the terminal clipboard"
    if app not in _hinted:
        _hinted.add(app)
        where = TMUX_HINT if os.environ.get("TMUX") else "your terminal must allow OSC 52"
        message += f". If pasting gives nothing: {where}, or write the file instead."
    app.notify(message, markup=False, timeout=10)


COPY_AND_READ_BACK = """
import sys, pyperclip
text = sys.stdin.buffer.read().decode("utf-8")
pyperclip.copy(text)
sys.exit(0 if pyperclip.paste() == text else 1)
"""
WAIT = 3.0
"""Seconds a desktop clipboard has to take the text."""


def _desktop_copy(text: str) -> bool:
    """pyperclip's copy, in a process of its own, read back. In the app's process, the tool
    pyperclip runs (xclip, xsel, wl-copy) wrote its errors over the app's screen, and xclip
    failing (a display it cannot reach) was taken for a copy: pyperclip ignores its exit
    status. True only when the clipboard holds the text. Isolated (`-I`): a `pyperclip.py`
    in the folder of the review is never what it imports."""
    try:
        copied = subprocess.run(
            [sys.executable, "-I", "-c", COPY_AND_READ_BACK],  # -I: no module of the folder
            input=text.encode("utf-8", "surrogatepass"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=WAIT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return copied.returncode == 0
