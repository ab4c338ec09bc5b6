from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.document.printable import flat, one_line, printable


def test_controls_become_visible_symbols():
    assert printable("a\x1b[31mred\x07\x9b2J\x7f\tb\nc") == "a␛[31mred␇�2J␡\tb\nc"
    assert printable("\x00\r\x08") == "␀␍␈"


def test_ordinary_text_is_untouched():
    text = "[bold]x[/] ∞ שלום 🚀 é"
    assert printable(text) is text


@settings(max_examples=200)
@given(st.text())
def test_nothing_unsafe_survives_and_length_is_kept(text):
    shown = printable(text)
    assert len(shown) == len(text)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in shown)


def test_one_line_folds_and_cuts():
    assert one_line("a\nb\tc") == "a b c"
    assert one_line("x" * 5000, limit=10) == "x" * 9 + "…"


@settings(max_examples=200)
@given(st.text())
def test_flat_text_is_one_line_of_the_same_length_with_no_control_character(text):
    shown = flat(text)
    assert len(shown) == len(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
