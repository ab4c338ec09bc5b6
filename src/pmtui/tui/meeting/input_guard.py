"""What the terminal sends becomes text and keys safely: a paste stays text, and bytes
that are not UTF-8 become U+FFFD instead of ending the app.

Textual's input thread decodes the terminal's bytes strictly: one byte that is not UTF-8
(a paste from a Latin-1 file, half of a character) raised UnicodeDecodeError there and
ended the app, with the line being typed lost. The driver's decoder here replaces such
bytes with U+FFFD.

Textual's key parser buffers a bracketed paste (ESC[200~ … ESC[201~), but an ESC inside
the pasted text sends it into its escape-sequence loop: it stops buffering and issues the
bytes after that ESC as keys. A chat log with a stray `ESC q ^Q` quit the app (^Q is
ctrl+q); an OSC 52 sequence typed `^]52…` and its BEL ran ctrl+g. `GuardedParser` drops
every ESC between the paste's start and end markers before the parser sees it, so the
whole paste, control bytes and all, arrives as one `events.Paste`, and the fields drop
what they do not keep (`forms.typed`). Outside a paste every byte passes through as it
came, so a lone Escape key press is never delayed.

A terminal that goes away sends a hangup (SIGHUP) to its session's leader only: pmtui
started by `make run` as a terminal's command, or by a script, is not told, and its reads
of the terminal find nothing from then on. Textual's input thread then reads nothing for
ever, at full CPU, and the app never ends. The terminal's decoder here takes a read of
nothing as the terminal gone: the app is sent the hangup the terminal would have sent
(unsaved edits kept, the app ended), and reads no more than ten times a second until it
has ended.
"""

from __future__ import annotations

import codecs
import functools
import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

ESC = "\x1b"


def _marker_begun(text: str, marker: str) -> str:
    """The end of `text` that begins `marker`, if any: the rest of the marker may come in
    the terminal's next chunk."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:size]):
            return text[-size:]
    return ""


class GuardedParser(XTermParser):
    """Textual's parser, fed only pastes without ESC. State lasts across feeds: whether a
    paste is open, and the start of a marker a chunk ended on."""

    def __init__(self, debug: bool = False) -> None:
        self._in_paste = False
        self._held = ""
        """Inside a paste: the end of the last chunk, if it may begin the end marker."""
        self._passed = ""
        """Outside a paste: the end of the last chunk, passed on, if it may begin the start
        marker."""
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: a paste left open is dropped, as Textual drops it
            return super().feed(data)
        guarded = self._guard(data)
        return super().feed(guarded) if guarded else ()  # an empty feed would end the input

    def _guard(self, data: str) -> str:
        """`data` as the parser should see it: no ESC inside a paste but its end marker."""
        if self._in_paste:
            text, emitted = self._held + data, 0
        else:
            text = self._passed + data
            emitted = len(self._passed)  # sent with the last chunk
        self._held = self._passed = ""
        parts: list[str] = []
        at = 0
        while True:
            if not self._in_paste:
                start = text.find(BRACKETED_PASTE_START, at)
                if start == -1:
                    parts.append(text[emitted:])
                    self._passed = _marker_begun(text[at:], BRACKETED_PASTE_START)
                    return "".join(parts)
                at = start + len(BRACKETED_PASTE_START)
                parts.append(text[emitted:at])
                self._in_paste = True
            end = text.find(BRACKETED_PASTE_END, at)
            if end == -1:
                self._held = _marker_begun(text[at:], BRACKETED_PASTE_END)
                parts.append(text[at : len(text) - len(self._held)].replace(ESC, ""))
                return "".join(parts)
            parts.append(text[at:end].replace(ESC, "") + BRACKETED_PASTE_END)
            at = emitted = end + len(BRACKETED_PASTE_END)
            self._in_paste = False


def lenient_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, whose decoders replace bytes they cannot read."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def terminal_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """`lenient_decoder`, whose decoder takes a read of nothing, but the last one, as the
    terminal gone (a terminal in raw mode sends no end of input: ctrl+d is a byte)."""
    lenient = codecs.getincrementaldecoder(encoding)

    class TerminalDecoder(lenient):
        hung_up_at = -math.inf

        def decode(self, data: bytes, final: bool = False) -> str:
            if not data and not final:
                if time.monotonic() - self.hung_up_at >= HANG_UP_AGAIN_AFTER:
                    self.hung_up_at = time.monotonic()
                    os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(READS_WHEN_GONE)
            return super().decode(data, final)

    return functools.partial(TerminalDecoder, errors="replace")


READS_WHEN_GONE = 0.1
"""Seconds between reads of a terminal that is gone, until the app has ended."""
HANG_UP_AGAIN_AFTER = 1.0
"""Seconds after which a terminal still gone hangs up again: one sent before the app
handled hangups (it ignored them, under `nohup`) was lost. The app acts on the first only."""


def install(driver_class: type) -> None:
    """Make the app's driver read keys with `GuardedParser` and decode leniently.

    Textual has no setting for either: each driver module does `from
    textual._xterm_parser import XTermParser` and `from codecs import
    getincrementaldecoder`, and uses both in its input thread, looking the names up in its
    own module when the thread starts. So rebinding those names in the driver's module is
    the hook: the Linux driver (every Unix terminal) and the web driver (`pmtui serve`)
    both read them there; only the Linux driver reads a terminal (`terminal_decoder`). A
    driver whose module has no such name is left as it is. Calling it again changes
    nothing.
    """
    module = sys.modules[driver_class.__module__]
    if getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = GuardedParser
    if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
        reads_a_terminal = module.__name__ == "textual.drivers.linux_driver"
        module.getincrementaldecoder = terminal_decoder if reads_a_terminal else lenient_decoder
