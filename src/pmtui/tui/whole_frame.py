"""The screen as the terminal shows it, written out whole: kept for the next launch to put
up at once (`files.kept_frames`)."""

from __future__ import annotations

from textual.app import App


def whole_frame(app: App) -> str:
    """What the app writes to draw its whole screen anew, every line of it."""
    compositor = app.screen._compositor  # Textual is pinned exactly
    still_to_draw = set(compositor._dirty_regions)  # a whole render forgets them
    update = compositor.render_update(full=True, screen_stack=app._background_screens)
    compositor._dirty_regions.update(still_to_draw)
    return update.render_segments(app.console)
