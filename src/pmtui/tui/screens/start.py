"""The start screen (`pmtui` alone): a new review, recent ones, samples, every review here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui import templates
from pmtui.document.printable import one_line
from pmtui.files import catalog, locations, store
from pmtui.files.session import ReviewSession
from pmtui.tui.forms.dialog import FieldSpec, FormContext, FormDialog
from pmtui.tui.forms.literal import line, literal
from pmtui.tui.keys import bindings
from pmtui.tui.widgets.footer import KeyFooter
from pmtui.tui.widgets.review_finder import ReviewFinder


class StartScreen(Screen):
    BINDINGS: ClassVar = [*bindings("start"), Binding("ctrl+q", "app.quit", "Quit")]
    DEFAULT_CSS = """
    StartScreen { align: center top; padding: 1 4; }
    StartScreen #start-title { text-style: bold; color: $accent; margin-bottom: 1; }
    StartScreen OptionList { height: auto; max-height: 45%; border: tall $primary; }
    """

    def __init__(self, folder: Path, recent: list[Path]) -> None:
        super().__init__()
        self.folder = folder
        self.recent = recent
        self.targets: dict[str, tuple[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Static(literal(f"pmtui · post-incident reviews · {self.folder}"), id="start-title")
        yield OptionList(*self._options(), id="start-list")
        yield ReviewFinder(self.folder, id="finder")
        yield KeyFooter()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [self._option("new", None, Text("＋ New review…"))]
        folder = self.folder.resolve()
        recent = [p for p in self.recent if p.is_file() and not p.resolve().is_relative_to(folder)]
        sections = (  # the reviews under this folder are in the finder below
            ("Recent", [("recent", p, catalog.describe(p)) for p in recent]),
            ("Samples", [("sample", name, None) for name in locations.samples()]),
        )
        for title, rows in sections:
            rows = [row for row in rows if row[0] == "sample" or row[2] is not None]
            if not rows:
                continue
            options.append(None)
            options.append(Option(Text(title, style="bold"), disabled=True))
            for kind, target, entry in rows:
                options.append(self._option(kind, target, _label(kind, target, entry)))
        return options

    def _option(self, kind: str, target: Any, label: Text) -> Option:
        option_id = f"option-{len(self.targets)}"
        self.targets[option_id] = (kind, target)
        return Option(label, id=option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, target = self.targets[event.option.id]
        if kind == "new":
            self.action_new()
        elif kind == "sample":
            self.open_sample(target)
        else:
            self.app.open_review(target)

    def open_sample(self, name: str) -> None:
        from pmtui.training import samples

        copy, made = samples.copy_sample(name, self.app.folder)
        self.notify(
            f"{'Copied' if made else 'Opening your copy of'} the sample: {copy.name}", markup=False
        )
        self.app.open_review(copy)

    def on_key(self, event: events.Key) -> None:
        """Type to filter: a printable key goes to the finder's filter wherever the focus is.

        An Input takes its own printable keys and a dialog is a screen of its own, so neither
        sends them here. `/` keeps its binding (Find). The focus is not asked: keys typed
        quickly may still be on their way from the list after the first moved it.
        """
        if event.is_printable and event.character and event.key != "slash":
            event.stop()
            event.prevent_default()
            self.query_one(ReviewFinder).type_into_filter(event.character)

    def action_find(self) -> None:
        self.set_focus(self.query_one("#finder-filter"))

    def action_new(self) -> None:
        today = self.app.clock().date()
        fields = (
            FieldSpec("file", "File name"),
            FieldSpec("title", "Title"),
            FieldSpec("severity", "Severity"),
            FieldSpec("template", "Template", "choice", templates.builtin_names(), False),
        )
        values = {"file": f"review-{today.isoformat()}.toml", "template": "default"}

        def apply(values: dict[str, Any]) -> None:
            path = self.folder / values["file"].strip()
            if path.suffix != ".toml":
                raise ValueError("File name: end it with .toml")
            if path.exists():
                raise ValueError(f"File name: {path.name} already exists")
            template = templates.load_template(values["template"])
            review = templates.new_review(
                template, title=values["title"], severity=values["severity"], today=today
            )
            session = ReviewSession(review, path)
            try:  # written now: the person asked for this file
                session.save_now()
            except store.ReviewFileError as error:
                raise ValueError(f"File name: {error}") from None
            self.app.call_later(self.app.open_session, session)

        now = self.app.clock()
        self.app.push_screen(
            FormDialog("New review", fields, values, FormContext(dt.UTC, now), apply)
        )


def _label(kind: str, target: Any, entry: catalog.Entry | None) -> Text:
    if kind == "sample":
        return literal(f"{target}  (opens a copy here)")
    label = line(f"{target.name}  ", style="bold")
    if entry.problem:
        label.append(one_line(f"cannot read: {entry.problem}"), style="red")
    else:
        label.append(one_line(entry.label))
    if kind == "recent":
        label.append(one_line(f"  in {target.parent}"))
    return label
