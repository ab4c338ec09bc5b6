"""What a form is made of: the description of a field (`FieldSpec`) and what reading
times needs (`FormContext`), the one-line field and pasted text as fields take it (`typed`,
`joined`), and Tab between fields.

Apart from the form dialog (`dialog`) and its widgets for choices and long text: the
meeting screen's first frame needs only these, and importing those widgets took it ~10 ms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region, Spacing
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets.input import Selection

from pmtui.document.model import well_formed
from pmtui.document.printable import without_controls
from pmtui.tui.forms.literal import literal
from pmtui.tui.forms.long_line import LongLineInput
from pmtui.tui.forms.typing_undo import TypingHistory
from pmtui.tui.joiners import JOINERS

Kind = Literal["text", "long", "choice", "choices", "bool", "time", "moment", "date", "list"]
"""`choices`: any number of `choices`, ticked in a list. `moment`: a timeline time
(`timeparse.EventTime`), which may be a day alone; the form never shows its `~`."""


def typed(text: str) -> str:
    """Pasted text as a field takes it: control characters (ESC, NUL, BEL…) dropped, so no
    terminal sequence reaches the screen or the file; line ends and what UTF-8 cannot write
    as a review keeps them (`well_formed`). Newlines and tabs stay."""
    return without_controls(well_formed(text))


def joined(text: str, separator: str = " ") -> str:
    """Pasted text as a one-line field takes it: `typed`, its lines joined by `separator`,
    so none is lost (Textual's Input keeps only the first)."""
    text = typed(text)
    if "\n" not in text and "\r" not in text:
        return text
    return separator.join(part for line in text.splitlines() if (part := line.strip()))


class KeepsItsKeys:
    """A field that runs its own key bindings (Backspace, Delete, ctrl+u…) as it reads the
    key, not once the key has gone up to the app: there a binding runs on whatever has the
    focus by then, and Tab moves it as soon as the app reads it (`FIELD_FOCUS_KEYS`), so
    Backspace typed just before Tab took a letter off the next field."""

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # the field's own handler types it
        if event.character in JOINERS:  # Textual's handler would drop it
            event.stop()
            event.prevent_default()
            if isinstance(self, LongLineInput):
                self.insert_text_at_cursor(event.character)
            else:
                self.insert(event.character)
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return


class FieldInput(KeepsItsKeys, LongLineInput):
    """A one-line field. Pasted text is `joined`. A completion shows grey and italic, with
    "Tab takes …" on the field's border: it is only a suggestion until Tab (or → at the
    end) takes it, and leaving the field any other way keeps what was typed."""

    DEFAULT_CSS = """
    FieldInput > .input--suggestion { text-style: italic; }
    FieldInput { border-subtitle-color: $text-muted; border-subtitle-align: left; }
    """

    def __init__(
        self,
        *args: Any,
        select_on_focus: bool = False,
        separator: str = " ",
        offered_from: int | None = None,
        **kwargs: Any,
    ) -> None:
        """Arriving in a field leaves its text unselected (`arrive` puts the cursor after
        it): selected, the first key typed over it replaced a title the room had agreed.
        `separator` joins the lines of a paste (`, ` in a list: one name per line).

        `offered_from`: the value is pmtui's own offer (a file name), selected from there to
        its end on arriving until it is edited, so what is typed replaces that part (a
        folder before it stays). Typed after the offer, `pir.toml` made `review-….tomlpir.toml`.

        Textual's own validation is off (`validate_on`): with no validators it passes any
        text, and leaving the field took the red off one its form had marked unreadable."""
        self.history = TypingHistory()
        super().__init__(*args, select_on_focus=select_on_focus, validate_on=(), **kwargs)
        self.separator = separator
        self.offered_from = offered_from

    def watch_value(self, old: str, new: str) -> None:
        if self.is_mounted:  # the value it opens with is none of the typing
            self.history.changed(old, new)
            self.offered_from = None

    def take_back(self, *, redo: bool = False) -> bool:
        """Undo (or redo) a step of the typing here (`TypingHistory`); False: none left."""
        history = self.history
        value = history.redo(self.value) if redo else history.undo(self.value)
        if value is None:
            return False
        history.moving = True
        try:
            self.value = value
        finally:
            history.moving = False
        self.cursor_position = len(value)
        return True

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own handler, called next, inserts it.
        event.text = joined(event.text, self.separator)

    def watch__suggestion(self) -> None:
        self._say_suggestion()

    def _on_focus(self) -> None:
        """Runs after `arrive`, which puts the cursor at the end: an offer is selected."""
        self._say_suggestion()
        if self.offered_from is not None:
            self.selection = Selection(self.offered_from, len(self.value))

    def action_delete_left_all(self) -> None:
        """ctrl+u clears what is left of the cursor, a selection in it too: Input's own
        deleted only the selection, and the offered file name's folder stayed before the
        path typed next."""
        self.delete(0, max(self.selection))

    def _on_blur(self) -> None:
        self._say_suggestion()

    def _say_suggestion(self) -> None:
        """The border says what Input draws: a longer completion, while focused."""
        suggestion = self._suggestion if self.has_focus else ""
        shown = len(suggestion) > len(self.value)
        # Text, not a str: Textual reads a str given to a border as markup (a name such as
        # "Bob [/]" crashed the app; "[@click=app.quit]" made a link that ran an action)
        self.border_subtitle = literal(f"Tab takes “{suggestion}”") if shown else ""

    def go_to_end(self) -> None:
        self.cursor_position = len(self.value)

    async def take_suggestion(self) -> None:
        """A completion Input would draw becomes the value. One no longer than the text is
        never drawn, so it changes nothing (`tina` stays `tina`, not the list's `Tina`).
        Asked of the suggester now: Input's own answer comes from a worker, and `Ad` then
        Tab typed in one burst kept "Ad", the completion not there yet."""
        suggestion, suggester = self._suggestion, self.suggester
        if suggester is not None and self.value:
            value = self.value if suggester.case_sensitive else self.value.casefold()
            suggestion = await suggester.get_suggestion(value) or ""
        if len(suggestion) > len(self.value):
            self.value = suggestion
            self.go_to_end()


class FieldsBox(VerticalScroll, can_focus=False):
    """A scrolling box of fields. Tab never stops on the box itself: focused, it showed no
    cursor and what was typed next was lost. A field taking the focus scrolls into view.

    So does the cursor of the field being typed in, with a line above and below it (the
    field's border), when the box changes size: a terminal made smaller (a bigger font for
    the room) left the field out of sight while the typing went on.
    """

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_cursor)

    def _show_cursor(self) -> None:
        field = self.screen.focused if self.is_attached else None
        if field is None or self not in field.ancestors:
            return
        cursor = getattr(field, "cursor_screen_offset", None)  # Input and TextArea have one
        if cursor is None:  # a choice, a tick box
            self.scroll_to_widget(field, animate=False, immediate=True)
            return
        box = self.content_region
        at = Region(
            cursor.x - box.x + int(self.scroll_x), cursor.y - box.y + int(self.scroll_y), 1, 1
        )
        self.scroll_to_region(at, spacing=Spacing(1, 0, 1, 0), animate=False, immediate=True)


FIELD_FOCUS_KEYS = (
    Binding("tab", "next_field", "Next field", show=False, priority=True),
    Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
)
"""Tab as a priority binding of whatever holds fields: it moves the focus as soon as the
app reads it. As a plain binding it ran only once the field had handled every key already
queued for it, so keys typed fast after Tab went into the field Tab left."""


class FieldFocus:
    """The actions of `FIELD_FOCUS_KEYS`, for a screen or pane that lists them in BINDINGS
    (Textual merges the bindings of widget classes only)."""

    screen: Screen

    def action_next_field(self) -> None:
        """Tab takes a suggestion the field shows. Taking it waits in the field's queue,
        behind the keys typed before Tab, so it completes what those keys typed."""
        field = self.screen.focused
        if isinstance(field, FieldInput):
            field.call_later(field.take_suggestion)
        arrive(self.screen.focus_next())

    def action_previous_field(self) -> None:
        arrive(self.screen.focus_previous())


def arrive(field: Widget | None) -> None:
    """Tab into a field, or a form opening on it, puts the cursor after its text, where a
    scribe goes on writing (Textual leaves a field of several lines at its start: what was
    typed went before, and ran into it).
    Each kind of field knows where its end is (`go_to_end`)."""
    go_to_end = getattr(field, "go_to_end", None)
    if go_to_end is not None:
        go_to_end()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind = "text"
    choices: Sequence[str] = ()
    optional: bool = True
    """False: a choice offers no blank, a text must not be left empty (an action with no
    title, a participant with no name, is a row nobody can tell apart)."""
    suggestions: Callable[[], Sequence[str]] | None = field(default=None, compare=False)
    placeholder: str = ""
    labels: Callable[[], Mapping[str, str]] | None = field(default=None, compare=False)
    """Choices' own names beside them (a template's name for a milestone, a template's
    title), read as the form opens."""
    offer: bool = False
    """The value the form opens with is pmtui's own offer (a file name), or one that text
    typed after never mends (a timezone: `UTCEurope/Berlin`): it is selected on arriving
    until edited, so typing replaces it."""


@dataclass(frozen=True)
class FormContext:
    """What turning text into times needs: the review's zone and the clock."""

    zone: ZoneInfo
    now: dt.datetime
    previous: dt.datetime | None = None
