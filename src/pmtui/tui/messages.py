"""Messages between the panes and the app, in a module of their own so that the app can
start (and draw its first frame) without importing the panes."""

from textual.message import Message


class DocumentChanged(Message):
    """The review changed (the session has counted the change and its undo step already):
    show it unsaved, schedule the autosave."""
