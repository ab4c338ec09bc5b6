"""`pmtui FILE` in a terminal puts up the frame the app drew last time at once, hands the
screen to the app, or gives it back before a one-line error; keys typed while the frame is
up reach the app in order."""

import argparse
import contextlib
import datetime as dt
import fcntl
import io
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from pmtui.cli import commands
from pmtui.cli import frame_at_launch as launching
from pmtui.cli.paint_ahead import paint_ahead
from pmtui.files import kept_frames, recovery, store

FRAME = "\x1b[1;1H Participants · Chun"


@pytest.fixture
def terminal(monkeypatch):
    """A pseudo-terminal of 120x40 as standard input, output and the app's screen; what is
    written to it is read from `screen_side`."""
    screen_side, app_side = pty.openpty()
    fcntl.ioctl(app_side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    attrs = termios.tcgetattr(app_side)
    attrs[1] &= ~termios.OPOST  # as written: no newline translation on the way
    termios.tcsetattr(app_side, termios.TCSANOW, attrs)
    stream = os.fdopen(app_side, "w", encoding="utf-8", closefd=False)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    for name in ("COLUMNS", "LINES"):  # its size is its own (pytest-xdist sets COLUMNS=80)
        monkeypatch.delenv(name, raising=False)
    yield stream, screen_side
    stream.close()
    os.close(app_side)
    os.close(screen_side)


def on_the_terminal(monkeypatch, stream) -> None:
    """Standard input, output and error are the terminal (set in the test itself: pytest
    puts its own in place as each test starts)."""
    for name in ("stdin", "stdout", "stderr", "__stderr__"):
        monkeypatch.setattr(sys, name, stream)


def written(descriptor: int) -> str:
    got = b""
    while select.select([descriptor], [], [], 0.2)[0]:
        got += os.read(descriptor, 65536)
    return got.decode("utf-8")


def kept_frame(review: Path) -> None:
    launch = kept_frames.launch(review, (120, 40))
    assert launch is not None
    kept_frames.keep(launch, FRAME, (launch.at - 3600, launch.at + 3600))


def test_the_kept_frame_goes_up_at_once_and_the_app_takes_the_screen_over(pet_clinic, terminal):
    stream, screen_side = terminal
    kept_frame(pet_clinic)
    with launching.frame_at_launch(pet_clinic, stream) as painted:
        assert written(screen_side) == launching.SHOW + FRAME + launching.SHOWN
        assert painted.shown and painted.launch is not None
        painted.hand_over()
    assert written(screen_side) == ""  # the app gives the screen back as it ends


def test_a_launch_that_ends_before_the_app_gives_the_screen_back_before_its_error(
    pet_clinic, terminal
):
    stream, screen_side = terminal
    kept_frame(pet_clinic)
    with pytest.raises(KeyboardInterrupt), launching.frame_at_launch(pet_clinic, stream):
        written(screen_side)
        raise KeyboardInterrupt  # ctrl+c while the app loads
    assert written(screen_side) == launching.GIVE_BACK


class InterruptedScreen(io.StringIO):
    """A screen whose write a ctrl+c cuts short (a slow link), after part of the frame."""

    def write(self, text: str) -> int:
        if text.startswith(launching.SHOW):
            super().write(text[: len(text) // 2])
            raise KeyboardInterrupt
        return super().write(text)


def test_a_ctrl_c_while_the_frame_is_written_gives_the_screen_back(pet_clinic, monkeypatch):
    kept_frame(pet_clinic)
    screen = InterruptedScreen()
    monkeypatch.setattr(launching, "size_of", lambda _screen: (120, 40))
    with pytest.raises(KeyboardInterrupt), launching.frame_at_launch(pet_clinic, screen):
        pass
    assert screen.getvalue().startswith(launching.SHOW)
    assert screen.getvalue().endswith("\x1b[?2026l\x1b[?1049l\x1b[?25h")  # the update ended


def test_an_app_that_ends_before_it_takes_the_terminal_gives_the_painted_screen_back(
    pet_clinic, terminal, monkeypatch
):
    """`pmtui FILE` with the frame up, and the app stopped before Textual drew (ctrl+c
    while it loads, or its start failing): the terminal is given back before the line."""
    stream, screen_side = terminal
    on_the_terminal(monkeypatch, stream)
    kept_frame(pet_clinic)

    def stopped(app):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "_run_app", stopped)
    with pytest.raises(KeyboardInterrupt):
        commands.run_open(argparse.Namespace(file=pet_clinic, dir=None))
    assert written(screen_side) == launching.SHOW + FRAME + launching.SHOWN + launching.GIVE_BACK


def test_with_no_frame_kept_nothing_is_written_and_the_launch_is_known_for_keeping(
    pet_clinic, terminal
):
    stream, screen_side = terminal
    with launching.frame_at_launch(pet_clinic, stream) as painted:
        assert not painted.shown
        assert painted.launch.key == kept_frames.launch(pet_clinic, (120, 40)).key
    assert written(screen_side) == ""


def test_off_a_terminal_no_frame_is_painted_or_kept(pet_clinic, tmp_path):
    kept_frame(pet_clinic)
    with (
        open(tmp_path / "screen.txt", "w+") as screen,
        launching.frame_at_launch(pet_clinic, screen) as painted,
    ):
        assert painted.launch is None and not painted.shown
    assert (tmp_path / "screen.txt").read_text() == ""


def terminal_free_env() -> dict[str, str]:
    """The environment without a size of its own (pytest-xdist sets COLUMNS=80, which
    Textual takes over the terminal's)."""
    return {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}


AS_ITS_TERMINAL = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, '-m', 'pmtui', *sys.argv[1:]])"
)
"""pmtui with its standard input as its controlling terminal, in a session of its own."""


def started_in_a_terminal(review: Path, told: bool = True) -> tuple[subprocess.Popen[bytes], int]:
    """`pmtui REVIEW` started in a 120x40 pseudo-terminal of its own, as a terminal window
    starts it: `told` of its closing by a hangup (SIGHUP), as its session's leader, or not,
    as under `make run`. The terminal's side to read and type."""
    screen_side, app_side = pty.openpty()
    fcntl.ioctl(app_side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = ["-c", AS_ITS_TERMINAL] if told else ["-m", "pmtui"]
    app = subprocess.Popen(
        [sys.executable, *started, str(review)],
        stdin=app_side,
        stdout=app_side,
        stderr=app_side,
        env={**terminal_free_env(), "TERM": "xterm-256color"},  # `as_the_launches_see_it`
        start_new_session=True,
    )
    os.close(app_side)
    return app, screen_side


def run_in_a_terminal(review: Path, keys: bytes, shown: bytes = b"Chun") -> tuple[str, int]:
    """Run `pmtui REVIEW` in a 120x40 pseudo-terminal; type `keys` the moment `shown` is on
    it (then ctrl+q, if it is still running a while later). What it drew, and its exit."""
    app, screen_side = started_in_a_terminal(review)
    drawn, typed_at, deadline = b"", None, time.monotonic() + 60
    while app.poll() is None and time.monotonic() < deadline:
        if typed_at is not None and time.monotonic() > typed_at + 2:
            os.write(screen_side, b"\x11")
            typed_at = deadline
        if select.select([screen_side], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):  # the app ended: its side is closed
                drawn += os.read(screen_side, 65536)
        if typed_at is None and shown in drawn:
            os.write(screen_side, keys)
            typed_at = time.monotonic()
    app.kill()  # if it never ended
    os.close(screen_side)
    return drawn.decode("utf-8", "replace").replace("\r\n", "\n"), app.wait()


def closed_once_shown(
    review: Path, shown: bytes = b"Chun", keys: bytes = b"", done=lambda drawn: True, told=True
) -> int:
    """Run `pmtui REVIEW` in a 120x40 pseudo-terminal (`started_in_a_terminal`), type `keys`
    the moment `shown` is on it, and close the terminal, as a window closed, once they are
    `done` (told what it drew); its exit."""
    app, screen_side = started_in_a_terminal(review, told)
    drawn, deadline = b"", time.monotonic() + 60
    while shown not in drawn and app.poll() is None and time.monotonic() < deadline:
        if select.select([screen_side], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):  # the app ended: its side is closed
                drawn += os.read(screen_side, 65536)
    os.write(screen_side, keys)
    while not done(drawn) and app.poll() is None and time.monotonic() < deadline:
        if select.select([screen_side], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):
                drawn += os.read(screen_side, 65536)
    os.close(screen_side)
    try:
        return app.wait(timeout=30)
    finally:
        app.kill()  # if it never ended


def as_the_launches_see_it(monkeypatch) -> None:
    """This process's environment as `run_in_a_terminal` gives it: its frames' keys match."""
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def frame_kept(review: Path, seconds: float = 60.0) -> str | None:
    """The frame kept for `review` as it is now in a 120x40 terminal, once there is one
    (the painter runs at its own pace), or None after `seconds`."""
    deadline = time.monotonic() + seconds
    while (frame := kept_frames.painted(kept_frames.launch(review, (120, 40)))) is None:
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)
    return frame


def tomorrow(review: Path) -> kept_frames.Launch:
    """The launch of `review` in a 120x40 terminal a day from now."""
    launch = kept_frames.launch(review, (120, 40))
    return launch.at_moment(dt.datetime.fromtimestamp(launch.at, dt.UTC) + dt.timedelta(days=1))


def painter_done(review: Path) -> None:
    """The painter has kept today's frame and those of the days ahead, the last it draws,
    and ended: the tests that come next have the machine to themselves."""
    assert frame_kept(review) is not None
    launch, deadline = kept_frames.launch(review, (120, 40)), time.monotonic() + 60
    while kept_frames.days_drawn_ahead(launch) < kept_frames.DAYS_AHEAD:
        assert time.monotonic() < deadline, "the days ahead were never drawn"
        time.sleep(0.05)
    deadline = time.monotonic() + 60
    while painting(review):
        assert time.monotonic() < deadline, "the painter never ended"
        time.sleep(0.05)


def painting(review: Path) -> bool:
    """Whether a painter of `review` is running."""
    for process in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):  # it ended meanwhile
            command = process.read_bytes().split(b"\0")
            if b"pmtui.cli.paint_ahead" in command and str(review).encode() in command:
                return True
    return False


def test_each_launch_paints_the_screen_of_the_review_as_the_last_one_left_it(
    pet_clinic, monkeypatch
):
    as_the_launches_see_it(monkeypatch)
    first, code = run_in_a_terminal(pet_clinic, b"")  # ctrl+q after a while
    assert code == 0 and not first.startswith(launching.SHOW)
    frame = frame_kept(pet_clinic)  # kept by the app, or drawn ahead as it ended: the same
    assert frame is not None
    assert all(word in frame for word in ("Participants", "Chun", "Tina", "Timeline"))

    typed = b"\t10:41 typed on the painted frame\r\x13\x11"  # Tab, an event, ctrl+s, ctrl+q
    second, code = run_in_a_terminal(pet_clinic, typed)
    assert code == 0
    assert second.startswith(launching.SHOW + frame + launching.SHOWN)
    assert second.count("\x1b[?1049l") == 1  # Textual gave the screen back, once
    assert "typed on the painted frame" in pet_clinic.read_text()

    saved = frame_kept(pet_clinic)  # drawn off-screen once the second launch ended
    assert saved is not None and "typed on the painted frame" in saved
    third, code = run_in_a_terminal(pet_clinic, b"")
    assert code == 0 and third.startswith(launching.SHOW + saved + launching.SHOWN)
    painter_done(pet_clinic)


def test_a_terminal_closed_as_the_screen_comes_up_leaves_the_review_painted(
    pet_clinic, monkeypatch
):
    """Closed before the screen settled, when the app would have kept its frame, the run
    starts the painter as ctrl+q does: the next launch is painted all the same."""
    as_the_launches_see_it(monkeypatch)
    assert closed_once_shown(pet_clinic) == 128 + signal.SIGHUP
    frame = frame_kept(pet_clinic)
    assert frame is not None and all(word in frame for word in ("Chun", "Timeline"))
    painter_done(pet_clinic)
    second, code = run_in_a_terminal(pet_clinic, b"\x11")
    assert code == 0 and second.startswith(launching.SHOW + frame + launching.SHOWN)


def test_an_app_its_terminal_left_without_a_word_ends_as_at_a_hangup(pet_clinic, monkeypatch):
    """Under `make run` the terminal tells only `make` it closes: the app finds its reads
    empty, keeps what was typed and ends, rather than reading nothing for ever."""
    as_the_launches_see_it(monkeypatch)
    typed = b"\t10:41 typed as the window closed"  # Tab, then a line not added yet

    def on_screen(drawn: bytes) -> bool:
        return b"the window closed" in drawn

    code = closed_once_shown(pet_clinic, keys=typed, done=on_screen, told=False)
    assert code == 128 + signal.SIGHUP
    kept = store.load(recovery.all_pending(pet_clinic)[0])
    assert "typed as the window closed" in [event.text for event in kept.timeline]
    painter_done(pet_clinic)


def test_a_review_the_run_created_is_painted_when_its_terminal_closes(tmp_path, monkeypatch):
    as_the_launches_see_it(monkeypatch)
    new = tmp_path / "new.toml"
    typed = b"00:00 the first event\r\x13"  # ctrl+s; at midnight: never after now
    code = closed_once_shown(new, b"new.toml", typed, lambda _: "first event" in read_or_not(new))
    assert code == 128 + signal.SIGHUP
    frame = frame_kept(new)
    assert frame is not None and "the first event" in frame
    painter_done(new)


def read_or_not(review: Path) -> str:
    return review.read_text() if review.exists() else ""


def test_the_painter_is_told_the_review_by_the_name_it_is_opened_by(
    pet_clinic, terminal, monkeypatch
):
    """Its screen shows the name: a link's, not its target's."""
    stream, _ = terminal
    link = pet_clinic.with_name("linked.toml")
    link.symlink_to(pet_clinic)
    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **_: started.append(command))
    assert paint_ahead(link, stream)
    assert started[0][-3:] == [str(link), "120", "40"]


def test_a_painter_starts_only_when_no_frame_is_kept_for_the_review_as_it_is(
    pet_clinic, terminal, tmp_path, monkeypatch
):
    stream, _ = terminal
    as_the_launches_see_it(monkeypatch)
    assert paint_ahead(pet_clinic, stream)
    painter_done(pet_clinic)
    assert not paint_ahead(pet_clinic, stream)
    os.remove(kept_frames.kept_for(tomorrow(pet_clinic))[0])
    assert paint_ahead(pet_clinic, stream)  # tomorrow's is missing
    painter_done(pet_clinic)
    pet_clinic.write_text(pet_clinic.read_text().replace("Pet Clinic", "Pet Shop"))
    with open(tmp_path / "screen.txt", "w") as not_a_terminal:
        assert not paint_ahead(pet_clinic, not_a_terminal)
    assert paint_ahead(pet_clinic, stream)
    painter_done(pet_clinic)
    assert "Pet Shop" in kept_frames.painted(tomorrow(pet_clinic))


@pytest.mark.parametrize("variable", ["COLUMNS", "LINES"])
def test_a_size_set_apart_from_the_terminal_s_gets_no_frame(
    pet_clinic, terminal, monkeypatch, variable
):
    """Textual lays out at COLUMNS and LINES: a frame of the terminal's size is not its."""
    stream, screen_side = terminal
    monkeypatch.setenv(variable, "80")
    kept_frame(pet_clinic)
    with launching.frame_at_launch(pet_clinic, stream) as painted:
        assert painted.launch is None and not painted.shown
    assert written(screen_side) == ""
    assert not paint_ahead(pet_clinic, stream)
    monkeypatch.setenv(variable, "120" if variable == "COLUMNS" else "40")  # the same size
    assert launching.launch_on(pet_clinic, stream) is not None


def test_a_terminal_that_tells_no_size_gets_no_frame(pet_clinic, terminal):
    """Textual lays out at 80x25 there: a painter told 0x0 kept an empty frame."""
    stream, _ = terminal
    fcntl.ioctl(stream.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 0, 0, 0, 0))
    assert launching.launch_on(pet_clinic, stream) is None
    assert not paint_ahead(pet_clinic, stream)


def test_a_review_the_run_created_is_painted_at_its_next_launch(tmp_path, monkeypatch):
    as_the_launches_see_it(monkeypatch)
    new = tmp_path / "new.toml"
    typed = b"10:41 the first event\r\x13\x11"  # on its entry line: it has no events yet
    _, code = run_in_a_terminal(new, typed, shown=b"new.toml")
    assert code == 0 and "the first event" in new.read_text()
    assert "the first event" in frame_kept(new)
    painter_done(new)
