"""Escaping user text for GitHub-flavoured Markdown: shown literally, never as markup.

Inline specials get a backslash; `<`, `>` and `&` become entities so no raw HTML or entity
passes through; a line that would start a heading, quote, list or table row is defused.
"""

from __future__ import annotations

import re

from pmtui.document.printable import without_controls

_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_SPECIAL = re.compile(f"[{re.escape(''.join(map(chr, _INLINE)))}]")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))", re.MULTILINE)
_URL = re.compile(r"https?://[^\s<>|`\\]+", re.IGNORECASE)
"""A link that is safe as an autolink `<…>`: nothing in it can end the link or a cell."""


def inline(text: str) -> str:
    """User text on one Markdown line (a title, a list item): newlines fold to spaces."""
    return _escape(re.sub(r"\s*\n\s*", " ", text.strip()))


def block(text: str) -> str:
    """Multi-line user text as paragraphs; single newlines stay line breaks.

    Indentation goes (a paragraph drops it anyway), so no line turns into a code block.
    """
    escaped = _escape("\n".join(line.strip() for line in text.strip().split("\n")))
    return re.sub(r"(?<=\S)\n(?=.)", "\\\\\n", escaped)


def item(text: str, indent: int = 2) -> str:
    """Multi-line user text as the content of a list item: its paragraphs and line breaks
    kept, each line after the first indented to the item's content column."""
    return (
        block(text).replace("\n", "\n" + " " * indent).replace("\n" + " " * indent + "\n", "\n\n")
    )


def link(text: str) -> str:
    """Where something comes from: a web address as a link (`<https://…>`, shown as typed),
    anything else ("chat", "status page") as text."""
    text = text.strip()
    if _URL.fullmatch(text) and without_controls(text) == text:
        return f"<{text}>"
    return inline(text)


_YAML_ESCAPED = '\\"<>&`*_[]|~#!'
"""Backslash and quote end a YAML string; the rest would be markup to a Markdown reader that
does not know front matter: as `\\uXXXX` escapes they are neither."""


def quoted(text: str) -> str:
    """User text as a double-quoted YAML string on one line, for front matter."""
    flat = " ".join(without_controls(text).split())
    return '"' + "".join(f"\\u{ord(c):04x}" if c in _YAML_ESCAPED else c for c in flat) + '"'


def cell(text: str) -> str:
    """User text inside a table cell: stays in its cell, newlines become `<br>`."""
    lines = text.strip().splitlines()
    if len(lines) == 1:  # most cells: no join to make
        return _escape(lines[0])
    return "<br>".join(_escape(line.strip()) for line in lines)


def fenced(text: str) -> str:
    """User text shown exactly as typed (a config or code snippet), indentation and all: a
    fenced code block whose fence is longer than any run of backticks in the text, so no
    line of it can close the block. Blank lines around it go; control characters too, as
    everywhere in an export."""
    lines = without_controls(text).split("\n")
    kept = [n for n, line in enumerate(lines) if line.strip(" \t")]
    text = "\n".join(lines[kept[0] : kept[-1] + 1]) if kept else ""
    longest = max(map(len, re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _escape(text: str) -> str:
    """Backslash the inline specials, entity-encode HTML, defuse markers at line starts."""
    text = without_controls(text)
    if _SPECIAL.search(text):  # most text has none, and `translate` looks up every character
        text = text.translate(_INLINE)
    return _LINE_START.sub(_defuse, text)


def _defuse(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker.isdigit():
        return f"{indent}{marker}\\"  # "1." → "1\." : not a list item
    return f"{indent}\\{marker}"
