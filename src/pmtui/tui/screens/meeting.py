"""The meeting screen: header, participants, the six tabs, and the footer of keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Tab, TabbedContent, TabPane, Tabs

from pmtui.files.session import ReviewSession
from pmtui.tui.forms.arrival import Arrival
from pmtui.tui.keys import TAB_TITLES
from pmtui.tui.meeting.anonymised import pseudonyms_shown
from pmtui.tui.meeting.facilitation import FacilitatedScreen
from pmtui.tui.panes.tables import ActionsTable, WhysTable
from pmtui.tui.panes.timeline import EntryLine, TimelinePane
from pmtui.tui.tables import specs
from pmtui.tui.tables.records import RecordTable
from pmtui.tui.widgets.footer import KeyFooter
from pmtui.tui.widgets.header import ReviewHeader
from pmtui.tui.widgets.insights import (
    HINT_DELAY,
    BlameHint,
    DurationsLine,
    durations_text,
    today_of,
)
from pmtui.tui.widgets.keystrip import KeyStrip
from pmtui.tui.widgets.sidebar import Sidebar
from pmtui.tui.widgets.tab_hint import TabHint
from pmtui.tui.widgets.time_axis import TimeAxis

if TYPE_CHECKING:
    from pmtui.analysis.blameless import Phrasebook
    from pmtui.analysis.phases import Axis


def _summary(session: ReviewSession) -> Widget:
    from pmtui.tui.panes.summary import SummaryPane  # its forms load when it is first shown

    return SummaryPane(session)


def _wrapup(session: ReviewSession) -> Widget:
    from pmtui.tui.panes.wrapup import WrapupPane  # its forms load when it is first shown

    return WrapupPane(session)


PANES: dict[str, Callable[[ReviewSession], Widget]] = {
    "summary": _summary,
    "timeline": TimelinePane,
    "impact": lambda session: RecordTable(specs.impact(session), session, id="impact-table"),
    "whys": lambda session: WhysTable(session, id="whys-table"),
    "actions": lambda session: ActionsTable(session, id="actions-table"),
    "wrapup": _wrapup,
}
FIRST_TAB = "timeline"
LIVE_FORMS = "LiveForm"
"""The forms of Summary and Wrap-up, queried by name: their module (`forms.live`, with the
widgets of every kind of field) loads only once one of those tabs is shown."""


NARROW = 100
"""Below this many columns the participants start hidden."""
SETTLED_AFTER = 0.3
"""Seconds after it mounts by which the meeting screen has filled in (the timeline's
durations, the footer's keys: about 0.1 s on the Pet Clinic sample): it is drawn and kept
as it is then, or once its insights are in if they are later (`_settle`,
`PmtuiApp.settled`)."""
SHORT = 30
"""Below this many rows the key strip gives its lines to the panes (a big font on a shared
screen leaves few rows; F1 and ctrl+p list its keys): at 24 rows the timeline showed 4
events."""


TABS_WIDTH = sum(cell_len(title) + 2 for title in TAB_TITLES.values())
"""The columns the six tab names take, each with Textual's cell of padding either side."""


class MeetingTabs(TabbedContent):
    """The tabs, closer together on a row too narrow for them (80 columns with the
    participants shown): Textual scrolled the row to keep the tab on show in view, which
    cut "Summary" down to "y"."""

    def on_resize(self, event: events.Resize) -> None:
        tabs = self.query_one(Tabs)
        tight = event.size.width < TABS_WIDTH
        tabs.set_class(tight, "-tight")
        # A class rather than a first-of-type selector: with one, Textual restyles each tab
        # again as it mounts, on the way to the first frame.
        for first in tabs.query(Tab)[:1]:
            first.set_class(tight, "-first")


class MeetingScreen(FacilitatedScreen):
    """Each tab's content is built the first time it is shown, so the screen opens fast."""

    help_scopes = (
        "app",
        "review",
        "record",
        "timeline",
        "entry",
        "whys",
        "actions",
        "people",
        "meeting",
    )
    """F1 lists the keys of this screen, its tables and its entry line first: before how to
    type times and dates, and before the keys of dialogs and other screens."""

    digits_are_tabs = False
    """Whether a digit typed on the timeline's table goes to its tab (else it begins a
    time on the entry line, `14:05 …`)."""

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self._insights_timer: Timer | None = None
        self.shown_tab = FIRST_TAB
        self._arrival = Arrival()
        self._shown_before = False
        self._insights_shown = False
        self.insights_moment: dt.datetime | None = None
        """When the insights shown were worked out: the day they count overdue actions by."""
        self._settling = False
        """`SETTLED_AFTER` has passed, and the screen waits for its insights (`_settle`)."""

    def compose(self) -> ComposeResult:
        # The terminal's size is known: its classes go on before the widgets mount, so each
        # is styled once (a class added after they have, restyles every one).
        self.set_class(self.app.size.height < SHORT, "-short", update=False)
        narrow = self.app.size.width < NARROW  # the panes need the room more; F2 brings it back
        yield ReviewHeader(self.session, id="review-header")
        with Horizontal():
            yield Sidebar(self.session, id="sidebar", classes="-hidden" if narrow else "")
            with MeetingTabs(initial=FIRST_TAB, id="tabs"):
                for tab, title in TAB_TITLES.items():
                    with TabPane(title, id=tab):
                        if tab == FIRST_TAB:
                            yield from self._pane(tab)
        yield KeyFooter(kept=self.footer_keeps)
        yield KeyStrip(id="key-strip")

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles every widget of a screen as it comes on top (called before its
        own handler). The first time, each was styled as it mounted, just before: doing it
        all again cost the meeting screen about 15 ms on its way to the first frame."""
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")

    def on_mount(self) -> None:
        self.zone_shown = self.session.review.zone
        """The timezone the panes show times in: a change to the review's is followed."""
        self.query_one(ReviewHeader).show(self.session)
        # The strip of tab names takes no focus: Tab stopped there, where the words typed
        # next went nowhere. Tabs change with their keys, ctrl+pagedown/pageup, or a click.
        self.query_one("#tabs", TabbedContent).query_one(Tabs).can_focus = False
        self.set_focus(self.query_one(self._opening_focus()))
        self.set_timer(SETTLED_AFTER, self._settle)

    def _settle(self) -> None:
        """The screen has filled in once its insights are shown too: they are worked out in
        a thread, which a loaded machine runs late, and the screen kept without them was
        painted at the next launch with a gap where they go."""
        if self._insights_shown:
            self.app.settled(self)
        else:
            self._settling = True

    def _opening_focus(self) -> str:
        """A review with no events yet opens on the entry line, where a note-taker types the
        first one (on the table, `14:05 DB…` ran one-key commands). A review with events
        opens on its table: it is being read and edited more than added to."""
        return "#timeline-table" if self.session.review.timeline else "#timeline-entry"

    async def show_tab(self, tab: str, focus: bool = True) -> None:
        """Show a tab, built if need be, and put the focus on its first field or table.
        Keys typed meanwhile wait for it: with nothing focused, letters were lost and
        digits went to other tabs (`14:05 …` typed right after ctrl+pagedown)."""
        pane = self.query_one(f"#{tab}", TabPane)
        holding = focus and self.app.type_ahead.hold(switching=True)
        if focus:
            self.app.rebuilding += 1  # keys given back meanwhile wait for the focus to land
            # Hiding the focused widget hands the focus to a neighbour in the old pane,
            # and a pane whose widget takes the focus becomes the active tab again.
            self.set_focus(None)
        # Shown first, then built: widgets mounted into a hidden pane get a late Hide
        # event that blurs whatever of them has the focus by then.
        self.query_one("#tabs", TabbedContent).active = tab
        await self._build(pane)
        if focus:
            self.call_after_refresh(self._focus_first_field, pane, give_back=holding, landing=True)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab chosen any way: build it (the focus stays put, unless `_focus_follows`);
        the agenda follows.

        Textual also announces the tab already shown (at mount, after a dialog closes):
        only a real move to another tab moves the agenda. A tab passed over (two
        ctrl+pagedown in one read) is announced after the next was shown: acting on it took
        the focus away from the tab on show.
        """
        if event.pane.id != self.query_one("#tabs", TabbedContent).active:
            return
        await self._build(event.pane)
        if event.pane.id != self.shown_tab:
            self.shown_tab = event.pane.id
            self.agenda_follows_tab(event.pane.id)
            self._focus_follows(event.pane)

    def _focus_follows(self, pane: TabPane) -> None:
        """A tab clicked: the focus, still in the pane it hides, goes to the new pane's
        first field, as with the tab's key. The strip clicked takes no focus: left there,
        the hidden field handed the focus to a neighbour in its pane, which brought that
        pane back (the click changed no tab)."""
        focused = self.focused
        if focused is None or pane in focused.ancestors:
            return
        if any(isinstance(node, TabPane) for node in focused.ancestors):
            self.set_focus(None)
            self.call_after_refresh(self._focus_first_field, pane)

    async def _build(self, pane: TabPane) -> None:
        if not pane.children:
            await pane.mount(*self._pane(pane.id))

    def _pane(self, tab: str) -> list[Widget]:
        """A tab's pane, under its template's hint (Summary shows its own, by section)."""
        pane = PANES[tab](self.session)
        return [pane] if tab == "summary" else [TabHint(self.session, tab), pane]

    def focus_current_pane(self) -> None:
        pane = self.query_one(f"#{self.query_one('#tabs', TabbedContent).active}", TabPane)
        self._focus_first_field(pane)

    def _focus_first_field(
        self, pane: TabPane, tries: int = 5, give_back: bool = False, landing: bool = False
    ) -> None:
        """After the switch is drawn, focus the pane's first field or table (a pane built
        just now may need another refresh or two before it can take the focus); then
        `give_back` the keys held meanwhile. `landing`: `show_tab` counted this switch
        among the app's `rebuilding`, which keys given back wait for."""
        target = next(iter(pane.query("RecordTable, Input, TextArea")), None)
        if target is not None and self.query_one("#tabs", TabbedContent).active == pane.id:
            if not target.focusable and tries:
                self.call_after_refresh(
                    self._focus_first_field, pane, tries - 1, give_back, landing
                )
                return
            if target.focusable:
                self._land_on(target, pane)
        # Once the focus events are handled: one handled after the next tab was shown took
        # that tab away again.
        if landing or give_back:
            self.call_after_refresh(self._landed, landing, give_back)

    def _landed(self, landing: bool, give_back: bool) -> None:
        if landing:
            self.app.rebuilding -= 1
        if give_back:
            self.app.give_back_typed()

    def _land_on(self, target: Widget, pane: TabPane) -> None:
        self._arrival.focus(self, target, scroll_visible=False)
        for container in target.ancestors:  # the first field is at the top: show the top
            if container is pane:
                break
            if isinstance(container, ScrollableContainer):
                container.scroll_home(animate=False, immediate=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._arrival.landed(event)

    def schedule_insights(self) -> None:
        """Refresh the durations lines once edits pause (the checks read the whole review)."""
        if self._insights_timer is not None:
            self._insights_timer.stop()
        self._insights_timer = self.set_timer(HINT_DELAY, self.refresh_insights)

    def refresh_insights(self) -> None:
        self.insights_moment = self.app.clock()
        self._measure(self.app.phrasebook, today_of(self.session.review, self.insights_moment))

    @work(thread=True, exclusive=True, group="insights", exit_on_error=False)
    def _measure(self, book: Phrasebook, today: dt.date) -> None:
        """Off the UI thread: a 10,000-event timeline takes a tenth of a second to check.
        The analysis modules load here, the first time: after the first frame."""
        try:
            from pmtui.analysis.findings import review_findings
            from pmtui.analysis.phases import axis_of

            review = self.session.review
            line = durations_text(review, len(review_findings(review, today, book)))
            axis = axis_of(review)
        except Exception:  # a bug: the worker fails as before, and the screen settles anyway
            self.app.call_from_thread(self._insights_in)
            raise
        self.app.call_from_thread(self._show_insights, line, axis, review.zone)

    def _show_insights(self, line: Text, axis: Axis | None, zone: ZoneInfo) -> None:
        for widget in self.query(DurationsLine):
            widget.update(line)
        for strip in self.query(TimeAxis):
            strip.show(axis, zone)
        for hint in self.query(BlameHint):
            hint.show_hints()  # a hint dismissed from the checklist goes away
        self._insights_in()

    def _insights_in(self) -> None:
        """The insights are in (or failed): the screen settles if it waited for them."""
        self._insights_shown = True
        if self._settling:
            self._settling = False
            self.app.settled(self)

    async def rebuild(self) -> None:
        """Every pane anew, from a document that was replaced (reloaded, restored). The line
        being typed is not part of the document: it stays, and keeps the focus if it had it."""
        line = self.query_one(EntryLine)
        typed, typing = line.value, self.focused is line
        await self.recompose()
        self.on_mount()
        line = self.query_one(EntryLine)
        line.value, line.cursor_position = typed, len(typed)
        if typing:
            self.set_focus(line)

    async def show_document(self) -> None:
        """Every pane as the document is now (after an undo or a redo), the focus kept;
        each table's cursor on the row the change touched, if it touched one there."""
        self.refresh_all(to_touched=True)
        for form in self.query(LIVE_FORMS):
            await form.show_document()

    def on_document_changed(self) -> None:  # goes on to the app, which saves
        self.follow_zone()

    def follow_zone(self) -> None:
        """Times everywhere in the review's timezone, once it changes (typed in Summary,
        or an undo); dismissed checks that name a time name it in the new zone."""
        from pmtui.analysis.finding import keys_in_zone  # loaded by the first measure

        before, zone = self.zone_shown, self.session.review.zone
        if zone == before:
            return
        self.zone_shown = zone
        dismissed = self.session.review.dismissed
        dismissed[:] = keys_in_zone(dismissed, before, zone)
        for pane in self.query(TimelinePane):
            pane.follow_zone()
        for form in self.query(LIVE_FORMS):
            form.follow_zone(before)

    def refresh_all(self, *, to_touched: bool = False) -> None:
        self.follow_zone()
        for table in self.query(RecordTable):
            table.refresh_rows(table.touched_record() if to_touched else None)
        pseudonyms = pseudonyms_shown(self.app)
        for form in self.query(LIVE_FORMS):
            form.anonymise(pseudonyms)
        for hint in self.query(BlameHint):
            hint.show_hints()
        self.query_one(ReviewHeader).show(self.session)
