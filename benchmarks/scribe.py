"""`make bench-scribe`: keys a scribe presses to record the dojo from scribe_script.txt.

Starts from a new review (`pmtui new`, default template) in a temp folder, drives the app
with Pilot on a fixed clock, checks the saved file holds every line of the script (fails
loudly if not), and prints characters of the words, keys pressed, and the overhead ratio.
Findings are timeline events (the entry line is the cheapest path the app offers); a
milestone is an event, then escape to its row, `m`, down to the name, space, ctrl+s, and
ctrl+n back to the entry line.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "tui"))

from helpers import SIZE, app_on, settle  # noqa: E402
from textual.widgets import Input  # noqa: E402

from pmtui.document.model import Milestone  # noqa: E402

SCRIPT = HERE / "scribe_script.txt"


def entries() -> list[tuple[str, list[str]]]:
    """(kind, fields) for each line of the script."""
    rows = []
    for line in SCRIPT.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, rest = line.partition(": ")
            rows.append((kind, [part.strip() for part in rest.split(";")]))
    return rows


class Keys:
    """Presses keys and counts them per kind of entry."""

    def __init__(self, pilot):
        self.pilot, self.cost, self.words = pilot, Counter(), Counter()

    async def type(self, kind: str, text: str) -> None:
        focused = self.pilot.app.focused
        assert isinstance(focused, Input), f"typing {text!r} but focus is on {focused!r}"
        focused.insert_text_at_cursor(text)  # one key per character
        self.cost[kind] += len(text)
        self.words[kind] += len(text)
        await self.pilot.pause()

    async def press(self, kind: str, *keys: str) -> None:
        await self.pilot.press(*keys)
        self.cost[kind] += len(keys)


async def record(path: Path) -> tuple[Counter, Counter]:
    """Keys pressed and characters of words typed, per kind of entry."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await settle(app, pilot)
        if not isinstance(app.focused, Input):  # works whether or not a new review opens there
            await keys.press("form opens", "ctrl+n")
        for kind, fields in entries():
            if kind in ("event", "finding"):
                await keys.type(kind, fields[0])
                await keys.press(kind, "enter")
            elif kind == "milestone":
                name, text = fields
                await keys.type("event", text)
                await keys.press("event", "enter")
                await mark(app, keys, name, text)
        await keys.press("tab, focus moves", "escape", "5")
        await settle(app, pilot)
        for _kind, (title, owner, due) in entries_of("action"):
            await keys.press("form opens", "n")
            await keys.type("action", title)
            await keys.press("owner", "tab")
            await keys.type("owner", owner)
            await keys.press("due date", "tab")
            await keys.type("due date", due)
            await keys.press("action", "enter")
        await keys.press("save", "ctrl+s")
        await settle(app, pilot)
    return keys.cost, keys.words


async def mark(app, keys: Keys, name: str, text: str) -> None:
    """Give the event just entered its milestone, and come back to the entry line."""
    await keys.press("tab, focus moves", "escape")
    event = app.focused.current_record()
    assert event is not None and text.endswith(event.text), f"cursor is on {event!r}, not {text!r}"
    await keys.press("milestone", "m")
    await settle(app, keys.pilot)
    await keys.press("milestone", *["down"] * list(Milestone).index(Milestone(name)), "space")
    await keys.press("milestone", "ctrl+s")
    await settle(app, keys.pilot)
    assert Milestone(name) in event.milestone, f"{name!r} not set on {text!r}"
    await keys.press("form opens", "ctrl+n")


def entries_of(kind: str):
    return [(k, f) for k, f in entries() if k == kind]


def milestones(event: dict) -> list[str]:
    """The file writes one milestone as a string, several as a list."""
    value = event.get("milestone", [])
    return [value] if isinstance(value, str) else value


def check(path: Path) -> None:
    saved = tomllib.loads(path.read_text())
    events = [e["text"] for e in saved.get("timeline", [])]
    actions = [(a["title"], a.get("owner")) for a in saved.get("actions", [])]
    marked = {(e["text"], m) for e in saved.get("timeline", []) for m in milestones(e)}
    missing = [f for k, f in entries() if k in ("event", "finding") and f[0] not in events]
    missing += [f for _, f in entries_of("milestone") if (f[1][6:], f[0]) not in marked]
    missing += [f for _, f in entries_of("action") if (f[0], f[1]) not in actions]
    if missing:
        raise SystemExit(f"the saved file lacks {len(missing)} entries of the script: {missing}")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "dojo.toml"
    subprocess.run(
        [sys.executable, "-m", "pmtui", "new", str(path)], check=True, capture_output=True
    )
    cost, spoken = asyncio.run(record(path))
    words = sum(spoken.values())
    check(path)
    pressed = sum(cost.values())
    extra = pressed - words
    print(f"characters of the words: {words}")
    print(f"keys pressed:            {pressed}")
    print(f"keys beyond the words:   {extra} ({extra / words:.1%}, target at most 10%)")
    print("  kind             keys  beyond the words")
    for kind, count in cost.most_common():
        print(f"  {kind:<16} {count:>4}  {count - spoken[kind]:>4}")


if __name__ == "__main__":
    main()
