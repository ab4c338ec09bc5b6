"""The replay bar: the scene, who speaks and what they say, typed out as in the dojo.

The bar has the replay's keys while it has the focus; the replay is paused while it does
not (the coach is editing the review), and the bar says how to come back. What does not
fit (a scene's table on a small screen) scrolls: up/down, page up/down or the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from pmtui.document.printable import printable
from pmtui.training.pace import next_pace, pace_name
from pmtui.training.player import Player
from pmtui.training.scenario import Effect, SceneTable
from pmtui.tui.keys import bindings, key_display, key_of

LISTED = [
    ("next", "next"),
    ("show_all", "whole line"),
    ("back", "back"),
    ("scenes", "scenes"),
    ("pace", "pace"),
    ("pause", "pause"),
]
"""The replay's keys the title card lists, with what each does."""
TICKS_PER_SECOND = 30.0
"""At most this many redraws a second while a line types out: smooth, never busy."""


class ReplayBar(ScrollableContainer):
    """Shows the player's current beat; its keys step the replay, and the scrolling
    keys (up, down, page up, page down, home, end) move through what does not fit."""

    BINDINGS: ClassVar = bindings("replay")
    DEFAULT_CSS = """
    ReplayBar {
        height: auto; max-height: 45%; padding: 0 1; overflow-x: hidden;
        border-top: wide $accent; background: $boost; scrollbar-size-vertical: 1;
    }
    ReplayBar:focus { border-top: wide $primary; }
    ReplayBar.-tall { max-height: 70%; }
    ReplayBar > Static { height: auto; }
    """
    # A scene's table, or a quiz (its choices, who answered what, then the explanation),
    # gets more room: at 80x24 eight learners' answers pushed the explanation out of sight.
    # The rest scrolls: at 80x24 the cast's last rows and all but three of the code of conduct
    # were cut off under the bar's edge.

    class Stepped(Message):
        """The replay moved; `effects` were applied to the review or taken out of it."""

        def __init__(self, effects: list[Effect], what: str = "a step of the replay") -> None:
            super().__init__()
            self.effects = effects
            self.what = what

    class Answered(Message):
        """A learner (or the room) answered the quiz: the answer is in the review now."""

    class ScenesWanted(Message):
        """The coach asked for the scene list."""

    class Paused(Message):
        """The coach paused the replay to work in the review."""

    class PaceChanged(Message):
        def __init__(self, speed: float) -> None:
            super().__init__()
            self.speed = speed

    def __init__(self, player: Player, chars_per_second: float = 40.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.player = player
        self.chars_per_second = chars_per_second
        self._typing: Timer | None = None
        self.attended = False
        """The bar has the focus: the replay types on (its own handlers run before
        Textual's, which set `has_focus`)."""
        self.words = Text()
        """What the bar says (the scene's table aside): the text a test reads."""

    def compose(self) -> ComposeResult:
        yield Static()

    def on_mount(self) -> None:
        self.set_pace(self.chars_per_second)

    def set_pace(self, chars_per_second: float) -> None:
        """Type lines out at this many characters a second (0: whole lines at once)."""
        self.chars_per_second = chars_per_second
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        if chars_per_second > 0:
            ticks = min(chars_per_second, TICKS_PER_SECOND)
            self._chars_per_tick = max(1, round(chars_per_second / ticks))
            self._typing = self.set_interval(1 / ticks, self._type, pause=True)
        self._go_on()

    def _type(self) -> None:
        if not self.player.tick(self._chars_per_tick):
            self._typing.pause()
        self.show()

    def _go_on(self) -> None:
        """Type on while the replay has the coach's attention (the focus), else wait."""
        if self._typing is None:
            self.player.show_all()
        elif self.player.typing and self.attended:
            self._typing.resume()
        else:
            self._typing.pause()
        self.show()

    def on_focus(self) -> None:
        self._attend(True)

    def on_blur(self) -> None:
        self._attend(False)

    def _attend(self, attended: bool) -> None:
        """While the replay has the keys, the review's key strip gives way to it."""
        self.attended = attended
        self.screen.set_class(attended, "-replaying")
        self._go_on()

    def stepped(self, effects: list[Effect], what: str = "a step of the replay") -> None:
        """The player moved (by a key here, or by the scene list): show it from its top,
        tell the screen."""
        self._go_on()
        self.scroll_home(animate=False)
        self.post_message(self.Stepped(effects, what))

    def action_next(self) -> None:
        """On to the next beat; on a quiz not revealed yet, reveal it first (Enter again
        moves on): the answers keyed are kept rather than left behind, and a coach pressing
        Enter through the lines never skips a quiz's answer unseen."""
        if self.player.quiz is not None and not self.player.revealed:
            return self.action_reveal()
        self.stepped(self.player.next())

    def action_back(self) -> None:
        self.stepped(self.player.back())

    def action_show_all(self) -> None:
        self.player.show_all()
        self.show()

    def action_choose(self, choice: int) -> None:
        if self.player.choose(choice) is not None:
            self.show()
            self.post_message(self.Answered())

    def action_next_learner(self) -> None:
        if self.player.quiz is not None and not self.player.revealed:
            self.player.next_learner()
            self.show()

    def action_reveal(self) -> None:
        if self.player.quiz is not None and not self.player.revealed:
            self.player.reveal()
            self.show()
            if count := len(self.player.chosen):
                self.notify(f"{count} answer{'s' if count != 1 else ''} kept in the review")

    def action_pace(self) -> None:
        self.set_pace(next_pace(self.chars_per_second))
        self.post_message(self.PaceChanged(self.chars_per_second))

    def action_scenes(self) -> None:
        self.post_message(self.ScenesWanted())

    def action_pause(self) -> None:
        self.post_message(self.Paused())

    def show(self) -> None:
        self.words = render(
            self.player,
            partial(key_display, self.app),
            paused=not self.attended,
            pace=self.chars_per_second,
        )
        table = self.player.scene.table if self.player.scene else None
        self.set_class(table is not None or self.player.quiz is not None, "-tall")
        shown = self.words if table is None else Group(self.words, table_of(table))
        self.query_one(Static).update(shown)


def table_of(table: SceneTable) -> Table:
    """A scene's table as the room sees it: user text is never markup, and its control
    characters show as symbols. No blank edge above it, none at its sides: at 80 columns
    the code of conduct's five headers then fit ("Readiness/Kaizen" broke in two)."""
    shown = Table(
        title=Text(printable(table.title), style="bold"),
        box=box.SIMPLE_HEAD,
        expand=True,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in table.columns:
        shown.add_column(Text(printable(column)), overflow="fold")
    for row in table.rows:
        shown.add_row(*(Text(printable(cell)) for cell in row))
    return shown


def render(
    player: Player, name_key: Callable[[str], str], *, paused: bool = False, pace: float = 0.0
) -> Text:
    """The bar's text, its keys named by `name_key` as the footer names them (`⏎`, `esc`):
    user text is never markup, and a scenario's control characters (a title holding
    ESC ] 0 ;…) show as symbols, never reach the terminal."""
    text = _words(player, name_key, paused=paused, pace=pace)
    text.plain = printable(text.plain)  # one character for one: the styles stay in place
    return text


def _words(player: Player, name_key: Callable[[str], str], *, paused: bool, pace: float) -> Text:
    script = player.scenario
    text = Text()
    if paused:
        back = f"{name_key(key_of('focus_replay'))} (or {name_key('escape')} from a table)"
        text.append(" Paused ", style="bold reverse")
        text.append(f"  {back} goes back to the replay\n", style="dim")
    if not player.started:
        text.append(script.title, style="bold")
        _credit(text, player, "  ")
        listed = " · ".join(
            f"{name_key(key_of(action, 'replay'))} {what}" for action, what in LISTED
        )
        text.append(f"\nPress Enter to start the replay. {listed} · pace {pace_name(pace)}")
        return text
    if player.finished:
        text.append("End of the replay. ", style="bold")
        text.append("The review stays open for editing.\n")
        text.append(f"{name_key(key_of('scenes', 'replay'))} restarts a scene or the whole replay.")
        _credit(text, player, "\n")
        return text
    beat = player.beat
    scene = player.scene
    text.append(
        f"Scene {beat.scene + 1}/{len(script.scenes)}: {scene.title}"
        f"   ({player.position + 1}/{len(player.beats)})   pace {pace_name(pace)}\n",
        style="dim",
    )
    quiz = player.quiz
    if player.line is None and quiz is None:  # a scene that is its table alone
        return text
    if quiz is None:
        text.append(f" {speaker_label(player)} ", style="bold reverse")
        text.append(" " + player.text)
        if player.typing:
            text.append("▌", style="dim")
        return text
    text.append(" Quiz ", style="bold reverse")
    text.append(" " + player.full_text)
    for number, choice in enumerate(quiz.choices, start=1):
        right = player.revealed and choice in quiz.answers
        style = "bold green" if right else ""
        text.append(f"\n  {'✓' if right else ' '} {number}) ", style=style)
        text.append(player.say(choice), style=style)
    text.append("\n" + answers_line(player, name_key))
    if player.revealed and quiz.explain:
        text.append("\n" + player.say(quiz.explain), style="italic")
    return text


def _credit(text: Text, player: Player, before: str) -> None:
    """Whose scenario it is, on the title card and the end card alike."""
    if player.scenario.credit:
        text.append(f"{before}({player.scenario.credit})", style="dim")


def speaker_label(player: Player) -> str:
    """The speaker, with the role the participants list gives them (the list may be
    hidden on a small screen)."""
    role = next((p.role for p in player.review.people if p.name == player.speaker), "")
    return f"{player.speaker} · {role}" if role else player.speaker


def answers_line(player: Player, name_key: Callable[[str], str]) -> str:
    """Who answered what so far (the one whose turn it is marked ▸), and the keys that
    record and reveal."""
    quiz = player.quiz
    several = len(player.answering) > 1

    def given(n: int, who: str) -> str:
        choices = sorted(player.chosen.get(who, []))
        said = "+".join(str(choice + 1) for choice in choices) or "—"
        if player.revealed and choices:
            said += " ✓" if player.is_right(choices) else " ✗"
        turn = "▸" if several and n == player.turn and not player.revealed else ""
        return f"{turn}{who}: {said}"

    line = " · ".join(given(n, who) for n, who in enumerate(player.answering))
    if player.revealed:
        return f"  {line}"
    # Enter reveals too (`ReplayBar.action_next`), whether or not anyone answered.
    reveal = f"{name_key(key_of('reveal', 'replay'))} or {name_key(key_of('next', 'replay'))}"
    if player.several:
        ticks = f"1-{len(quiz.choices)} ticks each right choice (several)"
        if several:
            ticks += f" · {name_key(key_of('next_learner', 'replay'))} next learner"
    elif player.answered_already:  # every one has answered: a second round corrects
        ticks = f"1-{len(quiz.choices)} replaces {player.answering[player.turn]}'s answer"
    else:
        ticks = f"1-{len(quiz.choices)} records an answer"
    return f"  {line}   ({ticks} · {reveal} reveals)"
