from markdown_it import MarkdownIt

from pmtui import store
from pmtui.export import markdown
from pmtui.model import Action, Review

HOSTILE = "a | b\n# not a heading\n<script>alert(1)</script> `tick` [x](http://e) &amp;"


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def test_every_non_empty_section_of_the_sample_is_exported(pet_clinic):
    text = markdown.render(store.load(pet_clinic))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## Impact",
        "## What happened",
        "## Resolution",
        "## Long-term fix",
        "## Root cause",
        "## Why it wasn't caught",
        "## Goals",
        "## People",
        "## Timeline",
        "## Durations",
        "## Impact details",
        "## 5 Whys",
        "## Contributing factors",
        "## Attempted work",
        "## Questions",
        "## Action items",
        "## Lessons learned",
        "## Moving forward",
        "## Related documents",
        "## Meeting notes",
        "## Follow-up schedule",
    ]
    assert "| 2026-11-14 10:25 | ★ First reports from impacted customers" in text
    durations = text.split("## Durations\n\n")[1].split("\n\n")[0].splitlines()
    assert durations == [
        "| Measure | Time |",
        "|---|---|",
        "| Time to detect (MTTD) | 1h 15m |",
        "| Time to acknowledge | 15m |",
        "| Time to resolve | 5h 55m |",
        "| Time to isolate (MTTI) | 2h 50m |",
        "| Time to fix (MTTF) | 1h 50m |",
        "| Time to recover (MTTR = MTTD + MTTI + MTTF) | 5h 55m |",
    ]


def test_hostile_text_stays_in_its_cell_and_shows_literally():
    review = Review(
        incident={"title": HOSTILE, "summary": HOSTILE},
        actions=[Action(id="A1", title=HOSTILE, owner="Dan")],
    )
    text = markdown.render(review)
    tokens = parse(text)
    html = [t.content for t in walk(tokens) if t.type in ("html_block", "html_inline")]
    assert set(html) == {"<br>"}  # only the line breaks pmtui writes in cells
    assert sum(t.type == "heading_open" for t in tokens) == 1 + 2  # title, Summary, Actions
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "&lt;script&gt;" in rendered and "<script>" not in rendered
    action_row = table_rows(tokens)[-1]
    assert len(action_row) == 9  # every column intact
    assert action_row[:3] == ["A1", HOSTILE.replace("\n", "<br>"), "Dan"]


def walk(tokens):
    for token in tokens:
        yield token
        yield from walk(token.children or [])


def table_rows(tokens) -> list[list[str]]:
    """The cells of every table row, as the parser sees them (escapes resolved)."""
    rows, row = [], None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "inline" and row is not None:
            row.append("".join(child.content for child in token.children or [token]))
    return rows
