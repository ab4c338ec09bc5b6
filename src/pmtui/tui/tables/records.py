"""A table over one of the review's lists: add, edit and delete rows through a form.

A `RecordSpec` says where the records live, how each shows as a row, which form fields
edit it and how form values become a record. Every table of the app is one of these.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar

from pydantic import BaseModel
from rich.text import Text
from textual import events
from textual.timer import Timer

from pmtui.document.anonymise import Pseudonyms
from pmtui.document.model import Review
from pmtui.document.printable import printable
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.fields import FieldSpec, FormContext
from pmtui.tui.forms.literal import line, safe
from pmtui.tui.keys import bindings, key_of
from pmtui.tui.meeting.anonymised import anonymised_cell, pseudonyms_shown
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.tables.virtual_table import TableColumn, VirtualTable
from pmtui.tui.widgets.cut_cells import CutCells


@dataclass(frozen=True)
class Column:
    title: str
    cell: Callable[[Any], str | Text]
    width: int | None = None
    stay: int | None = None
    """In a narrow pane, lower `stay` hides first; 9 never hides (default: 9 for the first
    two columns, 5 for the others)."""


def _model_values(item: Any) -> dict[str, Any]:
    return item.model_dump() if isinstance(item, BaseModel) else {"text": item}


@dataclass
class RecordSpec:
    noun: str
    items: Callable[[Review], list[Any]]
    columns: Sequence[Column]
    fields: Sequence[FieldSpec]
    build: Callable[[dict[str, Any], Any], Any]
    """Form values (and the record being edited, or None) → the record to store."""
    defaults: Callable[[ReviewSession], dict[str, Any]] = field(default=lambda session: {})
    values: Callable[[Any], dict[str, Any]] = _model_values
    order: Callable[[list[Any]], list[int]] | None = None
    """Display order as indexes into the list (default: as stored)."""
    order_note: str = ""
    """With an `order`: what alt+up / alt+down say, since no row moves by hand (why, and
    how a row changes place)."""
    shows: Callable[[Any], bool] | None = None
    """Which records show (default: all)."""
    groups: Callable[[list[Any]], list[tuple[str, list[Any]]]] | None = None
    """The shown records in labelled groups, in order (default: one group, no label).
    A label row heads each group once there are two, or the one group has a label."""
    group_label: Callable[[str], Text] = field(default=lambda label: Text(label))
    """A group's label row."""


def update_model(item: BaseModel, values: dict[str, Any]) -> BaseModel:
    """A copy of `item` with form values applied, validated, unknown keys kept."""
    return type(item).model_validate({**item.model_dump(), **values})


def _content(record: Any) -> Any:
    """A record without its item id: an undo back to before the first save gives the
    items back without the ids that save wrote, which is no change to the row."""
    if isinstance(record, BaseModel):
        return {name: value for name, value in vars(record).items() if name != "id"}
    return record


MOST_REPEATED = 2
"""Table keys that wait for a word, the same one typed again included (`ss` in `ssh`)."""


class RecordTable(VirtualTable):
    """A table whose rows are one list of the review, drawn only where visible."""

    BINDINGS: ClassVar = bindings("record")
    DEFAULT_CSS = "RecordTable { height: 1fr; }"

    def __init__(self, spec: RecordSpec, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(_table_columns(spec), **kwargs)
        self.spec = spec
        self.session = session
        self.row_items: list[int | None] = []  # row number → index into the list
        self.labels: dict[int, str] = {}  # row number → the group it heads (no record)
        self.pseudonyms: Pseudonyms | None = None  # anonymise mode: names shown as roles
        self.cut_line = CutCells()
        self._delete_asked: float | None = None
        """When the question a delete asks was drawn (None: none is pending)."""
        self._delete_question = ""
        """What that question says, to take it off the screen once it lapses."""
        self._shown: list[Any] = []
        """The records as the rows last showed them: what an undo or redo changed is found
        against them."""

    def on_mount(self) -> None:
        self.parent.mount(self.cut_line, after=self)
        self.refresh_rows()

    def watch_cursor_row(self) -> None:
        super().watch_cursor_row()
        self.show_cut_cells()

    def on_resize(self) -> None:  # VirtualTable's own on_resize runs too (Textual calls both)
        self.show_cut_cells()

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self.show_cut_cells()
        self._keep_the_row()
        if has_focus:
            self._left = False  # keys come here again: see `_typed_after_leaving`

    def show_cut_cells(self) -> None:
        """While the table has the focus, the line under it shows what the cursor row's
        cells do not (edits and undo rebuild the rows, which moves the cursor, which comes
        here). Only the focused table's: the wrap-up's six tables would bury the page."""
        self.cut_line.show_cells(self.cut_cells(self.cursor_row) if self.has_focus else None)

    @property
    def records(self) -> list[Any]:
        return self.spec.items(self.session.review)

    def refresh_rows(self, select: Any = None) -> None:
        """Rebuild the rows from the document; keep the cursor on the same record."""
        records = self.records
        current = select if select is not None else self.current_record()
        indexes = self.spec.order(records) if self.spec.order else range(len(records))
        shows = self.spec.shows
        shown = list(indexes) if shows is None else [i for i in indexes if shows(records[i])]
        self.row_items, self.labels = self._grouped(records, shown)
        self.pseudonyms = pseudonyms_shown(self.app)
        self.set_rows(len(self.row_items), self._row_cells)
        row = next(
            (n for n, i in enumerate(self.row_items) if i is not None and records[i] is current),
            self.cursor_row,
        )
        self._shown = list(records)
        self.move_cursor(row=row)

    def touched_record(self) -> Any:
        """After an undo or redo: the first record that differs from what the rows showed
        (the one the change added, brought back or edited), or None."""
        records = self.records
        for before, now in zip(self._shown, records, strict=False):
            if before is not now and before != now and _content(before) != _content(now):
                return now
        return records[len(self._shown)] if len(records) > len(self._shown) else None

    def _grouped(
        self, records: list[Any], shown: list[int]
    ) -> tuple[list[int | None], dict[int, str]]:
        """The rows: `shown` as they are, or grouped by `spec.groups` under label rows."""
        if self.spec.groups is None:
            return list(shown), {}
        place = {id(records[i]): i for i in shown}
        groups = self.spec.groups([records[i] for i in shown])
        labelled = len(groups) > 1 or any(label for label, _ in groups)
        rows: list[int | None] = []
        labels: dict[int, str] = {}
        for label, members in groups:
            if labelled:
                labels[len(rows)] = label
                rows.append(None)
            rows.extend(place[id(member)] for member in members)
        return rows, labels

    def move_cursor(self, row: int) -> None:
        """A label row is passed over, in the direction the cursor moves."""
        row = max(0, min(row, self.row_count - 1))
        if row in self.labels:
            step = 1 if row >= self.cursor_row else -1
            row = row + step if 0 <= row + step < self.row_count else row - step
        super().move_cursor(row)

    def _row_cells(self, row: int) -> list[Text] | Text:
        if row in self.labels:
            return _cell(self.spec.group_label(self.labels[row]))
        index, records = self.row_items[row], self.records
        if index >= len(records):
            # The list got shorter under the rows (a replay's jump back), and the screen's
            # update drew them before the refresh that follows: a traceback, in front of
            # the room. The row is blank until then, as `current_record` is None.
            return _cell("")
        record = records[index]
        cells = [_cell(column.cell(record)) for column in self.spec.columns]
        if self.pseudonyms is not None:
            return [anonymised_cell(cell, self.pseudonyms) for cell in cells]
        return cells

    def current_index(self) -> int | None:
        """The record under the cursor's place in the list (None: no record there)."""
        if not self.row_items or not 0 <= self.cursor_row < len(self.row_items):
            return None
        return self.row_items[self.cursor_row]

    def current_record(self) -> Any:
        index = self.current_index()
        records = self.records
        return records[index] if index is not None and index < len(records) else None

    def form_context(self) -> FormContext:
        clock = getattr(self.app, "clock", None)
        now = clock() if clock else None
        return FormContext(self.session.review.zone, now)

    def open_form(
        self, title: str, values: dict[str, Any], apply: Callable, *, offered: bool = False
    ) -> None:
        from pmtui.tui.forms.dialog import FormDialog  # with the first form (`forms.fields`)

        context = self.form_context()
        self.app.push_screen(
            FormDialog(title, self.spec.fields, values, context, apply, offered=offered)
        )

    def action_add(self) -> None:
        def apply(values: dict[str, Any]) -> None:
            record = self.spec.build(values, None)
            self.records.append(record)
            self.changed(f"added the {self.spec.noun}", select=record)

        self.open_form(f"New {self.spec.noun}", self.new_values(), apply, offered=True)

    def new_values(self) -> dict[str, Any]:
        """What a new record's form opens with."""
        return self.spec.defaults(self.session)

    def action_edit(self) -> None:
        index = self.current_index()
        if index is None:
            return self.action_add()
        if getattr(self.app, "anonymise", False):  # the form would show the names
            toggle = key_of("toggle_anonymise")
            self.notify(f"Roles are shown: {toggle} shows the names to edit", markup=False)
            return
        old = self.records[index]

        def apply(values: dict[str, Any]) -> None:
            record = self.spec.build(values, old)
            self.replace_record(index, record)
            self.changed(f"edited the {self.spec.noun}", select=record)

        self.open_form(f"Edit {self.spec.noun}", self.spec.values(old), apply)

    def use_spec(self, spec: RecordSpec) -> None:
        """Show the rows as `spec` says (its columns may be titled anew)."""
        self.spec = spec
        self.table_columns = _table_columns(spec)
        self.refresh_rows()
        self.refresh()

    def replace_record(self, index: int, record: Any) -> None:
        """An edited row takes the place of the one it was."""
        self.records[index] = record

    def action_delete(self) -> None:
        """The delete key asks; pressed again once the question has been on screen for the
        app's grace, with no other key between, it deletes. A sentence typed onto a table by
        mistake deleted a row at each `d` ("agreed" took two participants): now its second
        `d` comes too soon ("added") and any other key keeps the row."""
        index = self.current_index()
        if index is None:
            return
        asked, self._delete_asked = self._delete_asked, None
        delete, noun = key_of("delete", "record"), self.spec.noun
        if asked is None:
            self._delete_asked = math.inf  # not on screen yet
            self.call_after_refresh(self._delete_asked_now)
            self._delete_question = (
                f"Delete this {noun}?{self.deleting_also(self.records[index])} "
                f"{delete} again deletes it · any other key keeps it"
            )
            self.notify(self._delete_question, markup=False)
            return
        self.app.clear_notifications()  # the answer takes the question's place
        grace = self.app.dialog_grace
        if grace.clock() - asked < grace.seconds:
            self.notify(f"Not deleted: {delete} came too soon after the question", markup=False)
            return
        del self.records[index]
        self.changed(f"deleted the {noun}")
        self.notify(f"Deleted the {noun} · {key_of('undo')} brings it back", markup=False)

    def deleting_also(self, record: Any) -> str:
        """What the delete question adds about `record` (its words start with a space)."""
        return ""

    def _keep_the_row(self) -> None:
        """The delete question lapses, and leaves the screen: "d again deletes it" no
        longer holds (it stayed after Esc, and showed twice over the form Enter opened)."""
        if self._delete_asked is not None:
            self._delete_asked = None
            self.app.withdraw(self._delete_question)

    def _delete_asked_now(self) -> None:
        if self._delete_asked is not None:
            self._delete_asked = self.app.dialog_grace.clock()

    hands_keys_to_dialogs = True
    """A key still queued here when one before it opened a dialog goes to the dialog
    (`typed_after_opening`)."""
    _waiting: tuple[events.Key, ...] = ()
    """Letter keys of the table typed last, not yet run: they may start a word."""
    enter_opens_a_form = True
    """Enter edits the cursor's row in a form (`PmtuiApp._opens_a_form`)."""
    _waiting_timer: Timer | None = None
    _left = False
    """A tab digit held here went to its tab: the keys still queued here are that tab's."""

    async def on_key(self, event: events.Key) -> None:
        """Words typed on a table never run the one-key commands they spell (`x` marked an
        action done, `f` hid the done ones, as "fix the box" went by): they are written
        where the table's words go (`type_words`).

        A letter that is a table key (`may_start_a_word`) waits a moment (`word_wait`), and
        so does the same letter again (`ssh`, `ddos`): a character that follows at once
        makes them the start of the words ("send" loses no `s`; a space ends a word of them
        alone, `dd if=…`); nothing more, or another key (`run_before`), and each does what
        it does, in order (F8 and F9 run them too). A click elsewhere before the wait is
        over drops them: a dialog opening over what is typed there would take the words
        (`_waited`).

        The table's own keys act here, in the order typed, rather than once the key has
        bubbled up unhandled (Textual's way): by then the keys typed after it have been
        handled too, so words typed fast after `n` were lost before its form came up. Any
        key but delete keeps the row a delete asked about (the question lapses)."""
        if self.app.typed_after_opening(self, event) or self._typed_after_leaving(event):
            return
        own = event.key in self._bindings.key_to_bindings
        if waiting := self._waiting:
            if event.key == waiting[0].key and len(waiting) < MOST_REPEATED:
                _taken(event)
                return self._wait_for_more((*waiting, event))
            if _a_letter_after_a_tab_digit(waiting, event):  # `5xx` words; `5n` a tab, then n
                _taken(event)
                return self._wait_for_more((*waiting, event))
            self._stop_waiting()
            if _goes_on_with(event):
                _taken(event)
                return self.type_words((*waiting, event))
            if self.run_before(event):  # in order
                await self._run_held(waiting)
                if self._typed_after_leaving(event):
                    return
        if self.starts_words(event):
            _taken(event)
            self.type_words((event,))
        elif self.may_start_a_word(event):
            _taken(event)
            self._wait_for_more((event,))
        else:
            if own:
                _taken(event)
            await self.run_key(event)

    def starts_words(self, event: events.Key) -> bool:
        """A character that is none of the screen's keys (nor a space) starts words."""
        character = event.character
        return (
            event.is_printable
            and character is not None
            and bool(character.strip())
            and not event.key.startswith(("alt+", "ctrl+"))
            and event.key not in self.screen.active_bindings
        )

    def type_words(self, keys: tuple[events.Key | events.Paste, ...]) -> None:
        """Words typed (or pasted) on the table start a new row: its form opens with them in
        its first field, as if `n` had come first, and the keys typed after them follow."""
        self.action_add()
        if getattr(self.app.screen, "takes_keys_typed_before", False):  # the form is up
            for key in keys:
                self.app.type_ahead.keep(key)

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the table starts a new row, as words typed on it do: the form
        opens with it in its first field (a one-line field joins its lines), after the keys
        waiting for a word (`4`, then "0 orders lost" pasted). Pasted after a key that opened
        a form or went to another tab, it is theirs, as a key is."""
        event.stop()
        if self.app.typed_after_opening(self, event) or self._typed_after_leaving(event):
            return
        if event.text.strip():
            waiting = self._waiting
            self._stop_waiting()
            self.type_words((*waiting, event))

    waiting_keys_need_focus = False
    """Whether keys waiting for a word are dropped once the scribe went elsewhere."""
    add_key_waits = False
    """Whether `n` waits for a word too. Here the words typed right after it are its new
    row's, however fast (`n`, a title, Tab, an owner, ctrl+s in one go)."""

    def may_start_a_word(self, event: events.Key) -> bool:
        """A letter key of the table (its add key only if `add_key_waits`), or a digit: it
        goes to its tab, but "40 orders lost" typed on the table starts with it."""
        character = event.character or ""
        own = event.key in self._bindings.key_to_bindings
        letter = len(character) == 1 and character.isalpha()
        tab = event.key.isdigit() and event.key in self.screen.active_bindings
        adds = event.key == key_of("add", "record") and not self.add_key_waits
        return ((own and letter) or tab) and not adds and self.app.word_wait > 0

    def run_before(self, event: events.Key) -> bool:
        """Whether letter keys waiting for a word run before `event`, which is none
        (ctrl+s, ↓, F9): `x` then ctrl+s marks the action done, then saves."""
        return True

    def _wait_for_more(self, keys: tuple[events.Key, ...]) -> None:
        self._stop_waiting()
        self._waiting = keys
        self._waiting_timer = self.set_timer(self.app.word_wait, partial(self._waited, keys))

    def _stop_waiting(self) -> None:
        self._waiting = ()
        if self._waiting_timer is not None:
            self._waiting_timer.stop()
            self._waiting_timer = None

    async def _waited(self, keys: tuple[events.Key, ...]) -> None:
        """The wait is over with nothing typed after the keys: they run, unless the scribe
        went elsewhere meanwhile and `waiting_keys_need_focus` (a click, ctrl+n, a tab key
        on the timeline, whose `m` would open a dialog over what is typed there). Here
        none opens one: `x` then ctrl+p marks the action done, as typed."""
        if self._waiting is keys:
            here = self.has_focus and self.screen is self.app.screen
            if here or not self.waiting_keys_need_focus:
                await self.run_waiting()
            else:
                self._stop_waiting()

    async def run_waiting(self) -> None:
        """Run the keys waiting for a word now: nothing follows them (the wait is over, or
        the app quits: `x` then ctrl+q marked nothing done)."""
        keys = self._waiting
        self._stop_waiting()
        await self._run_held(keys)

    def on_blur(self) -> None:
        self._stop_waiting()  # see `_waited`

    async def _run_held(self, keys: tuple[events.Key, ...]) -> None:
        """The keys held for a word run, as typed; once a tab digit among them went to its
        tab, the rest are that tab's (`5n`: the new tab's `n`)."""
        for key in keys:
            if not self._typed_after_leaving(key):
                await self.run_held(key)

    async def run_held(self, event: events.Key) -> None:
        """A key held for a word runs, as typed: the table's own, or a digit's tab (the
        screen's key, which the table held)."""
        screens = self.screen.active_bindings.get(event.key)
        if event.key in self._bindings.key_to_bindings or screens is None:
            await self.run_key(event)
        else:
            self._keep_the_row()
            await screens.node.run_action(screens.binding.action)
            self._left = self.screen.focused is not self

    def _typed_after_leaving(self, event: events.Key | events.Paste) -> bool:
        """A key still queued here when a tab digit typed before it went to another tab is
        that tab's: `5n` typed fast on the whys adds an action, not a why "5n". It is held
        and given back in its turn once the tab's first table or field has the focus (the
        tab gives it after its next refresh). True when handed on."""
        self._left = self._left and self.screen.focused is not self
        if not self._left:
            return False
        _taken(event)
        self.app.type_ahead.keep(event)
        self.screen.call_after_refresh(self.app.give_back_typed)
        return True

    async def run_key(self, event: events.Key) -> None:
        """The table's own key runs its action; any key but delete lapses its question."""
        if event.key != key_of("delete", "record"):
            self._keep_the_row()
        if own := self._bindings.key_to_bindings.get(event.key):
            await self.run_action(own[0].action)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        """Move the row past its neighbour on screen, within its group: the file keeps that
        order. Rows a filter hides (`f`: open actions only) are not neighbours, so the move
        is always one the room sees. Not in a table shown in an order of its own (the
        timeline, by time): a notice says why, since nothing moves on screen."""
        index, rows, row = self.current_index(), self.row_items, self.cursor_row + step
        if index is not None and self.spec.order is not None:
            self.notify(self.spec.order_note, markup=False)
            return
        if index is None or not 0 <= row < len(rows):
            return
        neighbour = rows[row]
        if neighbour is None:  # a group's label: the first or last of its group
            return
        records = self.records
        record = records.pop(index)
        records.insert(neighbour, record)  # before it going up; after it going down
        self.changed(f"moved the {self.spec.noun}", select=record)

    def changed(self, what: str, select: Any = None) -> None:
        """The person changed the list (`what`, as undo reports it): one undo step."""
        self.session.edited(what)
        self.refresh_rows(select=select)
        self.post_message(DocumentChanged())

    def on_virtual_table_row_chosen(self, event: VirtualTable.RowChosen) -> None:
        event.stop()
        self.action_edit()


def _taken(event: events.Key) -> None:
    """The table deals with the key: nothing else does (nor Textual's bindings)."""
    event.stop()
    event.prevent_default()


def _goes_on_with(then: events.Key) -> bool:
    """`then` makes words of the waiting keys: any character, a space too (turned away, it
    would be lost with the keys before it: `dd if=…` would write `if=…`)."""
    return (
        then.is_printable
        and then.character is not None
        and not then.key.startswith(("alt+", "ctrl+"))
    )


def _a_letter_after_a_tab_digit(waiting: tuple[events.Key, ...], then: events.Key) -> bool:
    """A letter right after a lone tab digit decides nothing yet: a character after it too
    makes words (`5xx errors`, `1st responder`); nothing more, or another key, and the digit
    goes to its tab and the letter is that tab's key (`5n` adds an action)."""
    return (
        len(waiting) == 1 and waiting[0].key.isdigit() and len(then.key) == 1 and then.key.isalpha()
    )


def _table_columns(spec: RecordSpec) -> tuple[TableColumn, ...]:
    return tuple(
        TableColumn(printable(c.title), c.width, c.stay or (9 if n < 2 else 5))
        for n, c in enumerate(spec.columns)
    )


def _cell(value: str | Text) -> Text:
    """User text as a cell: never markup, never a control character, one line."""
    return safe(value) if isinstance(value, Text) else line(str(value))
