"""What a save of a review file starts from (`toml_edit`): its own module, so that opening
a review keeps it without importing the editing itself (its expressions take about 5 ms to
compile), which waits for the first save."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Base:
    """A review file's text and the snapshot of what it holds."""

    text: str
    data: dict[str, Any]
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The lines of the items that saves took out of the file, the latest last (see
    `toml_edit._gone`; equal items, one name, keep theirs each, in their order): an item
    that comes back to its list gets them back."""
    layout_lost: bool = False
    """Written in pmtui's own layout over a text with a layout of its own, as an edit
    could not be made in it (this save's, or one it was based on): the data is all there,
    its comments and spacing are not."""
