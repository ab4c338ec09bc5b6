"""Parsed TOML of large reviews, kept between runs so that reopening one is quick.

tomllib reads a 10,000-event review (1.2 MiB) in about 0.17 s; tomli 2.2, the same parser
compiled with mypyc (and, like Python 3.11's tomllib, TOML 1.0 only), in about 0.12 s;
unpickling the same data takes about 0.03 s. Texts of 256 KiB and more are parsed with
tomli and kept (`cache_entries`: private, one entry per review file, any change misses).
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pmtui.files import cache_entries

MIN_SIZE = 256 * 1024


def parse(path: Path, text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the cache when this exact text was parsed before."""
    if len(text) < MIN_SIZE:
        return tomllib.loads(text)
    return cache_entries.kept(
        "parsed",
        path,
        text,
        lambda: _parse_large(path, text),
        lambda kept: isinstance(kept, dict),
        unchanged=True,  # migrating copies it, and validating only reads it
    )


@contextlib.contextmanager
def parsing_ahead(paths: list[Path]) -> Iterator[None]:
    """Within the block, each large file of `paths` is parsed in a process of its own, for
    `parse` to take up (`parse_ahead`): `pmtui FILE`, `check` and `export` of a review never
    opened before, while the rest of the command loads. A child nobody took yet (the file
    could not be read, or is too large to be a review; ctrl+q on the "Opening" frame) is
    stopped as the block ends, not left parsing after the command."""
    from pmtui.files import parse_ahead

    parse_ahead.start(paths, MIN_SIZE)
    try:
        yield
    finally:
        parse_ahead.stop_all()


def _parse_large(path: Path, text: str) -> dict[str, Any]:
    """tomli's reading of a large text (done meanwhile in a process of its own, when
    `parse_ahead` started one); tomllib's error (the same parser's) when it fails, so a
    problem is reported the same way whatever the size of the file."""
    from pmtui.files import parse_ahead

    if (data := parse_ahead.taken(path, text)) is not None:
        return data
    import tomli  # its compiled module costs ~10 ms to import: only for large texts

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return tomllib.loads(text)
