"""Textual's footer, rebuilt only when the keys it shows have changed."""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual recomposes its footer at every change of bindings (each focus move, each tab
    shown), rebuilding one widget per key even when the keys are the same. Opening a review
    rebuilt the meeting screen's footer five times with the same keys (~15 ms each), and
    its keys came on screen 0.2 s after the rest. This one compares first."""

    DEFAULT_CSS = """
    /* Compact, Textual gives every key a margin on its right, the palette's too: docked
       at the right edge, its margin let the last letter of the keys under it show
       through ("^p paletteo"). Its own padding takes that cell instead. */
    KeyFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    _shown: tuple | None = None

    async def recompose(self) -> None:
        try:
            shown = self._keys_to_show()
        except NoScreen:  # a recompose queued before its screen went: nothing to draw
            return
        if shown != self._shown:
            self._shown = shown
            await super().recompose()

    def _keys_to_show(self) -> tuple:
        """What `Footer.compose` draws, as a value to compare."""
        if not self._bindings_ready:
            return ()
        return (
            self.compact,
            self.show_command_palette,
            *(
                (binding.key, binding.description, binding.action, binding.show, enabled, tip)
                for _, binding, enabled, tip in self.screen.active_bindings.values()
            ),
        )
