"""The replay bar: the scene, who speaks and what they say, typed out as in the dojo."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from pmtui.training.player import Player
from pmtui.training.scenario import Effect
from pmtui.tui.keys import bindings


class ReplayBar(Static, can_focus=True):
    """Shows the player's current beat; its keys step the replay."""

    BINDINGS: ClassVar = bindings("replay")
    DEFAULT_CSS = """
    ReplayBar {
        height: auto; max-height: 12; padding: 0 1;
        border-top: wide $accent; background: $boost;
    }
    ReplayBar:focus { border-top: wide $primary; }
    """

    class Stepped(Message):
        """The replay moved; `effects` were applied to the review or taken out of it."""

        def __init__(self, effects: list[Effect]) -> None:
            super().__init__()
            self.effects = effects

    class Stopped(Message):
        """The coach stopped the replay."""

    def __init__(self, player: Player, chars_per_second: float = 60.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.player = player
        self.chars_per_second = chars_per_second

    def on_mount(self) -> None:
        if self.chars_per_second > 0:
            ticks = min(self.chars_per_second, 30.0)  # per second: smooth, never busy
            self._chars_per_tick = max(1, round(self.chars_per_second / ticks))
            self._typing = self.set_interval(1 / ticks, self._type, pause=True)
        self.show()

    def _type(self) -> None:
        if not self.player.tick(self._chars_per_tick):
            self._typing.pause()
        self.show()

    def _stepped(self, effects: list[Effect]) -> None:
        if self.chars_per_second <= 0:
            self.player.show_all()
        elif self.player.typing:
            self._typing.resume()
        self.show()
        self.post_message(self.Stepped(effects))

    def action_next(self) -> None:
        self._stepped(self.player.next())

    def action_back(self) -> None:
        self._stepped(self.player.back())

    def action_show_all(self) -> None:
        self.player.show_all()
        self.show()

    def action_reveal(self) -> None:
        self.player.reveal()
        self.show()

    def action_stop(self) -> None:
        self.post_message(self.Stopped())

    def show(self) -> None:
        self.update(render(self.player))


def render(player: Player) -> Text:
    """The bar's text: user text is never markup."""
    script = player.scenario
    text = Text()
    if not player.started:
        text.append(script.title, style="bold")
        if script.credit:
            text.append(f"  ({script.credit})", style="dim")
        text.append("\nPress Enter to start the replay.")
        return text
    if player.finished:
        text.append("End of the replay. ", style="bold")
        text.append("Esc stops it; the review stays open for editing.")
        return text
    beat = player.beat
    scene = player.scene
    text.append(
        f"Scene {beat.scene + 1}/{len(script.scenes)}: {scene.title}"
        f"   ({player.position + 1}/{len(player.beats)})\n",
        style="dim",
    )
    quiz = player.quiz
    if quiz is None:
        text.append(f" {player.speaker} ", style="bold reverse")
        text.append(" " + player.text)
        if player.typing:
            text.append("▌", style="dim")
        return text
    text.append(" Quiz ", style="bold reverse")
    text.append(" " + player.full_text)
    for letter, choice in zip("abcdefghijklmnopqrstuvwxyz", quiz.choices, strict=False):
        right = player.revealed and choice in quiz.answers
        text.append(f"\n  {'✓' if right else ' '} {letter}) ", style="bold green" if right else "")
        text.append(player.say(choice), style="bold green" if right else "")
    if player.revealed and quiz.explain:
        text.append("\n" + player.say(quiz.explain), style="italic")
    elif not player.revealed:
        text.append("\n  (a reveals the answer)", style="dim")
    return text
