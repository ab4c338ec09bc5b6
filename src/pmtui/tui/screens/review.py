"""The kind of screen that shows an open review, importable without the meeting screen:
the app checks for it from its first frame, and the meeting screen with its panes is
imported only once that frame is on screen."""

from textual.screen import Screen


class ReviewScreen(Screen):
    """A screen showing the open review: the keys about a review (save, export, tabs …)
    work on it and nowhere else. The meeting screen is one; so is the replay's."""
