"""The look shared by dialogs that are a short list to pick from."""

from __future__ import annotations

from textual.screen import ModalScreen


class OptionsDialog(ModalScreen):
    """A centred box: a title on its border, an OptionList, a line of keys (`.keys`)."""

    DEFAULT_CSS = """
    OptionsDialog { align: center middle; }
    OptionsDialog > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    OptionsDialog OptionList { height: auto; max-height: 20; }
    OptionsDialog .keys { color: $text-muted; }
    """
