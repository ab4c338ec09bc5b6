"""Textual's footer, rebuilt only when the keys it shows have changed, showing only the
keys that fit whole, the ones its screen wants kept first."""

from __future__ import annotations

from collections.abc import Callable, Collection

from textual import events
from textual.dom import NoScreen
from textual.widget import Widget
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

    def __init__(self, *, kept: Callable[[], Collection[str]] = frozenset) -> None:
        """`kept` names the keys (`f2`) that stay when not all fit, ahead of the others:
        what a newcomer looks for (asked at each fitting: it may change with the screen)."""
        super().__init__()
        self._kept = kept

    async def recompose(self) -> None:
        try:
            shown = self._keys_to_show()
        except NoScreen:  # a recompose queued before its screen went: nothing to draw
            return
        if shown != self._shown:
            self._shown = shown
            async with self.batch():  # no frame between the new keys and their fitting
                await super().recompose()
                self._show_keys_that_fit()

    def on_resize(self, event: events.Resize) -> None:
        self._show_keys_that_fit()

    def _show_keys_that_fit(self) -> None:
        """Textual lets the keys run on under the palette key, which cut the last one in
        half at 80 columns ("^s Save  ^▏"). The kept keys are fitted first, then the
        others, each in its order, and each shown in its place on the line; from the first
        whose words do not fit, the rest are left out (the blank after the last words may
        go: "f2 People▏" at 120 columns); F1 and the palette list them all."""
        keys = [key for key in self.children if not key.has_class("-command-palette")]
        room = self.size.width - sum(map(self._cells, self.query_children(".-command-palette")))
        kept = self._kept()
        shown: list[Widget] = []
        used = 0
        for key in sorted(keys, key=lambda key: key.key not in kept):
            used += self._cells(key)
            last = max([*shown, key], key=keys.index)  # the words that end the line
            if used - _blank_after(last) > room:
                break
            shown.append(key)
        for key in keys:
            key.display = key in shown

    def _cells(self, key: Widget) -> int:
        """The columns `key` takes, shown or not, its margin included."""
        content = key.get_content_width(self.size, self.app.size)
        return content + key.styles.gutter.width + key.styles.margin.width

    def _keys_to_show(self) -> tuple:
        """What `Footer.compose` draws, as a value to compare."""
        if not self._bindings_ready:
            return ()
        return (
            self.compact,
            self.show_command_palette,
            frozenset(self._kept()),  # not drawn, but which keys fit changes with it
            *(
                (binding.key, binding.description, binding.action, binding.show, enabled, tip)
                for _, binding, enabled, tip in self.screen.active_bindings.values()
            ),
        )


def _blank_after(key: Widget) -> int:
    """The blank columns after `key`'s words (Textual draws " f2 People "), its margin and
    padding included: they may go past the edge."""
    text = str(key.render())
    return len(text) - len(text.rstrip()) + key.styles.padding.right + key.styles.margin.right
