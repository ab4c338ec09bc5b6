"""ctrl+z and ctrl+y in a form's one-line fields: Textual's Input keeps no history.

What is typed in a form reaches the review only when the form is saved, so the review's
undo cannot take it back. Each one-line field keeps its own earlier values here, one step
per burst of typing (a pause of `PAUSE` ends a step, as in the live fields), and the form
binds ctrl+z and ctrl+y to them. A long text field (a TextArea) has Textual's own undo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

PAUSE = 1.0
"""Seconds without a change that end one step of typing."""
STEPS = 100
"""Earlier values kept per field: a long field typed in for a whole meeting stays small."""


@dataclass
class TypingHistory:
    """A field's earlier values (`undone`: those taken back, for redo)."""

    clock: Callable[[], float] = time.monotonic
    earlier: list[str] = field(default_factory=list)
    undone: list[str] = field(default_factory=list)
    last_change: float = float("-inf")
    moving: bool = False
    """An undo or redo is setting the value: that change is no step of its own."""

    def changed(self, old: str, new: str) -> None:
        """The field's value went from `old` to `new`: a new step after a pause."""
        if self.moving or old == new:
            return
        now = self.clock()
        if now - self.last_change > PAUSE:
            self.earlier.append(old)
            del self.earlier[:-STEPS]
        self.last_change = now
        self.undone.clear()

    def undo(self, current: str) -> str | None:
        """The value before the last step (None: nothing to undo)."""
        return self._move(current, self.earlier, self.undone)

    def redo(self, current: str) -> str | None:
        """The value the last undo took back (None: nothing to redo)."""
        return self._move(current, self.undone, self.earlier)

    def _move(self, current: str, source: list[str], target: list[str]) -> str | None:
        if not source:
            return None
        target.append(current)
        self.last_change = float("-inf")  # the next typing is a step of its own
        return source.pop()
