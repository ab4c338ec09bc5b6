"""A large review's TOML parsed in a process of its own while pmtui starts.

tomli parses a 10,000-event review (1.2 MiB) in about 0.15 s, and pmtui has other work to
do before it needs the result: Textual's import and the "Opening" frame (`pmtui FILE`),
pydantic, the model and the checks (`check`, `export`). With a second core, a child
process parses meanwhile and hands the data over pickled (unpickling it takes about
0.03 s). Only a review never opened before gains: once opened, its parse is kept
(`parse_cache`), and no child is started.

The child's data is used only when it parsed the very text pmtui then reads (its
SHA-256), and it is read back with TOML's values only (`cache_entries.read_back`). A
child that fails, or is not done in `WAIT` seconds, costs only the parse pmtui then does
itself, with its own messages for a file that is not TOML.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pmtui.files import cache_entries

WAIT = 10.0
"""Seconds pmtui waits for a child it started; a hung one is stopped and not waited for."""

_CHILD = """
import hashlib, pickle, sys, tomli
with open(sys.argv[1], "rb") as file:
    raw = file.read()
text = raw.removeprefix(b"\\xef\\xbb\\xbf").decode("utf-8")
digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
sys.stdout.buffer.write(pickle.dumps((digest, tomli.loads(text)), protocol=5))
"""
"""The child: the file's text as `store.text_of` reads it, its digest and its data. Any
failure (not UTF-8, not TOML) ends it with no output, and pmtui reads the file itself."""

_children: dict[Path, subprocess.Popen[bytes]] = {}


def start(paths: list[Path], smallest: int) -> None:
    """Start parsing each of `paths` that is a regular file of `smallest` bytes or more
    whose parse is not kept yet, in a child process, when there is a second core to run it
    on (`parse_cache.parsing_ahead`)."""
    if not _second_core():
        return
    for path in paths:
        key = path.absolute()
        if key in _children or not _worth_it(path, smallest):
            continue
        with contextlib.suppress(OSError):  # no child: pmtui parses it itself
            _children[key] = subprocess.Popen(
                [sys.executable, "-I", "-c", _CHILD, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )


def _second_core() -> bool:
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # a platform that does not say which cores a process may use
        return (os.cpu_count() or 1) > 1


def _worth_it(path: Path, smallest: int) -> bool:
    """A regular file large enough, its parse not kept."""
    try:
        info = path.stat()
    except OSError:
        return False
    large = info.st_size >= smallest
    return large and path.is_file() and not cache_entries.entry_for("parsed", path).exists()


def stop_all() -> None:
    """Stop each child whose data nobody took (`parse_cache.parsing_ahead` as its command
    ends), rather than leave it parsing, or writing to a pipe nobody reads. The app's
    loading thread may take one meanwhile."""
    while True:
        try:
            _, child = _children.popitem()
        except KeyError:  # none left
            return
        child.kill()
        child.wait()


def taken(path: Path, text: str) -> dict[str, Any] | None:
    """The data of `text`, as the child started for `path` parsed it, or None: no child,
    one that failed or took too long, or one that read another text."""
    child = _children.pop(path.absolute(), None)
    if child is None:
        return None
    try:
        out, _ = child.communicate(timeout=WAIT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None
    if child.returncode != 0:
        return None
    kept = cache_entries.read_back(out)
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict)):
        return None
    digest, data = kept
    return data if digest == cache_entries.digest(text) else None
