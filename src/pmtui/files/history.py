"""Undo and redo for one open review: the whole document after each change, kept in memory.

Each change is kept as the document it left behind, pickled (a 10,000-event review: 1.6 MB,
30 ms to keep, 25 ms to bring back). Whole documents rather than inverse operations,
because a change can be anything (a typed word, a deleted row, an imported chat, a replay
step) and none of them has to know how to be undone. The pickles never leave memory.

The document as opened costs nothing at start: it is read again from the file's text the
first time someone undoes that far back. The oldest changes are forgotten past a memory
budget, so a long meeting on a large review cannot take the machine's memory.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.document.model import Review

BUDGET_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Step:
    """The document after one change, and what that change was ("deleted the action")."""

    what: str
    pickled: bytes | None = None
    read_again: Callable[[], Review] | None = None

    @classmethod
    def of(cls, review: Review, what: str) -> Step:
        return cls(what, pickled=pickle.dumps(review, protocol=pickle.HIGHEST_PROTOCOL))

    def review(self) -> Review:
        if self.pickled is not None:
            return pickle.loads(
                self.pickled
            )  # pickled by this process (Step.of), never read from disk
        assert self.read_again is not None
        return self.read_again()

    @property
    def size(self) -> int:
        return len(self.pickled) if self.pickled is not None else 0


class History:
    """The documents after each change so far (`done`) and those undone since (`undone`)."""

    def __init__(self, opened: Step, budget: int = BUDGET_BYTES) -> None:
        self.done: list[Step] = [opened]
        self.undone: list[Step] = []
        self.budget = budget

    @classmethod
    def starting_with(cls, review: Review) -> History:
        return cls(Step.of(review, "opened"))

    def add(self, review: Review, what: str) -> None:
        """Remember the document as this change left it; what was undone is gone for good."""
        self.done.append(Step.of(review, what))
        self.undone.clear()
        while len(self.done) > 2 and sum(step.size for step in self.done) > self.budget:
            del self.done[0]

    def start_from(self, review: Review, what: str) -> None:
        """Begin again from the document as this change left it: undo goes no further
        back (a replay's step, which the replay itself takes back)."""
        self.done = [Step.of(review, what)]
        self.undone.clear()

    def undo(self) -> tuple[Review, str] | None:
        """The document before the last change, and what that change was; None: nothing."""
        if len(self.done) < 2:
            return None
        last = self.done.pop()
        self.undone.append(last)
        return self.done[-1].review(), last.what

    def redo(self) -> tuple[Review, str] | None:
        """The document after the last undone change, and what it was; None: nothing."""
        if not self.undone:
            return None
        again = self.undone.pop()
        self.done.append(again)
        return again.review(), again.what
