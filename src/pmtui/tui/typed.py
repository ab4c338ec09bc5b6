"""Text typed but not yet added to the review: the timeline's entry line, an open form's
values, a parking-lot or decision line (open, or kept with Esc). Quitting, a signal or a
crash put it in first, and stop a running meeting's clock there (`keep_typed`). Meanwhile,
each time typing pauses, the recovery folder keeps a copy of the review with it put in
(`typed_so_far`), for a `kill -9` or a power cut, which give pmtui no moment to do so."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from pmtui.document.model import Review

Put = Callable[["Review"], object]
"""Puts a piece of typed text into a review: a copy of the document, never the one on
screen, so that neither it nor the screen changes (`typed_so_far`)."""


def keep_typed(screens: Iterable[Screen], *, stop_at_a_bad_form: bool = False) -> bool | None:
    """Put what is typed on `screens` (top first) into the review; True if anything went in.
    A form whose values are not valid stops it (None) or, when the process is ending anyway
    (a signal, a crash), is kept as far as it can be, and the text it could not take goes
    to the parking lot as typed, so nothing is lost."""
    from pmtui.tui.meeting.facilitation import FacilitatedScreen
    from pmtui.tui.panes.timeline import TimelinePane
    from pmtui.tui.screens.meeting import LIVE_FORMS

    kept = False
    not_taken: list[str] = []
    for screen in screens:
        keep = getattr(screen, "keep_before_quit", None)  # a form, a line dialog
        if keep is not None:
            applied = keep()
            if applied is None and stop_at_a_bad_form:
                return None
            if applied is None:  # the process is ending: kept as far as it goes
                applied = True
                if (line := screen.keep_what_it_can()) is not None:
                    not_taken.append(line)
            kept = applied or kept
        # A Summary or Wrap-up field whose text could not be taken (a time it cannot read)
        # holds it only on screen: quitting would drop it.
        in_red = [line for form in screen.query(LIVE_FORMS) for line in form.not_taken()]
        if stop_at_a_bad_form and in_red:
            return None
        not_taken += in_red
        for pane in screen.query(TimelinePane):
            kept = pane.keep_typed() or kept
        if isinstance(screen, FacilitatedScreen):
            kept = screen.park_as_typed(not_taken) or kept
            kept = screen.keep_line_drafts() or kept
            kept = screen.stop_meeting_on_the_way_out() or kept
    return kept


def quit_called_off(screens: Iterable[Screen]) -> None:
    """Quitting did not happen after all (its save failed): a meeting it stopped runs on."""
    from pmtui.tui.meeting.facilitation import FacilitatedScreen

    for screen in screens:
        if isinstance(screen, FacilitatedScreen):
            screen.carry_on_meeting()


def typed_so_far(screens: Iterable[Screen]) -> list[Put]:
    """What is typed on `screens` (top first) and not yet added, each piece as a way to put
    it into a copy of the review; the screens and the document stay as they are. The
    pieces are those `keep_typed` adds, found the same way, but an open form's text goes
    to the parking lot as typed (`kept_as_typed`): its record is the form's to make.

    Each piece holds what it puts, worked out now: it can be put in another thread."""
    from pmtui.tui.panes.timeline import TimelinePane
    from pmtui.tui.screens.meeting import LIVE_FORMS

    puts: list[Put] = []
    for screen in screens:  # a form, a line dialog, the meeting screen's lines kept with Esc
        for source in (screen, *screen.query(LIVE_FORMS), *screen.query(TimelinePane)):
            if (typed := getattr(source, "typed_so_far", None)) is not None:
                puts += typed()
    return puts
