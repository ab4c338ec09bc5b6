"""The Timeline tab: events in the review's timezone, and a line to type them fast.

A line that starts with a time is at that time (`14:05 …`, `+15m …`, `now …`); plain text
goes right after the previous event, marked approximate, unless ctrl+n stamped the line
with the moment it was pressed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from pmtui.document.model import Event, Milestone, Review
from pmtui.document.timeparse import (
    TimeInputError,
    event_time_text,
    read_event_time,
    split_event_entry,
)
from pmtui.files.session import ReviewSession
from pmtui.tui import themes
from pmtui.tui.forms.fields import (
    FIELD_FOCUS_KEYS,
    FieldFocus,
    FieldInput,
    FormContext,
    joined,
)
from pmtui.tui.forms.literal import line, literal
from pmtui.tui.joiners import typed_character
from pmtui.tui.keys import bindings, key_of
from pmtui.tui.meeting.anonymised import shown_text
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.tables import specs
from pmtui.tui.tables.records import RecordSpec, RecordTable
from pmtui.tui.widgets.insights import BlameHint, DurationsLine
from pmtui.tui.widgets.time_axis import TimeAxis

if TYPE_CHECKING:
    from pmtui.tui.typed import Put

MILESTONES_TITLE_LIMIT = 60
"""The milestones dialog's title, on its border: the event's time and its first words."""
ENTRY_HINT = "14:05 text · ~14:05 about · +15m · now · sat 19:00 · no time: after last"


class TimelineTable(RecordTable):
    """Stars and milestones in the theme's colours, repainted when the theme changes."""

    BINDINGS: ClassVar = bindings("timeline")
    add_key_waits = True
    waiting_keys_need_focus = True
    """Typing on the table is how events are written: `n` then a character starts words."""

    def on_mount(self) -> None:  # RecordTable's own on_mount runs too (Textual calls both)
        self.app.theme_changed_signal.subscribe(self, lambda theme: self.refresh_rows())

    def action_add(self) -> None:
        self.screen.query_one(TimelinePane).start_entry()

    def starts_words(self, event: events.Key) -> bool:
        """A scribe who starts typing on the table is writing an event: a character that is
        none of the screen's keys starts it on the entry line, and what follows goes there
        too. A digit starts one too: it begins a time (`14:05 …`), so here it is not a tab
        key. Keys already on their way to the table when the entry line took the focus
        follow the rest, and Enter among them adds the event."""
        return self._goes_on_the_line(event)

    def run_before(self, event: events.Key) -> bool:
        """Only before another key of the table (↓): a key that goes elsewhere (ctrl+n, F9,
        a click) drops them, since a dialog opening over what is typed would take them."""
        return event.key in self._bindings.key_to_bindings

    def type_words(self, keys: tuple[events.Key, ...]) -> None:
        """Words typed on the table go on the entry line; Enter after them adds the event."""
        if len(keys) == 1:
            return self.type_on_entry_line(keys[0])
        typed = "".join(key.character or "" for key in keys)
        self.screen.query_one(TimelinePane).type_on_entry(typed)

    def _goes_on_the_line(self, event: events.Key) -> bool:
        started = self.screen.focused is not self  # the entry line has it (`has_focus` lags)
        if event.key == "enter":
            return started  # queued here behind the words: it adds them
        character = typed_character(event)
        if character is None or event.key.startswith(("alt+", "ctrl+")):
            return False
        unseen = self.app.type_ahead.gave_back(event)  # typed before the table was drawn
        time = character.isdigit() and not self.screen.digits_are_tabs
        return started or unseen or time or self._not_a_key(event)

    def type_on_entry_line(self, event: events.Key) -> None:
        """A key that goes on the entry line (typed on the table, or while a question that
        came up on its own was not yet for answering, `Unasked`): a character is typed
        there, Enter adds the line."""
        pane = self.screen.query_one(TimelinePane)
        if event.key == "enter":
            pane.add_typed()
        elif character := typed_character(event):
            pane.type_on_entry(character)

    def _not_a_key(self, event: events.Key) -> bool:
        """None of the screen's keys, and a character that starts or goes on with a line
        (a space only goes on with one left half-typed)."""
        goes_on = bool(self.screen.query_one(EntryLine).value)
        typed = bool(event.character.strip()) or goes_on
        return typed and event.key not in self.screen.active_bindings

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the table goes on the entry line too, as pasting there would put
        it (its lines joined: one event; the chat import, ctrl+t, makes one of each line),
        not in a new event's form as on the other tables."""
        event.stop()
        event.prevent_default()
        say_lines_joined(self, event.text)
        if text := joined(event.text):
            self.screen.query_one(TimelinePane).type_on_entry(text)

    def replace_record(self, index: int, record: Any) -> None:
        """An edited event goes to its new place in time, as an added one does: the next
        event typed counts from the latest, and the file reads in order."""
        self.session.review.place_event(record, instead_of=index)

    def form_context(self) -> FormContext:
        """A time typed without a day (14:05, +15m) is on the edited event's day."""
        event = self.current_record()
        return replace(super().form_context(), previous=event.at if event else None)

    def action_star(self) -> None:
        event = self.current_record()
        if event is not None:
            event.starred = not event.starred
            self.changed("starred the event", select=event)

    def action_milestone(self) -> None:
        event = self.current_record()
        if event is not None:
            self.tick_milestones(event)

    def tick_milestones(self, event: Event) -> None:
        """The milestones dialog for `event`, named by its time and words (the room sees
        which event it is ticking); the focus goes back where it was."""
        from pmtui.tui.forms.dialog import FormDialog  # with the first form (`forms.fields`)

        def apply(values: dict[str, Any]) -> None:
            event.milestone = [Milestone(name) for name in values["milestone"]]
            self.changed("set the event's milestones", select=event)

        field = specs.milestones_field(self.session)
        values = {"milestone": list(event.milestone)}
        when = event_time_text(specs.moment(event), self.session.review.zone, "%a %d %b")
        text = shown_text(self.app)(event.text)
        title = line(f"Milestones · {when} {text}", MILESTONES_TITLE_LIMIT)
        self.app.push_screen(FormDialog(title, [field], values, self.form_context(), apply))


def placed(event: Event | None) -> list[Put]:
    """Puts `event` at its place in a review's timeline (nothing for no event)."""
    return [] if event is None else [lambda review: review.place_event(event)]


def word_apart(held: str, text: str) -> str:
    """`text` to go on after `held`, a space between the two unless one is there."""
    if not held or not text or held[-1].isspace() or text[0].isspace():
        return text
    return f" {text}"


def say_lines_joined(widget: Widget, pasted: str) -> None:
    """Lines pasted on the entry line are one event, their lines joined: said, with the
    key that makes an event of each (the chat import)."""
    lines = sum(1 for line in pasted.splitlines() if line.strip())
    if lines > 1:
        widget.notify(
            f"{lines} pasted lines joined into one event · {key_of('import_chat')} makes an "
            "event of each line",
            markup=False,
        )


class EntryLine(FieldInput):
    BINDINGS: ClassVar = bindings("entry")
    hands_keys_to_dialogs = True
    """As a table does (`_on_key`)."""

    def _on_paste(self, event: events.Paste) -> None:
        say_lines_joined(self, event.text)
        super()._on_paste(event)

    _opened: Screen | None = None
    """The dialog a key typed here opened last (ctrl+l's milestones)."""

    async def _on_key(self, event: events.Key) -> None:
        """A key still queued here when ctrl+l, typed before it, opened the milestones (a
        digit in the same read) is that dialog's, not the line's. Only that dialog's: one a
        priority key opened as the app read it (ctrl+g, ctrl+e) came up ahead of keys typed
        before it, which are the line's."""
        if not self._for_my_dialog(event):
            self.screen.query_one(TimelinePane).typed_after_a_refusal(typed_character(event))

    def _for_my_dialog(self, key: events.Key) -> bool:
        return self.app.screen is self._opened and self.app.typed_after_opening(self, key)

    def action_submit(self) -> None:
        """Enter is a priority key here, run as the app reads it from the terminal: the
        event is added in the line's own queue, after the keys typed before Enter and before
        any typed after it. (As Input's plain binding it ran only once the line had taken
        every key already queued: typed fast, `10:31 A⏎10:32 B` became one event.)"""
        self.call_later(self._submit, self.app.key_as_read("enter", "\r"))

    def _submit(self, enter: events.Key) -> None:
        """Add the event typed, unless a key typed before Enter opened a dialog meanwhile
        (ctrl+l): then Enter is the dialog's (it saves the milestones ticked)."""
        if not self._for_my_dialog(enter):
            self.screen.query_one(TimelinePane).add_typed()

    def action_leave(self) -> None:
        """Back to the table; the words typed stay on the line (quitting adds them as an
        event, typing on the table goes on after them; ctrl+u empties the line)."""
        self.screen.set_focus(self.screen.query_one(TimelineTable))

    def action_milestone(self) -> None:
        """Tick the milestones of the event just added, and go on typing the next one."""
        pane = self.screen.query_one(TimelinePane)
        event = pane.last_added
        if event is None or not any(e is event for e in pane.session.review.timeline):
            self.notify("Add an event first: its milestones are ticked here after Enter")
            return
        self.screen.query_one(TimelineTable).tick_milestones(event)
        self._opened = self.app.screen


@dataclass
class Refused:
    """A line Enter did not add, why, and when that was on screen (not yet: infinity)."""

    line: str
    problem: str
    stamp: dt.datetime | None
    """The entry line's stamp then (ctrl+n typed before the line, or just after it)."""
    shown_at: float = math.inf

    def shown(self, clock: Callable[[], float]) -> None:
        self.shown_at = clock()


class TimelinePane(FieldFocus, Vertical):
    BINDINGS: ClassVar = FIELD_FOCUS_KEYS
    DEFAULT_CSS = """
    TimelinePane #entry-problem { color: $error; height: auto; }
    TimelinePane EntryLine { margin-top: 1; }
    TimelinePane DurationsLine { margin-bottom: 0; }
    """

    def __init__(self, session: ReviewSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.stamp: dt.datetime | None = None
        self._refused: Refused | None = None
        self.last_added: Event | None = None
        """The event typed last: `+15m` and a bare `14:05` count from it."""

    def compose(self) -> ComposeResult:
        yield DurationsLine(id="timeline-durations")
        yield TimeAxis(self.session.review.zone, id="timeline-axis")
        yield TimelineTable(self._spec(), self.session, id="timeline-table")
        yield Static("", id="entry-problem")
        # Coming back to a half-typed line goes on typing it, never over it.
        yield EntryLine(placeholder=ENTRY_HINT, id="timeline-entry", select_on_focus=False)
        yield BlameHint(id="entry-hint")

    def _spec(self) -> RecordSpec:
        return specs.timeline(self.session, colour=partial(themes.rich_colour, self.app))

    def follow_zone(self) -> None:
        """The review's timezone changed: the times show in it, under its name."""
        self.query_one(TimelineTable).use_spec(self._spec())

    def start_entry(self, stamp: dt.datetime | None = None) -> None:
        """Focus the entry line; an event typed without a time gets `stamp` (ctrl+n). With
        none (`n`), words already on the line keep the moment they have."""
        entry = self.query_one(EntryLine)
        if stamp is not None or not entry.value:
            self._stamp_line(stamp)
        self.screen.set_focus(entry)

    def _stamp_line(self, stamp: dt.datetime | None) -> None:
        """The entry line's event is at `stamp` unless it starts with a time (None: after
        the last event); its hint says which moment."""
        self.stamp = stamp.replace(microsecond=0) if stamp else None
        entry = self.query_one(EntryLine)
        entry.placeholder = ENTRY_HINT
        if stamp is not None:
            shown = stamp.astimezone(self.session.review.zone).strftime("%H:%M:%S")
            entry.placeholder = f"event at {shown} · type what happened, Enter adds it"

    def type_on_entry(self, text: str) -> None:
        """Text typed on the table goes on the entry line, a word apart from what it holds
        (or on an empty one, after a refused line: `typed_after_a_refusal`). Only the first
        key is set apart: those after it, typed on the table too, follow it on the line."""
        self.typed_after_a_refusal(text)
        entry = self.query_one(EntryLine)
        if self.screen.focused is not entry:
            self.screen.set_focus(entry)
            entry.cursor_position = len(entry.value)
            text = word_apart(entry.value, text)
        entry.insert_text_at_cursor(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#entry-hint", BlameHint).check(event.value)

    def add_typed(self) -> None:
        """Enter on the entry line: the event typed so far is added and the line emptied,
        or the line stays with the reason it is not an event yet."""
        problem = self.query_one("#entry-problem", Static)
        line = self.query_one(EntryLine).value
        try:
            added = self.add_from_entry(line)
        except TimeInputError as error:
            self._refused = Refused(line, str(error), self.stamp)
            self.call_after_refresh(self._refused.shown, self.app.dialog_grace.clock)
            return problem.update(literal(str(error)))
        self._refused = None
        problem.update("")
        if added:
            self._clear_entry()

    def typed_after_a_refusal(self, typed: str | None) -> None:
        """A character typed right after Enter refused the line, before its reason had
        been on screen a moment (the dialogs' grace): the scribe typing on had not seen it,
        and the next sentence ran into the refused one ("…by handcustomers notified…"),
        saved so as one event. The refused line is kept as quitting keeps a line, its time
        left in the text, and said; the new sentence starts on an empty line."""
        refused, self._refused = self._refused, None
        entry = self.query_one(EntryLine)
        if refused is None or not typed or entry.value != refused.line:
            return
        grace = self.app.dialog_grace
        if grace.clock() - refused.shown_at >= grace.seconds:  # seen: the scribe mends it
            return
        stamp, self.stamp = self.stamp, None
        self.keep_typed()
        if stamp is not refused.stamp:  # ctrl+n since the refusal: the next line's moment
            self.stamp = stamp
        self.query_one("#entry-problem", Static).update("")
        self.notify(
            f"Added as typed, its time not read ({refused.problem}): Enter on its row edits it",
            markup=False,
        )

    def keep_typed(self) -> bool:
        """Text left on the entry line becomes an event (quitting must not lose it), as
        `typed_event` makes it; True if there was any."""
        event = self.typed_event(self.query_one(EntryLine).value, self.stamp)
        if event is None:
            return False
        self._add(event)
        self._clear_entry()
        return True

    def typed_so_far(self) -> list[Put]:
        """The event `keep_typed` would add, to put into a copy of the review
        (`typed.typed_so_far`); the entry line and the timeline stay as they are."""
        return placed(self.typed_event(self.query_one(EntryLine).value, self.stamp))

    def typed_event(self, line: str, stamp: dt.datetime | None) -> Event | None:
        """The event `line` makes when it must not be lost: placed as Enter would place it;
        a time that does not parse stays part of the text, and the event goes after the
        last one (or, in an empty timeline, at the moment). None for a blank line."""
        if not line.strip():
            return None
        try:
            return self.event_from_entry(line, stamp)
        except TimeInputError:
            return self.event_from_entry(line, stamp, read_time=False)

    def _clear_entry(self) -> None:
        self.query_one(EntryLine).value = ""
        self._stamp_line(None)

    def _previous(self, review: Review) -> Event | None:
        """The event the next entry counts from: the one typed last while it is still in
        the timeline, else the latest in time (a hand-written file need not be in order)."""
        if self.last_added is not None and any(e is self.last_added for e in review.timeline):
            return self.last_added
        return review.latest_event()

    def add_stamped(self, line: str, stamp: dt.datetime) -> None:
        """An event typed on the line ctrl+n opens over a form: stamped when ctrl+n was
        pressed, unless it starts with a time; one whose time cannot be read is added as
        typed, at that moment, and says so (the line is gone: nothing may be lost)."""
        stamp = stamp.replace(microsecond=0)
        try:
            event = self.event_from_entry(line, stamp)
        except TimeInputError as error:
            event = self.event_from_entry(line, stamp, read_time=False)
            self.notify(f"Added as typed, its time not read: {error}", markup=False)
        if event is not None:
            self._add(event)

    def stamped_so_far(self, line: str, stamp: dt.datetime) -> list[Put]:
        """The event `add_stamped` would add for the line typed so far, to put into a copy
        of the review (`typed.typed_so_far`)."""
        return placed(self.typed_event(line, stamp.replace(microsecond=0)))

    def put_on_entry(self, text: str, stamp: dt.datetime) -> None:
        """Text for the entry line, after what it holds (Esc on ctrl+n's line over a form),
        stamped when ctrl+n was pressed, unless words already there have a moment."""
        if text.strip():
            entry = self.query_one(EntryLine)
            if self.stamp is None or not entry.value.strip():
                self._stamp_line(stamp)
            entry.value = f"{entry.value.rstrip()} {text.strip()}".strip()

    def add_from_entry(self, line: str) -> bool:
        """The entry line's event (Enter); `TimeInputError` when its time cannot be read."""
        event = self.event_from_entry(line, self.stamp)
        if event is None:
            return False
        self._add(event)
        return True

    def event_from_entry(
        self, line: str, stamp: dt.datetime | None, *, read_time: bool = True
    ) -> Event | None:
        """The event `line` makes, stamped `stamp` (ctrl+n) unless it starts with a time,
        or None when it holds nothing to add; the review does not change."""
        time_text, text = split_event_entry(line) if read_time else (None, line.strip())
        if not text:
            if time_text:
                raise TimeInputError("type what happened after the time")
            return None
        review = self.session.review
        previous = self._previous(review)
        now = self.app.clock()
        if time_text:
            counts_from = previous.at if previous else review.incident.started_at
            time = read_event_time(
                time_text, review.zone, now=now, previous=counts_from, onward=True
            )
            event = Event(at=time.at, day_only=time.day_only, approx=time.approx, text=text)
        elif stamp is not None:  # ctrl+n: the moment it was pressed
            event = Event(at=stamp.astimezone(review.zone), text=text)
        elif previous is not None:  # when is not known: next after the last, "about"
            event = Event(at=previous.at, day_only=previous.day_only, approx=True, text=text)
        elif not read_time:  # kept with an empty timeline: the moment, "about", not lost
            at = now.replace(microsecond=0).astimezone(review.zone)
            event = Event(at=at, approx=True, text=text)
        else:
            raise TimeInputError("when did it happen? Start with a time (14:05, ~14:05) or now")
        return event

    def _add(self, event: Event) -> None:
        self.session.review.place_event(event)
        self.last_added = event
        self.session.edited("added the event")
        self.query_one(TimelineTable).refresh_rows(select=event)
        self.post_message(DocumentChanged())
        return True
