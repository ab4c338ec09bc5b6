"""The meeting screen with a replay bar: a scenario plays, and its lines fill the review."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.widget import Widget
from textual.widgets import Footer, TabbedContent, TabPane

from pmtui.files.session import ReviewSession
from pmtui.training.player import Player
from pmtui.training.scenario import Effect, EffectKind
from pmtui.tui.dialogs.scenes import RESTART, ScenesDialog
from pmtui.tui.keys import KEYS, bindings, key_of, palette
from pmtui.tui.messages import DocumentChanged
from pmtui.tui.screens.meeting import LIVE_FORMS, MeetingScreen
from pmtui.tui.tables.records import RecordTable
from pmtui.tui.widgets.replay_bar import ReplayBar
from pmtui.tui.widgets.sidebar import PeopleTable

if TYPE_CHECKING:
    from pmtui.document.model import Review

TAB_OF = {
    EffectKind.EVENT: "timeline",
    EffectKind.FINDING: "summary",
    EffectKind.ANSWER: "summary",
    EffectKind.FACTOR: "wrapup",
    EffectKind.ACTION: "actions",
    EffectKind.LESSON: "wrapup",
    EffectKind.DECISION: "wrapup",
}
"""Where each kind of effect shows, so the room sees the review fill up."""

LIVE_TEXT = {EffectKind.FINDING, EffectKind.ANSWER}
"""Effects on text the Summary tab's fields hold: that tab is rebuilt to show them."""


def written_into(effect: Effect, review: Review) -> tuple[object | None, str]:
    """The part of `review` a finding or an answer writes into, and the name of its field
    (no part: the answer's question is gone, taken back with the line that asked it)."""
    fields = effect.fields
    if effect.add is EffectKind.FINDING:
        return review.incident, fields["field"]
    return next((q for q in review.questions if q.prompt == fields["prompt"]), None), "answer"


class ReplayScreen(MeetingScreen):
    """The meeting screen with the replay bar; the bar's keys step the replay, and the
    screen shows what each step did to the review."""

    BINDINGS: ClassVar = bindings("replaying")
    help_scopes = ("replay", "replaying", "scenes")
    """F1 lists the replay's keys first."""
    digits_are_tabs = True
    """Paused, the focus is on the tab's table, often the timeline's: a digit there is a
    key of the replay's (its tab), never the start of an event ("2" then "5" for the
    Actions tab was saved as an event "25")."""

    def __init__(
        self,
        session: ReviewSession,
        player: Player,
        chars_per_second: float = 40.0,
        start_scene: int | None = None,
    ) -> None:
        super().__init__(session)
        # The bar takes the keys as the screen comes up (`_opening_focus`): the class its
        # focus gives the screen is there from the start, not a restyle of every widget on
        # the way to the first frame.
        self.add_class("-replaying", update=False)
        self.player = player
        self.chars_per_second = chars_per_second
        self.start_scene = start_scene
        self.sidebar_lent = False
        """The participants, hidden on a narrow screen, are shown for a pause."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, Footer):  # the bar sits just above the footer
                yield ReplayBar(self.player, self.chars_per_second, id="replay-bar")
                widget.compact = True
            yield widget

    def _opening_focus(self) -> str:
        """The bar has the keys from the start: keys typed while the replay loaded go to it."""
        return "#replay-bar"

    def on_mount(self) -> None:
        if self.start_scene is not None:  # once the bar is up (after the screen's mount)
            self.call_after_refresh(self._jump_to_start)

    def _jump_to_start(self) -> None:
        moved = self.player.jump_to_scene(self.start_scene)
        self.bar.stepped(moved, f"jumped to scene {self.start_scene + 1}")

    @property
    def bar(self) -> ReplayBar:
        return self.query_one(ReplayBar)

    def action_focus_replay(self) -> None:
        self.set_focus(self.bar)

    def commands(self) -> Iterator[SystemCommand]:
        """The review's palette commands, and the replay's (not the nine answer keys: a
        quiz says them)."""
        yield from super().commands()
        replay = [key for key in KEYS["replay"] if not key.action.startswith("choose(")]
        yield from palette([*replay, KEYS["replaying"][0]], self.run_replay_action, "Replay")

    async def run_replay_action(self, action: str) -> None:
        """A replay key from the command palette (the bar stays for the whole replay)."""
        if action == "focus_replay":
            return self.action_focus_replay()
        await self.bar.run_action(action)

    async def on_replay_bar_stepped(self, event: ReplayBar.Stepped) -> None:
        self.query_one(PeopleTable).light(self.player.speaker)
        if event.effects:
            await self._show_effects(event.effects, event.what)

    async def _show_effects(self, effects: list[Effect], what: str) -> None:
        kinds = {effect.add for effect in effects}
        if kinds & LIVE_TEXT:
            summary = self.query_one("#summary", TabPane)
            await summary.remove_children()
        self.session.moved_on(what)  # backspace takes a line back, not ctrl+z
        self.refresh_all()
        self.post_message(DocumentChanged())
        last = effects[-1]
        await self.show_tab(TAB_OF[last.add], focus=False)
        if last.add in LIVE_TEXT:
            if (label := self._label_of_field(last)) is not None:
                self.call_after_refresh(self._scroll_to_top, label)
        elif (table := self._cursor_on_added(last)) is not None:
            self.call_after_refresh(self._scroll_to_top, self._title_of(table))

    def _label_of_field(self, effect: Effect) -> Widget | None:
        """The name above the Summary field `effect` wrote into."""
        review = self.session.review
        part, name = written_into(effect, review)
        if part is None:
            return None
        for form in self.query_one("#summary", TabPane).query(LIVE_FORMS):
            for widget_id, field in form.fields.items():
                if field.target(review) is part and field.spec.name == name:
                    widget = form.query_one(f"#{widget_id}")
                    return form.children[form.children.index(widget) - 1]
        return None

    def _cursor_on_added(self, effect: Effect) -> RecordTable | None:
        """Put the cursor of the table showing the list `effect` adds to on the item it
        added (taken out: the cursor stays); that table (None: the effect adds to a text
        field)."""
        held = effect.held_in(self.session.review)
        if held is None:
            return None
        items, item = held
        tab = self.query_one(f"#{TAB_OF[effect.add]}", TabPane)
        table = next((table for table in tab.query(RecordTable) if table.records is items), None)
        if table is not None and item is not None:
            table.refresh_rows(select=item)
        return table

    @staticmethod
    def _title_of(table: RecordTable) -> Widget:
        """What is above a table on its tab (a Wrap-up table's title), else the table."""
        siblings = table.parent.children
        at = siblings.index(table)
        return siblings[at - 1] if at else table

    def _scroll_to_top(self, label: Widget, tries: int = 3) -> None:
        """Scroll a Summary field or a Wrap-up table to the top of the tab, its name first,
        the focus left on the bar: the tab showed its top, and a line adding to "Moving
        forward" or a decision far below changed nothing the room could see (a table
        scrolls its own rows to its cursor, on the row added). The tab was built anew: its
        text fields and tables take their height over a refresh or two, moving the field
        down, so it scrolls again."""
        label.scroll_visible(top=True, animate=False, immediate=True)
        if tries:
            self.call_after_refresh(self._scroll_to_top, label, tries - 1)

    async def action_undo(self) -> None:
        """Undo stops at the replay's last step: the replay takes its own steps back."""
        back = key_of("back", "replay")
        nothing = f"Nothing to undo since the replay's last line ({back} on the replay goes back)"
        await self._through_history(self.session.undo, "Undone", nothing)

    def on_replay_bar_answered(self) -> None:
        self.session.moved_on("a quiz answer")
        self.post_message(DocumentChanged())

    def on_replay_bar_paused(self) -> None:
        """The replay waits; the focus goes to the tab on show, to edit it: to its table, or
        to the participants beside a tab of text fields alone (Summary; Tab goes on into
        them). A key still meant for the replay never types into a field unseen: in the
        incident ID, the `5` of "tab 5" made `DOJO-PIP-15`, and the autosave kept it.
        Participants hidden (a narrow screen) show for the pause: focused unseen, space
        marked Chun present and `a` opened a participant's form out of nowhere."""
        tabs = self.query_one("#tabs", TabbedContent)
        tables = self.query_one(f"#{tabs.active}", TabPane).query(RecordTable)
        if tables:
            self.set_focus(tables.first())
            return
        sidebar = self.query_one("#sidebar")
        self.sidebar_lent = sidebar.has_class("-hidden")
        sidebar.remove_class("-hidden")
        self.set_focus(self.query_one(PeopleTable))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Back to the replay, participants shown for a pause are hidden again."""
        super().on_descendant_focus(event)
        if event.widget is self.bar and self.sidebar_lent:
            self.sidebar_lent = False
            self.query_one("#sidebar").add_class("-hidden")

    def on_replay_bar_pace_changed(self, event: ReplayBar.PaceChanged) -> None:
        self.app.remember_pace(event.speed)

    def on_replay_bar_scenes_wanted(self) -> None:
        self.app.push_screen(ScenesDialog(self.player), self._go_to_scene)

    def _go_to_scene(self, scene: int | None) -> None:
        if scene is None:
            return
        if scene == RESTART:
            self.bar.stepped(self.player.restart(), "restarted the replay")
        else:
            self.bar.stepped(self.player.jump_to_scene(scene), f"jumped to scene {scene + 1}")
        self.action_focus_replay()
