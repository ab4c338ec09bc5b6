"""The open actions of the reviews on the start screen, overdue first (read-only).

The line under the table shows the highlighted action whole (its title is cut in a narrow
terminal). Enter on a row opens its review: the dialog dismisses with that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from pmtui.analysis import followups
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.forms.literal import line, literal

COLUMNS = ("Owner", "Due", "Overdue", "ID", "Action", "Review")
"""The action before its review: at 80 columns the review is the one to scroll to (the
line under the table shows both in full)."""
REVIEW_WIDTH = 24
"""At most this many cells of the review file's name: the action's title needs the room."""
SHOWN = 500
"""At most this many rows, the most overdue (a table measures every row it holds)."""


class FollowUpsDialog(Dialog[Path | None]):
    DEFAULT_CSS = """
    FollowUpsDialog > .box { width: 120; max-height: 90%; }
    FollowUpsDialog DataTable { height: auto; max-height: 50vh; }
    FollowUpsDialog #followups-row { margin-top: 1; }
    """

    def __init__(self, rows: Sequence[followups.FollowUp], folder: Path) -> None:
        super().__init__()
        self.every = list(rows)
        self.rows = self.every[:SHOWN]
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="box -warning" if self.overdue else "box") as box:
            box.border_title = self.title_text()
            if self.rows:
                yield DataTable(cursor_type="row", zebra_stripes=True, id="followups-table")
                yield Static(Text(""), id="followups-row")
            else:
                yield Static(Text("No open actions in these reviews."), id="followups-none")
            keys = "↑↓ choose · Enter opens its review · Esc closes"
            if len(self.rows) < len(self.every):
                keys = f"The first {len(self.rows)} (pmtui actions lists all) · {keys}"
            yield Static(Text(keys if self.rows else "Esc closes"), classes="keys")

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.every)

    def title_text(self) -> str:
        count = len(self.every)
        title = f"{count} open action{'s' if count != 1 else ''}"
        return f"{title}, {self.overdue} overdue" if self.overdue else title

    def on_mount(self) -> None:
        if not self.rows:
            return
        table = self.query_one(DataTable)
        review_width = min(REVIEW_WIDTH, max(cell_len(row.review) for row in self.rows))
        for title in COLUMNS:
            table.add_column(title, width=review_width if title == "Review" else None)
        for row in self.rows:
            owner, due, late, action_id, title, review = followups.cells(row)
            table.add_row(*(line(cell) for cell in (owner, due, late, action_id, title, review)))
        self.set_focus(table)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.rows[event.cursor_row]
        whole = literal(f"{row.id} · {row.title}")
        whole.append(literal(f"\n{row.review}", style="dim"))  # a file's name can hold ESC
        self.query_one("#followups-row", Static).update(whole)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.folder / self.rows[event.cursor_row].review)
