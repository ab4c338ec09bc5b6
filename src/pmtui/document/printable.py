"""User text made safe to put on a terminal: control characters become visible.

Text from a review file can hold terminal control sequences (ESC `[31m`, OSC titles and
links, OSC 52 that writes the clipboard, a bell). Written to the terminal as they are, they
would recolour, retitle or reprogram it.

- In the app, `printable` shows every C0 control except newline and tab as its Unicode
  "control picture" (ESC → ␛), DEL as ␡, and each C1 control and bidirectional override
  as �. One character stays one character, so positions and styles over the text still
  line up.
- On the command line, `escaped` writes each one as the escape a person would type
  (ESC → `\\x1b`, a right-to-left override → `\\u202e`), or `\\u001b` inside JSON so the
  output stays valid JSON and loses nothing. A byte of a file name that is not UTF-8 is
  shown as that byte (`\\xe9`): raw, it is not UTF-8, and can be a C1 control.

Bidirectional overrides and isolates (U+202A-202E, U+2066-2069) are not control bytes to
the terminal, but they reorder what is shown after them: a file name or a title could
show other text than it holds.
"""

from __future__ import annotations

import re

from pmtui.errors import cut

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_C0 = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_TABLE = {
    **_C0,
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
    **dict.fromkeys(_BIDI, 0xFFFD),
}
_BIDI_CLASS = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CLASS}]")
RAW_IN_TOML = re.compile(f"[\x80-\x9f{_BIDI_CLASS}]")
"""What TOML lets a string hold as it is that a terminal acts on (a C1 control) or shows
out of order (a bidirectional override): pmtui writes it escaped (`files.toml_out`)."""


def printable(text: str) -> str:
    """`text` with every control character but newline and tab made visible."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


def without_controls(text: str) -> str:
    """`text` with every control character but newline and tab dropped: what an export
    writes (it is read with `cat` too) and what a field takes from a paste."""
    return _UNSAFE.sub("", text)


_SURROGATES = "\ud800-\udfff"
_UNDECODED = range(0xDC80, 0xDD00)
"""Python reads each byte of a file name that is not UTF-8 as one of these surrogates
(`caf\\xe9.toml` as `caf\\udce9.toml`). Printed as it was, a surrogate stopped the command
(UTF-8 has none), or went out as the raw byte, maybe a C1 control."""
_TO_ESCAPE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CLASS}{_SURROGATES}]|\r(?!\n)")
_TO_ESCAPE_ON_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CLASS}{_SURROGATES}]")


def escaped(text: str, *, json: bool = False, one_line: bool = False) -> str:
    """`text` with each control character shown as a visible escape, for the command line.

    Newline, tab and the CR of a CRLF line end (CSV) stay, unless the text must stay on
    `one_line` (a cell of a listing, a file name); a lone CR, which would let a line
    overwrite what came before it, never does.

    A byte of a file name that is not UTF-8 is shown as that byte (`\\xe9`); in JSON as
    its surrogate (`\\udce9`), which reads back as the same name.
    """
    short = "\\u{:04x}" if json else "\\x{:02x}"
    unsafe = _TO_ESCAPE_ON_ONE_LINE if one_line else _TO_ESCAPE

    def escape(control: re.Match[str]) -> str:
        code = ord(control[0])
        if code in _UNDECODED and not json:
            return short.format(code - 0xDC00)
        return (short if code <= 0xFF else "\\u{:04x}").format(code)

    return unsafe.sub(escape, text)


CELL_MOST = 120
"""Characters a command-line table's cell shows at most: every row is padded to the
longest, so one title of five million characters made `list` print 150 MB."""


def table_cell(text: str) -> str:
    """`text` as a cell of a command-line table: cut to `CELL_MOST` characters, its
    control characters escaped, on one line."""
    return escaped(cut(text, CELL_MOST), one_line=True)


_SPACED = str.maketrans("\n\t", "  ")


def flat(text: str) -> str:
    """Printable text on one line, whole: a newline or a tab becomes a space. Drawn as it
    is in a one-line field or a table row, the terminal moved its cursor by it: a title
    broke out of its field over the sidebar, a row's cells landed on its tab stops."""
    return printable(text.translate(_SPACED))


def one_line(text: str, limit: int = 1000) -> str:
    """Printable text on one line (`flat`), cut to `limit` characters (a table cell, a
    header).

    A cell or a header shows far less than a megabyte; cutting first keeps drawing fast.
    """
    return flat(cut(text[: limit + 1], limit))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A CSV cell as a spreadsheet shows it as text, never runs it as a formula, and without
    control characters (as the Markdown export drops them). Those go first: `ESC=…` was
    let through, and became a formula once its ESC was dropped."""
    cell = without_controls(cell)
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
