"""The meeting screen as pmtui drew it on opening a review, once settled, kept to be painted
at the next launch while Textual and the review load (`cli.frame_at_launch`); drawn
off-screen as a run ends when it left the review with none (`cli.paint_ahead`).

The room waits for the meeting screen, and Textual alone takes about 1.3x a bare app to put
up a screen of its kind: painting the frame the app drew last time puts the same screen
there at once, and the app then draws over it, cell for cell. A frame is painted only
when all that decides it is as it was (`Launch.key`): the review's bytes, the terminal's
size, the variables that choose colours and Textual's ways, the settings (the recent list
aside) and the user's own files (themes, templates, blame phrases), pmtui's, Textual's and
Rich's code, and the day, here and in the review's timezone (overdue actions). A question
the app asks at start (a recovery copy to restore) goes up over the frame as it comes. A
frame drawn otherwise than the kept one replaces it.

Frames live in the user state folder, one per review file, private like the cache: one is
painted only if this user alone could have written it (`locations.read_private`). They
are pruned to `MAX_FRAMES`, the longest unused first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pmtui
from pmtui.document.today import TodayError, now, today
from pmtui.files import locations

FOLDER = "frames"
FORMAT = "pmtui frame 1"
MAX_FRAMES = 32
LARGEST = 16 * 1024 * 1024
"""Reviews larger than this (bytes) are not read twice to paint a frame."""
VARIABLES = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
VARIABLE_PREFIXES = ("TEXTUAL", "LC_", "LANG")
"""The environment that can change what the app draws: colours, size, Textual's settings,
the locale. pmtui's own variables count by what they give: the day, the settings and
themes read from the folder named."""


@dataclass(frozen=True)
class Launch:
    """A review opened in a terminal of `size` at the moment `at` (a timestamp), and the
    key of the frame it would show."""

    review: Path
    size: tuple[int, int]
    key: str
    at: float


def launch(review: Path, size: tuple[int, int]) -> Launch | None:
    """The launch of `review` in a terminal of `size` (columns, lines); None when its
    frame cannot be known: the review is no regular file pmtui can read (a pipe, a device,
    a link that leads nowhere: the app says its one line), it is larger than `LARGEST`, or
    `PMTUI_TODAY` is no date."""
    try:
        full = review.expanduser().resolve()
        text = _regular_file_bytes(full)
        moment = now()
    except (OSError, RuntimeError, TodayError):  # RuntimeError: a loop of links (3.11)
        return None
    if text is None:
        return None
    parts = [
        FORMAT,
        str(full),
        hashlib.sha256(text).hexdigest(),
        f"{size[0]}x{size[1]}",
        today().isoformat(),
        *sorted(
            f"{name}={value}"
            for name, value in os.environ.items()
            if name in VARIABLES or name.startswith(VARIABLE_PREFIXES)
        ),
        _settings_drawn(),
        *_stamps(_code_files()),
        *_user_files(),
    ]
    key = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return Launch(full, size, key, moment.timestamp())


def painted(launch: Launch) -> str | None:
    """The frame kept for this very launch, or None (also once the day it was kept for
    has passed: see `keep`)."""
    kept = locations.read_private(_entry(launch.review))
    if kept is None:
        return None
    header, _, frame = kept.partition(b"\n")
    key, _, until = header.decode("ascii", "replace").partition(" ")
    try:
        current = key == launch.key and launch.at < float(until)
    except ValueError:
        return None
    if not current:
        return None
    with contextlib.suppress(OSError):
        os.utime(_entry(launch.review))  # used now: pruning drops the ones used longest ago
    return frame.decode("utf-8", "replace")


def keep(launch: Launch, frame: str, until: float) -> None:
    """Keep `frame` as the one this launch shows until the moment `until` (a timestamp: the
    day's end, after which overdue actions count again), unless it is kept already. A
    state folder that cannot be written only costs the next launch its painted frame. A
    character the terminal cannot take (a file name's stray byte) is kept as Textual
    writes it, `\\udcff`."""
    kept = frame.encode("utf-8", "backslashreplace")
    if painted(launch) == kept.decode("utf-8"):
        return
    entry = _entry(launch.review)
    header = f"{launch.key} {until!r}\n".encode("ascii")
    try:
        locations.write_private(entry, lambda file: file.write(header + kept))
        locations.prune_private(entry.parent, "*.frame", MAX_FRAMES)
    except OSError:
        pass


def days_end(moment: dt.datetime, zone: dt.tzinfo) -> float:
    """The first midnight after `moment` in the review's `zone`, where its overdue actions
    are counted, as a timestamp (the local day is in the key). None left: `moment`, when
    no day follows it (`PMTUI_TODAY=9999-12-31`)."""
    there = moment.astimezone(zone)
    try:
        next_day = dt.datetime.combine(there.date() + dt.timedelta(days=1), dt.time(), zone)
    except OverflowError:
        return moment.timestamp()
    return next_day.timestamp()


def _regular_file_bytes(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `LARGEST` bytes. A pipe or a
    device is not even opened; one read as growing past `LARGEST` counts as too large."""
    if not stat.S_ISREG(path.stat().st_mode):
        return None
    with open(path, "rb") as file:
        text = file.read(LARGEST + 1)
    return text if len(text) <= LARGEST else None


def _entry(review: Path) -> Path:
    return locations.state_file(FOLDER, review, ".frame")


def _stamps(paths: list[Path]) -> list[str]:
    """When each file was written and its size, or that it is missing."""
    stamps = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            stamps.append(f"{path}:-")
        else:
            stamps.append(f"{path}:{info.st_mtime_ns}:{info.st_size}")
    return stamps


def _code_files() -> list[Path]:
    """pmtui's code, styles and bundled themes, and Textual's and Rich's."""
    files = []
    for top in (Path(pmtui.__file__).parent, locations.bundled("themes")):
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            files += [Path(folder, name) for name in names if not name.endswith(".pyc")]
    for library in ("textual", "rich"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    return files


def _settings_drawn() -> str:
    """The settings that can change the screen: all but the recent reviews, which opening
    one changes (a file that cannot be read: its bytes, which the app's notice says)."""
    path = locations.config_dir() / "settings.toml"
    try:
        text = _regular_file_bytes(path)
    except FileNotFoundError:  # as none set: the first opening writes the recent ones
        text = b""
    except OSError as error:
        return f"settings: {error.errno}"
    if text is None:
        return "settings: no regular file"
    try:
        settings = tomllib.loads(text.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not TOML, or past tomllib's limits
        return f"settings bytes: {hashlib.sha256(text).hexdigest()}"
    settings.pop("recent", None)
    return f"settings: {sorted(settings.items())!r}"


def _user_files() -> list[str]:
    """The user's own themes, templates, blame phrases and team (all but the settings,
    read by `_settings_drawn`), by name within the folder, wherever it is."""
    config = locations.config_dir()
    found = []
    for folder, _, names in os.walk(config):
        found += [Path(folder, name) for name in names if name != "settings.toml"]
    return sorted(stamp.removeprefix(str(config)) for stamp in _stamps(found))
