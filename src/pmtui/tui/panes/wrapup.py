"""The Wrap-up tab: factors, attempted work, lessons, messaging, sign-off and the rest."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pmtui.files.session import ReviewSession
from pmtui.tui.forms.fields import FIELD_FOCUS_KEYS, FieldFocus, FieldSpec
from pmtui.tui.forms.live import LiveField, LiveForm
from pmtui.tui.tables import specs
from pmtui.tui.tables.records import RecordTable

TEXT_FIELDS = (
    LiveField(
        lambda r: r.messaging, FieldSpec("internal", "Internal message (email to staff)", "long")
    ),
    LiveField(
        lambda r: r.messaging,
        FieldSpec("external", "External message (status page, customers)", "long"),
    ),
    LiveField(
        lambda r: r.appendix,
        FieldSpec("snippets", "Appendix: configuration and code snippets", "long"),
    ),
    LiveField(
        lambda r: r.appendix, FieldSpec("monitoring_gaps", "Appendix: monitoring gaps", "long")
    ),
    LiveField(lambda r: r.appendix, FieldSpec("metrics", "Appendix: relevant metrics", "long")),
)


class WrapupPane(FieldFocus, VerticalScroll, can_focus=False):
    BINDINGS: ClassVar = FIELD_FOCUS_KEYS
    DEFAULT_CSS = """
    WrapupPane { padding: 0 2; }
    WrapupPane .section { margin-top: 1; text-style: bold underline; color: $accent; }
    WrapupPane RecordTable { height: auto; max-height: 12; }
    """

    def __init__(self, session: ReviewSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        for n, (title, spec) in enumerate(specs.wrapup(self.session)):
            yield Static(Text(f"{title}  (n add · Enter edit · d delete)"), classes="section")
            yield RecordTable(spec, self.session, id=specs.wrapup_id(n))
        yield Static(Text("Messaging and appendix"), classes="section")
        yield LiveForm(self.session, TEXT_FIELDS, id="wrapup-text")
