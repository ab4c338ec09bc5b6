"""What a real Markdown parser (markdown-it-py, tables on) must see in every export."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

PARSER = MarkdownIt("commonmark").enable("table")
_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")  # a pipe not escaped by a backslash


def walk(tokens):
    for token in tokens:
        yield token
        yield from walk(token.children or [])


def cell_count(line: str) -> int:
    return len(_PIPE.findall(line)) - 1


def assert_sound(text: str) -> None:
    """No raw HTML but pmtui's `<br>`, no code, headings only where the layout put them,
    every table row with its header's columns, and no table line outside a table."""
    tokens = PARSER.parse(text)
    lines = text.split("\n")
    html = {t.content for t in walk(tokens) if t.type in ("html_inline", "html_block")}
    assert html <= {"<br>"}, html
    code = [t.content for t in walk(tokens) if t.type in ("code_inline", "fence", "code_block")]
    assert not code, code
    headings = [t for t in tokens if t.type == "heading_open"]
    assert all(t.markup.startswith("#") for t in headings), "a setext heading"
    assert len(headings) == sum(line.startswith("#") for line in lines)
    in_tables: set[int] = set()
    for token in tokens:
        if token.type == "table_open":
            start, end = token.map
            widths = {cell_count(line) for line in lines[start:end]}
            assert len(widths) == 1, lines[start:end]
            in_tables.update(range(start, end))
    stray = [line for n, line in enumerate(lines) if line.startswith("|") and n not in in_tables]
    assert not stray, stray


def table_rows(text: str) -> list[list[str]]:
    """The cells of every table row, as the parser sees them (escapes resolved)."""
    rows, row = [], None
    for token in PARSER.parse(text):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "inline" and row is not None:
            row.append("".join(child.content for child in token.children or [token]))
    return rows
