"""Import the incident chat: paste it or name a file, pick the lines, map the speakers.

The dialog only reads: it returns an `ImportPlan` (kept messages, who is who, new
participants) and the app adds it to the review, so Esc at any point changes nothing in
the review. Esc keeps the chat itself, though (`ChatDraft`): a scribe who pasted a long
chat and closed the dialog to look at the timeline behind it finds it there again.
The preview draws only the lines on screen (`VirtualTable`): a chat of 20,000 lines took
Textual's DataTable seconds to show, and each keep/drop key a second more.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Label, Select, Static, TextArea

from pmtui.chat import ChatFormatError, ChatLog, read_chat, read_pasted
from pmtui.chat.merge import kept, match_speakers, review_day
from pmtui.chat.message import ChatMessage
from pmtui.document.anonymise import Pseudonyms
from pmtui.document.model import Review
from pmtui.tui.dialogs.base import Dialog
from pmtui.tui.forms.choice import ChoiceField
from pmtui.tui.forms.dialog import FieldText
from pmtui.tui.forms.fields import FIELD_FOCUS_KEYS, FieldFocus, FieldInput
from pmtui.tui.forms.literal import line, literal
from pmtui.tui.keys import bindings, key_line
from pmtui.tui.meeting.anonymised import pseudonyms_shown
from pmtui.tui.tables.virtual_table import TableColumn, VirtualTable

NEW, SKIP = "\0new", "\0skip"


@dataclass(frozen=True)
class ImportPlan:
    messages: list[ChatMessage]
    who: dict[str, str]
    """Chat name → participant name, for speakers who are participants."""
    new_people: list[str]


@dataclass(frozen=True)
class ChatDraft:
    """The chat as the dialog held it when Esc closed it: what was pasted and the file
    named. Kept in memory by the screen that opens the dialog, never written: it is not
    the review's, and is gone once imported."""

    text: str = ""
    file: str = ""

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.file.strip())


WHO_WIDTH = 20
"""The widest the speaker column gets: the message's text needs the room more."""


class ChatLines(VirtualTable):
    """The preview: one row per message, a mark on the ones to keep."""

    BINDINGS: ClassVar = bindings("chat")

    def __init__(self, **kwargs) -> None:
        super().__init__(self.columns(who_width=3), **kwargs)

    @staticmethod
    def columns(who_width: int) -> list[TableColumn]:
        return [
            TableColumn("Keep", 4, stay=9),
            TableColumn("Time", 11),
            TableColumn("Who", max(3, min(who_width, WHO_WIDTH))),
            TableColumn("Text", stay=9),
        ]

    def action_toggle(self) -> None:
        self.screen.set_keep(lambda n, message: not self.screen.keep[n], self.cursor_row)

    def action_keep_all(self) -> None:
        self.screen.set_keep(lambda n, message: True)

    def action_keep_none(self) -> None:
        self.screen.set_keep(lambda n, message: False)

    def action_person(self) -> None:
        screen = self.screen
        if not screen.messages:
            return
        who = screen.messages[self.cursor_row].who
        state = not screen.keep[self.cursor_row]
        screen.set_keep(lambda n, message: state if message.who == who else screen.keep[n])

    def action_keyword(self) -> None:
        self.screen.set_focus(self.screen.query_one("#chat-keyword"))

    def action_import(self) -> None:
        self.screen.finish()


class ImportChatDialog(FieldFocus, Dialog[ImportPlan | None]):
    BINDINGS: ClassVar = [*bindings("chat-source"), *FIELD_FOCUS_KEYS]
    DEFAULT_CSS = """
    ImportChatDialog > .box { width: 110; height: 90%; padding: 0 2; }
    ImportChatDialog Label { margin-top: 1; text-style: bold; }
    ImportChatDialog #chat-paste { height: 1fr; }
    ImportChatDialog ChatLines { height: 1fr; }
    ImportChatDialog #speakers { height: auto; max-height: 12; }
    """

    def __init__(
        self,
        review: Review,
        now: dt.datetime,
        *,
        draft: ChatDraft | None = None,
        keep_draft: Callable[[ChatDraft | None], None] = lambda draft: None,
    ) -> None:
        """`now`: the chat's bare times start on the review's day and never end after it.
        `draft` is the chat the dialog opens with; `keep_draft` is given the chat when Esc
        closes the dialog (None when there is none), and None once it is imported."""
        super().__init__()
        self.review = review
        self.now = now
        self.draft = draft or ChatDraft()
        self.keep_draft = keep_draft
        self.day = review_day(review, now.astimezone(review.zone).date())
        self.chat_log: ChatLog | None = None
        self.messages: list[ChatMessage] = []
        self.keep: list[bool] = []
        self.matched: dict[str, str | None] = {}
        self.pseudonyms: Pseudonyms | None = None  # anonymise mode: names shown as roles

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="chat-source", classes="box") as switcher:
            switcher.border_title = "Import the incident chat"
            with Vertical(id="chat-source"):
                yield Label(
                    "Paste the chat (Slack, an IRC or Matrix log, or text copied from a chat)"
                )
                yield FieldText(
                    self.draft.text, id="chat-paste", soft_wrap=False, tab_behavior="focus"
                )
                yield Label("…or give a file, or a Slack export's channel folder")
                yield FieldInput(self.draft.file, placeholder="path/to/chat.log", id="chat-file")
                yield Static("", id="source-problem", classes="problem")
                yield Static(key_line("chat-source"), classes="keys")
            with Vertical(id="chat-preview"):
                yield Static("", id="chat-summary")
                yield FieldInput(
                    placeholder="keep only lines with this word (Enter)", id="chat-keyword"
                )
                yield ChatLines(id="chat-lines")
                yield VerticalScroll(id="speakers", can_focus=False)  # the selects take Tab
                yield Static(
                    "space keep/drop · a all · n none · p this person · / word · "
                    "Enter imports · Esc back",
                    classes="keys",
                )

    def on_mount(self) -> None:
        paste = self.query_one("#chat-paste", FieldText)
        paste.go_to_end()  # the rest of a chat pasted in parts goes after the first part
        self.set_focus(paste)

    # Source -------------------------------------------------------------------------------

    async def action_preview(self) -> None:
        try:
            self.chat_log = self._read()
        except ChatFormatError as error:
            self.query_one("#source-problem", Static).update(literal(str(error)))
            return
        if not self.chat_log.messages:
            self.query_one("#source-problem", Static).update(Text("no messages in this chat"))
            return
        self.messages = self.chat_log.messages
        self.keep = [True] * len(self.messages)
        self.matched = match_speakers(self.review, (m.who for m in self.messages))
        strangers = [speaker for speaker, name in self.matched.items() if name is None]
        self.pseudonyms = pseudonyms_shown(self.app, newcomers=strangers)
        self.query_one(ContentSwitcher).current = "chat-preview"
        self._show_rows()
        await self._show_speakers()
        self.set_focus(self.query_one(ChatLines))

    def _source(self) -> ChatDraft:
        """The chat as the source page holds it: the pasted text and the file named."""
        return ChatDraft(
            self.query_one("#chat-paste", TextArea).text, self.query_one("#chat-file", Input).value
        )

    def _read(self) -> ChatLog:
        source = self._source()
        name = source.file.strip()
        if name:
            path = Path(name).expanduser()
            if _special(path):  # read here, on the UI thread: a pipe nobody writes to hangs
                raise ChatFormatError(f"{path}: a pipe or a device; give a chat log file")
            return read_chat(path, self.review.zone, self.day, not_after=self.now)
        if not source.text.strip():
            raise ChatFormatError("paste a chat or give a file first")
        return read_pasted(source.text, self.review.zone, self.day, not_after=self.now)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "chat-file":
            await self.action_preview()
        else:
            words = event.value
            self.set_keep(lambda n, message: kept([message], word=words)[0])
            self.set_focus(self.query_one(ChatLines))

    def action_cancel(self) -> None:
        """Esc: from the preview back to the source; from the source, close, keeping the
        chat for the next opening."""
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "chat-preview":
            switcher.current = "chat-source"
            self.set_focus(self.query_one("#chat-paste"))
        else:
            self.keep_draft(self._source() or None)
            super().action_cancel()

    # Preview ------------------------------------------------------------------------------

    def set_keep(self, rule, row: int | None = None) -> None:
        """Apply `rule(n, message) -> keep` to one row, or to every row."""
        rows = range(len(self.messages)) if row is None else [row]
        for n in rows:
            if 0 <= n < len(self.messages):
                self.keep[n] = rule(n, self.messages[n])
        self.query_one(ChatLines).refresh()
        self._show_summary()

    def _show_rows(self) -> None:
        table = self.query_one(ChatLines)
        speakers = {self._speaker_shown(message.who) for message in self.messages}
        table.table_columns = tuple(ChatLines.columns(max(map(cell_len, speakers))))
        table.set_rows(len(self.messages), self._row)
        table.move_cursor(0)
        self._show_summary()

    def _row(self, n: int) -> list[Text]:
        """The cells of the preview's row `n`, made when it comes into view."""
        message = self.messages[n]
        return [
            _mark(self.keep[n]),
            Text(message.at.astimezone(self.review.zone).strftime("%m-%d %H:%M")),
            line(self._speaker_shown(message.who)),
            line(self._shown(" ⏎ ".join(message.text.splitlines()))),
        ]

    def _show_summary(self) -> None:
        shape = self.chat_log.shape if self.chat_log else ""
        summary = (
            f"{len(self.messages)} messages from the {shape} chat · {sum(self.keep)} kept · "
            f"times in {self.review.incident.timezone}"
        )
        if self.chat_log and self.chat_log.ignored:
            summary += f" · {self.chat_log.ignored} lines that start no message left out"
        self.query_one("#chat-summary", Static).update(Text(summary))

    async def _show_speakers(self) -> None:
        box = self.query_one("#speakers", VerticalScroll)
        await box.remove_children()
        people = [person.name for person in self.review.people]
        for n, (speaker, name) in enumerate(self.matched.items()):
            if name is not None:
                continue
            shown = self._shown(speaker)
            options = [(literal(f"add {shown} as a new participant"), NEW)]
            options += [(literal(f"is {self._shown(person)}"), person) for person in people]
            options.append((Text("not a participant"), SKIP))
            await box.mount(Label(literal(f"{shown} is not among the participants:")))
            await box.mount(ChoiceField(options, value=NEW, allow_blank=False, id=f"speaker-{n}"))

    def _shown(self, text: str) -> str:
        """Text as the screen shows it: in anonymise mode, names as roles, and a speaker
        who is no participant as they will be once added (a participant with no role)."""
        return self.pseudonyms.text(text) if self.pseudonyms else text

    def _speaker_shown(self, who: str) -> str:
        """In anonymise mode, the role of the participant the speaker is (`al` is the role
        of Al Smith, though a word that short of a name is not replaced in text)."""
        return self._shown(self.matched.get(who) or who) if self.pseudonyms else who

    def finish(self) -> None:
        chosen = [m for m, keep in zip(self.messages, self.keep, strict=True) if keep]
        who = {speaker: name for speaker, name in self.matched.items() if name}
        new_people = []
        for n, (speaker, name) in enumerate(self.matched.items()):
            if name is not None:
                continue
            choice = self.query_one(f"#speaker-{n}", Select).value
            if choice == NEW:
                new_people.append(speaker)
            elif choice != SKIP:
                who[speaker] = choice
        speaking = {message.who for message in chosen}
        self.keep_draft(None)
        self.dismiss(ImportPlan(chosen, who, [p for p in new_people if p in speaking]))


def _mark(keep: bool) -> Text:
    return Text("✓", style="bold green") if keep else Text("·", style="dim")


def _special(path: Path) -> bool:
    """Neither a file nor a folder (a named pipe, a device, a socket)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False  # reading it says what is wrong
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
