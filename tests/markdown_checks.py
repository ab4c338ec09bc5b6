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


def is_glance(token) -> bool:
    """The layout's own ```mermaid chart of the timeline (`pmtui.export.mermaid`): the one
    code a layout writes; user text never makes one."""
    return token.type == "fence" and token.info == "mermaid" and token.content.startswith("gantt\n")


def is_snippet(token) -> bool:
    """A config or code snippet, fenced as typed (`escape.fenced`): the one code user text
    makes."""
    return token.type == "fence" and token.info == "text"


def assert_sound(text: str) -> None:
    """No raw HTML but pmtui's `<br>`, no code but the timeline's chart and snippets, headings
    only where the layout put them, every table row with its header's columns, and no table
    line outside a table."""
    tokens = PARSER.parse(text)
    lines = text.split("\n")
    html = {t.content for t in walk(tokens) if t.type in ("html_inline", "html_block")}
    assert html <= {"<br>"}, html
    code = [
        t.content
        for t in walk(tokens)
        if t.type in ("code_inline", "fence", "code_block")
        and not is_glance(t)
        and not is_snippet(t)
    ]
    assert not code, code
    fenced = {n for t in walk(tokens) if t.type == "fence" for n in range(*t.map)}
    lines = ["" if n in fenced else line for n, line in enumerate(lines)]
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
            row = None
        elif token.type == "inline" and row is not None:
            row.append("".join(child.content for child in token.children or [token]))
    return rows


def empty_rows(text: str) -> list[int]:
    """The body rows (numbered from 1 in each table) whose cells are all blank."""
    empty, number = [], 0
    for token in PARSER.parse(text):
        if token.type == "tbody_open":
            number = 0
        elif token.type == "tr_open":
            number += 1
            cells: list[str] = []
        elif token.type == "inline" and number:
            cells.append(token.content)
        elif token.type == "tr_close" and number and not any(c.strip() for c in cells):
            empty.append(number)
        elif token.type == "tbody_close":
            number = 0
    return empty


def empty_tables(text: str) -> list[str]:
    """The header line of every table that has no body row."""
    lines, empty, rows = text.split("\n"), [], 0
    for token in PARSER.parse(text):
        if token.type == "table_open":
            header, rows = lines[token.map[0]], 0
        elif token.type == "tbody_open":
            rows += 1
        elif token.type == "table_close" and not rows:
            empty.append(header)
    return empty


def empty_sections(text: str) -> list[str]:
    """Headings with nothing under them: followed directly by a heading of the same or a
    higher level, or by the end of the document."""
    blocks = [t for t in PARSER.parse(text) if t.level == 0 and t.nesting >= 0]
    blocks = [t for t in blocks if not t.type.endswith("_close")]
    empty = []
    for n, token in enumerate(blocks):
        if token.type != "heading_open":
            continue
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        if after is None or (after.type == "heading_open" and after.tag <= token.tag):
            empty.append(text.split("\n")[token.map[0]])
    return empty


def plain(text: str) -> str:
    """What a reader sees of some Markdown: its text with escapes and markup resolved and
    all whitespace (line breaks, `<br>`, cell borders) as single spaces."""
    words = []
    for token in walk(PARSER.parse(text)):
        if token.type in ("text", "code_inline") or is_snippet(token):
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak", "html_inline", "inline", "tr_close"):
            words.append(" ")
    return " ".join("".join(words).split())


def exported(review, layout: str) -> str:
    """`review` in the built-in `layout`, checked sound."""
    from pmtui import templates
    from pmtui.export import markdown

    text = markdown.render(review, templates.load_template(layout))
    assert_sound(text)
    return text


def under(text: str, heading: str) -> str:
    """The text under `heading` (a whole line, `## Messaging`), up to the next heading of
    its level or above."""
    assert f"\n{heading}\n" in text, f"no {heading!r} in:\n{text}"
    after = text.split(f"\n{heading}\n", 1)[1]
    level = len(heading.split(" ", 1)[0])
    end = re.search(rf"^#{{1,{level}}} ", after, re.MULTILINE)
    return after[: end.start()] if end else after


def other_notes(text: str) -> str:
    """What an export lists under its catch-all "Other notes" heading."""
    return text.partition("\n## Other notes\n")[2]
