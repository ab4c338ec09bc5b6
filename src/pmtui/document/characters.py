"""Whole characters: the halves of one (UTF-16 surrogates) mended, so UTF-8 can write it.

A lone surrogate (`\\ud800` in a chat log's JSON, a broken paste) cannot be written as
UTF-8 and would stop every save. A pair of halves becomes the character it encodes; a lone
half becomes U+FFFD. Emoji and zero-width joiners are whole characters and stay.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def mended(text: str) -> str:
    """`text` with surrogates mended; ASCII text, most of any review, costs one flag check."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
