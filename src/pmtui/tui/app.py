"""The Textual app and its factory, `make_app`, shared by the CLI, tests and benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from pmtui import store
from pmtui.model import Review


class PmtuiApp(App[int]):
    """A review open in the terminal."""

    TITLE = "pmtui"
    BINDINGS: ClassVar = [("ctrl+q", "quit", "Quit")]

    def __init__(self, review: Review, path: Path | None) -> None:
        super().__init__()
        self.review = review
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        incident = self.review.incident
        yield Static(Text(f"{incident.id} {incident.title}".strip() or "Untitled review"))
        yield Footer()


def make_app(path: Path | None = None) -> PmtuiApp:
    """The app on a review file (loaded now, so a bad file fails before the screen)."""
    review = store.load(path) if path and path.exists() else Review()
    return PmtuiApp(review, path)
