"""Parsed TOML of large reviews, kept between runs so that reopening one is quick.

tomllib reads a 10,000-event review (1.2 MiB) in about 0.17 s; tomli 2.2, the same parser
compiled with mypyc (and, like Python 3.11's tomllib, TOML 1.0 only), in about 0.12 s;
unpickling the same data takes about 0.03 s. Texts of
256 KiB and more are parsed with tomli and cached: in the user state folder, one entry per
review file, keyed by the SHA-256 of the text, so any change to the file misses. The cache
is only ever an optimisation: an entry that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import pickle
import tomllib
from pathlib import Path
from typing import Any

from pmtui import locations

MIN_SIZE = 256 * 1024


def parse(path: Path, text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the cache when this exact text was parsed before."""
    if len(text) < MIN_SIZE:
        return tomllib.loads(text)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    entry = _entry_for(path)
    cached = _read(entry)
    if cached is not None and cached[0] == digest:
        return cached[1]
    data = _parse_large(text)
    _write(entry, (digest, data))
    return data


def _parse_large(text: str) -> dict[str, Any]:
    """tomli's reading of a large text; tomllib's error (the same parser's) when it fails,
    so a problem is reported the same way whatever the size of the file."""
    import tomli  # its compiled module costs ~10 ms to import: only for large texts

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return tomllib.loads(text)


def _entry_for(path: Path) -> Path:
    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return locations.state_dir() / "parse-cache" / f"{name[:32]}.pickle"


def _read(entry: Path) -> tuple[str, dict[str, Any]] | None:
    try:
        with entry.open("rb") as file:
            cached = pickle.load(file)
    except Exception:  # missing, truncated or foreign: any failure just means "parse it"
        return None
    ok = isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], dict)
    return cached if ok else None


def _write(entry: Path, cached: tuple[str, dict[str, Any]]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(cached, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)
    except OSError:
        pass  # a read-only or full state folder only costs the next open a parse
