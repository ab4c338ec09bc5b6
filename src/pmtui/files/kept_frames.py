"""The meeting screen as pmtui drew it on opening a review, once settled, kept to be painted
at the next launch while Textual and the review load (`cli.frame_at_launch`); drawn
off-screen as a run ends when it left the review with none (`cli.paint_ahead`).

The room waits for the meeting screen, and Textual alone takes about 1.3x a bare app to put
up a screen of its kind: painting the frame the app drew last time puts the same screen
there at once, and the app then draws over it, cell for cell. A frame is painted only
when all that decides it is as it was (`Launch.key`): the review's bytes and the name it
is opened by, the terminal's size, the variables that choose colours and Textual's ways,
the settings (the recent list aside) and the user's own files (themes, templates, blame
phrases), pmtui's, Textual's and Rich's code; and each holds for the days it was drawn
for, in the review's timezone (overdue actions count by them: `day_of`). A question the
app asks at start (a recovery copy to restore) goes up over the frame as it comes. A frame
drawn otherwise than the kept one replaces it.

Frames live in the user state folder, one per review file and day (days in a row with the
same screen share one), private like the cache: one is painted only if this user alone
could have written it (`locations.read_private`).
They are pruned to `MAX_FRAMES`, the longest unused first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import itertools
import math
import os
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pmtui
from pmtui.document.today import TodayError, now
from pmtui.files import locations

FOLDER = "frames"
FORMAT = "pmtui frame 2"
DAYS_AHEAD = 4
"""Days after the launch's that the painter draws the screen of (`cli.paint_ahead`): a
review prepared on a Friday is opened on the Monday, and the local morning after can be a
day further on in the review's timezone."""
MAX_FRAMES = 32 * (1 + DAYS_AHEAD)
"""A day gone, its frame goes as the next is kept."""
LARGEST = 16 * 1024 * 1024
"""Reviews larger than this (bytes) are not read twice to paint a frame."""
USER_FILES = ("themes", "templates", "blame_phrases.toml")
"""What of the user's settings folder, beside the settings file, can change the screen:
their themes, templates and blame phrases (`tui.themes`, `templates`, `analysis.blameless`).
Named, not all the folder: on macOS the state folder, where frames, locks and caches are
written, is the settings folder too."""
VARIABLES = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
VARIABLE_PREFIXES = ("TEXTUAL", "LC_", "LANG")
"""The environment that can change what the app draws: colours, size, Textual's settings,
the locale. pmtui's own variables count by what they give: the day, the settings and
themes read from the folder named."""


Day = tuple[float, float]
"""One day in the review's timezone: its first moment and the next day's (timestamps)."""
Bounds = tuple[float, ...]
"""When a kept frame holds: the bounds of the days in a row it was drawn for, the first
day's first moment to the last day's end (timestamps)."""


@dataclass(frozen=True)
class Launch:
    """A review opened in a terminal of `size` at the moment `at` (a timestamp), and the
    key of the frame it would show (the day aside: each frame holds for its own, `Day`)."""

    review: Path
    size: tuple[int, int]
    key: str
    at: float

    def at_moment(self, moment: dt.datetime) -> Launch:
        """The same launch at `moment`: the painter's, drawing a day ahead."""
        return replace(self, at=moment.timestamp())


def launch(review: Path, size: tuple[int, int]) -> Launch | None:
    """The launch of `review` in a terminal of `size` (columns, lines); None when its
    frame cannot be known: the review is no regular file pmtui can read (a pipe, a device,
    a link that leads nowhere: the app says its one line), it is larger than `LARGEST`, or
    `PMTUI_TODAY` is no date."""
    try:
        full = review.resolve()  # a literal `~` as the app opens it: a folder of that name
        text = _regular_file_bytes(full)
        moment = now()
    except (OSError, RuntimeError, TodayError):  # RuntimeError: a loop of links (3.11)
        return None
    if text is None:
        return None
    parts = [
        FORMAT,
        str(full),
        review.name,  # on screen: a link's own, not its target's
        hashlib.sha256(text).hexdigest(),
        f"{size[0]}x{size[1]}",
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
    """The frame kept for this very launch, or None (also outside the days, in the
    review's timezone, it was drawn for: see `keep`)."""
    found = kept_for(launch)
    if found is None:
        return None
    with contextlib.suppress(OSError):
        os.utime(found[0])  # used now: pruning drops the ones used longest ago
    return found[1]


def keep_unless_changed(drawn_for: Launch, frame: str, day: Day) -> None:
    """`keep`, unless something that decides the screen changed since `drawn_for` was
    known: a save by another program (while a painter draws) gives a frame of the text
    read after it, not of the one the launch's key names."""
    now_known = launch(drawn_for.review, drawn_for.size)
    if now_known is not None and now_known.key == drawn_for.key:
        keep(drawn_for, frame, day)


def days_drawn_ahead(launch: Launch) -> int:
    """How many days after the launch's have a frame kept for its key, one after another
    from the next: the first day without one ends the count, and so does a launch's day
    without one (where its next day starts is not known then)."""
    days = sorted(
        day
        for _, key, bounds, _ in _all_kept(launch.review)
        if key == launch.key
        for day in itertools.pairwise(bounds)
    )
    reach = next((until for since, until in days if since <= launch.at < until), None)
    if reach is None:
        return 0
    ahead = 0
    for since, until in days:
        if since == reach:
            reach, ahead = until, ahead + 1
    return ahead


def kept_for(launch: Launch) -> tuple[Path, str] | None:
    """Where the frame of this launch is kept, and the frame."""
    for kept_in, key, bounds, frame in _all_kept(launch.review):
        if key == launch.key and bounds[0] <= launch.at < bounds[-1]:
            return kept_in, frame.decode("utf-8", "replace")
    return None


def keep(launch: Launch, frame: str, day: Day) -> None:
    """Keep `frame` as the one this launch shows within `day` (`day_of`: overdue actions
    count by the day in the review's timezone), unless it is kept already. The same frame
    kept for the day before or after is one entry with it, over all those days (the screen
    of most reviews is the same from one day to the next); any other of the review's
    frames holding on that day goes, whatever days it holds for besides (one frame a
    review and day), and so do those of days gone. A state folder that cannot be written
    only costs the next launch its painted frame. A character the terminal cannot take (a
    file name's stray byte) is kept as Textual writes it, `\udcff`."""
    body = frame.encode("utf-8", "backslashreplace")
    bounds, merged, others = set(day), [], []
    for entry, key, kept_bounds, kept_frame in _all_kept(launch.review):
        touching = kept_bounds[0] <= day[1] and day[0] <= kept_bounds[-1]
        if touching and key == launch.key and kept_frame == body:
            if set(day) <= set(kept_bounds):
                return  # kept already
            merged.append(entry)
            bounds |= set(kept_bounds)
        else:
            others.append((entry, kept_bounds))
    try:
        moment = now().timestamp()  # not the launch's: tomorrow's is drawn ahead
        days = sorted(bounds)
        while len(days) > 2 and days[1] <= moment:  # a day gone leaves the frame's days
            days.pop(0)
        since, until = days[0], days[-1]
        kept_in = locations.state_file(FOLDER, launch.review, f".{int(since)}.frame")
        text = " ".join([launch.key, *map(repr, days)]).encode("ascii") + b"\n" + body
        for old, (old_since, *_, old_until) in others:
            overlaps = old_since < until and since < old_until
            if old != kept_in and (old_until <= moment or overlaps):
                old.unlink(missing_ok=True)
        locations.write_private(kept_in, lambda file: file.write(text))
        for old in merged:
            if old != kept_in:
                old.unlink(missing_ok=True)
        locations.prune_private(kept_in.parent, "*.frame", MAX_FRAMES)
    except (OSError, TodayError):
        pass


def entries(review: Path) -> list[Path]:
    """The frames kept for `review`, each for a day or days in a row."""
    named = locations.state_file(FOLDER, review, ".")
    try:
        return sorted(
            entry
            for entry in named.parent.iterdir()
            if entry.name.startswith(named.name) and entry.name.endswith(".frame")
        )
    except OSError:  # no frames folder yet
        return []


def _all_kept(review: Path) -> Iterator[tuple[Path, str, Bounds, bytes]]:
    """Each frame kept for `review` that this user alone wrote, with its key and the bounds
    of its days."""
    for entry in entries(review):
        kept = locations.read_private(entry)
        if kept is None:
            continue
        header, _, frame = kept.partition(b"\n")
        key, *bounds = header.decode("ascii", "replace").split(" ")
        try:
            days = tuple(map(float, bounds))
        except ValueError:  # not a frame of this format
            continue
        if len(days) >= 2 and list(days) == sorted(set(days)) and all(map(math.isfinite, days)):
            yield entry, key, days, frame


def day_of(moment: dt.datetime, zone: dt.tzinfo) -> Day:
    """The day of `moment` in the review's `zone`, where its overdue actions are counted:
    its first moment and the next day's, as timestamps. No day after it: until `moment`
    (`PMTUI_TODAY=9999-12-31`)."""
    there = moment.astimezone(zone).date()
    since = dt.datetime.combine(there, dt.time(), zone).timestamp()
    try:
        until = dt.datetime.combine(there + dt.timedelta(days=1), dt.time(), zone).timestamp()
    except OverflowError:
        until = moment.timestamp()
    return since, until


def _regular_file_bytes(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `LARGEST` bytes. A pipe or a
    device is not even opened; one read as growing past `LARGEST` counts as too large."""
    if not stat.S_ISREG(path.stat().st_mode):
        return None
    with open(path, "rb") as file:
        text = file.read(LARGEST + 1)
    return text if len(text) <= LARGEST else None


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
    """The user's own themes, templates and blame phrases (`USER_FILES`), by name within
    the settings folder, wherever it is."""
    config = locations.config_dir()
    found = []
    for name in USER_FILES:
        found.append(config / name)
        for folder, _, names in os.walk(config / name):  # nothing when it is a file
            found += [Path(folder, inside) for inside in names]
    return sorted(stamp.removeprefix(str(config)) for stamp in _stamps(found))
