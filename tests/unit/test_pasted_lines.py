"""A paste into a one-line field keeps every word: its lines are joined (Textual's Input
kept only the first)."""

from hypothesis import given
from hypothesis import strategies as st

from pmtui.tui.forms.fields import joined, typed


@given(st.text())
def test_joined_keeps_every_word_on_one_line(text):
    line = joined(text)
    assert "\n" not in line and "\r" not in line
    assert line.split() == typed(text).split()


def test_one_line_is_taken_as_it_is_and_lines_are_joined_by_spaces():
    assert joined("  DB down  ") == "  DB down  "
    assert joined("Adam: restarting pods\r\nDan: 502s drop\n\nTina: green\n") == (
        "Adam: restarting pods Dan: 502s drop Tina: green"
    )
