"""Fields that write straight into the document as the scribe types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from pmtui.document.anonymise import Pseudonyms
from pmtui.document.model import Part, Review
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.arrival import Arrival
from pmtui.tui.forms.dialog import (
    PROSE,
    field_widgets,
    kept_as_typed,
    named,
    parked,
    problem_of,
    read_field,
    shown,
    widget_value,
)
from pmtui.tui.forms.fields import FieldSpec, FormContext
from pmtui.tui.forms.literal import literal
from pmtui.tui.meeting.anonymised import pseudonyms_shown
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.widgets.insights import BlameHint

if TYPE_CHECKING:
    from pmtui.tui.typed import Put

TYPING_PAUSE = 1.0
"""Seconds without a key that end one undo step of typing (undo takes back a burst)."""


@dataclass(frozen=True)
class LiveField:
    target: Callable[[Review], Part]
    spec: FieldSpec


class LiveForm(Vertical):
    """Edits apply as they are typed; a value that is not valid yet waits, marked."""

    DEFAULT_CSS = """
    LiveForm { height: auto; }
    LiveForm Label.field { margin-top: 1; text-style: bold; }
    LiveForm TextArea { height: auto; min-height: 3; max-height: 12; }
    LiveForm .problem { color: $error; height: auto; }
    """

    def __init__(self, session: ReviewSession, fields: Sequence[LiveField], **kwargs: Any):
        super().__init__(**kwargs)
        self.session = session
        self.fields = {f"live-{n}": field for n, field in enumerate(fields)}
        self.anonymised = False
        self._pause: Timer | None = None
        self._arrival = Arrival()
        self._unreadable: set[str] = set()  # ids of fields holding text they cannot take

    def on_mount(self) -> None:
        self.anonymise(pseudonyms_shown(self.app))

    def anonymise(self, pseudonyms: Pseudonyms | None) -> None:
        """Anonymise on: text fields show roles for names and cannot be edited (what is
        shown is not what is stored); off: the stored text again, editable."""
        if pseudonyms is None and not self.anonymised:
            return
        self.anonymised = pseudonyms is not None  # before the values change: no edit is applied
        zone = self.session.review.zone
        for widget_id, field in self.fields.items():
            if field.spec.kind not in PROSE:
                continue
            widget = self.query_one(f"#{widget_id}")
            stored = shown(
                getattr(field.target(self.session.review), field.spec.name), field.spec, zone
            )
            text = pseudonyms.text(stored or "") if pseudonyms else stored or ""
            if isinstance(widget, TextArea):
                widget.load_text(text)
            else:
                widget.value = text
            widget.disabled = self.anonymised

    def follow_zone(self, before: ZoneInfo) -> None:
        """The review's timezone changed from `before`: each time field still showing its
        moment, as shown or as typed (`yesterday 14:05`), shows it in the new zone (else it
        would read as the new zone's clock time, an hour or more off, and a later edit to it
        would read it so). A field holding something else typed keeps it."""
        review = self.session.review
        for widget_id, field in self.fields.items():
            if field.spec.kind not in ("time", "moment"):
                continue
            widget = self.query_one(f"#{widget_id}", Input)
            stored = getattr(field.target(review), field.spec.name)
            try:
                read = read_field(widget, field.spec, stored, self._read_in(stored, before))
            except ValueError:  # text the field could not take
                continue
            if read == stored:
                widget.value = shown(stored, field.spec, review.zone)

    def _read_in(self, stored: Any, zone: ZoneInfo) -> FormContext:
        """How a field's text is read in `zone`: a time alone (`09:12`) keeps the day the
        field holds, as an event's does."""
        previous = stored if isinstance(stored, dt.datetime) else None
        return FormContext(zone, self.app.clock(), previous)

    async def show_document(self) -> None:
        """Every field anew from the document (an undo or a redo changed it), the field
        that had the focus focused again."""
        focused = self.screen.focused
        where = focused.id if focused is not None and focused in self.query("*") else None
        if where is not None:
            # Let go of it first: Textual hands the focus of a field taken away to another
            # (the pane's last), and the box scrolled there, the field focused again then
            # out of sight.
            self.screen.set_focus(None)
        self._unreadable.clear()  # every field shows what the document holds
        await self.recompose()
        self.anonymise(pseudonyms_shown(self.app))
        if where is not None:
            self._arrival.focus(self.screen, self.query_one(f"#{where}"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._arrival.landed(event)

    def compose(self) -> ComposeResult:
        zone = self.session.review.zone
        for widget_id, field in self.fields.items():
            value = getattr(field.target(self.session.review), field.spec.name)
            yield from field_widgets(field.spec, shown(value, field.spec, zone), widget_id)
            yield Static("", id=f"{widget_id}-problem", classes="problem")
            if field.spec.kind in PROSE:
                yield BlameHint(value or "", id=f"{widget_id}-hint")

    def apply(self, widget: Any) -> None:
        field = self.fields.get(widget.id or "")
        if field is None or self.anonymised:
            return
        target = field.target(self.session.review)
        try:
            stored = getattr(target, field.spec.name)
            context = self._read_in(stored, self.session.review.zone)
            value = read_field(widget, field.spec, stored, context)
            if value == stored:
                return self._mark(widget, problem=None)
            setattr(target, field.spec.name, value)
        except ValueError as error:  # TimeInputError and pydantic's ValidationError too
            return self._mark(widget, problem=problem_of(error))
        self._mark(widget, problem=None)
        self.session.edited(f"typed in {field.spec.label}", typing=True)
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(TYPING_PAUSE, self.session.end_undo_step)
        self.post_message(DocumentChanged())

    def _mark(self, widget: Any, *, problem: str | None) -> None:
        """A field holding text it cannot take turns red and says why, until its text is
        mended. Which fields those are is kept here, not read back from the red: leaving a
        field must not make its text look taken (`not_taken`)."""
        if problem is None:
            self._unreadable.discard(widget.id)
        else:
            self._unreadable.add(widget.id)
        widget.set_class(problem is not None, "-invalid")
        self.query_one(f"#{widget.id}-problem", Static).update(literal(problem or ""))

    def not_taken(self) -> list[str]:
        """The text of each field that could not take it (a time it cannot read, in red):
        it is nowhere else but on screen. Quitting waits for it to be mended; a signal or a
        crash keeps each as a line where a person finds it."""
        return [
            kept_as_typed(named(field.spec, widget_value(self.query_one(f"#{widget_id}"))))
            for widget_id, field in self.fields.items()
            if widget_id in self._unreadable
        ]

    def typed_so_far(self) -> list[Put]:
        """The lines `not_taken` gives, for a copy of the review's parking lot."""
        return [parked(line) for line in self.not_taken()]

    def on_descendant_blur(self) -> None:
        """Leaving a field ends its undo step: what is typed next is another."""
        self.session.end_undo_step()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply(event.input)
        self.hint(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.apply(event.text_area)
        self.hint(event.text_area)

    def hint(self, widget: Input | TextArea) -> None:
        """The field's blame hint looks at its text; not at the roles anonymise mode shows
        instead of names (the hint keeps the stored text, and shows it with roles too)."""
        if self.anonymised:
            return
        hints = self.query(f"#{widget.id}-hint").results(BlameHint)
        for hint in hints:
            hint.check(widget_value(widget))

    def on_select_changed(self, event: Select.Changed) -> None:
        self.apply(event.select)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.apply(event.checkbox)
