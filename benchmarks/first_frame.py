"""pmtui timed from outside, in a real terminal: a new process on a pseudo-terminal of
120x40, its output read until given texts have appeared on screen, and keys written to it
with the time until its next frame arrives.

This is what a person sees: the time from pressing Enter on `pmtui REVIEW.toml` to each
text being drawn, and from a key to the screen answering it, through the same driver,
writer thread and escape codes as in use.
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


class Terminal:
    """A command running on a pseudo-terminal of SIZE, read as it writes."""

    def __init__(self, command: Sequence[str], env: dict[str, str]) -> None:
        self.command = command
        self.leader, follower = os.openpty()
        columns, rows = SIZE
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.start = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,
        )
        os.close(follower)
        self.seen = b""

    def read(self, wait: float) -> bytes:
        """What the program writes within `wait` seconds (from the first byte on, until
        it pauses for 5 ms: one frame)."""
        got = b""
        while select.select([self.leader], [], [], wait)[0]:
            try:
                chunk = os.read(self.leader, 1 << 16)
            except OSError:  # the program ended
                break
            got += chunk
            wait = 0.005
        self.seen += got
        return got

    def wait_for(self, texts: Sequence[str], timeout: float = 30.0) -> list[float]:
        """Seconds from the start until each of `texts` is on screen, in order."""
        times, wanted = [], [text.encode() for text in texts]
        while wanted and time.perf_counter() - self.start < timeout:
            self.read(0.05)
            text = _ESCAPES.sub(b"", self.seen)
            while wanted and wanted[0] in text:
                times.append(time.perf_counter() - self.start)
                wanted.pop(0)
        if wanted:
            tail = _ESCAPES.sub(b"", self.seen)[-400:].decode(errors="replace")
            raise SystemExit(f"{' '.join(self.command)}: never showed {wanted[0]!r}; {tail}")
        return times

    def settle(self) -> None:
        """Read until the program has been quiet for half a second."""
        while self.read(0.5):
            pass

    def key_to_frame(self, key: bytes) -> float:
        """Seconds from writing `key` until the program's next output (its next frame)."""
        os.write(self.leader, key)
        start = time.perf_counter()
        if not self.read(5.0):
            raise SystemExit(f"{' '.join(self.command)}: no frame after {key!r}")
        return time.perf_counter() - start

    def end(self) -> float:
        """Kill the program; its peak memory in MiB."""
        os.killpg(self.process.pid, signal.SIGKILL)
        _, _, usage = os.wait4(self.process.pid, 0)
        os.close(self.leader)
        return usage.ru_maxrss / 1024


def shown(
    command: Sequence[str], texts: Sequence[str], env: dict[str, str]
) -> tuple[list[float], float]:
    """Seconds from start until each of `texts` is on screen, in order, and peak MiB."""
    terminal = Terminal(command, env)
    try:
        times = terminal.wait_for(texts)
    finally:
        memory = terminal.end()
    return times, memory


def user_env(state: Path | None = None) -> dict[str, str]:
    """A terminal's environment with user folders of the benchmark's own.

    `state` is where large reviews' parses are cached: a new empty one measures a review
    never opened before.
    """
    home = Path(tempfile.mkdtemp())
    # Python as people run it: modules compiled once and kept (an environment that says
    # never to write bytecode would have pmtui compile its own modules at every start).
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PMTUI_CONFIG_DIR": str(home / "config"),
        "PMTUI_STATE_DIR": str(state or home / "state"),
    }
