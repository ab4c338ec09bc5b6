"""The start screen (`pmtui` alone): a new review, recent ones, samples, every review here."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from pmtui import templates
from pmtui.document.printable import one_line
from pmtui.document.today import Day
from pmtui.files import catalog, locations, store
from pmtui.files.session import ReviewSession
from pmtui.training import samples
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.forms.fields import FieldSpec, FormContext
from pmtui.tui.forms.literal import line, literal
from pmtui.tui.keys import KEYS, bindings, key_of, keys_of, palette
from pmtui.tui.widgets.footer import KeyFooter
from pmtui.tui.widgets.review_finder import ReviewFinder

if TYPE_CHECKING:
    from pmtui.analysis.followups import FollowUps


SHORT = 30
"""Below this many rows the start screen is compact (`on_resize`)."""


class StartScreen(Screen):
    BINDINGS: ClassVar = [*bindings("start"), Binding("ctrl+q", "app.quit", "Quit")]
    help_scopes = ("start",)
    """F1 lists this screen's keys first."""
    DEFAULT_CSS = """
    StartScreen { align: center top; padding: 1 4; }
    StartScreen #start-title { text-style: bold; color: $accent; margin-bottom: 1; }
    StartScreen OptionList { height: auto; max-height: 45%; border: tall $primary; }
    StartScreen #start-overdue { color: $warning; text-style: bold; }
    StartScreen #start-overdue.-none { display: none; }
    StartScreen.-short { padding: 0 1; }
    StartScreen.-short #start-title { margin-bottom: 0; }
    StartScreen.-short OptionList { max-height: 30%; }
    StartScreen.-short ReviewFinder #finder-title { margin-top: 0; }
    """

    def commands(self) -> Iterator[SystemCommand]:
        """This screen's keys, as palette commands."""
        yield from palette(KEYS["start"], self.run_action)

    def __init__(self, folder: Path, recent: list[Path]) -> None:
        super().__init__()
        self.folder = folder
        self.recent = recent
        self.targets: dict[str, tuple[str, Any]] = {}
        self.followups: FollowUps | None = None
        """The open actions of the reviews listed here, once read (see `read_followups`)."""

    def compose(self) -> ComposeResult:
        yield Static(literal(f"pmtui · post-incident reviews · {self.folder}"), id="start-title")
        yield Static(Text(""), id="start-overdue", classes="-none")
        yield OptionList(*self._options(), id="start-list")
        yield ReviewFinder(self.folder, id="finder")
        yield KeyFooter()

    def on_resize(self, event: events.Resize) -> None:
        """A short terminal gets the compact screen: at 80x24 the margins, the borders and
        the list above left the reviews' table one row."""
        short = event.size.height < SHORT
        self.set_class(short, "-short")
        for widget in self.query("OptionList, FinderFilter"):
            widget.compact = short

    def on_mount(self) -> None:
        moment = self.app.clock()  # overdue as of the day in each review's zone, as it opens
        self.read_followups(self._recent_elsewhere(), lambda zone: moment.astimezone(zone).date())

    def _recent_elsewhere(self) -> list[Path]:
        """The recent reviews outside this folder (the finder lists those inside it); one
        that cannot be looked at (gone, a name too long, a folder now closed) is left out."""
        folder = self.folder.resolve()
        return [p for p in self.recent if _is_file_elsewhere(p, folder)]

    @work(thread=True, exclusive=True, group="followups")
    def read_followups(self, recent: list[Path], today: Day) -> None:
        """The open actions of every review listed here, read in a thread (given up when the
        screen goes or the app quits), then counted on the screen."""
        from pmtui.analysis import followups

        worker = get_current_worker()
        paths = [*catalog.toml_files(self.folder), *recent]
        stop = lambda: worker.is_cancelled  # noqa: E731
        found = followups.collect(paths, self.folder, today, workers=1, stop=stop)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_followups, found)

    def show_followups(self, found: FollowUps) -> None:
        self.followups = found
        overdue = sum(row.overdue for row in found.rows)
        shown = self.query_one("#start-overdue", Static)
        shown.set_class(not overdue, "-none")
        noun = "action" if overdue == 1 else "actions"
        key = key_of("followups", "start")
        shown.update(
            Text(f"{overdue} overdue {noun} · {key} lists the open ones" if overdue else "")
        )

    def action_followups(self) -> None:
        if self.followups is None:
            self.notify(
                "Still reading the reviews here: their actions come in a moment", markup=False
            )
            return
        from pmtui.tui.dialogs.followups import FollowUpsDialog

        def opened(path: Path | None) -> None:
            if path is not None:
                self.app.open_review(path)

        self.app.push_screen(FollowUpsDialog(self.followups.rows, self.folder), opened)

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [self._option("new", None, Text("＋ New review…"))]
        recent = self._recent_elsewhere()
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
                label = _label(kind, target, entry, self.folder)
                options.append(self._option(kind, target, label))
        return options

    def _option(self, kind: str, target: Any, label: Text) -> Option:
        option_id = f"option-{len(self.targets)}"
        self.targets[option_id] = (kind, target)
        return Option(label, id=option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        kind, target = self.targets[option.id]
        if kind == "new":
            self.action_new()
        elif kind == "sample":
            self.open_sample(target)
        else:
            self.app.open_review(target)

    def open_sample(self, name: str) -> None:
        try:
            copy, made = samples.copy_sample(name, self.app.folder)
        except store.ReviewFileError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(
            f"{'Copied' if made else 'Opening your copy of'} the sample: {copy.name}", markup=False
        )
        self.app.open_review(copy)

    def on_key(self, event: events.Key) -> None:
        """Type to filter: a printable key goes to the finder's filter wherever the focus is.

        An Input takes its own printable keys and a dialog is a screen of its own, so neither
        sends them here. `/` keeps its binding (Find). The focus is not asked: keys typed
        quickly may still be on their way from the list after the first moved it. Keys
        still on their way when a key before them opened the new review's form (ctrl+n,
        Enter on its row) are the form's: its title typed fast (`typed_after_opening`).
        """
        if self.app.typed_after_opening(self, event) or self._acted_on_now(event):
            return
        if event.is_printable and event.character and event.key != "slash":
            event.stop()
            event.prevent_default()
            self.query_one(ReviewFinder).type_into_filter(event.character)

    def _acted_on_now(self, event: events.Key) -> bool:
        """ctrl+n, and Enter on the list, act here, in the order typed. Left to Textual,
        they act once the key has bubbled up to the app, and the keys typed after them have
        gone into the filter by then (`on_key`). True when acted on."""
        choices = self.query_one("#start-list", OptionList)
        if event.key in keys_of("new", "start"):
            self.action_new()
        elif event.key == "enter" and self.focused is choices and choices.highlighted is not None:
            self._choose(choices.get_option_at_index(choices.highlighted))
        else:
            return False
        event.stop()
        event.prevent_default()
        return True

    def action_find(self) -> None:
        self.set_focus(self.query_one("#finder-filter"))

    def action_new(self) -> None:
        """The new review's form: its title first, as what is typed right after ctrl+n is
        (the file name is offered, `review-DATE.toml` or the first free `review-DATE-N.toml`,
        and changed after a Tab)."""
        today = self.app.clock().date()
        titles = self._template_titles()
        fields = (
            FieldSpec("title", "Title"),
            FieldSpec("file", "File name", offer=True),
            FieldSpec("severity", "Severity"),
            FieldSpec("template", "Template", "choice", list(titles), False, labels=lambda: titles),
        )
        values = {"file": _free_name(self.folder, today), "template": "default"}

        def apply(values: dict[str, Any]) -> None:
            path = self.folder / values["file"].strip()
            if path.suffix.lower() != ".toml":
                raise ValueError("File name: end it with .toml")
            try:  # one of the person's own may not read
                template = templates.load_template(values["template"])
            except templates.TemplateError as error:
                raise ValueError(f"Template: {error}") from None
            review = templates.new_review(
                template, title=values["title"], severity=values["severity"], today=today
            )
            session = ReviewSession(review, None)
            try:  # written now, never over a file there: the person asked for this one
                session.save_as(path)
            except store.ReviewFileError as error:
                raise ValueError(f"File name: {error}") from None
            self.app.call_later(self.app.open_session, session)

        now = self.app.clock()
        self.app.push_screen(
            FormDialog("New review", fields, values, FormContext(dt.UTC, now), apply)
        )

    def _template_titles(self) -> dict[str, str]:
        """The built-in templates, then the person's own, as `pmtui templates` lists them,
        each with its title: a bare name (`p0p1`, `pir`) said nothing to a newcomer. One that
        does not read has none (choosing it says why). A templates folder that cannot be read
        is said in one line, and the built-ins offered."""
        try:
            mine = list(templates.user_templates())
        except templates.TemplateError as error:
            self.app.report_once(str(error), severity="warning")
            mine = []
        titles = {}
        for name in [*templates.builtin_names(), *mine]:
            try:
                titles[name] = templates.load_template(name).title
            except templates.TemplateError:
                titles[name] = ""
        return titles


def _free_name(folder: Path, today: dt.date) -> str:
    """A file name for a new review made `today` that no file in `folder` has: the second
    review of a day was offered the first one's name, and Enter said it already exists."""
    suffixes = itertools.chain([""], (f"-{n}" for n in itertools.count(2)))
    names = (f"review-{today.isoformat()}{suffix}.toml" for suffix in suffixes)
    return next(name for name in names if not _taken(folder / name))


def _taken(path: Path) -> bool:
    """Is there a file at `path`? Not where it cannot be told (a folder that cannot be
    searched): the name is offered, and saving there says why."""
    try:
        return store.exists(path)
    except store.ReviewFileError:
        return False


def _label(kind: str, target: Any, entry: catalog.Entry | None, folder: Path) -> Text:
    """A row's words: a review file (`entry`, its catalog entry), or a sample (its copy in
    `folder`: one made before, maybe edited since, is what opens)."""
    if kind == "sample":
        return literal(f"{target}  ({_what_opens(samples.copy_of(target, folder))})")
    label = line(f"{target.name}  ", style="bold")
    if entry.problem:
        label.append(one_line(f"cannot read: {entry.problem}"), style="red")
    else:
        label.append(one_line(entry.label))
    if kind == "recent":
        label.append(one_line(f"  in {target.parent}"))
    return label


def _what_opens(copy: Path) -> str:
    """What a sample's row opens: the copy made before, or a new one (also when the folder
    cannot be looked in: choosing the row then says why)."""
    try:
        made = store.exists(copy)
    except store.ReviewFileError:
        made = False
    return f"opens your copy, {copy.name}" if made else "opens a copy here"


def _is_file_elsewhere(path: Path, folder: Path) -> bool:
    try:
        return path.is_file() and not path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, on Python 3.11
        return False
