"""What pmtui keeps between runs to open a review again sooner (`parse_cache`,
`review_cache`): one entry per kind and review file, in the user state folder, keyed by the
SHA-256 of the file's text, so any change to the file misses. An entry is only ever an
optimisation: one that cannot be read or written is ignored.

Unpickling runs code, so an entry is trusted only when this user wrote it for this very
pmtui and Python: it lives in the user's own private folder (0700), its file is the user's
own, no link, and writable by nobody else, and its name and content carry the version.
Even then it is read back with the classes an entry can hold only (TOML's values and the
classes of the modules its reader names: the review's parts, a scenario's). The folder is
pruned after each write to `MAX_ENTRIES` entries and `MAX_BYTES`, the longest unused
first (a 4.7 MB review takes 4.1 MB).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import io
import os
import pickle
import shutil
import sys
import zoneinfo
from collections.abc import Callable, Collection, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any, BinaryIO

import pmtui
from pmtui.files import locations

MAX_ENTRIES = 64
MAX_BYTES = 64 * 1024 * 1024
FORMER_FOLDER = "parse-cache"


def _code_stamp() -> str:
    """When and how large the code that makes a review of a text was last written, and the
    time zone database it reads, so that entries made before a change to either (a
    checkout, an edit, another pydantic, a tzdata update) are never read. pydantic is
    found, not imported: the "Opening" frame comes before it."""
    stamps = [" ".join(zoneinfo.TZPATH)]
    for source in stamped_files():
        with contextlib.suppress(OSError):
            info = source.stat()
            stamps.append(f"{source.name}:{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha256(" ".join(stamps).encode()).hexdigest()[:16]


def stamped_files() -> list[Path]:
    package = Path(pmtui.__file__).parent
    sources = [package / "__init__.py", package / "errors.py"]
    for folder in ("document", "files", "training"):
        with contextlib.suppress(OSError):
            sources += sorted((package / folder).glob("*.py"))
    for library in ("pydantic", "pydantic_core", "tzdata"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            sources.append(Path(spec.origin))
    return sources + [Path(zones, "tzdata.zi") for zones in zoneinfo.TZPATH]


@functools.cache
def version() -> str:
    """Entries of any other pmtui, code or Python are never read (and pruned in time).
    Worked out at the first entry looked for, not on import: `list`, `stats` and a large
    review's "Opening" frame never wait for it."""
    return (
        f"pmtui {pmtui.__version__} code {_code_stamp()} "
        f"python {sys.version_info[0]}.{sys.version_info[1]}"
    )


_TOML_CLASSES = {
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
}
"""TOML's values: with the classes of the modules its reader names, all an entry holds."""


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def folder() -> Path:
    return locations.state_dir() / "cache"


def entry_for(kind: str, path: Path) -> Path:
    key = f"{kind}\0{version()}\0{path.resolve()}".encode("utf-8", "surrogatepass")
    return folder() / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle"


def kept(
    kind: str,
    path: Path,
    text: str,
    make: Callable[[], Any],
    well_formed: Callable[[Any], bool],
    classes_of: Collection[str] = (),
    *,
    unchanged: bool = False,
) -> Any:
    """What `make()` gives for `text`, read from `path`: as kept when an earlier run made
    it for this very text (and it is `well_formed`), else made now and kept. An error of
    `make` is raised, and keeps nothing. `unchanged`: nobody changes what `make` gives,
    so its entry may be written later (`held_back`)."""
    text_digest = digest(text)
    value = get(kind, path, text_digest, classes_of)
    if well_formed(value):
        return value
    value = make()
    held = _held.get()
    if unchanged and held is not None:
        held.append(functools.partial(put, kind, path, text_digest, value))
    else:
        put(kind, path, text_digest, value)
    return value


_held: ContextVar[list[Callable[[], None]] | None] = ContextVar("pmtui_held", default=None)


@contextlib.contextmanager
def held_back() -> Iterator[list[Callable[[], None]]]:
    """Within the block, in this thread, entries that may wait (`kept(unchanged=True)`) are
    listed instead of written: `write_held` writes them once there is time. Opening a large
    review the first time puts its screen up first, and writes the parse that makes the
    next opening quick after (pickling 10,000 events takes about 40 ms)."""
    held: list[Callable[[], None]] = []
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)


def write_held(held: list[Callable[[], None]]) -> None:
    """Write the entries `held_back` listed."""
    while held:
        held.pop(0)()


def get(kind: str, path: Path, text_digest: str, classes_of: Collection[str] = ()) -> Any | None:
    """What was kept of this `kind` for the text of that digest at `path`, or None. It is
    read back with TOML's values and the classes of the modules `classes_of` names only."""
    entry = entry_for(kind, path)
    found = _read(entry, classes_of)
    if not (isinstance(found, tuple) and len(found) == 3 and found[:2] == (version(), text_digest)):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # used now: pruning drops the ones used longest ago
    return found[2]


def put(kind: str, path: Path, text_digest: str, value: Any) -> None:
    kept = (version(), text_digest, value)
    try:
        locations.write_private(
            entry_for(kind, path),
            functools.partial(pickle.dump, kept, protocol=pickle.HIGHEST_PROTOCOL),
        )
        prune()
    except (OSError, RecursionError):
        pass  # a read-only or full state folder only costs the next open some time


def prune() -> None:
    """Keep the newest entries within `MAX_ENTRIES` and `MAX_BYTES`; drop the rest, and the
    folder where pmtui 0.1 kept parsed large texts before (`FORMER_FOLDER`)."""
    shutil.rmtree(locations.state_dir() / FORMER_FOLDER, ignore_errors=True)
    locations.prune_private(folder(), "*.pickle", MAX_ENTRIES, MAX_BYTES)


def _read(entry: Path, classes_of: Collection[str]) -> Any | None:
    """The entry, if this user alone could have written it (`locations.read_private`)."""
    pickled = locations.read_private(entry)
    if pickled is None:
        return None
    try:
        return _KeptClassesOnly(io.BytesIO(pickled), classes_of).load()
    except Exception:  # truncated or foreign: any failure just means "read it"
        return None


def read_back(pickled: bytes) -> Any | None:
    """What `pickled` holds, read back with TOML's values only; None when it holds anything
    else or is not a pickle."""
    try:
        return _KeptClassesOnly(io.BytesIO(pickled), ()).load()
    except Exception:  # foreign, truncated, or a class never kept: nothing to use
        return None


class _KeptClassesOnly(pickle.Unpickler):
    """Unpickles what an entry may hold and refuses any other class or function."""

    def __init__(self, file: BinaryIO, classes_of: Collection[str]) -> None:
        super().__init__(file)
        self.classes_of = classes_of

    def find_class(self, module: str, name: str) -> Any:
        if name in _TOML_CLASSES.get(module, ()):
            return super().find_class(module, name)
        if module in self.classes_of and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is never kept")
