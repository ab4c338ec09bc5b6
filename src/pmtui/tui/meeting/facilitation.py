"""The facilitator's keys: the meeting clock and agenda, notes from anywhere, voices,
presentation mode and anonymise mode. They are bindings of the screen showing the review
(the meeting screen and the replay's are `FacilitatedScreen`s), so they work there only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from pmtui.document import meeting_clock
from pmtui.tui.keys import TAB_TITLES, bindings, key_of
from pmtui.tui.meeting.anonymised import pseudonyms_shown, shown_text
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from pmtui.document.model import Meeting, Review
    from pmtui.tui.typed import Put

# The dialogs are imported when first asked for: the app's first frame needs none of them.

MEETING_KEY = key_of("toggle_meeting")

NOTE_LINES: dict[str, tuple[str, Callable[[Review], list[str]], str]] = {
    "park": ("Parking lot: a topic for later", lambda r: r.meeting.parking_lot, "Parked a topic"),
    "decide": ("Decision", lambda r: r.meeting.decisions, "Noted a decision"),
}
"""The one-line notes, by the key's action: the dialog's title, the review's list, and
what the notice says once a line is in."""


def _noted(action: str, line: str) -> Put:
    """Puts `line` at the end of the review's list for the note `action`."""
    where = NOTE_LINES[action][1]
    return lambda review: where(review).append(line)


class FacilitatedScreen(ReviewScreen):
    """A review screen with the facilitator's keys."""

    BINDINGS: ClassVar = bindings("meeting")
    agenda_pinned = False
    """Moving between tabs leaves the agenda where it is."""
    last_speaker = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.line_drafts: dict[str, str] = {}
        """What was typed in a parking-lot or decision line closed with Esc, by the key that
        opens it: that key opens the line with it again."""
        self._clock_before_quitting: Meeting | None = None
        """The meeting's clock as it ran before quitting stopped it (`carry_on_meeting`)."""

    # The clock and the agenda ------------------------------------------------------------

    def action_toggle_meeting(self) -> None:
        meeting = self.session.review.meeting
        now = self.meeting_now()
        if meeting_clock.is_running(meeting):
            meeting_clock.stop(meeting, now)
            elapsed = meeting_clock.reading(meeting, now).elapsed
            self.notify(
                f"Meeting stopped after {meeting_clock.clock_text(elapsed)} · {MEETING_KEY} resumes"
            )
            self.clock_moved()
            return
        first_start = meeting.started_at is None
        meeting_clock.start(meeting, now)
        self.clock_moved()
        if first_start:
            from pmtui.tui.dialogs.ground_rules import GroundRulesCard

            self.app.push_screen(GroundRulesCard())

    def stop_meeting_on_the_way_out(self) -> bool:
        """pmtui is closing (quitting, a signal): a running meeting stops as F5 stops it,
        so the time pmtui stays closed never counts as meeting time, and F5 next time
        resumes the agenda where it was. True if it stopped; a review pmtui may not save
        keeps its clock as it was (quitting would otherwise have a change to lose)."""
        meeting = self.session.review.meeting
        if not meeting_clock.is_running(meeting) or self.session.read_only_reason is not None:
            return False
        self._clock_before_quitting = meeting.model_copy(deep=True)
        meeting_clock.stop(meeting, self.meeting_now())
        self.session.clock_moved()
        return True

    def carry_on_meeting(self) -> None:
        """Quitting stopped the meeting, then did not quit (its save failed): the meeting
        runs on as if it had never stopped."""
        if self._clock_before_quitting is not None:
            meeting_clock.carry_over(self._clock_before_quitting, self.session.review.meeting)
            self._clock_before_quitting = None
            self.session.clock_moved()
            self.refresh_all()  # no DocumentChanged: that would make ctrl+q save again

    async def action_next_agenda_item(self) -> None:
        meeting = self.session.review.meeting
        if not meeting_clock.is_running(meeting):
            self.notify(f"The meeting has not started: {MEETING_KEY} starts it")
            return
        current = meeting_clock.current_index(meeting)
        following = 0 if current is None else current + 1
        if following >= len(meeting.agenda):
            self.notify(f"That is the last agenda item: {MEETING_KEY} ends the meeting")
            return
        meeting_clock.move_to(meeting, following, self.meeting_now())
        self.clock_moved()
        tab = meeting.agenda[following].tab
        if tab in TAB_TITLES:
            await self.show_tab(tab)

    def action_pin_agenda(self) -> None:
        self.agenda_pinned = not self.agenda_pinned
        self.notify(
            "Agenda pinned: moving between tabs leaves it where it is"
            if self.agenda_pinned
            else "Agenda follows the tabs again"
        )
        self.app.show_header()

    def agenda_follows_tab(self, tab: str) -> None:
        """A tab was shown: the agenda moves to the item discussed there, unless pinned."""
        if self.agenda_pinned:
            return
        meeting = self.session.review.meeting
        index = meeting_clock.item_for_tab(meeting, tab)
        if index is not None and meeting_clock.move_to(meeting, index, self.meeting_now()):
            self.clock_moved()

    # Notes from anywhere -----------------------------------------------------------------

    def action_park(self) -> None:
        self._note_line_in_turn("park")

    def action_decide(self) -> None:
        self._note_line_in_turn("decide")

    def _note_line_in_turn(self, action: str) -> None:
        """F8 and F9 are priority keys, run as the app reads them, ahead of the keys typed
        before them and still on their way: `n`, a title, F9, a decision in one go put the
        `n` and the title in the decision, and no action was made. The line opens in the
        focused widget's turn instead; if a key before it opened a dialog meanwhile (the
        form), F9 is that dialog's key, in its place among the keys typed. Only where the
        focus hands such keys on (a table, the entry line); from a form, at once."""
        focused = self.focused
        if self.app.screen is not self or not getattr(focused, "hands_keys_to_dialogs", False):
            return self._note_line(action)
        key = self.app.key_as_read(key_of(action))

        async def in_turn() -> None:
            if not self.app.typed_after_opening(focused, key):
                run_before = getattr(focused, "run_before", None)  # a table
                if run_before is not None and run_before(key):  # `x` then F9: `x` first
                    await focused.run_waiting()
                self._note_line(action)

        focused.call_later(in_turn)

    def _add_note(self, action: str, line: str) -> None:
        done = NOTE_LINES[action][2]
        _noted(action, line)(self.session.review)
        self.session.edited(done.lower())
        self.meeting_changed()
        self.notify(f"{done}: {shown_text(self.app)(line)}", markup=False)

    def park_as_typed(self, lines: list[str]) -> bool:
        """The process is ending: text a form could not take (a date it cannot read) goes
        to the parking lot as typed, where someone finds it; True if any did."""
        for line in lines:
            self._add_note("park", line)
        return bool(lines)

    def keep_line_drafts(self) -> bool:
        """Quitting: the lines kept with Esc go into the review (Esc meant "not now", and
        the app keeps them in memory only); True if any did."""
        drafts, self.line_drafts = self.line_drafts, {}
        for action, line in drafts.items():
            self._add_note(action, line.strip())
        return bool(drafts)

    def typed_so_far(self) -> list[Put]:
        """The lines `keep_line_drafts` would add, for a copy of the review; they stay
        drafts here."""
        return [_noted(action, line.strip()) for action, line in self.line_drafts.items()]

    def _note_line(self, action: str) -> None:
        title = NOTE_LINES[action][0]

        def keep(line: str) -> None:
            self._add_note(action, line)

        def keep_draft(line: str) -> None:
            if line.strip():
                self.line_drafts[action] = line
                self.notify(f"Line kept: {key_of(action)} brings it back, ctrl+u empties it")
            else:
                self.line_drafts.pop(action, None)

        from pmtui.tui.dialogs.line import LineDialog

        def typed(line: str) -> list[Put]:
            return [_noted(action, line)]

        draft = self.line_drafts.get(action, "")
        line = LineDialog(title, keep, draft=draft, keep_draft=keep_draft, typed=typed)
        self.app.push_screen(line)

    # Voices ------------------------------------------------------------------------------

    def action_speaking(self) -> None:
        people = self.session.review.people
        if not people:
            self.notify(
                f"No participants yet: add them in the sidebar ({key_of('toggle_sidebar')}, then n)"
            )
            return
        from pmtui.tui.dialogs.speaker import SpeakerDialog

        pseudonyms = pseudonyms_shown(self.app)

        def count(index: int | None) -> None:
            if index is None:
                return
            person = people[index]
            person.spoke += 1
            person.present = True
            self.last_speaker = index
            self.session.edited(f"counted {person.name} as speaking")
            self.meeting_changed()

        names = pseudonyms.text if pseudonyms else str
        self.app.push_screen(SpeakerDialog(people, names, last=self.last_speaker), count)

    # How the screen shows the review -----------------------------------------------------

    def action_toggle_presentation(self) -> None:
        self.toggle_class("-presenting")

    def action_toggle_anonymise(self) -> None:
        self.app.anonymise = not self.app.anonymise
        if self.app.anonymise:
            self.app.clear_notifications()  # the notices on screen may name people
        self.refresh_all()
        self.notify(
            "Roles instead of names, on screen and in export"
            if self.app.anonymise
            else "Names shown again"
        )

    def meeting_now(self) -> dt.datetime:
        """The clock to the whole second: meeting times are saved for people to read."""
        return self.app.clock().replace(microsecond=0)

    def clock_moved(self) -> None:
        """The meeting's clock moved: saved, shown, and never taken back by undo."""
        self.session.clock_moved()
        self.meeting_changed()

    def meeting_changed(self) -> None:
        """Redraw the tables and header, and schedule the save."""
        self.refresh_all()
        self.post_message(DocumentChanged())
