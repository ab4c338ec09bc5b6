"""`pmtui list` puts no byte from a review on the terminal that the terminal would act on.

A review's id, title, severity and status, a file that cannot be read (its problem) and the
file's own name are all content: each can hold ESC sequences, BEL, a lone CR that lets a
row overwrite the one before it, C1 controls (CSI is one byte there), newlines that would
forge a row, and bidi overrides that make a terminal show a row's text reversed.
"""

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.cli.listing import as_table
from pmtui.files.catalog import Entry

FOLDER = Path("reviews")
HOSTILE = [
    "\x1b[31m",  # colour
    "\x1b]52;c;aGk=\x07",  # OSC 52: writes the clipboard
    "\x1b]0;title\x1b\\",  # retitles the window
    "\x07",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\x00",
    "\x7f",
    "\x9b2J",  # C1 CSI: clears the screen on terminals that take 8-bit controls
    "\x85",  # C1 next line
    "\u2028",  # line separator
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
]
BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
"""Unicode's explicit direction controls: overrides, embeddings and isolates."""

content = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=6).map(
    "".join
)
file_name = content.map(lambda text: text.replace("/", "-").replace("\x00", "")).filter(
    lambda name: name not in ("", ".", "..")
)
PLAIN_NAME = st.just("review.toml")


@st.composite
def entries(draw, name=PLAIN_NAME) -> list[Entry]:
    """One to three reviews with hostile text in every cell `pmtui list` shows."""
    return [
        Entry(
            path=FOLDER / draw(name),
            id=draw(content),
            title=draw(content),
            severity=draw(content),
            status=draw(content),
            problem=draw(st.sampled_from(["", "", draw(content)])),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=3)))
    ]


def assert_one_printable_line_per_review(listed: list[Entry]) -> None:
    rows = as_table(listed, FOLDER).split("\n")
    assert rows.pop() == ""  # the table ends with a line end
    assert len(rows) == 1 + len(listed)  # the header, then one line per review
    for row in rows:
        assert not [c for c in row if unicodedata.category(c) == "Cc"], row


@settings(max_examples=300)
@given(entries())
def test_review_text_reaches_the_listing_as_one_line_without_control_characters(listed):
    assert_one_printable_line_per_review(listed)


@settings(max_examples=300)
@given(entries(name=file_name))
def test_a_file_name_reaches_the_listing_as_one_line_without_control_characters(listed):
    assert_one_printable_line_per_review(listed)


@settings(max_examples=300)
@given(entries())
def test_the_listing_has_no_bidi_control(listed):
    table = as_table(listed, FOLDER)
    assert not [c for c in table if unicodedata.bidirectional(c) in BIDI_CONTROLS]
