"""ctrl+e: the review as Markdown, to read, write beside the review, or copy."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from pmtui import templates
from pmtui.document.model import Review
from pmtui.export import markdown, sections
from pmtui.files import export_target, store
from pmtui.tui.clipboard import copy_text
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.dialogs.section import SectionDialog, title
from pmtui.tui.forms.literal import literal
from pmtui.tui.keys import bindings
from pmtui.tui.widgets.footer import KeyFooter


def markdown_beside(review: Path) -> Path:
    """`review.toml` → `review.md`; a review whose own name ends in .md (any name opens)
    gets `notes.md.md`, never its own name."""
    target = review.with_suffix(".md")
    return target if target.name != review.name else review.with_name(f"{review.name}.md")


class ExportDialog(Dialog[None], inherit_bindings=False):
    """A read-only preview of exactly what `w` writes and `c` copies.

    Its footer lists its keys in the order of the "export" keys, escape last: inherited,
    escape would keep the first place it has in Dialog's keys."""

    BINDINGS: ClassVar = [*Screen.BINDINGS, *bindings("export")]
    DEFAULT_CSS = """
    ExportDialog > .box { width: 100; height: 90%; padding: 0; }
    ExportDialog #export-target { height: 1; padding: 0 1; background: $panel; }
    ExportDialog #export-preview { padding: 0 1; }
    """

    def __init__(self, review: Review, review_path: Path | None) -> None:
        super().__init__()
        self.review = review
        self.text: str | None = None
        """The Markdown, once rendered (a 10,000-event review takes half a second)."""
        self.problem = ""
        self.review_path = review_path
        self.target = markdown_beside(review_path or Path("review.toml"))
        self._replace_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="box"):
            yield Static(literal(f"Markdown for {self.target.name}"), id="export-target")
            with VerticalScroll(id="export-scroll"):
                yield Static("Rendering the Markdown …", id="export-preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#export-scroll"))
        self._render_markdown()

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def _render_markdown(self) -> None:
        """Off the UI thread. The dialog is modal: the review stays as it is meanwhile (but
        for ctrl+q, which may add the entry line's text as it quits)."""
        text, problem = markdown.render_for_preview(self.review)
        self.app.call_from_thread(self._rendered, text, problem)

    def _rendered(self, text: str, problem: str) -> None:
        self.text, self.problem = text, problem
        self.query_one("#export-preview", Static).update(Text(text))
        self.refresh_bindings()
        if problem:
            self.notify(f"Default layout: {problem}", severity="warning", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A render that failed is said in one line; `s` can be tried again."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        self.notify(f"Not rendered: {error}", severity="error", timeout=15, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Writing and copying wait for the Markdown (shown dimmed until it is there)."""
        if action in ("write", "copy", "copy_section") and self.text is None:
            return None
        return True

    def action_write(self) -> None:
        """Write `<review>.md`; an existing file is replaced only on a second `w`, and
        never when it is the review itself (a link to it, say)."""
        try:
            export_target.check(
                self.target, self.review_path, replace=self._replace_armed, instead=self._instead()
            )
            store.write_atomically(self.target, self.text)
        except export_target.AlreadyThere:
            self._replace_armed = True
            self.notify(f"{self.target.name} exists: press w again to replace it", markup=False)
            return
        except store.ReviewFileError as error:
            self.notify(f"Not written: {error}", severity="error", timeout=15, markup=False)
            return
        self.notify(f"Wrote {self.target.name}", markup=False)
        self.dismiss()

    def _instead(self) -> str:
        """What to do when `w` may not write: it writes one name only, so copy the
        Markdown, or write it elsewhere from the command line (anonymised if it is)."""
        review = shlex.quote(str(self.review_path or "REVIEW.toml"))
        anonymise = " --anonymise" if self.app.anonymise else ""
        return (
            "press c to copy it instead, or write it elsewhere from the command line: "
            f"pmtui export {review}{anonymise} -o OTHER.md"
        )

    def action_copy_section(self) -> None:
        """Copy one section (the external email, the action list, …) on its own; the
        sections are rendered off the UI thread, then offered (a second `s` meanwhile
        does not offer them twice)."""
        coming = (w for w in self.workers if w.group == "export-sections" and w.is_running)
        if not any(coming):
            self._render_sections()

    @work(thread=True, group="export-sections", exit_on_error=False)
    def _render_sections(self) -> None:
        template = templates.load_template("default") if self.problem else None
        template = template or markdown.template_for(self.review)
        shown = {
            name: text
            for name in sections.names(template)
            if (text := sections.render_section(self.review, name, template).strip())
        }
        self.app.call_from_thread(self._offer_sections, shown)

    def _offer_sections(self, shown: dict[str, str]) -> None:
        def copy(name: str | None) -> None:
            if name is not None:
                copy_text(self.app, shown[name] + "\n", f"the {title(name).lower()} section")

        self.app.push_screen(SectionDialog(list(shown)), copy)

    def action_copy(self) -> None:
        copy_text(self.app, self.text, "the Markdown")

    action_close = Dialog.action_cancel  # escape's action in the "export" keys
