import re

from markdown_checks import PARSER, assert_sound, table_rows, walk

from pmtui.document.model import Action, Review
from pmtui.export import escape, markdown
from pmtui.files import store

HOSTILE = "a | b\n# not a heading\n<script>alert(1)</script> `tick` [x](http://e) &amp;"


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
        "## Messaging",
        "## Related documents",
        "## Appendix: Monitoring gaps",
        "## Appendix: Relevant metrics",
        "## Meeting notes",
        "## Follow-up schedule",
    ]
    assert "| 2026-11-14 10:25 | ★ First reports from impacted customers" in text
    durations = text.split("## Durations\n\n")[1].split("\n\n")[0].splitlines()
    assert durations == [
        "| Measure | Time |",
        "|---|---|",
        "| Time to detect (TTD) | 1h 15m |",
        "| Time to acknowledge (TTA) | 15m |",
        "| Duration | 5h 55m |",
        "| Time to isolate (TTI) | 2h 50m |",
        "| Time to fix (TTF) | 1h 50m |",
        "| Time to recover (TTR) | 5h 55m |",
    ]


def test_hostile_text_stays_in_its_cell_and_shows_literally():
    review = Review(
        incident={"title": HOSTILE, "summary": HOSTILE},
        actions=[Action(id="A1", title=HOSTILE, owner="Dan")],
    )
    text = markdown.render(review)
    tokens = PARSER.parse(text)
    html = [t.content for t in walk(tokens) if t.type in ("html_block", "html_inline")]
    assert set(html) == {"<br>"}  # only the line breaks pmtui writes in cells
    assert sum(t.type == "heading_open" for t in tokens) == 1 + 2  # title, Summary, Actions
    rendered = PARSER.render(text)
    assert "&lt;script&gt;" in rendered and "<script>" not in rendered
    action_row = table_rows(text)[-1]
    assert len(action_row) == 3  # the columns the review filled (ID, Action, Owner), each intact
    assert action_row[:3] == ["A1", HOSTILE.replace("\n", "<br>"), "Dan"]
    assert_sound(text)


def test_terminal_control_characters_never_reach_the_markdown():
    escapes = "[@click=app.quit]q[/] \x1b[31mred\x1b]0;title\x07 \x9b2J \x00 שלום 🚀"
    review = Review(incident={"title": escapes, "summary": escapes}, whys=[{"answer": escapes}])
    text = markdown.render(review)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "\\[@click=app.quit\\]q\\[/\\]" in text
    assert "[31mred" in text and "שלום 🚀" in text


def test_escaping_cases():
    assert escape.cell("a | b\nc") == "a \\| b<br>c"
    assert escape.inline("  # x\n  y  ") == "\\# x y"
    assert escape.inline("1. one") == "1\\. one"
    assert escape.block("para\n    indented\n\n> quote") == "para\\\nindented\n\n&gt; quote"
    assert escape.inline("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert escape.inline("`x` *y* _z_ ~w~ [l](u)") == "\\`x\\` \\*y\\* \\_z\\_ \\~w\\~ \\[l\\](u)"
    assert escape.block("---\n===\n+ item") == "\\---\\\n\\===\\\n\\+ item"
    assert escape.inline("bell\x07 and \x1b[31m") == "bell and \\[31m"


def test_a_snippet_is_fenced_as_typed_past_its_longest_run_of_backticks():
    assert escape.fenced("\n  a: 1\n") == "```text\n  a: 1\n```"
    assert escape.fenced("x ```` y\x1b\n\n  z") == "`````text\nx ```` y\n\n  z\n`````"
    # Blank lines around it go, those inside it stay (in time linear in its length).
    assert escape.fenced(" \n\t\n  a:\n\n \n    b\n  \n\n") == "```text\n  a:\n\n \n    b\n```"
    assert escape.fenced("a" + "\n " * 20_000 + "b").count("\n") == 20_002
