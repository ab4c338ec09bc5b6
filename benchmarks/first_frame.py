"""Cold starts timed from outside, in a real terminal: a new process on a pseudo-terminal
of 120x40, its output read until given texts have appeared on screen.

This is what a person sees: the time from pressing Enter on `pmtui REVIEW.toml` to each
text being drawn, through the same driver, writer thread and escape codes as in use.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

SIZE = (120, 40)
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def shown(
    command: Sequence[str], texts: Sequence[str], env: dict[str, str], timeout: float = 30.0
) -> tuple[list[float], float]:
    """Seconds from start until each of `texts` is on screen, in order, and peak MiB.

    The process is killed once the last text has been drawn (or after `timeout`).
    """
    leader, follower = os.openpty()
    columns, rows = SIZE
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    seen, times, wanted = b"", [], [text.encode() for text in texts]
    try:
        while wanted and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if not ready:
                continue
            try:
                seen += os.read(leader, 1 << 16)
            except OSError:  # the process ended
                break
            text = _ESCAPES.sub(b"", seen)
            while wanted and wanted[0] in text:
                times.append(time.perf_counter() - start)
                wanted.pop(0)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        _, _, usage = os.wait4(process.pid, 0)
        os.close(leader)
    if wanted:
        tail = _ESCAPES.sub(b"", seen)[-400:].decode(errors="replace")
        raise SystemExit(f"{' '.join(command)}: never showed {wanted[0]!r}; last: {tail}")
    return times, usage.ru_maxrss / 1024


def user_env(state: Path | None = None) -> dict[str, str]:
    """A terminal's environment with user folders of the benchmark's own.

    `state` is where large reviews' parses are cached: a new empty one measures a review
    never opened before.
    """
    home = Path(tempfile.mkdtemp())
    return {
        **os.environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PMTUI_CONFIG_DIR": str(home / "config"),
        "PMTUI_STATE_DIR": str(state or home / "state"),
    }
