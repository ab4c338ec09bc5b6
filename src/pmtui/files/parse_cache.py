"""Parsed TOML of large reviews, kept between runs so that reopening one is quick.

tomllib reads a 10,000-event review (1.2 MiB) in about 0.17 s; tomli 2.2, the same parser
compiled with mypyc (and, like Python 3.11's tomllib, TOML 1.0 only), in about 0.12 s;
unpickling the same data takes about 0.03 s. Texts of
256 KiB and more are parsed with tomli and cached: in the user state folder, one entry per
review file, keyed by the SHA-256 of the text, so any change to the file misses. The cache
is only ever an optimisation: an entry that cannot be read or written is ignored.

Unpickling runs code, so an entry is trusted only when this user wrote it for this very
pmtui and Python: it lives in the user's own private folder (0700), its file is the user's
own, no link, and writable by nobody else, and its name and content carry the version. The
cache is pruned after each write to `MAX_ENTRIES` entries and `MAX_BYTES`, the longest
unused first (a 4.7 MB review takes 4.1 MB).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tomllib
from pathlib import Path
from typing import Any

from pmtui import __version__
from pmtui.files import locations

MIN_SIZE = 256 * 1024
MAX_ENTRIES = 16
MAX_BYTES = 64 * 1024 * 1024
VERSION = f"pmtui {__version__} python {sys.version_info[0]}.{sys.version_info[1]}"
"""Entries of any other pmtui or Python are never read (and pruned in time)."""


def parse(path: Path, text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the cache when this exact text was parsed before."""
    if len(text) < MIN_SIZE:
        return tomllib.loads(text)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    entry = _entry_for(path)
    cached = _read(entry)
    if cached is not None and cached[:2] == (VERSION, digest):
        _touch(entry)
        return cached[2]
    data = _parse_large(text)
    _write(entry, (VERSION, digest, data))
    return data


def _parse_large(text: str) -> dict[str, Any]:
    """tomli's reading of a large text; tomllib's error (the same parser's) when it fails,
    so a problem is reported the same way whatever the size of the file."""
    import tomli  # its compiled module costs ~10 ms to import: only for large texts

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return tomllib.loads(text)


def folder() -> Path:
    return locations.state_dir() / "parse-cache"


def _entry_for(path: Path) -> Path:
    key = f"{VERSION}\0{path.resolve()}".encode("utf-8", "surrogatepass")
    return folder() / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle"


def _read(entry: Path) -> tuple[str, str, dict[str, Any]] | None:
    """The entry, if this user alone could have written it: its folder is the user's and
    private (0700), and the entry is no link (a link could lead to anyone's file)."""
    try:
        folder_handle = os.open(entry.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if not _own_and_closed(os.fstat(folder_handle), 0o077):
                return None
            handle = os.open(entry.name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder_handle)
        finally:
            os.close(folder_handle)
        with os.fdopen(handle, "rb") as file:
            if not _own_and_closed(os.fstat(handle), 0o022):
                return None
            cached = pickle.load(file)
    except Exception:  # missing, truncated or foreign: any failure just means "parse it"
        return None
    ok = isinstance(cached, tuple) and len(cached) == 3 and isinstance(cached[2], dict)
    return cached if ok else None


def _touch(entry: Path) -> None:
    """Mark an entry as used now: pruning drops the ones used longest ago."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def _own_and_closed(stat: os.stat_result, closed_to: int) -> bool:
    """This user's, with none of the `closed_to` permission bits set."""
    return stat.st_uid == os.geteuid() and not stat.st_mode & closed_to


def _write(entry: Path, cached: tuple[str, str, dict[str, Any]]) -> None:
    try:
        locations.private_folder(entry.parent)
        partial = entry.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        with os.fdopen(os.open(partial, flags, locations.PRIVATE_FILE), "wb") as file:
            pickle.dump(cached, file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(entry)
        prune()
    except (OSError, RecursionError):
        pass  # a read-only or full state folder only costs the next open a parse


def prune() -> None:
    """Keep the newest entries within `MAX_ENTRIES` and `MAX_BYTES`; drop the rest."""
    entries = []
    for entry in folder().glob("*.pickle"):
        try:
            stat = entry.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime_ns, stat.st_size, entry))
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, entry) in enumerate(entries):
        total += size
        if count >= MAX_ENTRIES or total > MAX_BYTES:
            entry.unlink(missing_ok=True)
