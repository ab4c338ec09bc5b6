"""The look shared by dialogs that are a short list to pick from."""

from __future__ import annotations

from typing import TypeVar

from pmtui.tui.dialogs.base import Dialog

T = TypeVar("T")


class OptionsDialog(Dialog[T]):
    """A narrow box: a title on its border, an OptionList, a line of keys (`.keys`)."""

    DEFAULT_CSS = """
    OptionsDialog > .box { width: 60; max-height: 90%; }
    OptionsDialog OptionList { height: auto; max-height: 20; }
    """
