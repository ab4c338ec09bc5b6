"""Every review under a folder, newest first, narrowed as you type; Enter opens one.

The folder is scanned in a worker thread, so the start screen shows at once even over
thousands of files. At most `SHOWN` rows are drawn (a table measures every row it holds):
typing narrows the list to the review you want.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from pmtui.files import catalog
from pmtui.tui.forms.literal import in_cells, line, literal

SHOWN = 500
COLUMNS = ("Date", "ID", "Title", "Severity", "Status", "Open", "File")
TITLE = COLUMNS.index("Title")
TITLE_LEAST = 20
"""A title keeps at least this many characters, however long the file names."""


class FinderFilter(Input):
    BINDINGS: ClassVar = [Binding("down", "to_table", "Results", show=False)]

    def action_to_table(self) -> None:
        self.screen.set_focus(self.parent.query_one(DataTable))


class ReviewFinder(Vertical):
    DEFAULT_CSS = """
    ReviewFinder { height: 1fr; }
    ReviewFinder #finder-title { text-style: bold; margin-top: 1; }
    ReviewFinder #finder-count { color: $text-muted; }
    ReviewFinder DataTable { height: 1fr; }
    """

    def __init__(self, folder: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.folder = folder
        self.entries: list[catalog.Entry] = []
        self.shown: list[catalog.Entry] = []

    def compose(self) -> ComposeResult:
        yield Static(literal(f"Reviews under {self.folder}"), id="finder-title")
        yield FinderFilter(
            placeholder="type to filter: words of the title, ID or file name, severity, status, "
            "owner, #tag",
            id="finder-filter",
            select_on_focus=False,
        )
        yield DataTable(cursor_type="row", zebra_stripes=True, id="finder-table")
        yield Static(Text("Looking for reviews…"), id="finder-count")

    def on_mount(self) -> None:
        self.scan()

    @work(thread=True, exclusive=True, group="finder")
    def scan(self) -> None:
        """Cancelled when the screen goes or the app quits, so quitting never waits on it."""
        worker = get_current_worker()
        entries = catalog.reviews_under(self.folder, stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_entries, entries)

    def show_entries(self, entries: list[catalog.Entry]) -> None:
        self.entries = entries
        self.refilter()

    def type_into_filter(self, text: str) -> None:
        """Text typed elsewhere (the results, the start list) goes on narrowing the results."""
        search = self.query_one(FinderFilter)
        search.insert_text_at_cursor(text)
        self.screen.set_focus(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.open(self.query_one(DataTable).cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open(event.cursor_row)

    def refilter(self) -> None:
        query = self.query_one(FinderFilter).value
        matching = [entry for entry in self.entries if entry.matches(query)]
        self.shown = matching[:SHOWN]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        rows = [_cells(entry, self.folder) for entry in self.shown]
        title_room, file_room = self._room(rows)
        shown_rows = []
        for cells in rows:
            *first, title, severity, status, count, file = cells
            cut = in_cells(file, file_room, keep_end=True)
            shown_rows.append(
                (
                    *map(line, first),
                    line(title, title_room),
                    *map(line, [severity, status, count, cut]),
                )
            )
        # Widths given, not measured by the table: it measures new rows only once it is idle,
        # and a scan that came in as the screen was laid out left every column as narrow as
        # its heading ("202…", "[bol…") over an empty width.
        for n, heading in enumerate(COLUMNS):
            width = max([len(heading), *(row[n].cell_len for row in shown_rows)])
            table.add_column(heading, width=width)
        table.add_rows(shown_rows)
        self.query_one("#finder-count", Static).update(
            Text(_count(len(self.shown), matching, self.entries))
        )

    def _room(self, rows: list[tuple[str, ...]]) -> tuple[int, int]:
        """The cells a title and a file name may take of the table's width, the other
        columns as wide as their widest cell: the file name, which tells copies of one
        review apart, stays on screen, cut at its start if it must be; a title keeps at
        least `TITLE_LEAST`."""
        widths = [
            max([len(COLUMNS[n]), *(cell_len(cells[n]) for cells in rows)])
            for n in range(len(COLUMNS))
        ]
        title, file = widths[TITLE], widths[-1]
        others = sum(widths) - title - file + 2 * len(COLUMNS)  # each cell's padding
        table = self.query_one(DataTable)
        room = (table.scrollable_content_region.width or self.app.size.width) - others
        title_room = min(title, max(TITLE_LEAST, room - file))
        return title_room, max(len(COLUMNS[-1]), room - title_room)

    def on_resize(self) -> None:
        if self.entries:
            self.refilter()

    def open(self, row: int) -> None:
        if 0 <= row < len(self.shown):
            self.app.open_review(self.shown[row].path)


def _cells(entry: catalog.Entry, folder: Path) -> tuple[str, ...]:
    title = entry.problem_cell if entry.problem else entry.title
    return (
        entry.date.isoformat() if entry.date else "",
        entry.id,
        " ".join(title.split()),
        entry.severity,
        entry.status,
        "" if entry.problem else str(entry.open_actions),
        entry.as_json(folder)["path"],
    )


def _count(shown: int, matching: list, everything: list) -> str:
    if not everything:
        return "No reviews here yet."
    if shown < len(matching):
        return f"{shown} of {len(matching)} shown · type to narrow · Enter opens"
    return f"{len(matching)} of {len(everything)} reviews · Enter opens"
