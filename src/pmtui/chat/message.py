"""What every chat reader produces: messages with an aware time, a speaker and the text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmtui.errors import OneLineError


class ChatFormatError(OneLineError, ValueError):
    """A chat that cannot be read; `str()` is the one line to show (`FILE:LINE: what`)."""


@dataclass(frozen=True)
class ChatMessage:
    at: dt.datetime
    """Timezone-aware, in the review's zone."""
    who: str
    text: str
    link: str = ""
    line: int = 0
    """Where the message starts in its source (line, or message number in JSON)."""
