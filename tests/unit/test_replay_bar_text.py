"""What a scenario says reaches the replay bar as text: its control characters show as
symbols (a scenario file is shared like a review, and the bar is on a shared screen)."""

from functools import partial

from rich.console import Console
from textual.app import App

from pmtui.document.model import Review
from pmtui.training.player import Player
from pmtui.training.scenario import Scenario
from pmtui.tui.keys import key_display
from pmtui.tui.widgets.replay_bar import render, table_of

SAY = partial(key_display, App())
"""Keys named as the footer of any app names them."""

OSC = "\x1b]0;PWNED\x07\x1b[31m\u009b2J\u202eEVIL"
SCRIPT = Scenario.model_validate(
    {
        "title": f"Drill {OSC}",
        "scenes": [
            {
                "title": f"Scene {OSC}",
                "table": {"title": f"Cast {OSC}", "columns": [f"Who {OSC}"], "rows": [[OSC]]},
                "lines": [{"speaker": f"Chun {OSC}", "text": f"We do. {OSC}"}],
            }
        ],
    }
)


def drawn(renderable) -> str:
    console = Console(width=200, record=True, force_terminal=False)
    console.print(renderable)
    return console.export_text()


def test_the_bar_shows_a_scenarios_control_characters_as_symbols():
    player = Player(SCRIPT, Review.model_validate({"incident": {"title": "Drill"}}))
    shown = [render(player, SAY)]
    player.next()
    shown.append(render(player, SAY))
    shown.append(table_of(SCRIPT.scenes[0].table))
    text = "".join(drawn(part) for part in shown)
    assert "␛]0;PWNED" in text and "Chun ␛" in text and "Cast ␛" in text and "Scene ␛" in text
    assert not any(character in text for character in "\x1b\x07\u009b\u202e")


def test_the_credit_shows_on_the_end_card_as_on_the_title_card():
    """The end card, on screen while the room talks the replay over, named no source."""
    script = SCRIPT.model_copy(update={"credit": "Online DevOps Dojo, DXC Technology, MPL-2.0"})
    player = Player(script, Review())
    title_card = render(player, SAY).plain
    while not player.finished:
        player.next()
    end_card = render(player, SAY).plain
    assert end_card.startswith("End of the replay.")
    for card in (title_card, end_card):
        assert "(Online DevOps Dojo, DXC Technology, MPL-2.0)" in card
    assert max(len(line) for line in end_card.splitlines()) <= 80
