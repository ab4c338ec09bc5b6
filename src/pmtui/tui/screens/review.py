"""The kind of screen that shows an open review: the keys about a review (save, export,
tabs, undo …) are its bindings and its actions, so they work on it and nowhere else.

Importable without the meeting screen: the app checks for it from its first frame, and
the meeting screen with its panes is imported only once that frame is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.screen import Screen

from pmtui.document.printable import printable
from pmtui.tui.keys import KEYS, SCOPE_TITLES, TABS, bindings, key_of, palette
from pmtui.tui.meeting.anonymised import shown_text
from pmtui.tui.messages import DocumentChanged

if TYPE_CHECKING:
    from textual.widget import Widget

    from pmtui.files.session import ReviewSession
    from pmtui.tui.dialogs.import_chat import ChatDraft

TABLES = (  # (table id, tab it lives on, scopes of its keys)
    ("timeline-table", "timeline", ("record", "timeline")),
    ("impact-table", "impact", ("record",)),
    ("whys-table", "whys", ("record", "whys")),
    ("actions-table", "actions", ("record", "actions")),
    ("people-table", None, ("record", "people")),
)


ENTRY_COMMANDS = tuple(key for key in KEYS["entry"] if key.action == "milestone")
"""The entry line's key that is a command (ctrl+l, the milestones); its Enter and Esc are
the typing's own: they add the typed words or leave them."""


class ReviewScreen(Screen):
    """A screen showing the open review. The meeting screen is one; so is the replay's.
    The panes, tabs and redrawing are the meeting screen's (`show_tab`, `refresh_all`,
    `show_document`, `focus_current_pane`); the keys about the review are here."""

    FIRST_KEYS: ClassVar = [
        replace(key, action=f"app.{key.action}") for key in bindings("app") if key.show
    ]
    """Quit and help, first in the footer right after the focused table's keys, and kept
    there when the keys do not all fit (`footer_keeps`): a newcomer looks for these two."""

    BINDINGS: ClassVar = [*FIRST_KEYS, *bindings("review")]

    session: ReviewSession

    # Saving and sharing -------------------------------------------------------------------

    def action_save(self) -> None:
        self.app.save_now()

    def action_save_as(self) -> None:
        self.app.safekeeping.offer_save_as()

    def action_export(self) -> None:
        from pmtui.document import anonymise
        from pmtui.tui.dialogs.export import ExportDialog

        review = self.session.review
        shown = anonymise.anonymised(review) if self.app.anonymise else review
        self.app.push_screen(ExportDialog(shown, self.session.path))

    def action_checklist(self) -> None:
        from pmtui.tui.screens.checklist import ChecklistScreen  # only when asked, like help

        self.app.push_screen(ChecklistScreen(self.session))

    chat_draft: ChatDraft | None = None
    """The chat pasted (or the file named) in Import chat when Esc closed it: the next
    Import chat opens with it, until it is imported. In memory only: it is not the review's."""

    def action_import_chat(self) -> None:
        from pmtui.tui.dialogs.import_chat import ImportChatDialog

        dialog = ImportChatDialog(
            self.session.review,
            now=self.app.clock(),
            draft=self.chat_draft,
            keep_draft=self._keep_chat,
        )
        self.app.push_screen(dialog, self._chat_imported)

    def _keep_chat(self, draft: ChatDraft | None) -> None:
        self.chat_draft = draft
        if draft is not None:
            self.notify(f"Chat kept: {key_of('import_chat')} brings it back")

    def _chat_imported(self, plan) -> None:
        if plan is None:
            return
        from pmtui.chat.merge import add_to_review

        result = add_to_review(self.session.review, plan.messages, plan.who, plan.new_people)
        self.session.edited("imported the chat")
        self.refresh_all()
        self.post_message(DocumentChanged())
        shown = shown_text(self.app)  # after the adding: a new participant shows as one
        new = ", ".join(map(shown, result.new_people))
        people = f"; new participants: {new}" if new else ""
        self.app.safekeeping.say(
            f"Added {result.added} events from the chat ({result.skipped} already there){people}"
        )

    # Undo ---------------------------------------------------------------------------------

    async def action_undo(self) -> None:
        await self._through_history(self.session.undo, "Undone", "Nothing to undo")

    async def action_redo(self) -> None:
        await self._through_history(self.session.redo, "Redone", "Nothing to redo")

    async def _through_history(
        self, step: Callable[[], str | None], done: str, nothing: str
    ) -> None:
        """Undo or redo one change, show the document it leaves, and say what it was."""
        what = step()
        if what is None:
            self.notify(nothing)
            return
        await self.show_document()
        self.post_message(DocumentChanged())
        again = f"{key_of('redo')} redoes it" if done == "Undone" else f"{key_of('undo')} again"
        what = shown_text(self.app)(what)  # "counted Adam as speaking": a name
        self.notify(printable(f"{done}: {what} · {again}"), markup=False)

    # Moving around ------------------------------------------------------------------------

    async def action_show_tab(self, tab: str) -> None:
        await self.show_tab(tab)

    async def action_next_tab(self, step: int = 1) -> None:
        """The next tab (a priority key, read at once): after a tab digit still waiting on
        the table for a word (`5` then ctrl+pagedown: the tab after 5's)."""
        if run_waiting := getattr(self.focused, "run_waiting", None):
            await run_waiting()
        current = TABS.index(self.query_one("#tabs").active)
        await self.show_tab(TABS[(current + step) % len(TABS)])

    async def action_previous_tab(self) -> None:
        await self.action_next_tab(-1)

    async def action_add_event_now(self) -> None:
        """The entry line, stamped now. What is typed right after ctrl+n (a priority key,
        run as the app reads it) waits until the line has the focus, then goes there."""
        stamp = self.app.clock()
        holding = self.app.type_ahead.hold()
        await self.show_tab("timeline", focus=False)
        self.query_one("TimelinePane").start_entry(stamp)
        if holding:
            self.call_after_refresh(self.app.give_back_typed)

    def action_event_line(self) -> None:
        """ctrl+n with a form open over this screen: a line over the form, whose event is
        stamped now; Enter adds it, Esc puts it on the entry line. The entry line is under
        the form: the words typed after ctrl+n ran into the form's field."""
        from pmtui.tui.dialogs.line import LineDialog
        from pmtui.tui.panes.timeline import TimelinePane

        stamp = self.app.clock()
        pane = self.query_one(TimelinePane)
        shown = stamp.astimezone(self.session.review.zone).strftime("%H:%M:%S")
        add = partial(pane.add_stamped, stamp=stamp)
        typed = partial(pane.stamped_so_far, stamp=stamp)
        keep = partial(pane.put_on_entry, stamp=stamp)
        line = LineDialog(f"Event at {shown}", add, keep_draft=keep, typed=typed)
        self.app.push_screen(line)

    _before_participants: Widget | None = None
    """What had the focus when F2 went to the participants."""

    def action_toggle_sidebar(self) -> None:
        """F2 goes to the participants (showing them); F2 there hides them again and gives
        the focus back to what had it, while that is on screen (else to the tab's first
        table or field). On Wrap-up it went to the first of the six tables: the next letter
        typed opened a contributing factor, not the attempted work the scribe was on."""
        sidebar = self.query_one("#sidebar")
        people = sidebar.query_one("#people-table")
        if sidebar.has_class("-hidden") or self.focused is not people:
            self._before_participants = self.focused
            sidebar.remove_class("-hidden")
            self.set_focus(people)
            return
        before, self._before_participants = self._before_participants, None
        sidebar.add_class("-hidden")
        if before is not None and before in self.focus_chain:
            self.set_focus(before)
        else:
            self.focus_current_pane()

    def footer_keeps(self) -> set[str]:
        """The keys the footer keeps when not all fit: quit and help, and F2 while the
        participants are hidden (under 100 columns): cut from the end of the footer, it
        left nothing on screen to say there are participants."""
        kept = {binding.key for binding in self.FIRST_KEYS}
        if self.query_one("#sidebar").has_class("-hidden"):
            kept.add(key_of("toggle_sidebar"))
        return kept

    # The command palette ------------------------------------------------------------------

    def commands(self) -> Iterator[SystemCommand]:
        """Every key of this screen, of its tables and of the entry line, as palette
        commands. A Wrap-up table's keys are named after its title ("Attempted work: Add"),
        from its specs: imported as the palette opens, not on the way to the first frame."""
        from pmtui.tui.tables import specs

        yield from palette((*KEYS["review"], *KEYS["meeting"]), self.run_action)
        for table_id, tab, scopes in TABLES:
            place = SCOPE_TITLES[scopes[-1]] if len(scopes) > 1 else tab.capitalize()
            on_table = partial(self.run_on_table, table_id, tab)
            for scope in scopes:
                yield from palette(KEYS[scope], on_table, place)
        for n, (title, _spec) in enumerate(specs.wrapup(self.session)):
            on_table = partial(self.run_on_table, specs.wrapup_id(n), "wrapup")
            yield from palette(KEYS["record"], on_table, title)
        on_entry = partial(self.run_on_table, "timeline-entry", "timeline")
        yield from palette(ENTRY_COMMANDS, on_entry, SCOPE_TITLES["entry"])

    async def run_on_table(self, table_id: str, tab: str | None, action: str) -> None:
        """Run a table's action from the palette: show its tab, focus it, act. The tab is
        shown without landing on its first table: that landing came after the action, and
        a form it opened on the Wrap-up's attempted work closed onto the contributing
        factors (the entry line's milestones onto the timeline table)."""
        if tab is not None:
            await self.show_tab(tab, focus=False)
        else:
            self.query_one("#sidebar").remove_class("-hidden")
        table = self.query_one(f"#{table_id}")
        self.set_focus(table)
        await table.run_action(action)
