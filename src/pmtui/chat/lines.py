"""Chat logs as lines of text: IRC/Matrix logs and text pasted from a chat client.

Four shapes, told apart by which one matches most of the first lines (the earlier one on
a tie; `timed` only when no shape with speakers matches any):

- `irc`: `[10:42] <adam> text`, `[2026-11-20 10:42:05] <adam> text`, `10:42 <adam> text`,
  `[10:42] * adam restarts the db`; other timestamped lines (joins, parts) are skipped.
- `header`: a line `Adam  10:42 AM` (name, two spaces or a tab, time), then the message's
  lines; a line with only a time is the same person again.
- `colon`: `10:42 adam: text`.
- `timed`: `10:42 text`, notes with times and no speaker (as the timeline's entry line
  takes them).

A line that starts no message continues the one before (multi-line messages). Date lines
(`2026-11-20`, `--- Day changed Fri Nov 20 2026`) set the day of the times after them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pmtui.chat.clock import ChatClock
from pmtui.chat.message import ChatFormatError, ChatMessage
from pmtui.errors import quoted

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_STAMP = rf"\[?(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[ T])?(?P<time>{_TIME})\]?"
_IRC = re.compile(rf"{_STAMP}\s+<[@+%&~ ]?(?P<who>[^>]+)>\s?(?P<text>.*)")
_IRC_ACTION = re.compile(rf"{_STAMP}\s+\*\s+(?P<who>\S+)\s+(?P<text>.*)")
_IRC_OTHER = re.compile(rf"{_STAMP}\s")
_HEADER = re.compile(
    rf"(?P<who>[^\s\d\[<]\S*(?: \S+){{0,3}}?)(?:[ \t]{{2,}}|\t| )\[?(?P<time>{_TIME})\]?"
)
_MERIDIEM_END = re.compile(r"[AaPp]\.?[Mm]\.?\]?$")
_BARE_TIME = re.compile(rf"\[?(?P<time>{_TIME})\]?")
_TIMED = re.compile(rf"{_STAMP}\s+(?P<text>\S.*)")
_COLON = re.compile(rf"{_STAMP}\s+(?P<who>[^:<>\[\]]{{1,40}}?):\s(?P<text>.*)")
_DATE_LINE = re.compile(r"[-=\s]*(\d{4}-\d{2}-\d{2})[-=\s]*")
_IRSSI_DAY = re.compile(r"-+\s*(?:Day changed|Log opened)\s+(?P<rest>.+)")
_EDITED = "(edited)"
"""What Slack adds to an edited message's text."""
SHAPES = ("irc", "header", "colon", "timed")
_SAMPLE = 50


@dataclass
class ChatLog:
    """What a reader found: the messages, the shape, and lines it left out."""

    messages: list[ChatMessage]
    shape: str
    ignored: int = 0


@dataclass
class _Draft:
    at: dt.datetime
    who: str
    line: int
    lines: list[str] = field(default_factory=list)

    def message(self) -> ChatMessage | None:
        text = "\n".join(self.lines).strip()
        if text.endswith(_EDITED):  # not a regex: `\s*` tried at each blank of a long run
            text = text.removesuffix(_EDITED).rstrip()
        return ChatMessage(self.at, self.who.strip(), text, line=self.line) if text else None


def read_lines(text: str, source: str, clock: ChatClock) -> ChatLog:
    """Read a text chat log; `ChatFormatError` when no shape fits."""
    lines = text.splitlines()
    shape = detect(lines, source)
    messages: list[ChatMessage] = []
    draft: _Draft | None = None
    ignored = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if draft is not None:
                draft.lines.append("")
            continue
        if day := _date_line(line):
            clock.set_day(day)
            continue
        try:
            started = _start(shape, line, number, clock, draft)
        except ChatFormatError as error:
            raise ChatFormatError(f"{source}:{number}: {error}") from None
        if started is None:
            if draft is not None:
                draft.lines.append(line.rstrip())
            else:
                ignored += 1
            continue
        if draft is not None and (message := draft.message()):
            messages.append(message)
        draft = started if isinstance(started, _Draft) else None
        ignored += started is False
    if draft is not None and (message := draft.message()):
        messages.append(message)
    return ChatLog(messages, shape, ignored)


def detect(lines: list[str], source: str) -> str:
    """The shape most of the first non-blank lines have."""
    sample = [line for line in lines if line.strip() and not _date_line(line)][:_SAMPLE]
    if not sample:
        raise ChatFormatError(f"{source}: nothing in it but blank lines")
    counts = {shape: sum(_starts(shape, line) for line in sample) for shape in SHAPES}
    speakers = SHAPES[:-1]  # `timed` fits the joins of an IRC log too: only when none do
    best = max(speakers, key=lambda shape: counts[shape])
    best = best if counts[best] else "timed"
    if not counts[best]:
        raise ChatFormatError(
            f"{source}: not a chat log pmtui knows (expected a Slack export, "
            "`[10:42] <adam> text`, `Adam  10:42 AM` then text, `10:42 adam: text` or "
            "`10:42 text`)"
        )
    return best


def _starts(shape: str, line: str) -> bool:
    if shape == "irc":
        return bool(_IRC.fullmatch(line) or _IRC_ACTION.fullmatch(line))
    if shape == "header":
        return _is_header(line)
    if shape == "timed":
        return bool(_TIMED.fullmatch(line))
    return bool(_COLON.fullmatch(line))


def _is_header(line: str) -> bool:
    """`Adam  10:42`, `Adam Smith\t10:42`, `Adam 10:42 AM`: a name of up to four words."""
    line = line.rstrip()
    if not _HEADER.fullmatch(line):
        return False
    return bool(re.search(r"[ \t]{2,}|\t", line) or _MERIDIEM_END.search(line))


def _start(shape: str, line: str, number: int, clock: ChatClock, draft: _Draft | None):
    """A new message's draft; False for a skipped line (a join); None for a continuation."""
    line = line.rstrip()
    if shape == "irc":
        match = _IRC.fullmatch(line) or _IRC_ACTION.fullmatch(line)
        if match is None:
            return False if _IRC_OTHER.match(line) else None
        text = match["text"] if match.re is _IRC else f"{match['who']} {match['text']}"
        return _Draft(_when(match, clock), match["who"], number, [text])
    if shape in ("colon", "timed"):
        match = (_COLON if shape == "colon" else _TIMED).fullmatch(line)
        if match is None:
            return None
        who = match["who"] if shape == "colon" else ""
        return _Draft(_when(match, clock), who, number, [match["text"]])
    if _is_header(line):
        match = _HEADER.fullmatch(line)
        return _Draft(_when(match, clock), match["who"], number)
    bare = _BARE_TIME.fullmatch(line.strip())
    if bare and draft is not None and _soon_after(clock, bare["time"]):
        return _Draft(_when(bare, clock), draft.who, number)
    return None


def _soon_after(clock: ChatClock, text: str) -> bool:
    """A time alone on a line is the same speaker's next message (a chat client shows one
    so) when it comes within the hour after the last time; else it is a line of text
    ("restart at" then "9:00", read as a message the next morning, lost its words and
    moved the rest of the chat a day on)."""
    if clock.previous_wall is None:
        return True
    minutes = (_minutes(clock_time(text)) - _minutes(clock.previous_wall)) % (24 * 60)
    return minutes < 60


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _when(match: re.Match, clock: ChatClock) -> dt.datetime:
    groups = match.groupdict()
    day = dt.date.fromisoformat(groups["date"]) if groups.get("date") else None
    return clock.at(clock_time(match["time"]), day)


def clock_time(text: str) -> dt.time:
    """`10:42`, `10:42:05`, `9:05 PM` → a time; `ChatFormatError` for `25:00`."""
    meridiem = re.search(r"([AaPp])\.?[Mm]\.?$", text)
    parts = [int(part) for part in re.findall(r"\d+", text)]
    hour, minute, second = [*parts, 0][:3]
    if meridiem:
        if not 1 <= hour <= 12:
            raise ChatFormatError(f"{quoted(text)} is not a time of day")
        hour = hour % 12 + (12 if meridiem.group(1) in "Pp" else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ChatFormatError(f"{quoted(text)} is not a time of day") from None


def _date_line(line: str) -> dt.date | None:
    if match := _DATE_LINE.fullmatch(line):
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    if match := _IRSSI_DAY.fullmatch(line.strip()):
        for layout in ("%a %b %d %Y", "%a %b %d %H:%M:%S %Y"):
            try:
                return dt.datetime.strptime(match["rest"].strip(), layout).date()
            except ValueError:
                continue
    return None
