"""A TOML text cut into its table blocks, each named by the data path it holds.

A save edits only the blocks whose data changed (`toml_edit`), so the cut must be right:
the scan goes line by line, aware of strings (one-line and multi-line), comments and
brackets, so a `[[timeline]]` inside a multi-line string or inside an array that spans
lines is no header. Lines that are a plain `key = value` are matched by one expression;
only the others are read character by character (a 10,000-event review is cut in ~0.1 s).

A block runs from its header (or from the comment lines directly above it, which go with
it) to the next block. The lines before the first header are block 0, path `()`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

Path = tuple[str | int, ...]


class Unmapped(Exception):
    """A text this module cannot cut with certainty (the caller writes the file afresh)."""


@dataclass(frozen=True)
class Block:
    path: Path
    """`("timeline", 3)` for the fourth `[[timeline]]`, `("incident",)`, `()` before any."""
    key: tuple[str, ...]
    """The header's key without item numbers: `("lessons", "systemic")`."""
    start: int
    end: int
    """Where the block is in the text (character offsets, `end` exclusive)."""


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEYS = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_END = r"[ \t]*(?:#.*)?\r?\Z"
_ONE_PART = re.compile(_KEY)
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_KEYS})[ \t]*(\]\]?){_END}")
_KEY_EQUALS = re.compile(rf"[ \t]*{_KEYS}[ \t]*=[ \t]*")
_PLAIN_VALUE = r"""(?:"(?:[^"\\]|\\.)*"(?!")|'[^']*'(?!')|[-+:.\w ]+?)"""
_PLAIN_LINE = re.compile(rf"[ \t]*{_KEYS}[ \t]*=[ \t]*{_PLAIN_VALUE}{_END}")
_STRING = {"'": re.compile(r"'[^']*'"), '"': re.compile(r'"(?:[^"\\]|\\.)*"')}
_MULTI_LINE_BODY = {
    "'''": re.compile(r"(?:[^']|'(?!''))*"),
    '"""': re.compile(r'(?:[^"\\]|\\.|\\\Z|"(?!""))*', re.DOTALL),
}


def split(text: str) -> list[Block]:
    """The blocks of `text`, in order, covering it all; `Unmapped` if it cannot be cut."""
    headers: list[tuple[int, tuple[str, ...], bool]] = []
    comments_from: int | None = None  # the comment lines directly above the next line
    for position, line, kind in _lines(text):
        if kind == "comment":
            comments_from = position if comments_from is None else comments_from
            continue
        if kind == "header":
            start = position if comments_from is None else comments_from
            headers.append((start, *_header(line)))
        comments_from = None
    return _blocks(text, headers)


def notes_start(text: str) -> int:
    """Where the comment lines at the end of a block's `text` begin that a blank line sets
    apart from its last value (as a heading of what follows): `len(text)` if none."""
    notes: int | None = None
    blank = False
    for position, _, kind in _lines(text):
        if kind == "blank":
            blank = True
        elif kind == "comment":
            notes = position if notes is None and blank else notes
        else:
            notes, blank = None, False
    return len(text) if notes is None else notes


def key_values(text: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """Each `key = value` in the body of one table (the text after its header): the key's
    parts and the value's text, over every line it spans. `Unmapped` at a table header or
    at anything it cannot read with certainty."""
    key: tuple[str, ...] | None = None
    value: list[str] = []
    for _, line, kind in _lines(text):
        if kind == "inside":
            value.append(line)
            continue
        if key is not None:
            yield key, "\n".join(value)
            key = None
        if kind == "header":
            raise Unmapped(f"a table header in a table's body: {line!r}")
        if kind == "value":
            equals = _KEY_EQUALS.match(line)
            assert equals is not None  # `_lines` names a line "value" only when it has one
            key = tuple(_key_part(part) for part in _ONE_PART.findall(line, 0, equals.end()))
            value = [line[equals.end() :]]
    if key is not None:
        yield key, "\n".join(value)


def inside_lines(text: str) -> set[int]:
    """The 1-based numbers of the lines inside a multi-line string or array: never a header
    or a key of their own, however they look (a summary quoting `[[timeline]]`). None are
    known in a text this reader cannot follow."""
    try:
        return {n for n, (_, _, kind) in enumerate(_lines(text), start=1) if kind == "inside"}
    except Unmapped:
        return set()


def _lines(text: str) -> Iterator[tuple[int, str, str]]:
    """Each line's offset, the line, and what it is: "blank", "comment", "header",
    "value", or "inside" (a further line of a multi-line string or array)."""
    open_string: str | None = None
    depth = 0
    position = 0
    for line in text.split("\n"):
        if open_string or depth:
            open_string, depth = _scan(line, 0, open_string, depth)
            yield position, line, "inside"
        else:
            first = line.lstrip(" \t")[:1]
            if first in ("", "\r"):
                yield position, line, "blank"
            elif first == "#":
                yield position, line, "comment"
            elif first == "[":
                yield position, line, "header"
            else:
                if not _PLAIN_LINE.match(line):
                    value = _KEY_EQUALS.match(line)
                    if value is None:
                        raise Unmapped(f"no key = value at offset {position}")
                    open_string, depth = _scan(line, value.end(), None, 0)
                yield position, line, "value"
        position += len(line) + 1
    if open_string or depth:
        raise Unmapped("a string or an array is still open at the end")


def _header(line: str) -> tuple[tuple[str, ...], bool]:
    match = _HEADER.match(line)
    if match is None or len(match[1]) != len(match[3]):
        raise Unmapped(f"not a table header: {line!r}")
    return tuple(_key_part(part) for part in _ONE_PART.findall(match[2])), len(match[1]) == 2


def _key_part(part: str) -> str:
    if part[0] == "'":
        return part[1:-1]
    if part[0] == '"':
        return next(iter(tomllib.loads(f"{part} = 0")))
    return part


def _scan(line: str, at: int, open_string: str | None, depth: int) -> tuple[str | None, int]:
    """What is still open at the end of `line` (a multi-line string, brackets), reading it
    from `at` with what was open before it."""
    end = len(line)
    while at < end:
        if open_string:
            at = _MULTI_LINE_BODY[open_string].match(line, at).end()
            if at >= end:
                break
            after_quotes = len(line) - len(line[at:].lstrip(open_string[0]))
            if after_quotes - at > 5:
                raise Unmapped("more quotes than a string may end with")
            at, open_string = after_quotes, None
            continue
        char = line[at]
        if char == "#":
            break
        if char in "\"'":
            if line.startswith(char * 3, at):
                open_string, at = char * 3, at + 3
                continue
            string = _STRING[char].match(line, at)
            if string is None:
                raise Unmapped(f"an unclosed string: {line!r}")
            at = string.end()
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth < 0:
                raise Unmapped(f"a bracket closes nothing: {line!r}")
        at += 1
    return open_string, depth


def _blocks(text: str, headers: list[tuple[int, tuple[str, ...], bool]]) -> list[Block]:
    """Name each header's block by the data it holds: `[[a.b]]` is an item of the list
    `b` in the last item of `a` when `a` is a list of tables, as TOML reads it."""
    starts = [start for start, _, _ in headers]
    blocks = [Block((), (), 0, starts[0] if starts else len(text))]
    items: dict[Path, int] = {}
    for number, (start, key, is_list) in enumerate(headers):
        path: Path = ()
        for part in key[:-1]:
            path = (*path, part)
            if path in items:
                path = (*path, items[path] - 1)
        path = (*path, key[-1])
        if is_list:
            items[path] = items.get(path, 0) + 1
            path = (*path, items[path] - 1)
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        blocks.append(Block(path, key, start, end))
    return blocks
