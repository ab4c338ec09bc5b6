"""The facilitator's keys: the meeting clock and agenda, notes from anywhere, voices,
presentation mode and anonymise mode. Mixed into the app, which owns the session and clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pmtui import meeting_clock
from pmtui.tui.keys import TAB_TITLES
from pmtui.tui.messages import DocumentChanged

if TYPE_CHECKING:
    from pmtui.model import Review

# The dialogs are imported when first asked for: the app's first frame needs none of them.

FACILITATION_ACTIONS = frozenset(
    {
        "toggle_meeting",
        "park",
        "decide",
        "speaking",
        "next_agenda_item",
        "pin_agenda",
        "toggle_presentation",
        "toggle_anonymise",
    }
)


class Facilitation:
    """Actions for the app class; `self` is the running `PmtuiApp`."""

    anonymise = False
    """Show roles instead of names (on screen and in the in-app export)."""
    agenda_pinned = False
    """Moving between tabs leaves the agenda where it is."""
    last_speaker = 0

    # The clock and the agenda ------------------------------------------------------------

    def action_toggle_meeting(self: Any) -> None:
        meeting = self.session.review.meeting
        now = self.meeting_now()
        if meeting_clock.is_running(meeting):
            meeting_clock.stop(meeting, now)
            elapsed = meeting_clock.reading(meeting, now).elapsed
            self.notify(f"Meeting stopped after {meeting_clock.clock_text(elapsed)} · f5 resumes")
            self.clock_moved(self.screen)
            return
        first_start = meeting.started_at is None
        meeting_clock.start(meeting, now)
        self.clock_moved(self.screen)
        if first_start:
            from pmtui.tui.dialogs.ground_rules import GroundRulesCard

            self.push_screen(GroundRulesCard())

    async def action_next_agenda_item(self: Any) -> None:
        meeting = self.session.review.meeting
        if not meeting_clock.is_running(meeting):
            self.notify("The meeting has not started: f5 starts it")
            return
        current = meeting_clock.current_index(meeting)
        following = 0 if current is None else current + 1
        if following >= len(meeting.agenda):
            self.notify("That is the last agenda item: f5 ends the meeting")
            return
        meeting_clock.move_to(meeting, following, self.meeting_now())
        self.clock_moved(self.screen)
        tab = meeting.agenda[following].tab
        if tab in TAB_TITLES:
            await self.screen.show_tab(tab)

    def action_pin_agenda(self: Any) -> None:
        self.agenda_pinned = not self.agenda_pinned
        self.notify(
            "Agenda pinned: moving between tabs leaves it where it is"
            if self.agenda_pinned
            else "Agenda follows the tabs again"
        )
        self.show_header()

    def agenda_follows_tab(self: Any, tab: str) -> None:
        """A tab was shown: the agenda moves to the item discussed there, unless pinned."""
        if self.session is None or self.agenda_pinned:
            return
        meeting = self.session.review.meeting
        index = meeting_clock.item_for_tab(meeting, tab)
        if index is not None and meeting_clock.move_to(meeting, index, self.meeting_now()):
            self.clock_moved(self.screen)

    # Notes from anywhere -----------------------------------------------------------------

    def action_park(self: Any) -> None:
        self._note_line(
            "Parking lot: a topic for later", lambda r: r.meeting.parking_lot, "Parked a topic"
        )

    def action_decide(self: Any) -> None:
        self._note_line("Decision", lambda r: r.meeting.decisions, "Noted a decision")

    def _note_line(self: Any, title: str, where: Callable[[Review], list[str]], done: str) -> None:
        screen = self.screen

        def keep(line: str) -> None:
            where(self.session.review).append(line)
            self.session.edited(done.lower())
            self.meeting_changed(screen)
            self.notify(f"{done}: {line}", markup=False)

        from pmtui.tui.dialogs.line import LineDialog

        self.push_screen(LineDialog(title, keep))

    # Voices ------------------------------------------------------------------------------

    def action_speaking(self: Any) -> None:
        people = self.session.review.people
        if not people:
            self.notify("No participants yet: add them in the sidebar (f2, then n)")
            return
        from pmtui.tui.dialogs.speaker import SpeakerDialog
        from pmtui.tui.disguise import shown_names

        screen = self.screen
        pseudonyms = shown_names(self)

        def count(index: int | None) -> None:
            if index is None:
                return
            person = people[index]
            person.spoke += 1
            person.present = True
            self.last_speaker = index
            self.session.edited(f"counted {person.name} as speaking")
            self.meeting_changed(screen)

        names = pseudonyms.text if pseudonyms else str
        self.push_screen(SpeakerDialog(people, names, last=self.last_speaker), count)

    # How the screen shows the review -----------------------------------------------------

    def action_toggle_presentation(self: Any) -> None:
        self.screen.toggle_class("-presenting")

    def action_toggle_anonymise(self: Any) -> None:
        self.anonymise = not self.anonymise
        self.screen.refresh_all()
        self.notify(
            "Roles instead of names, on screen and in export"
            if self.anonymise
            else "Names shown again"
        )

    def meeting_now(self: Any) -> dt.datetime:
        """The clock to the whole second: meeting times are saved for people to read."""
        return self.clock().replace(microsecond=0)

    def clock_moved(self: Any, screen: Any) -> None:
        """The meeting's clock moved: saved, shown, and never taken back by undo."""
        self.session.clock_moved()
        self.meeting_changed(screen)

    def meeting_changed(self: Any, screen: Any) -> None:
        """Redraw the meeting screen's tables and header, and schedule the save."""
        screen.refresh_all()
        self.post_message(DocumentChanged())
