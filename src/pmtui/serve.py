"""`pmtui serve`: the same app in a browser tab, served on 127.0.0.1 by textual-serve.

textual-serve is an optional extra (`pip install 'pmtui[serve]'`). Each browser tab that
connects runs its own `pmtui open FILE` process; nothing listens beyond this machine.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from pmtui import store

HOST = "127.0.0.1"
MISSING_EXTRA = "serving needs textual-serve: pip install 'pmtui[serve]'"


class ServeError(Exception):
    """Serving cannot start; `str()` is the one line to print."""


def serve(path: Path, port: int) -> None:
    """Serve the review until ctrl+c; a bad file fails here, not in the browser."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ServeError(MISSING_EXTRA) from None
    if path.exists():
        store.load(path)
    command = shlex.join([sys.executable, "-m", "pmtui", "open", str(path.resolve())])
    try:
        Server(command, host=HOST, port=port, title=f"pmtui {path.name}").serve()
    except OSError as error:  # the port is taken, or not ours to use
        reason = os.strerror(error.errno).lower() if error.errno else str(error)
        raise ServeError(f"cannot serve on {HOST}:{port} ({reason}); try --port N") from None
