"""Review files: TOML in (`tomllib`), TOML out (`tomli_w`), atomically.

Every failure is a `ReviewFileError` whose message is one line a person can act on:
which file, where (line and column, or the field path), what is wrong.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import glob
import os
import stat
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from pmtui import SCHEMA_VERSION
from pmtui.document.characters import mended
from pmtui.errors import OneLineError
from pmtui.files import disk, filelock, locations, parse_cache, toml_out, tomlpos
from pmtui.files.disk import Fingerprint

if TYPE_CHECKING:  # the document model (pydantic) is imported when a review is validated
    from pmtui.document.model import Review

Migration = Callable[[dict[str, Any]], dict[str, Any]]
Check = Callable[[Path], None]
ValuesText = Callable[[dict[str, Any], tuple[str, ...]], str]

MIGRATIONS: dict[int, Migration] = {}
"""Schema upgrades: `MIGRATIONS[n]` turns a version-n document into version n+1."""


_UMASK = os.umask(0o022)
os.umask(_UMASK)
_NEW_FILE_MODE = 0o666 & ~_UMASK
"""A new file gets the mode any program would give it (temp files start private)."""

MAX_DEPTH = 32
"""Arrays and tables nested deeper than this are no review (one has 4 levels); deeper
structures would exhaust Python's recursion in the parser or in code that walks them."""
MAX_BYTES = 64 << 20
"""The largest file read as a review (one of 10,000 events and 1,000 actions is 1.3 MB)."""
BOM = b"\xef\xbb\xbf"
"""UTF-8's byte-order mark."""


class ReviewFileError(OneLineError):
    """A review file that cannot be read or written; `str()` is the one-line message, and
    `more` the lines of the problems it counts after the first (`check` says them all: a
    file with four mistakes took four rounds of fixing when only the first was named)."""

    def __init__(self, line: str, more: tuple[str, ...] = ()) -> None:
        super().__init__(line)
        self.more = more


def load(path: Path) -> Review:
    """Read and validate a review; raise `ReviewFileError` with a one-line message."""
    return review_in(path, read_text(path))[0]


def compared(path: Path, text: str) -> Review:
    """The review in `text` as `pmtui diff` and `merge` compare it: an action the file
    holds without an id has none (`item_ids.unnamed_as_written`)."""
    from pmtui.document import item_ids

    return item_ids.unnamed_as_written(*review_in(path, text))


def review_in(path: Path, text: str) -> tuple[Review, dict[str, Any] | None]:
    """The review in `text` (read from `path`), and the data that text holds when it is of
    the current schema (None: the review was migrated, so the text no longer says the same)."""
    data, found = parsed(path, text)
    current = data.get("schema_version", SCHEMA_VERSION) == SCHEMA_VERSION
    return from_data(data, path, text, found), data if current else None


def read_toml(path: Path) -> dict[str, Any]:
    """Any TOML file pmtui reads (settings, themes), or a `ReviewFileError` with one line."""
    return parse(path, read_text(path))


def _problems():
    """The wording of a file that cannot be read: imported only for one, so that reading
    the themes and settings on the way to the first frame does without it (about 2 ms)."""
    from pmtui.files import problems

    return problems


def parse(path: Path, text: str) -> dict[str, Any]:
    """The TOML `text` read from `path`, or a `ReviewFileError` with one line (hostile
    nesting included): every TOML file pmtui reads goes through here."""
    return parsed(path, text)[0]


def parsed(path: Path, text: str) -> tuple[dict[str, Any], Scan]:
    """`parse`, and what its walk over the data found (which `from_data` then need not
    walk again)."""
    try:
        data = parse_cache.parse(path, text)
    except tomllib.TOMLDecodeError as error:
        raise ReviewFileError(_problems().toml_line(path, text, error)) from None
    except ValueError:  # a whole number of more digits than Python converts
        raise ReviewFileError(_problems().long_number_line(path, text)) from None
    except RecursionError:
        data = None
    found = None if data is None else scan(data)
    if found is None or found.depth > MAX_DEPTH:
        raise ReviewFileError(
            f"{path}: arrays or tables nested more than {MAX_DEPTH} levels deep; "
            "is this a review file?"
        )
    if found.outside_64_bits and (problem := _problems().number_outside_64_bits(path, text, data)):
        raise ReviewFileError(problem)
    return data, found


class Scan(NamedTuple):
    """What one walk over parsed TOML found. Three checks share it: a 10,000-event review
    holds some 150,000 values, and one walk took 9 ms where three took over 100. The rare
    file with a problem is walked again, by the check that says where the problem is."""

    depth: int
    """How deeply arrays and tables nest (counted no further than one past `MAX_DEPTH`)."""
    outside_64_bits: bool
    """A whole number TOML cannot hold."""
    at_calendar_ends: bool
    """A date and time in year 1 or 9999."""


def scan(data: dict[str, Any]) -> Scan:
    """`data` walked level by level, without recursion."""
    level: list[Any] = [data]
    depth, outside_64_bits, at_calendar_ends = 0, False, False
    while level and depth <= MAX_DEPTH:
        depth += 1
        deeper = []
        for value in level:
            for item in value.values() if type(value) is dict else value:
                kind = type(item)
                if kind is dict or kind is list:
                    deeper.append(item)
                elif kind is int:
                    outside_64_bits = outside_64_bits or not -(2**63) <= item < 2**63
                elif kind is not str and isinstance(item, dt.datetime):
                    at_calendar_ends = at_calendar_ends or item.year in (dt.MINYEAR, dt.MAXYEAR)
        level = deeper
    return Scan(depth, outside_64_bits, at_calendar_ends)


def from_data(
    data: dict[str, Any], path: Path, text: str = "", found: Scan | None = None
) -> Review:
    """Validate parsed TOML data, migrating older schema versions first. `found`: what
    `parsed` found in `data`, if it read it."""
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReviewFileError(f"{path}: schema_version: must be a whole number from 1 up")
    from pydantic import ValidationError

    from pmtui.document.model import Review

    read, data = data, migrate(data, version)
    if data is not read or found is None:  # a migrated copy is walked afresh
        found = scan(data)
    if found.at_calendar_ends:
        _refuse_times_at_the_calendar_ends(data, path, text)
    zone = zone_of(data)
    try:
        return Review.model_validate(data, context={"zone": zone})
    except ValidationError as error:
        newer = (
            f" (written by a newer pmtui, schema {version} > {SCHEMA_VERSION}: upgrade pmtui)"
            if version > SCHEMA_VERSION
            else ""
        )
        problems = _problems()
        first, *more = problems.schema_lines(path, text, error)
        raise ReviewFileError(problems.with_count(first, more) + newer, tuple(more)) from None


def _refuse_times_at_the_calendar_ends(data: dict[str, Any], path: Path, text: str) -> None:
    """A date and time in year 1 or 9999 cannot always be moved to another time zone
    (Python's datetime ends there): such a file is refused rather than failing later."""
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, dt.datetime) and value.year in (dt.MINYEAR, dt.MAXYEAR):
            raise ReviewFileError(
                _problems().at(
                    path,
                    text,
                    location,
                    f"year {value.year} is out of range "
                    f"(times must be in the years {dt.MINYEAR + 1} to {dt.MAXYEAR - 1})",
                )
            )
        if isinstance(value, dict):
            stack.extend((item, (*location, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*location, index)) for index, item in enumerate(value))


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply the registered migrations from `version` up to the current schema, to a copy:
    the parsed data stays the file's own (`parse_cache` keeps it)."""
    if version < SCHEMA_VERSION:
        data = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def dumps(review: Review) -> str:
    """The TOML text of a review, for people and git.

    Stable key order, no default or empty values, triple-quoted blocks for multi-line text, and
    one `[[name]]` table per list item (tomli_w would inline short ones).
    """
    return format_snapshot(snapshot(review))


def snapshot(review: Review) -> dict[str, Any]:
    """The data to save, detached from the live document (so a worker can format it).

    An event's one milestone is written as a plain string and a day-only event's time as
    its date, as a person writes them (and as files from before lists and dates read).
    """
    data = review.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    for event, saved in zip(review.timeline, data.get("timeline", ()), strict=True):
        milestones = saved.get("milestone")
        if milestones is not None and len(milestones) == 1:
            saved["milestone"] = milestones[0]
        if event.day_only and event.at.time() == dt.time():
            saved["at"] = event.at.date()
    return {"schema_version": review.schema_version, **data}


def format_snapshot(data: dict[str, Any]) -> str:
    """The TOML text of a snapshot."""
    return format_table(data, ())


def format_table(
    table: dict[str, Any], prefix: tuple[str, ...], values_text: ValuesText | None = None
) -> str:
    """The TOML text of `table` as the table named `prefix` (`()`: the document); its
    subtables and lists of tables are headed by their full names. `values_text` writes
    the `key = value` lines of each table (its values, its name): else pmtui does."""
    return "".join(_table_chunks(table, prefix, values_text or _values_text))


INLINE_ARRAY_WIDTH = 100
"""A list of plain values that fits this many characters is written on its key's line,
as a person writes it (`tags = ["dojo", "sev1"]`); a longer one gets a line per item."""


def _values_text(values: dict[str, Any], _: tuple[str, ...]) -> str:
    if not any(isinstance(value, list) and value for value in values.values()):
        return _dumps(values)
    return "".join(
        _inline_array(key, value) or _dumps({key: value}) for key, value in values.items()
    )


def _dumps(values: dict[str, Any]) -> str:
    return toml_out.dumps({k: writable(v) for k, v in values.items()}, multiline_strings=True)


def _inline_array(key: str, items: Any) -> str | None:
    """`key = [a, b]` with a line end, or None when `items` is no list of one-line values
    or the line would be longer than `INLINE_ARRAY_WIDTH`."""
    if (
        not isinstance(items, list)
        or not items
        or any(
            isinstance(item, dict | list) or (isinstance(item, str) and "\n" in item)
            for item in items
        )
    ):
        return None
    shown = [toml_out.dumps({"k": writable(item)})[4:-1] for item in items]
    line = f"{tomlpos.dotted((key,))} = [{', '.join(shown)}]"
    return f"{line}\n" if len(line) <= INLINE_ARRAY_WIDTH else None


def _table_chunks(
    table: dict[str, Any], prefix: tuple[str, ...], values_text: ValuesText
) -> list[str]:
    values = {k: v for k, v in table.items() if not _is_table(v) and not _is_table_list(v)}
    chunks = [values_text(values, prefix)] if values else []
    for key, value in table.items():
        name = (*prefix, key)
        if _is_table(value):
            inner = _table_chunks(value, name, values_text)
            if not inner or not inner[0].startswith("\n["):
                chunks.append(f"\n[{tomlpos.dotted(name)}]\n")  # a parent of subtables is implicit
            chunks.extend(inner)
        elif _is_table_list(value):
            for item in value:
                chunks.append(f"\n[[{tomlpos.dotted(name)}]]\n")
                chunks.extend(_table_chunks(item, name, values_text))
    return chunks


def writable(value: Any) -> Any:
    """A value as TOML can hold it. A UTC offset with seconds (the local mean time of a
    zone's early history: Amsterdam before 1937 was +00:19:32) has no TOML form: such a
    time is written as the same instant in UTC, or the file would not read back."""
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return value.astimezone(dt.UTC) if offset and offset % dt.timedelta(minutes=1) else value


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def save(review: Review, path: Path) -> Fingerprint:
    """Write atomically: a temp file in the same folder, fsync, then replace."""
    refuse_newer(review.schema_version, path)
    return write_atomically(path, dumps(review))


def newer_schema_line(version: int, path: Path) -> str | None:
    """The one line every reader shows for a review written by a newer pmtui, else None.

    Such a file is read as far as this pmtui understands it, and never written.
    """
    if version <= SCHEMA_VERSION:
        return None
    return (
        f"{path}: written by a newer pmtui (file schema {version}, this pmtui reads "
        f"{SCHEMA_VERSION}); read-only here — upgrade pmtui to edit it"
    )


REVIEW_KEYS = frozenset({"incident", "schema_version"})
"""A TOML file with neither at its top is some other file (`pyproject.toml`, an empty
one): `list` and `stats` pass it over, and a command given it says so
(`not_a_review_line`)."""


def is_a_review(review: Review) -> bool:
    """Whether the file `review` was read from is a review at all (`REVIEW_KEYS`)."""
    return not REVIEW_KEYS.isdisjoint(review.model_fields_set)


def holds_nothing(review: Review) -> bool:
    """Whether the file `review` was read from is empty (nothing but blanks and comments)."""
    return not review.model_fields_set and not review.model_extra


def not_a_review_line(review: Review, path: Path) -> str | None:
    """The one line every command gives a file that reads but is no review, else None."""
    if is_a_review(review):
        return None
    return f"{path}: not a review (no [incident], no schema_version)"


def only_a_review(review: Review, path: Path) -> Review:
    """`review`, read from `path` for a command given one, unless that file is no review:
    then its `not_a_review_line` as a `ReviewFileError`."""
    if problem := not_a_review_line(review, path):
        raise ReviewFileError(problem)
    return review


def a_review_or_nothing(review: Review, path: Path) -> Review:
    """`review`, read from `path` for the app, which starts a new review in an empty file
    (`holds_nothing`); any other file that is no review is refused (`only_a_review`)."""
    return review if holds_nothing(review) else only_a_review(review, path)


def refuse_newer(version: int, path: Path, *, doing: str = "write") -> None:
    """A review from a newer pmtui is never written (nor merged into one that would be):
    this version would drop its meaning."""
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            f"{path}: written by a newer pmtui (schema {version} > {SCHEMA_VERSION}); "
            f"refusing to {doing} it — upgrade pmtui"
        )


def write_atomically(
    path: Path, text: str, *, check: Check | None = None, copy_of: Path | None = None
) -> Fingerprint:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    The bytes go to a temp file beside the file, are flushed to the disk, and only then
    take the file's place (a rename, atomic on POSIX). A symlink stays a link: its target
    is written. The file keeps its mode, its byte-order mark if it starts with one, and its
    owner and group where this user may set them. A file without write permission is
    read-only by intent and is refused, though a rename could replace it. Files in pmtui's
    own folders are private (0600, in 0700 folders). A new file that is a copy of the
    review `copy_of` takes that review's mode
    (`copy_mode`): a private review's copies are private too.

    `check` runs at the last moment, just before the rename, while holding the review's
    save lock (other pmtui processes take it too), and is given the file the rename
    replaces (a link's target as it was found, though the link may point elsewhere by
    then); it raises to keep the file as it is.
    Returns the fingerprint of what was written.
    """
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    private = locations.own_root(target) is not None
    if private:
        _make_private(folder, path)
    kept = _kept_stat(target, path)
    mode = (
        locations.PRIVATE_FILE if private else kept.st_mode & 0o777 if kept else copy_mode(copy_of)
    )
    data = encode(text)
    if kept and _starts_with_a_bom(target):
        data = BOM + data
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot write in this folder ({reason(error)})") from None
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
            if kept:
                _keep_owner(handle, kept)
            os.fchmod(handle, mode)
            written = disk.of_bytes(data, os.fstat(handle))
        finally:
            os.close(handle)
        if check is None:
            os.replace(temp_name, target)
        else:
            with filelock.saving(target):
                check(target)
                os.replace(temp_name, target)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ReviewFileError(f"{path}: cannot write ({reason(error)})") from None
        raise
    _fsync_folder(folder)
    return written


def copy_mode(original: Path | None) -> int:
    """The mode of a new file that is a copy of the review `original`: the review's own
    (its target's, through a link), never wider, so that a review kept from others is not
    copied for them to read. Its owner may read and write it (pmtui goes on saving to a
    copy, and a copy of a read-only review is for editing). Without an original (a new
    review, or one deleted since it was read), the mode any program would give a new file;
    with one that cannot be looked at, a private one."""
    if original is None:
        return _NEW_FILE_MODE
    try:
        mode = original.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _NEW_FILE_MODE
    except OSError:
        return locations.PRIVATE_FILE
    return mode & 0o777 | stat.S_IRUSR | stat.S_IWUSR


def write_target(path: Path) -> Path:
    """The file that writing `path` replaces: `path` itself, or the file a symlink points to.

    A link to nothing is refused: following it would create a file wherever the link
    points (a link planted in a shared folder could aim at `~/.ssh/authorized_keys`).
    """
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not os.path.lexists(target):
        raise ReviewFileError(
            f"{path}: a link to {os.readlink(path)}, which does not exist; "
            "pmtui writes through a link only to an existing file"
        )
    return target


def encode(text: str) -> bytes:
    """UTF-8, with any lone surrogate (half of a character, from a broken paste or log)
    replaced by U+FFFD rather than stopping the save; a pair of halves becomes its one
    character."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return mended(text).encode("utf-8")


def clear_leftover_temps(path: Path) -> None:
    """Remove temp files that a killed writer of `path` left behind.

    Call it only while holding the review's lock: then no other pmtui is mid-write.
    """
    folder = path.parent if str(path.parent) else Path(".")
    for temp in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _kept_stat(target: Path, path: Path) -> os.stat_result | None:
    """What the file is now (None for a new file), to keep; refuses a read-only file, and
    anything but a regular file (a rename would put a file where a device, a pipe or a
    folder was: as root, over /dev/null)."""
    try:
        kept = target.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot write ({reason(error)})") from None
    if not stat.S_ISREG(kept.st_mode):
        raise ReviewFileError(f"{path}: not a regular file (a folder, a device or a pipe)")
    if not kept.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise ReviewFileError(f"{path}: {_why_not_writable(target)}")
    return kept


def _starts_with_a_bom(target: Path) -> bool:
    """Whether the file starts with UTF-8's byte-order mark, which `read_text` reads past
    and a save puts back (some Windows editors write one; without it line 1 changed)."""
    try:
        with target.open("rb") as file:
            return file.read(len(BOM)) == BOM
    except OSError:
        return False


def _why_not_writable(target: Path) -> str:
    """A read-only mount (a CD, a snapshot, a container's image) refuses every file on it
    whatever its mode: said so, as "the file is read-only" sent people to `chmod`."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    with contextlib.suppress(OSError):
        if statvfs is not None and statvfs(target).f_flag & os.ST_RDONLY:
            return "its file system is mounted read-only"
    return "the file is read-only"


def _keep_owner(handle: int, kept: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may and the
    file system can (FUSE, vfat and some NFS refuse any chown: EINVAL, EOPNOTSUPP). A
    refusal keeps this user's own; it never fails the save."""
    if (kept.st_uid, kept.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid, gid in ((kept.st_uid, kept.st_gid), (-1, kept.st_gid)):
        try:
            os.fchown(handle, uid, gid)
        except OSError:
            continue
        return


def _make_private(folder: Path, path: Path) -> None:
    try:
        locations.private_folder(folder)
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot write in this folder ({reason(error)})") from None


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def read_text(path: Path, kind: str = "review file") -> str:
    """The text of the TOML file at `path`, or its one line (`kind`: what it should be)."""
    return text_of(path, read_bytes(path, kind), kind)


def read_bytes(path: Path, kind: str = "review file") -> bytes:
    """The bytes of the file at `path` (`_read_bytes`), or the one line saying why it
    cannot be read at all (not there, a folder, a device, ...); `kind` is what a folder
    there is not."""
    try:
        return _read_bytes(path, kind)
    except FileNotFoundError:
        raise ReviewFileError(f"{path}: no such file") from None
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot read ({reason(error)})") from None


def text_of(path: Path, raw: bytes, kind: str = "review file") -> str:
    """The text in `raw`, read from `path`, or the one line saying what is wrong in it
    (`kind`: what it should be; a binary file given as a scenario was asked whether it
    was a review file)."""
    if len(raw) > MAX_BYTES:
        raise ReviewFileError(f"{path}: over {MAX_BYTES >> 20} MB; is this a {kind}?")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReviewFileError(f"{path}: is UTF-16 text; save it as UTF-8")
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ReviewFileError(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[error.start]:02x} at offset "
            f"{error.start}); is this a {kind}?"
        ) from None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Opening never waits (a FIFO's open waits for a writer, forever when none comes); bytes
as they are on Windows too."""


def _read_bytes(path: Path, kind: str) -> bytes:
    """The first `MAX_BYTES + 1` bytes at `path` (a pipe may never end): of a regular file,
    or of a pipe that something writes to or has written to. Process substitution
    (`pmtui check <(git show HEAD:review.toml)`, a /dev/fd pipe) and a FIFO being written
    to are read; a pipe empty with nothing writing to it (`mkfifo p.toml`) would wait
    forever and is refused (so is an empty one whose writer has gone, `<(true)`: the two
    cannot be told apart), as are a folder and a device (a terminal waits for keys), each
    with its one line, as `list` and `stats` say of them. /dev/null reads as empty: it is
    git's name for a side that does not exist (`pmtui diff --git`), as in `diff /dev/null`."""
    handle = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise ReviewFileError(f"{path}: is a folder, not a {kind}")
        if stat.S_ISFIFO(info.st_mode):
            return _pipe_bytes(handle, path)
        if stat.S_ISREG(info.st_mode) or os.path.samestat(info, os.stat(os.devnull)):
            return _bytes_up_to(handle, MAX_BYTES + 1)
        raise ReviewFileError(f"{path}: not a regular file (a pipe or a device)")
    finally:
        os.close(handle)


def _pipe_bytes(handle: int, path: Path) -> bytes:
    """What the pipe `handle` gives, once a first read without waiting has told a pipe
    that something writes to (data, or none yet) from one that nothing does (its end)."""
    try:
        first = os.read(handle, 1 << 16)  # what a pipe holds (64 KiB on Linux)
    except BlockingIOError:  # a writer that has not written yet
        first = b""
    else:
        if not first:
            raise ReviewFileError(f"{path}: not a regular file (a pipe that nothing writes to)")
    os.set_blocking(handle, True)
    return first + _bytes_up_to(handle, MAX_BYTES + 1 - len(first))


def _bytes_up_to(handle: int, most: int) -> bytes:
    """Up to `most` bytes from `handle`, read until its end."""
    with open(handle, "rb", closefd=False) as file:
        return file.read(most)


def reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def exists(path: Path) -> bool:
    """Is there anything at `path` (a link to nothing counts)? Where `Path.exists` raises
    (a name too long for the system, a folder that cannot be searched), its one line."""
    return looked_at(path, follow=False) is not None


def is_folder(path: Path) -> bool:
    """Is `path` a folder (or a link to one)? Its one line where it cannot be told."""
    info = looked_at(path)
    return info is not None and stat.S_ISDIR(info.st_mode)


def is_file(path: Path) -> bool:
    """Is `path` a regular file (or a link to one)? Its one line where it cannot be told."""
    info = looked_at(path)
    return info is not None and stat.S_ISREG(info.st_mode)


def looked_at(path: Path, *, follow: bool = True) -> os.stat_result | None:
    """What is at `path` (through a link unless not `follow`), or None when nothing is."""
    try:
        return path.stat(follow_symlinks=follow)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise ReviewFileError(f"{path}: cannot look at it ({reason(error)})") from None


def zone_of(data: dict[str, Any]) -> ZoneInfo | None:
    from pmtui.document.model import zone_named

    incident = data.get("incident")
    name = incident.get("timezone", "UTC") if isinstance(incident, dict) else "UTC"
    return zone_named(name) if isinstance(name, str) else None
