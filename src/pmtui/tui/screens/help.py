"""F1: every key of the app, by where it works, read from the key registry, and how to type
times, dates and text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from pmtui.analysis.measures import GLOSSARY
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.keys import KEYS, SCOPE_TITLES

INTRO = """\
# pmtui keys

Every action is also in the command palette (**ctrl+p**): type a few letters of its name.
"""

PROSE = """\
## Typing times, dates and text

Times in the timeline: `14:05`, `11:27pm`, `sat 19:00` (the last Saturday), `yesterday 18:00`,
`14 nov 10:55` (the last 14 November), `2026-11-20 14:05`, `+15m` (after the previous event),
`now` (this moment; `Now the team…`, capitalised, is a sentence), or nothing (right after
the previous event, marked `~`; after **ctrl+n**, the moment it was pressed); a day alone
(`2026-11-20`) when the hour is not known; `~` before a time that is approximate (`~14:05`).

Due dates: `2026-12-01`, `+3d`, `+2w`, `+1m` (same day next month, or its last day), `+1q`,
`fri` / `next mon` (the next one), `12 dec`. Under each date or time field, the form shows
what it understood (→ Fri 12 Dec 2026) before you save.

On a form's dropdown, typing the start of a choice picks it, as in a browser's list (`p1` →
P1, `d` → done, `in p` → in progress; after a pause the next letter starts again); **Enter**
or **space** opens the list. On the milestones' ticks, letters go to the milestone they
start (`ro` → root cause identified) and **space** or its number ticks it.

Typing on the timeline table with a digit (a time, `14:05 …`) or a letter that is none of
its keys starts an event on the entry line, and what follows goes there too: a sentence never
runs the table's keys. `s`, `m`, `d` and `n` wait 0.35 s: a character typed right after
(a space too) makes them the first of the words there (`server…`, `ssh…`, `dd if=…`). There
ctrl+pagedown and ctrl+pageup change tabs.

On the other tables a letter that is none of their keys starts a new row: its form opens
with what you type (an action's title). Their letter keys (`x`, `f`, `d`) wait the same
0.35 s, so "fix the box" typed there marks nothing done and hides nothing.

## Saving, questions and the palette

The review saves itself a couple of seconds after you stop typing.

A question pmtui asks on its own (the file changed on disk, recovered edits) takes no key
until you stop typing; then each answer is its letter and **Enter** takes the first (↑↓ are
typing there). No answer loses a version: reloading keeps yours beside the file
(`NAME.mine-DATE.toml`), overwriting keeps theirs (`NAME.replaced-DATE.toml`), and
discarded recovered edits are set aside in pmtui's state folder; the notice says where.

The palette holds the screen's keys, every table's (a Wrap-up table's under its title:
`Attempted work: Add`) and the entry line's **ctrl+l** (`Timeline entry line: Milestone`).
"""


def help_markdown(first: Sequence[str] = ()) -> str:
    """The help: the keys of the scopes `first` (the screen's own), then how to type times,
    dates and text, then all the other keys, then the measures. The prose came first and
    put the first key two pages down at 80x24."""
    parts = [INTRO]
    parts.extend(key_table(scope) for scope in first)
    parts.append(PROSE)
    parts.extend(key_table(scope) for scope in KEYS if scope not in first)
    parts.append(f"## Measures\n\n{GLOSSARY_INTRO}\n\n| Measure | Meaning |\n|---|---|")
    parts.extend(f"| {cell(name)} | {cell(meaning)} |" for name, meaning in GLOSSARY)
    return "\n".join(parts) + "\n"


def key_table(scope: str) -> str:
    """A scope's keys under its title, as a Markdown table."""
    rows = "".join(f"\n| `{k.label}` | {k.help} |" for k in KEYS[scope])
    return f"## {SCOPE_TITLES[scope]}\n\n| Key | Action |\n|---|---|{rows}\n"


GLOSSARY_INTRO = "Each measure means one thing in the app, `check`, `stats` and every layout."


def cell(text: str) -> str:
    return text.replace("|", "\\|")


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar = [Binding("f1,q", "cancel", "Close")]  # and escape, as any dialog
    DEFAULT_CSS = "HelpScreen > .box { height: 90%; padding: 0; }"

    def __init__(self, first: Sequence[str] = ()) -> None:
        super().__init__()
        self.first = first

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="box"):
            yield Markdown(help_markdown(self.first))
