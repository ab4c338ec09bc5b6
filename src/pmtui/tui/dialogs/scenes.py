"""The replay's scene list: jump to a scene, restart this one or the whole replay."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.training.player import Player
from pmtui.tui.dialogs.options import OptionsDialog
from pmtui.tui.forms.literal import line
from pmtui.tui.keys import bindings, key_line

RESTART = -1
"""The dialog's answer for "restart the whole replay"."""


class SceneList(OptionList):
    """Stops at its ends: ↓ on the last scene wrapped round to "Restart the whole replay",
    which Enter ran, and a coach counting presses from the scene on show lost the place."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted:
            super().action_cursor_up()


class ScenesDialog(OptionsDialog[int | None]):
    """Dismisses with the chosen scene's index, `RESTART`, or None."""

    BINDINGS: ClassVar = bindings("scenes")

    def __init__(self, player: Player) -> None:
        super().__init__()
        self.player = player

    def compose(self) -> ComposeResult:
        current = self.player.beat.scene if self.player.beat else None
        options = [Option(Text("Restart the whole replay (the review as it started)"))]
        for number, scene in enumerate(self.player.scenario.scenes):
            shown = line(f"{number + 1}. {scene.title}")
            if number == current:
                shown.append("   now: Enter restarts it", style="bold")
            options.append(Option(shown))
        with Vertical(classes="box") as box:
            box.border_title = "Scenes"
            yield SceneList(*options)
            yield Static(Text(key_line("scenes", lead="↑↓ choose")), classes="keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        beat = self.player.beat
        options.highlighted = beat.scene + 1 if beat else 0
        self.set_focus(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click (the list takes Enter before this screen's binding)."""
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        self.dismiss(self.query_one(OptionList).highlighted - 1)
