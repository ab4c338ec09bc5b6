"""Where pmtui's files are: the bundled themes and samples, and the user's own folders.

User folders come from platformdirs and are created only when something is written;
`PMTUI_CONFIG_DIR` and `PMTUI_STATE_DIR` override them (tests never touch a real home).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import platformdirs

from pmtui.errors import OneLineError

_PACKAGE = Path(__file__).resolve().parents[1]
"""pmtui's package folder. pmtui reads its folders as paths, so it is never run from a
zip; `importlib.resources` would cost about 4 ms more on the way to the first frame."""
_SOURCE_TREE = _PACKAGE.parents[1]


def bundled(folder: str) -> Path:
    """A folder shipped with pmtui (`themes`, `sample_incidents`, `scenarios`).

    In a wheel it sits inside the package; in an editable install it is at the top of the
    source tree, where the project keeps it.
    """
    packaged = _PACKAGE / folder
    return packaged if packaged.is_dir() else _SOURCE_TREE / folder


def samples() -> dict[str, Path]:
    """The bundled sample reviews by name (file name without `.toml`)."""
    return {path.stem: path for path in sorted(bundled("sample_incidents").glob("*.toml"))}


def current_folder() -> Path:
    """The folder pmtui was started in, or the one line that says it is gone (deleted
    since the shell went into it: `Path.cwd` raises)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise OneLineError(
            "the current folder no longer exists (deleted since the shell went into it); "
            "cd into a folder that does"
        ) from None


def config_dir() -> Path:
    """User settings, user themes and user templates."""
    override = os.environ.get("PMTUI_CONFIG_DIR")
    return _folder_named(override) if override else platformdirs.user_config_path("pmtui")


def state_dir() -> Path:
    """Recent files and recovery copies."""
    override = os.environ.get("PMTUI_STATE_DIR")
    return _folder_named(override) if override else platformdirs.user_state_path("pmtui")


def _folder_named(variable: str) -> Path:
    """The folder a variable names, a leading `~` as the home folder (set in a file or
    quoted, no shell expanded it), as every path under it is then taken as it is. A `~`
    with no home to stand for (`~nobody`, no HOME) stays a folder of that name."""
    try:
        return Path(variable).expanduser()
    except RuntimeError:  # pathlib's word for a home it cannot find
        return Path(variable)


def state_file(folder: str, review: Path, suffix: str) -> Path:
    """A file in the state folder that belongs to one review file, wherever it lives.

    The name keeps the review's own name for people, plus a hash of its full path so two
    `review.toml` in different folders never share one. A name starting with a literal `~`
    (quoted in the shell) is a folder of that name, as the app opens it, not the home folder.
    """
    full = str(review.resolve())
    tag = hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return state_dir() / folder / f"{review.stem}-{tag}{suffix}"


PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def own_root(path: Path) -> Path | None:
    """pmtui's own folder (state or config) that `path` is in, or None."""
    full = path.resolve()
    for root in (state_dir(), config_dir()):
        root = root.resolve()
        if full == root or root in full.parents:
            return root
    return None


def private_folder(folder: Path) -> Path:
    """`folder`, created if need be, readable by this user only (0700).

    Inside pmtui's own folders, every folder from the root down is made private, also
    those an older pmtui created with the usual mode. Any other folder that exists is the
    user's, and is left as it is.
    """
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    full = folder.resolve()
    root = own_root(full)
    inside = len(full.parts) - len(root.parts) if root else -1
    for each in [full, *full.parents][: inside + 1]:
        if each.stat().st_mode & 0o777 != PRIVATE_FOLDER:
            each.chmod(PRIVATE_FOLDER)
    return folder


def write_private(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`path`, in a private folder (`private_folder`), readable by this user only, written
    whole or not at all: `write` fills a new file beside it, which then takes its place.
    An `OSError` as raised."""
    private_folder(path.parent)
    writer = f"{os.getpid()}-{threading.get_ident()}"  # two writers never share one
    partial = path.with_suffix(f".{writer}.partial")
    partial.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        with os.fdopen(os.open(partial, flags, PRIVATE_FILE), "wb") as file:
            write(file)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)  # left only if the write failed


def prune_private(folder: Path, pattern: str, most: int, most_bytes: float = float("inf")) -> None:
    """Keep the `most` files matching `pattern` in `folder` used last (by their time, which
    a reader sets), within `most_bytes` together; drop the rest."""
    entries = []
    for entry in folder.glob(pattern):
        try:
            info = entry.stat()
        except OSError:
            continue
        entries.append((info.st_mtime_ns, info.st_size, entry))
    entries.sort(reverse=True)
    total = 0
    for count, (_, size, entry) in enumerate(entries):
        total += size
        if count >= most or total > most_bytes:
            entry.unlink(missing_ok=True)


def read_private(path: Path) -> bytes | None:
    """What `path` holds, if this user alone could have written it: its folder is the
    user's and private (0700), and the file is the user's, writable by nobody else, and no
    link (a link could lead to anyone's file). None when it is missing or not so."""
    try:
        folder_handle = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if not _own_and_closed(os.fstat(folder_handle), 0o077):
                return None
            handle = os.open(path.name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder_handle)
        finally:
            os.close(folder_handle)
        with os.fdopen(handle, "rb") as file:
            if not _own_and_closed(os.fstat(handle), 0o022):
                return None
            return file.read()
    except OSError:
        return None


def _own_and_closed(stat: os.stat_result, closed_to: int) -> bool:
    """This user's, with none of the `closed_to` permission bits set."""
    return stat.st_uid == os.geteuid() and not stat.st_mode & closed_to
