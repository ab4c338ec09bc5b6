"""Driving the app in tests: a fixed clock and one place that builds it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, TextArea

from pmtui.tui.app import PmtuiApp, make_app

NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)  # a Friday
SIZE = (120, 40)


def app_on(path: Path, autosave_delay: float = 60.0) -> PmtuiApp:
    """The app with the clock stopped at NOW (autosave far off unless a test wants it)."""
    return make_app(path, clock=lambda: NOW, autosave_delay=autosave_delay)


async def settle(app: PmtuiApp, pilot) -> None:
    """Let pending messages and workers finish (saving, checks, rendering), and the workers
    those messages start in turn: the checks start once the screen has been drawn."""
    await pilot.pause()
    for _ in range(10):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


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


async def pick(pilot, query: str) -> None:
    """In an open command palette: search for `query` and run the best match."""
    await write(pilot, query)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")


KEYS = {
    "enter",
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
    "f1",
    "f2",
}


def screen_text(app: PmtuiApp) -> str:
    """The characters on screen, as the terminal would get them (styles aside)."""
    update = app.screen._compositor.render_full_update()
    return "\n".join(
        "".join(segment.text for strip in line for segment in strip) for line in update.strips
    )


def said(app: PmtuiApp) -> str:
    """Every notification the app has shown, one per line (Textual keeps them privately:
    this is the suite's one reader of that, so a Textual upgrade is fixed here)."""
    return "\n".join(notification.message for notification in app._notifications)


async def focus_on(app: PmtuiApp, pilot, tab: str, widget_id: str | None = None):
    """Show `tab` and focus its widget `widget_id` (unless named: its table, `<tab>-table`)."""
    await app.screen.show_tab(tab)
    widget = app.screen.query_one(f"#{widget_id or tab + '-table'}")
    widget.focus()
    await pilot.pause()
    return widget
