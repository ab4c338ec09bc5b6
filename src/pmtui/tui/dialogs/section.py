"""`s` in the export preview: pick one section of the Markdown to copy on its own."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.tui.dialogs.options import OptionsDialog


class SectionDialog(OptionsDialog[str | None]):
    """Dismisses with the chosen section's name, or None."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="box") as box:
            box.border_title = "Copy one section"
            yield OptionList(*(Option(Text(title(name)), id=name) for name in self.names))
            yield Static(
                Text("↑↓ choose · Enter copies · Esc closes"), id="section-keys", classes="keys"
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def title(name: str) -> str:
    """`external_email` -> `External email`."""
    return name.replace("_", " ").capitalize()
