"""The participants sidebar: who is in the review, their roles, who is present, and,
once the meeting runs, their turns to speak and who has not been heard yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmtui.document.printable import one_line
from pmtui.files.session import ReviewSession
from pmtui.tui.keys import bindings
from pmtui.tui.meeting.anonymised import pseudonyms_shown
from pmtui.tui.tables import specs
from pmtui.tui.tables.records import RecordTable
from pmtui.tui.widgets.tab_hint import TabHint


class PeopleTable(RecordTable):
    BINDINGS: ClassVar = bindings("people")

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        spec = specs.people(session)
        columns = tuple(replace(column, cell=self._lit(column.cell)) for column in spec.columns)
        super().__init__(replace(spec, columns=columns), session, **kwargs)
        self.show_header = False
        self.lit = ""

    def deleting_also(self, person: Any) -> str:
        """The actions a participant owns keep their name: the question says which, where
        it said nothing and they stayed with an owner no longer in the list."""
        owned = [
            action
            for action in self.session.review.actions
            if person.name and person.name in (action.owner, *action.owners)
        ]
        if not owned:
            return ""
        ids = [action.id for action in owned]
        which = ", ".join(ids) if all(ids) else f"{len(owned)} actions"
        return f" They own {which}, which keep the name as owner."

    def light(self, name: str) -> None:
        """Light up the person speaking (a replay's speaker); "" lights nobody."""
        if name != self.lit:
            self.lit = name
            self.refresh_rows()

    def _lit(self, cell: Callable[[Any], str | Text]) -> Callable[[Any], str | Text]:
        def lit_cell(person: Any) -> str | Text:
            value = cell(person)
            if not self.lit or person.name != self.lit:
                return value
            lit = Text(str(value), no_wrap=True, overflow="ellipsis")
            lit.stylize("bold reverse")  # a span: the table draws spans, not a base style
            return lit

        return lit_cell

    def refresh_rows(self, select: Any = None) -> None:
        super().refresh_rows(select)
        if isinstance(self.parent, Sidebar):
            self.parent.show_voices()

    def replace_record(self, index: int, record: Any) -> None:
        """A participant renamed is renamed where the review names them (who, owners), in
        the same undo step: the timeline and the actions keep pointing at the person. Not
        when another participant has the old name or the new one: whose rows are whose
        would be a guess (two people called Dan; Adam renamed Dan, then back)."""
        old = self.records[index].name.strip()
        super().replace_record(index, record)
        new = record.name.strip()
        if not old or not new or new == old:
            return
        others = {p.name.strip() for n, p in enumerate(self.records) if n != index}
        if old in others or new in others:  # whose events they are is not known
            message = "Who and owners left as they were: another participant has that name"
            self.notify(message, markup=False)
            return
        count = self.session.review.rename_person(old, new)
        if count:
            places = f"{count} place{'s' if count != 1 else ''}"
            self.notify(f"The new name is in {places} too (who, owners)", markup=False)
            for table in self.screen.query(RecordTable):
                if table is not self:
                    table.refresh_rows()

    def action_present(self) -> None:
        person = self.current_record()
        if person is not None:
            person.present = not person.present
            self.changed("marked who is present", select=person)


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 34; border-right: vkey $primary; padding: 0 1; }
    Sidebar.-hidden { display: none; }
    Sidebar #people-title { text-style: bold; color: $accent; }
    Sidebar #people-keys { color: $text-muted; }
    Sidebar #not-heard { height: auto; margin: 1 0; color: $warning; }
    """

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(Text("Participants"), id="people-title")
        yield PeopleTable(self.session, id="people-table")
        yield Static(id="not-heard")
        yield Static(Text("n add · Enter edit · space present · d delete"), id="people-keys")
        yield TabHint(self.session, "people")

    def on_mount(self) -> None:
        self.show_voices()

    def show_voices(self) -> None:
        """Who has not spoken yet, while the meeting has started: everyone not marked
        absent (presence is often never taken)."""
        review = self.session.review
        line = next(iter(self.query("#not-heard").results(Static)), None)
        if line is None:
            return  # the table drew its rows before this line was mounted
        line.display = review.meeting.started_at is not None and bool(review.people)
        quiet = [p.name for p in review.people if p.present is not False and not p.spoke]
        pseudonyms = pseudonyms_shown(self.app)
        text = ", ".join(one_line(pseudonyms.text(name) if pseudonyms else name) for name in quiet)
        line.update(Text(f"Not heard yet: {text}" if quiet else "Everyone present has spoken"))
