"""TOML text as pmtui writes it: tomli_w's, with what a terminal acts on escaped.

TOML lets a string hold a C1 control or a bidirectional override as it is, and tomli_w
writes them so. A review file is printed with `cat` and `git diff` too, where U+009B
starts a control sequence as ESC [ does and U+202E reverses what follows; a name pasted
from a chat carried both. tomli_w writes basic strings only, where `\\u009b` is the
character itself, so every one of them is written so.
"""

from __future__ import annotations

import re
from typing import Any

import tomli_w

from pmtui.document.printable import RAW_IN_TOML


def dumps(values: dict[str, Any], **options: Any) -> str:
    """`tomli_w.dumps(values, **options)`, each `RAW_IN_TOML` character escaped."""
    text = tomli_w.dumps(values, **options)
    return RAW_IN_TOML.sub(unicode_escape, text) if RAW_IN_TOML.search(text) else text


def unicode_escape(match: re.Match[str]) -> str:
    """A character as a basic string's escape: `\\u009b`."""
    return f"\\u{ord(match[0]):04x}"
