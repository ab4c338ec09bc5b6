"""`make bench-scribe`: keys a scribe presses to record the dojo from scribe_script.txt.

Starts from a new review (`pmtui new`, default template) in a temp folder, drives the app
with Pilot on a fixed clock, checks the saved file holds every line of the script in its
place (fails loudly if not), and prints characters of the words, keys pressed, the overhead
ratio, and what the keys beyond the words went on.

Each entry goes where a scribe puts it, by the cheapest path the app offers:
- an event: typed on the timeline's entry line, Enter;
- a milestone: its event, then ctrl+l on the entry line, the milestone's number, ctrl+s
  (the focus comes back to the entry line);
- a finding: a contributing factor on the Wrap-up tab: `n`, the factor, ctrl+s;
- an action: on the Actions tab: `n`, title, tab, owner, tab, due date, Enter.
Moving between tabs costs escape out of a text field, then the tab's digit.
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

from helpers import NOW, SIZE, settle  # noqa: E402
from textual.widgets import Input  # noqa: E402

from pmtui.document.model import Milestone  # noqa: E402
from pmtui.document.timeparse import parse_due  # noqa: E402
from pmtui.tui.app import make_app  # noqa: E402
from pmtui.tui.keys import TABS  # noqa: E402
from pmtui.tui.tables.records import RecordTable  # noqa: E402

SCRIPT = HERE / "scribe_script.txt"
EVENING = NOW.replace(hour=20)
"""The review is recorded the evening of the incident: every time the room says is past."""

# What a key beyond the words was for (the breakdown's rows).
NAVIGATION = "navigation (tabs, entry line)"
OPEN = "opening a form (n)"
FIELD_MOVE = "form field moves (tab)"
SAVE = "saves (Enter, ctrl+s)"
MILESTONE = "milestones (ctrl+l, its number, ctrl+s)"

# Where each kind of entry is written: the tab, and the table's noun there.
PLACES = {"finding": ("wrapup", "contributing factor"), "action": ("actions", "action")}


def entries() -> list[tuple[str, list[str]]]:
    """(kind, fields) for each line of the script."""
    rows = []
    for line in SCRIPT.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, rest = line.partition(": ")
            rows.append((kind, [part.strip() for part in rest.split(";")]))
    return rows


def entries_of(kind: str) -> list[list[str]]:
    return [fields for k, fields in entries() if k == kind]


class Keys:
    """Presses keys and counts them: characters of the words, and the other keys per purpose
    and key."""

    def __init__(self, pilot):
        self.pilot, self.app = pilot, pilot.app
        self.words = 0
        self.beyond: Counter[tuple[str, str]] = Counter()  # (purpose, key) → presses

    async def type(self, text: str) -> None:
        focused = self.app.focused
        assert isinstance(focused, Input), f"typing {text!r} but focus is on {focused!r}"
        focused.insert_text_at_cursor(text)  # one key per character
        self.words += len(text)
        await self.pilot.pause()

    async def press(self, purpose: str, *keys: str) -> None:
        await self.pilot.press(*keys)
        self.beyond.update((purpose, key) for key in keys)
        await settle(self.app, self.pilot)


class Scribe:
    """Records the script's entries, knowing where focus is so that moving costs keys."""

    def __init__(self, keys: Keys):
        self.keys, self.app = keys, keys.app

    async def to_tab(self, tab: str) -> None:
        """The tab's digit, after escape when focus is in a text field (a digit is typed there)."""
        if self.app.screen.query_one("TabbedContent").active == tab:
            return
        if isinstance(self.app.focused, Input):
            await self.keys.press(NAVIGATION, "escape")
        await self.keys.press(NAVIGATION, str(TABS.index(tab) + 1))

    async def event(self, text: str) -> None:
        """On the entry line (ctrl+n goes there from any tab, unless focus is already there)."""
        if not isinstance(self.app.focused, Input):
            await self.keys.press(NAVIGATION, "ctrl+n")
        await self.keys.type(text)
        await self.keys.press(SAVE, "enter")

    async def milestone(self, name: str, text: str) -> None:
        """The event, then its milestone ticked with ctrl+l from the entry line, where the
        focus comes back for the next event."""
        await self.event(text)
        event = self.app.screen.query_one("TimelinePane").last_added
        assert event is not None and text.endswith(event.text), f"added {event!r}, not {text!r}"
        number = str(list(Milestone).index(Milestone(name)) + 1)  # the dialog numbers them
        await self.keys.press(MILESTONE, "ctrl+l", number, "ctrl+s")
        assert Milestone(name) in event.milestone, f"{name!r} not set on {text!r}"

    async def open_form(self, kind: str) -> None:
        """`n` on the kind's table, in its tab."""
        tab, noun = PLACES[kind]
        await self.to_tab(tab)
        table = self.app.focused
        assert isinstance(table, RecordTable) and table.spec.noun == noun, f"focus on {table!r}"
        await self.keys.press(OPEN, "n")

    async def finding(self, text: str) -> None:
        await self.open_form("finding")
        await self.keys.type(text)
        await self.keys.press(SAVE, "ctrl+s")

    async def action(self, title: str, owner: str, due: str) -> None:
        await self.open_form("action")
        await self.keys.type(title)
        await self.keys.press(FIELD_MOVE, "tab")
        await self.keys.type(owner)
        await self.keys.press(FIELD_MOVE, "tab")
        await self.keys.type(due)
        await self.keys.press(SAVE, "enter")


async def record(path: Path) -> Keys:
    """Keys pressed while recording the whole script, then ctrl+s."""
    app = make_app(path, clock=lambda: EVENING, autosave_delay=60.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        keys = Keys(pilot)
        scribe = Scribe(keys)
        for kind, fields in entries():
            if kind == "event":
                await scribe.event(fields[0])
            elif kind == "milestone":
                await scribe.milestone(*fields)
            elif kind == "finding":
                await scribe.finding(fields[0])
            elif kind == "action":
                await scribe.action(*fields)
            else:
                raise SystemExit(f"scribe_script.txt: unknown kind of entry {kind!r}")
        await keys.press(SAVE, "ctrl+s")
    return keys


def milestones(event: dict) -> list[str]:
    """The file writes one milestone as a string, several as a list."""
    value = event.get("milestone", [])
    return [value] if isinstance(value, str) else value


def check(path: Path) -> None:
    """Every line of the script is in the saved file, in its place: findings are
    contributing factors (not timeline events), events keep their times, actions their
    owners and due dates."""
    saved = tomllib.loads(path.read_text())
    timeline = saved.get("timeline", [])
    events = [f"{e['at']:%H:%M} {e['text']}" for e in timeline]
    marked = {(m, f"{e['at']:%H:%M} {e['text']}") for e in timeline for m in milestones(e)}
    factors = [(f["factor"], f.get("kind", "contributing")) for f in saved.get("factors", [])]
    actions = [(a["title"], a.get("owner"), a.get("due")) for a in saved.get("actions", [])]
    today = NOW.date()
    missing = [f for f in entries_of("event") if f[0] not in events]
    missing += [f for f in entries_of("milestone") if tuple(f) not in marked]
    missing += [f for f in entries_of("finding") if (f[0], "contributing") not in factors]
    missing += [f for f in entries_of("finding") if any(e.endswith(f[0]) for e in events)]
    missing += [
        f for f in entries_of("action") if (f[0], f[1], parse_due(f[2], today=today)) not in actions
    ]
    if missing:
        raise SystemExit(f"the saved file lacks or misplaces {len(missing)} entries: {missing}")


def report(keys: Keys) -> None:
    words = keys.words
    extra = sum(keys.beyond.values())
    print(f"characters of the words: {words}")
    print(f"keys pressed:            {words + extra}")
    print(f"keys beyond the words:   {extra} ({extra / words:.1%}, target at most 10%)")
    purposes: Counter[str] = Counter()
    for (purpose, _key), count in keys.beyond.items():
        purposes[purpose] += count
    print("what the keys beyond the words went on (share of the words):")
    for purpose, count in purposes.most_common():
        pressed = ", ".join(
            f"{key} {n}" for (p, key), n in keys.beyond.most_common() if p == purpose
        )
        print(f"  {count:>3} {count / words:>5.1%}  {purpose:<36} {pressed}")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "dojo.toml"
    subprocess.run(
        [sys.executable, "-m", "pmtui", "new", str(path)], check=True, capture_output=True
    )
    keys = asyncio.run(record(path))
    check(path)
    report(keys)


if __name__ == "__main__":
    main()
