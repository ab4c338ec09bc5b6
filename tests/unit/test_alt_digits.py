"""Alt and a digit from a real terminal (Escape, then the digit) is the tab key, never a
character typed into the review."""

import pytest
from textual._xterm_parser import XTermParser

import pmtui.tui.app  # noqa: F401  (amends the sequence table on import, as the CLI does)


def keys_read(data: str) -> list[tuple[str, str | None]]:
    parser = XTermParser()
    return [(event.key, event.character) for event in [*parser.feed(data), *parser.feed("")]]


@pytest.mark.parametrize("digit", "1234567890")
def test_escape_then_a_digit_is_alt_and_the_digit(digit):
    assert keys_read(f"\x1b{digit}") == [(f"alt+{digit}", None)]


def test_alt_digits_typed_among_words_keep_their_order():
    assert keys_read("a\x1b2b\x1b3") == [("a", "a"), ("alt+2", None), ("b", "b"), ("alt+3", None)]


def test_a_pound_sign_typed_as_itself_stays_a_character():
    assert keys_read("£5") == [("pound_sign", "£"), ("5", "5")]
