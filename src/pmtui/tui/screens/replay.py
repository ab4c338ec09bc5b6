"""The meeting screen with a replay bar: a scenario plays, and its lines fill the review."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Footer, TabbedContent, TabPane

from pmtui.files.session import ReviewSession
from pmtui.training.player import Player
from pmtui.training.scenario import Effect, EffectKind
from pmtui.tui.keys import bindings
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.widgets.replay_bar import ReplayBar
from pmtui.tui.widgets.sidebar import PeopleTable

TAB_OF = {
    EffectKind.EVENT: "timeline",
    EffectKind.FINDING: "summary",
    EffectKind.ANSWER: "summary",
    EffectKind.FACTOR: "wrapup",
    EffectKind.ACTION: "actions",
    EffectKind.LESSON: "wrapup",
    EffectKind.DECISION: "wrapup",
}
"""Where each kind of effect shows, so the room sees the review fill up."""

LIVE_TEXT = {EffectKind.FINDING, EffectKind.ANSWER}
"""Effects on text the Summary tab's fields hold: that tab is rebuilt to show them."""


class ReplayScreen(MeetingScreen):
    BINDINGS: ClassVar = bindings("replaying")

    def __init__(
        self, session: ReviewSession, player: Player, chars_per_second: float = 60.0
    ) -> None:
        super().__init__(session)
        self.player = player
        self.chars_per_second = chars_per_second

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, Footer):  # the bar sits just above the footer
                yield ReplayBar(self.player, self.chars_per_second, id="replay-bar")
            yield widget

    def on_mount(self) -> None:
        """After the meeting screen's own mount (Textual runs both), the bar takes focus."""
        self.call_after_refresh(self.action_focus_replay)

    @property
    def replaying(self) -> bool:
        return bool(self.query(ReplayBar))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.replaying if action == "focus_replay" else True

    def action_focus_replay(self) -> None:
        if self.replaying:
            self.set_focus(self.query_one(ReplayBar))

    async def run_replay_action(self, action: str) -> None:
        """A replay key from the command palette."""
        if action == "focus_replay":
            return self.action_focus_replay()
        if self.replaying:
            await self.query_one(ReplayBar).run_action(action)

    async def on_replay_bar_stepped(self, event: ReplayBar.Stepped) -> None:
        self.query_one(PeopleTable).light(self.player.speaker)
        if event.effects:
            await self._show_effects(event.effects)

    async def _show_effects(self, effects: list[Effect]) -> None:
        kinds = {effect.add for effect in effects}
        if kinds & LIVE_TEXT:
            summary = self.query_one("#summary", TabPane)
            await summary.remove_children()
        self.session.edited("a step of the replay")
        self.refresh_all()
        self.post_message(DocumentChanged())
        await self.show_tab(TAB_OF[effects[-1].add], focus=False)

    async def on_replay_bar_stopped(self) -> None:
        self.query_one(PeopleTable).light("")
        await self.query_one(ReplayBar).remove()
        active = self.query_one("#tabs", TabbedContent).active
        await self.show_tab(active)
        self.notify("Replay stopped: the review is yours to edit.")
