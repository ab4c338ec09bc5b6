"""Driving the app in tests: a fixed clock and one place that builds it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import html
import os
import re
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from rich.cells import cell_len
from textual import events
from textual.pilot import WaitForScreenTimeout
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from pmtui.files import disk, recovery, store
from pmtui.tui.app import PmtuiApp, make_app
from pmtui.tui.meeting.type_ahead import Grace

NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)  # a Friday
SIZE = (120, 40)


def app_on(path: Path, autosave_delay: float = 60.0) -> PmtuiApp:
    """The app with the clock stopped at NOW (autosave far off unless a test wants it).
    A letter key of the timeline table acts at once, not after its wait for a word (the
    wait has tests of its own: test_typing_on_the_timeline.py)."""
    app = make_app(path, clock=lambda: NOW, autosave_delay=autosave_delay)
    app.word_wait = 0.0
    return app


def rescued_copy(path: Path, title: str) -> Path:
    """The recovery copy a pmtui leaves when it stops with the title changed, unsaved,
    after reading the file as it is now."""
    review = store.load(path)
    review.incident.title = title
    return recovery.rescue(path, store.dumps(review), disk.fingerprint(path))


def saved(path: Path) -> dict:
    """The review as written on disk."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def on_table(app: PmtuiApp, pilot, tab: str, table: str) -> None:
    """The meeting screen on `tab`, its `table` (a selector) focused."""
    await app.screen.show_tab(tab)
    await settle(app, pilot)
    app.screen.set_focus(app.screen.query_one(table))
    await pilot.pause()


async def delete_row(app: PmtuiApp, pilot) -> None:
    """`d` asks, `d` again deletes the table's row, here with no grace to wait for (the
    grace has tests of its own: tests/tui/test_delete_asks.py)."""
    app.dialog_grace = Grace(0.0)
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("d")


async def settle(app: PmtuiApp, pilot) -> None:
    """Let pending messages and workers finish (saving, checks, rendering), and the workers
    those messages start in turn: the checks start once the screen has been drawn."""
    await pilot.pause()
    for _ in range(10):
        # An exclusive worker (the checks, the export preview) cancels the one before it:
        # waiting on that one raises, and the loop waits again for the new one.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def until(pilot, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Pause until `condition()` holds: for work that runs at its own pace (a review read
    in a thread, a timer's hints, an autosave), which a loaded machine runs late. Fails,
    naming the condition by its docstring, if it still does not hold after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"still not so after {seconds} s: {condition.__doc__ or condition}"
            )
        try:
            await pilot.pause(0.05)
        except WaitForScreenTimeout:  # the app is ending: its screen handles no more
            await asyncio.sleep(0.05)


async def write(pilot, *steps: str) -> None:
    """Type text into whatever has focus, and press the named keys between texts.

    Text goes in through the focused widget's own insert (one step, not one Pilot wait per
    character); named keys (`enter`, `tab`, `ctrl+s`, single letters as commands) are real
    key presses. A step is a key when it is one of KEYS or a single character.
    """
    for step in steps:
        focused = pilot.app.focused
        if step in KEYS or len(step) == 1:
            await pilot.press(step)
        elif isinstance(focused, Input):
            focused.insert_text_at_cursor(step)
            await pilot.pause()
        elif isinstance(focused, TextArea):
            focused.insert(step)
            await pilot.pause()
        else:
            raise AssertionError(f"nothing to type {step!r} into: focus is on {focused!r}")


async def burst(pilot, *steps: str) -> None:
    """Keys as one read from the terminal, posted to the app with no pause between them
    (Pilot's `press` waits after each key, which hides what keys typed fast do). A step
    that is one of KEYS or `shift+tab` is one key; any other is its characters."""
    for step in steps:
        for key in [step] if step in KEYS or step == "shift+tab" else step:
            character = {"space": " ", "enter": "\r", "tab": "\t"}.get(key, key)
            name = {" ": "space", ",": "comma"}.get(key, key)
            printable = len(character) == 1 and character.isprintable()
            pilot.app.post_message(events.Key(name, character if printable else None))
    await pilot.pause()


async def pick(pilot, query: str) -> None:
    """In an open command palette: search for `query` and run the best match."""
    await write(pilot, query)
    await settle(pilot.app, pilot)  # the palette searches in a worker
    await pilot.press("enter")


KEYS = {
    "enter",
    "end",
    "backspace",
    "tab",
    "escape",
    "space",
    "up",
    "down",
    "ctrl+s",
    "ctrl+n",
    "ctrl+q",
    "ctrl+z",
    "ctrl+e",
    "ctrl+j",
    "ctrl+u",
    "ctrl+l",
    "ctrl+pagedown",
    "ctrl+pageup",
    "f1",
    "f2",
    "f8",
    "f9",
    "ctrl+g",
    # The tab keys where a terminal reports alt with a digit (kitty's keyboard protocol;
    # others send ¡™£¢∞§): tests change tabs with them from the timeline table, where a
    # digit is typed.
    *(f"alt+{number}" for number in range(1, 7)),
}


def closed_folder(monkeypatch, folder: Path) -> None:
    """Nothing in `folder` can be looked at, as in a folder without search permission
    (which the tests, run as root, could not make by its mode alone)."""
    stat = Path.stat

    def refused(path: Path, **kwargs):
        if path.parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", refused)


def screen_text(app: PmtuiApp) -> str:
    """The characters on screen, as the terminal would get them (styles aside), one line per
    row, dialogs and the screens behind them together.

    Read from Textual's public SVG screenshot: each run of text is put back at its column
    (the screenshot leaves out runs of blanks). Control characters pass through as they are,
    so a test can look for any that reach the screen.
    """
    rows: dict[int, list[tuple[int, str]]] = {}
    for x, width, row, escaped in TEXT_RUN.findall(app.export_screenshot()):
        text = html.unescape(escaped.replace("&#160;", " "))
        column = round(float(x) * len(text) / float(width))  # its width over its length: a cell's
        if column < app.size.width:  # past the edge: the line break the screenshot adds
            rows.setdefault(int(row), []).append((column, text))
    lines = []
    for row in range(app.size.height):
        line = ""
        for column, text in sorted(rows.get(row, [])):
            line += " " * (column - cell_len(line)) + text
        lines.append(line + " " * (app.size.width - cell_len(line)))
    return "\n".join(lines)


TEXT_RUN = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>',
    re.DOTALL,
)
"""A run of text on the screen: its x, its width, its row (the title bar has none), its text."""


def shown_notices(app: PmtuiApp) -> list[str]:
    """The notices on screen now (`told` keeps the ones gone too)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def said(app: PmtuiApp) -> str:
    """Everything the app has told the user (its notifications), one per line."""
    return "\n".join(app.told)


async def focus_on(app: PmtuiApp, pilot, tab: str, widget_id: str | None = None):
    """Show `tab` and focus its widget `widget_id` (unless named: its table, `<tab>-table`)."""
    await app.screen.show_tab(tab)
    widget = app.screen.query_one(f"#{widget_id or tab + '-table'}")
    widget.focus()
    await pilot.pause()
    return widget


def textual_input_parser() -> tuple[type, ModuleType]:
    """Textual's terminal input parser class, and the module whose clock it reads for the
    escape delay (a test stops that clock by replacing the module's `get_time`).

    Textual has no public route to either: the parser that turns terminal bytes into key
    and paste events lives in `textual._xterm_parser` (pmtui's GuardedParser subclasses it),
    its clock in `textual._parser`. This is the suite's one reader of them, so a Textual
    upgrade that moves them breaks here and nowhere else.
    """
    from textual import _parser, _xterm_parser

    return _xterm_parser.XTermParser, _parser
