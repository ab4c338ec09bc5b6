"""The app as `pmtui FILE` opens a review, drawn off-screen only to keep its meeting screen
for the next launch to put up at once (`files.kept_frames`, `cli.paint_ahead`).

It reads the review and writes nothing but the frame (and, as any opening, the parsed
review's cache): it takes no lock, adds nothing to the recent reviews, offers no recovery,
and never saves (with no key typed, nothing can change the document). It ends as soon as
the screen has settled, kept or not, and at the latest `GIVES_UP_AFTER` it is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmtui.files import kept_frames
from pmtui.tui.app import PmtuiApp

if TYPE_CHECKING:
    from textual.screen import Screen

    from pmtui.files.session import ReviewSession

GIVES_UP_AFTER = 60.0
"""Seconds after it is up that the painter ends, its frame kept or not: a screen that
never settles, or a machine too busy to give a lower priority its turn."""


class PaintingApp(PmtuiApp):
    """The meeting screen drawn for `launch` (its terminal's size) and kept, with no one at
    the keys."""

    def on_mount(self) -> None:  # before the app's own (Textual calls both)
        self.set_timer(GIVES_UP_AFTER, self.exit)

    def take_on(self, session: ReviewSession) -> None:
        """The review is only read."""

    def _keep_frame(self, launch: kept_frames.Launch, screen: Screen) -> None:
        launch = launch.at_moment(self.clock())  # a day ahead, maybe: its clock is still
        if (settled := self.frame_as_settled(launch, screen)) is not None:
            kept_frames.keep_unless_changed(launch, *settled)  # its one job
        self.exit()
