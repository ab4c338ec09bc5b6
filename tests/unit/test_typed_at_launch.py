"""Keys typed while the app starts are not changed by the terminal's line mode on the way:
Enter stays Enter, ctrl+q reaches the app, nothing is echoed over the shell."""

import os
import pty
import select
import subprocess
import sys
import termios

import pytest

from pmtui.cli.typed_at_launch import keys_as_typed

LINE_MODE = {"ICANON": (3, termios.ICANON), "ECHO": (3, termios.ECHO)}
TRANSLATED = {"ICRNL": (0, termios.ICRNL), "IXON": (0, termios.IXON)}


def flags(descriptor: int) -> set[str]:
    attrs = termios.tcgetattr(descriptor)
    both = LINE_MODE | TRANSLATED
    return {name for name, (field, bit) in both.items() if attrs[field] & bit}


@pytest.fixture
def terminal():
    """A pseudo-terminal as a shell leaves it: line mode, echo, newline and flow control."""
    keys, screen = pty.openpty()
    attrs = termios.tcgetattr(screen)
    attrs[0] |= termios.ICRNL | termios.IXON
    attrs[3] |= termios.ICANON | termios.ECHO
    termios.tcsetattr(screen, termios.TCSANOW, attrs)
    with os.fdopen(screen, "r", closefd=False) as stream:
        yield keys, screen, stream
    os.close(keys)
    os.close(screen)


def read_waiting(descriptor: int, size: int) -> bytes:
    """Up to `size` bytes that can be read now or within a second (a terminal still in
    line mode gives none: it waits for a whole line)."""
    got = b""
    while len(got) < size and select.select([descriptor], [], [], 1.0)[0]:
        got += os.read(descriptor, size - len(got))
    return got


def test_keys_pass_as_typed_within_and_the_terminal_is_as_it_was_after(terminal):
    keys, screen, stream = terminal
    before = termios.tcgetattr(screen)
    with keys_as_typed(stream):
        assert flags(screen) == set()
        os.write(keys, b"db down\r\x11")
        assert read_waiting(screen, 9) == b"db down\r\x11"  # no line to wait for, \r as typed
    assert termios.tcgetattr(screen) == before


def test_a_stream_that_is_not_a_terminal_is_left_alone(tmp_path):
    ran = []
    with open(tmp_path / "keys.txt", "w+") as stream, keys_as_typed(stream):
        ran.append("a file")
    with keys_as_typed(None):  # standard input under pytest: not a terminal either
        ran.append("standard input")
    assert ran == ["a file", "standard input"]


PROBE = """
import sys, termios
from pmtui.cli import commands
def flags():
    a = termios.tcgetattr(0)
    on = {"ICANON": a[3] & termios.ICANON, "ICRNL": a[0] & termios.ICRNL}
    return sorted(name for name, bit in on.items() if bit)
def app_runs(app):
    print("while the app runs:", flags())
    return 0
commands._run_app = app_runs
def reading(make):
    def made(*args, **kwargs):
        print("while the review is read:", flags())
        return make(*args, **kwargs)
    return made
import pmtui.tui.app, pmtui.tui.replay
pmtui.tui.app.make_app = reading(pmtui.tui.app.make_app)
pmtui.tui.replay.make_replay_app = reading(pmtui.tui.replay.make_replay_app)
print("before:", flags())
commands.main(sys.argv[1:])
print("after:", flags())
"""


@pytest.mark.parametrize(
    "command",
    [["{review}"], ["replay", "{review}", "--scenario", "pet-clinic-dojo"]],
)
def test_the_app_commands_pass_keys_as_typed_from_before_the_app_loads(
    command, pet_clinic, terminal
):
    keys, screen, _ = terminal
    args = [part.format(review=pet_clinic) for part in command]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        stdin=screen,
        stdout=screen,
        stderr=subprocess.PIPE,
        cwd=pet_clinic.parent,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    said = os.read(keys, 1000).decode().replace("\r\n", "\n")
    assert said == (
        "before: ['ICANON', 'ICRNL']\n"
        "while the review is read: []\n"
        "while the app runs: []\n"
        "after: ['ICANON', 'ICRNL']\n"
    )
