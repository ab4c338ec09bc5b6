"""One form dialog for every kind of record: fields typed by kind, errors shown in place.

The dialog reads values from its widgets, turns them into model values (times and dates
as a scribe types them), and hands them to an `apply` callback. If `apply` raises
`ValueError` (pydantic's `ValidationError` is one), the reason shows and the form stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.suggester import Suggester, SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea
from textual.widgets.input import Selection

from pmtui.document.anonymise import Pseudonyms
from pmtui.document.printable import flat, one_line, printable
from pmtui.document.timeparse import (
    TimeInputError,
    event_time_text,
    parse_due,
    parse_event_time,
    read_event_time,
)
from pmtui.files import problems
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.forms.choice import ChoiceField, TicksField
from pmtui.tui.forms.fields import (
    FIELD_FOCUS_KEYS,
    FieldFocus,
    FieldInput,
    FieldsBox,
    FieldSpec,
    FormContext,
    KeepsItsKeys,
    arrive,
    typed,
)
from pmtui.tui.forms.literal import literal
from pmtui.tui.forms.suggest import SuggestEachItem
from pmtui.tui.keys import bindings, key_line, key_of
from pmtui.tui.meeting.anonymised import pseudonyms_shown
from pmtui.tui.widgets.insights import BlameHint

if TYPE_CHECKING:
    from pmtui.tui.typed import Put

WRAP_LIMIT = 100_000
"""Longer text shows unwrapped: wrapping a megabyte would freeze the tab for seconds."""

FORM_KEYS = key_line("form")
"""Enter in a dropdown opens it and in a long text starts a new line: only ctrl+s always saves."""

DROP_ASKED = "Esc again drops what you typed · ctrl+s saves it · typing goes on"


NOT_SET = "(not set)"
"""A choice left blank: it stays unset in the file (never a default the room did not pick)."""

PROSE = ("text", "long")
"""Kinds of field where people write sentences: blaming words are looked for there."""

READ_AS = ("time", "moment", "date")
"""Kinds of field whose text is read into a day or time (`fri`, `+1m`, `11:27pm`): a line
under each says what was understood, as it is typed, so a wrong guess is caught in the room."""

READ_DAY = "%a %d %b %Y"

AS_TYPED = "As typed when pmtui stopped"


class FieldText(KeepsItsKeys, TextArea):
    """A field of several lines; pasted text is `typed` (tabs and newlines kept)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.text = typed(event.text)  # TextArea's own handler, called next, inserts it

    def go_to_end(self) -> None:
        self.move_cursor(self.document.end)

    def on_resize(self) -> None:
        """Textual wraps the text anew for the new width (its own `_on_resize`), but may
        leave lines drawn for the old width on screen: when a field filled at once grew to
        its height and its scrollbar came, a word showed twice ("understanding and" /
        "and improvement.")."""
        self.refresh()


def shown(value: Any, spec: FieldSpec, zone: ZoneInfo) -> Any:
    """A model value as its widget shows it."""
    if spec.kind == "time":
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""
    if spec.kind == "moment":
        return event_time_text(value, zone, "%Y-%m-%d", mark_approx=False) if value else ""
    if spec.kind == "choices":
        ticked = [value] if isinstance(value, str) else list(value or [])
        return [choice for choice in spec.choices if choice in ticked]
    if spec.kind == "date":
        return value.isoformat() if value else ""
    if spec.kind == "list":
        return flat(", ".join(value or []))
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "choice":
        return Select.NULL if value is None else str(value)
    if value is None:
        return ""
    # A one-line field shows a newline or a tab in the file as a space (`flat`); left
    # untouched, the stored value stays (`read_field`).
    return printable(str(value)) if spec.kind == "long" else flat(str(value))


def parsed(raw: Any, spec: FieldSpec, context: FormContext) -> Any:
    """A widget's value as a model value; `TimeInputError` when it is not one. A time
    field left blank holds no time (Started, Ended), as a date field does."""
    if spec.kind == "time":
        if not raw.strip():
            return None
        return parse_event_time(raw, context.zone, now=context.now, previous=context.previous)
    if spec.kind == "moment":
        return read_event_time(raw, context.zone, now=context.now, previous=context.previous)
    if spec.kind == "date":
        return parse_due(raw, today=context.now.astimezone(context.zone).date())
    if spec.kind == "list":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if spec.kind == "choice":
        return None if raw is Select.NULL else raw
    return raw


def read_field(widget: Any, spec: FieldSpec, stored: Any, context: FormContext) -> Any:
    """A field's value from its widget; the stored value while the widget still shows it.

    So a field nobody touched never changes: control characters shown as symbols stay
    control characters, seconds a time field does not show stay.
    """
    raw = widget_value(widget)
    if stored is not None and raw == shown(stored, spec, context.zone):
        return stored
    return parsed(raw, spec, context)


def _no_names(
    suggestions: Callable[[], Sequence[str]], pseudonyms: Pseudonyms
) -> Callable[[], Sequence[str]]:
    """Suggestions in anonymise mode: none that names someone (an owner's completion
    showed the name the screen hides)."""
    return lambda: [text for text in suggestions() if not pseudonyms.matches(text)]


def field_widgets(spec: FieldSpec, value: Any, widget_id: str) -> ComposeResult:
    """A label and the widget that edits one field, by kind; user text never markup."""
    if spec.kind == "bool":
        yield Checkbox(literal(spec.label), value, id=widget_id)
        return
    yield Label(literal(spec.label), classes="field")
    if spec.kind == "long":
        wrap = len(value) <= WRAP_LIMIT
        yield FieldText(value, id=widget_id, soft_wrap=wrap, tab_behavior="focus")
    elif spec.kind == "choice":
        labels = spec.labels() if spec.labels else {}
        options = [
            (literal(choice_label(choice, labels.get(choice))), choice) for choice in spec.choices
        ]
        yield ChoiceField(
            options, value=value, allow_blank=spec.optional, prompt=NOT_SET, id=widget_id
        )
    elif spec.kind == "choices":
        labels = spec.labels() if spec.labels else {}
        ticks = [
            (literal(tick_label(n, choice, labels.get(choice))), choice, choice in value)
            for n, choice in enumerate(spec.choices, start=1)
        ]
        yield TicksField(*ticks, id=widget_id)
    else:
        suggestions = [printable(s) for s in spec.suggestions()] if spec.suggestions else None
        suggester: Suggester | None = None
        if suggestions and spec.kind == "list":
            suggester = SuggestEachItem(suggestions)
        elif suggestions:
            suggester = SuggestFromList(suggestions, case_sensitive=False)
        separator = ", " if spec.kind == "list" else " "
        yield FieldInput(
            value,
            placeholder=spec.placeholder,
            id=widget_id,
            suggester=suggester,
            separator=separator,
            offered_from=0 if spec.offer else None,
        )


def tick_label(n: int, choice: str, own: str | None) -> str:
    """A tick box's text: its digit key (1 to 9), the choice, and the name the review's
    template gives it, if another (`2 acknowledged · Responded to`)."""
    return f"{n} {choice_label(choice, own)}" if n <= 9 else choice_label(choice, own)


LABEL_LONGEST = 60
"""Characters of a choice's own name shown beside it: one line, so that a long template
title (a person's own) neither makes the closed field rows high nor breaks its line."""


def choice_label(choice: str, own: str | None) -> str:
    """A choice with its own name beside it, if another (`p0p1 · P0/P1 incident
    post-mortem`): the value alone told a newcomer nothing."""
    if not own or own.casefold() == choice.casefold():
        return choice
    return f"{choice} · {one_line(own, LABEL_LONGEST)}"


def understood(value: Any, spec: FieldSpec, zone: ZoneInfo) -> str:
    """A read value as the line under its field says it: `Fri 12 Dec 2026`,
    `Sat 14 Nov 2026 19:00`; nothing for an empty field."""
    if value is None:
        return ""
    if spec.kind == "date":
        return f"→ {value:{READ_DAY}}"
    if spec.kind == "moment":
        return f"→ {event_time_text(value, zone, READ_DAY)}"
    return f"→ {value.astimezone(zone):{READ_DAY} %H:%M}"


class ReadsAs(Static):
    """The line under a date or time field: what its text was read as, or why it is none."""

    DEFAULT_CSS = """
    ReadsAs { color: $text-muted; }
    ReadsAs.-problem { color: $error; text-style: bold; }
    """

    def say(self, text: str, *, problem: bool = False) -> None:
        self.update(literal(text))
        self.set_class(problem, "-problem")


def widget_value(widget: Any) -> Any:
    return widget.text if isinstance(widget, TextArea) else widget.value


def typed_text(value: Any) -> str:
    """A widget's value as words: a choice, the choices ticked, a tick (`yes`)."""
    if value is Select.NULL:
        return NOT_SET
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def named(spec: FieldSpec, value: Any) -> str:
    """A field and its value on a line (`Due: after the freeze`), its label without the
    hint in brackets after it (`Due (+1w, +1m, …)`)."""
    label = spec.label
    if label.endswith(")") and " (" in label:
        label = label.rpartition(" (")[0]
    return f"{label}: {typed_text(value)}"


def kept_as_typed(*parts: str) -> str:
    """A parking-lot line for text the review could not take when pmtui stopped (a date
    it cannot read): `As typed when pmtui stopped · New action · Due: after the freeze`."""
    return " · ".join((AS_TYPED, *parts))


def parked(line: str) -> Put:
    """Puts `line` in a copy of the review's parking lot (`typed.typed_so_far`)."""
    return lambda review: review.meeting.parking_lot.append(line)


def problem_of(error: ValueError, fields: Sequence[FieldSpec] = ()) -> str:
    """One line for a rejected value, naming a field of `fields` by its label (`Minutes
    (the timebox): not a whole number`, not `minutes: …`)."""
    if not isinstance(error, ValidationError):
        return str(error)
    first = problems.details(error)[0]
    name = first["loc"][-1] if first["loc"] else None
    label = next((spec.label for spec in fields if spec.name == name), None)
    return f"{label}: {problems.wording(first)}" if label else problems.value_line(error)


class FormDialog(FieldFocus, Dialog[bool]):
    """Edit one record; dismisses True once `apply` accepted the values, else False."""

    BINDINGS: ClassVar = [
        *bindings("form"),
        *FIELD_FOCUS_KEYS,
        *(  # the meeting's notes from anywhere: over a form too (`action_note`)
            Binding(key_of(action), f"note('{action}')", show=False, priority=True)
            for action in ("park", "decide")
        ),
        # ctrl+n: an event stamped now, on a line over the form (`action_event_line`)
        Binding(key_of("add_event_now"), "note('event_line')", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    FormDialog > .box { max-height: 90%; padding: 0 2; border-subtitle-color: $text-muted; }
    FormDialog Label.field { margin-top: 1; text-style: bold; }
    FormDialog TextArea { height: 6; }
    FormDialog #form-error { dock: bottom; display: none; background: $error 15%; }
    FormDialog #form-error.-said { display: block; }
    """

    NOTHING_CHOSEN = False
    cancel_asked = False
    """Esc was pressed once in a form typed in: the next Esc drops it."""
    AUTO_FOCUS = ""
    """`on_mount` focuses the first field without scrolling: Textual's own first focus would
    scroll it to the top edge and hide its label."""

    def __init__(
        self,
        title: str | Text,
        fields: Sequence[FieldSpec],
        values: dict[str, Any],
        context: FormContext,
        apply: Callable[[dict[str, Any]], None],
        *,
        offered: bool = False,
    ) -> None:
        """`offered`: the values are the form's offer for a new record, not a record's own
        (a new why's question): the text of the field it opens on is selected, so what is
        typed replaces it and Tab keeps it."""
        super().__init__()
        self.offered = offered
        self.form_title = title
        self.fields = fields
        self.values = values
        self.context = context
        self.apply = apply

    def compose(self) -> ComposeResult:
        with FieldsBox(classes="box") as box:
            box.border_title = self.form_title
            pseudonyms = pseudonyms_shown(self.app)
            for spec in self.fields:
                if pseudonyms is not None and spec.suggestions is not None:
                    spec = replace(spec, suggestions=_no_names(spec.suggestions, pseudonyms))
                value = shown(self.values.get(spec.name), spec, self.context.zone)
                yield from field_widgets(spec, value, f"field-{spec.name}")
                if spec.kind in PROSE:
                    yield BlameHint(value or "", id=f"field-{spec.name}-hint")
                if spec.kind in READ_AS:
                    yield ReadsAs("", id=f"field-{spec.name}-reads")
            box.border_subtitle = FORM_KEYS  # on the border: seen however long the form
            yield Static("", id="form-error", classes="problem")

    def on_mount(self) -> None:
        """Typing goes straight into the first field typed in, with the form shown from its
        top (scrolling to the focused field would hide the field's label above it)."""
        first = self._first_typed_in()
        self.set_focus(first, scroll_visible=False)
        if self.offered and isinstance(first, FieldInput):
            first.selection = Selection(0, len(first.value))
        else:
            arrive(first)
        self.query_one(VerticalScroll).scroll_home(animate=False, immediate=True)
        for spec in self.fields:
            if spec.kind in READ_AS:
                with suppress(TimeInputError):  # a stored value is shown as it is
                    self._read(spec)

    def _first_typed_in(self) -> Widget:
        """The field the form opens on: its first text field, past a choice or a tick
        before it (the impact's category, which Shift+Tab goes back to). Opened on the
        category's dropdown, the words typed right after `n` went nowhere and a space
        opened the list. A form of choices alone opens on its first."""
        widgets = [self.query_one(f"#field-{spec.name}") for spec in self.fields]
        return next((w for w in widgets if isinstance(w, Input | TextArea)), widgets[0])

    def action_cancel(self) -> None:
        """Esc closes an untouched form. In one typed in, it first says that a second Esc
        drops the typed words: one key in a long answer lost them all."""
        if not self.touched or self.cancel_asked:
            super().action_cancel()
            return
        self.cancel_asked = True
        box = self.query_one(FieldsBox)
        box.border_subtitle = DROP_ASKED
        box.add_class("-warning")

    async def action_note(self, action: str) -> None:
        """F8 (parking lot), F9 (decision) or ctrl+n (an event) with a form open: the line
        opens over it, from the meeting screen below, and the form is there as typed once
        the line is in. The keys did nothing, so what was typed next ran into the form."""
        below = [screen for screen in self.app.screen_stack if hasattr(screen, f"action_{action}")]
        if below:
            await self.app.run_action(action, below[-1])

    def _typing_goes_on(self) -> None:
        """A key typed after the first Esc: the next Esc asks again."""
        if self.cancel_asked:
            self.cancel_asked = False
            box = self.query_one(FieldsBox)
            box.border_subtitle = FORM_KEYS
            box.remove_class("-warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._typing_goes_on()
        self._problem_typed_over()
        self._hint(event.input)
        name = (event.input.id or "").removeprefix("field-")
        spec = next((spec for spec in self.fields if spec.name == name), None)
        if spec is not None and spec.kind in READ_AS:
            with suppress(TimeInputError):  # said under the field; typing goes on
                self._read(spec)

    def _read(self, spec: FieldSpec) -> Any:
        """Read a date or time field and say what it was read as under it; the value, or
        `TimeInputError` (said under the field too) when the text is none."""
        widget = self.query_one(f"#field-{spec.name}")
        line = self.query_one(f"#field-{spec.name}-reads", ReadsAs)
        try:
            value = read_field(widget, spec, self.values.get(spec.name), self.context)
        except TimeInputError as error:
            line.say(str(error), problem=True)
            raise
        line.say(understood(value, spec, self.context.zone))
        return value

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typing_goes_on()
        self._problem_typed_over()
        self._hint(event.text_area)

    def _problem_typed_over(self) -> None:
        """The problem at the foot was said of the values as they were: once the text of a
        field changes, it goes (ctrl+s says it again if it still holds). It stayed, and
        said a due date was wrong under the line reading the corrected one."""
        self.query_one("#form-error").remove_class("-said")

    def _hint(self, widget: Input | TextArea) -> None:
        """Blaming words are marked as they are typed, as in the panes (never blocking)."""
        for hint in self.query(f"#{widget.id}-hint").results(BlameHint):
            hint.check(widget_value(widget))

    def keep_before_quit(self) -> bool | None:
        """Quitting with the form open: typed values are applied as ctrl+s would, an
        untouched form just closes. True if applied, False if closed, None if the values
        are not valid (the form stays open and says why)."""
        if not self.touched:
            self.dismiss(False)
            return False
        return self.action_submit() or None

    def keep_what_it_can(self) -> str | None:
        """The process is ending (a signal, a crash) with values that are not valid, and
        nobody is left to mend them: the record is kept with the fields that can be read,
        and the text of the others (a date it cannot read) comes back as a line to keep
        where a person finds it, after the record's first field (which names it). When the
        record cannot be kept at all (no title, an event's time), the line holds every
        field typed in. None when nothing is left to keep."""
        values, problems = self._read_values()
        typed_in = self._typed_in()
        unread = [spec for spec, _ in problems if spec in typed_in]
        first = [self.fields[0]]
        try:
            self.apply(values)
        except Exception:  # whatever the record's own checks refuse, the typing is kept
            unread, first = typed_in, []
        self.dismiss(False)
        return self._as_typed(first, unread)

    def typed_so_far(self) -> list[Put]:
        """What is typed in the form, to put into a copy of the review (`typed.typed_so_far`):
        the record is the form's to make, so its text goes to the parking lot as typed, as
        when the record cannot be kept (`keep_what_it_can`). The form stays as it is."""
        line = self._as_typed([], self._typed_in())
        return [] if line is None else [parked(line)]

    def _as_typed(self, first: list[FieldSpec], typed_in: list[FieldSpec]) -> str | None:
        """The parking-lot line for the text of the fields `typed_in`, after the fields
        `first`; None when the fields typed in hold no text."""
        if not any(typed_text(widget_value(self._widget(spec))) for spec in typed_in):
            return None
        specs = {spec.name: spec for spec in [*first, *typed_in]}.values()  # in order, once each
        fields = [named(spec, widget_value(self._widget(spec))) for spec in specs]
        return kept_as_typed(str(self.form_title), *fields)

    @property
    def touched(self) -> bool:
        """Whether any field differs from what the form opened with."""
        return bool(self._typed_in())

    def _typed_in(self) -> list[FieldSpec]:
        """The fields whose value differs from what the form opened with."""
        zone = self.context.zone
        return [
            spec
            for spec in self.fields
            if widget_value(self._widget(spec)) != shown(self.values.get(spec.name), spec, zone)
        ]

    def _widget(self, spec: FieldSpec) -> Widget:
        return self.query_one(f"#field-{spec.name}")

    def action_submit(self) -> bool:
        """Apply the values and close (True); or show what is wrong and stay (False)."""
        values, problems = self._read_values()
        if problems:
            spec, problem = problems[0]
            return self._show_problem(f"{spec.label}: {problem}", spec)
        try:
            self.apply(values)
        except ValueError as error:
            return self._show_problem(problem_of(error, self.fields))
        self.dismiss(True)
        return True

    def _read_values(self) -> tuple[dict[str, Any], list[tuple[FieldSpec, str]]]:
        """The values of the fields that can be read, and what is wrong with the others."""
        values: dict[str, Any] = {}
        problems: list[tuple[FieldSpec, str]] = []
        for spec in self.fields:
            widget = self._widget(spec)
            stored = self.values.get(spec.name)
            if spec.kind == "bool" and stored is None and not widget_value(widget):
                continue  # a yes/no nobody recorded, left unticked: the record's own stays
            try:
                if spec.kind in READ_AS:
                    value = self._read(spec)
                else:
                    value = read_field(widget, spec, stored, self.context)
            except TimeInputError as error:
                problems.append((spec, str(error)))
                continue
            if not spec.optional and spec.kind in PROSE and not str(value).strip():
                problems.append((spec, "write it first (or Esc)"))
                continue
            values[spec.name] = value
        return values, problems

    def action_take_back(self, redo: bool) -> None:
        """ctrl+z / ctrl+y: a step of the typing in the focused one-line field (a long text
        field has Textual's own undo; a choice or a tick has no typing)."""
        focused = self.focused
        if not (isinstance(focused, FieldInput) and focused.take_back(redo=redo)):
            self.notify(f"Nothing typed here to {'redo' if redo else 'undo'}", markup=False)

    def _show_problem(self, problem: str, spec: FieldSpec | None = None) -> bool:
        """Say what is wrong and keep every typed value. The error line is docked at the
        foot of the box, in sight however tall the form (at its end, it was below the fold
        of an action's form even at 120x40, and ctrl+s seemed to do nothing). A field's
        own problem has the form scroll to that field; a date's or a time's is said once,
        in the line under it (`_read`): said at the foot too, that copy covered the line's
        end at 80x24."""
        error_line = self.query_one("#form-error", Static)
        error_line.update(literal(problem))
        error_line.set_class(spec is None or spec.kind not in READ_AS, "-said")
        if spec is None:
            return False
        widget = self._widget(spec)
        self.set_focus(widget, scroll_visible=False)
        below = self.query(f"#{widget.id}-reads")
        box = self.query_one(VerticalScroll)
        for target in (widget, *below):
            box.scroll_to_widget(target, animate=False, immediate=True)
        return False
