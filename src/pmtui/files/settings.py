"""The user's settings: the chosen theme and the recently opened reviews.

They live in `settings.toml` in the user config folder. The file is read at start and
written (atomically, private to the user) only when a setting changes. A broken file gives
one line, the defaults are used, and it is never written over: the person's own text stays
to be fixed.

Another pmtui, or the person in an editor, may change the file while this one runs: a
change is made to the file as it is right before the write, and only its own line is
edited; the other keys (also those this version does not know), comments and layout stay.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from pmtui.files import locations, store

RECENT_LIMIT = 10
_ATTEMPTS = 3
"""How many times a change is made again when the file changed while it was written."""


def settings_path() -> Path:
    return locations.config_dir() / "settings.toml"


class Settings:
    """Settings read from one file, and written back to it when they change."""

    def __init__(self, path: Path, data: dict[str, Any], problem: str = "") -> None:
        self.path = path
        self._data = data
        self.problem = problem
        """One line saying why the file was not used; empty when it was."""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings in `path` (default: the user's), or the defaults and a problem line."""
        path = path or settings_path()
        try:
            return cls(path, _read(path)[1])
        except store.ReviewFileError as error:
            return cls(path, {}, problem=f"{error} (settings not used; fix or delete the file)")

    @property
    def theme(self) -> str | None:
        return self._data.get("theme")

    @property
    def recent(self) -> list[Path]:
        """Recently opened reviews, most recent first."""
        return [Path(name) for name in self._data.get("recent", [])]

    @property
    def replay_pace(self) -> str | None:
        """The pace a replay types at (a name or characters per second), as last chosen."""
        return self._data.get("replay_pace")

    def set_replay_pace(self, pace: str) -> None:
        self._update("replay_pace", lambda _: pace)

    def set_theme(self, name: str) -> None:
        self._update("theme", lambda _: name)

    def add_recent(self, review: Path) -> None:
        """Put `review` first among the recent files (once, as an absolute path). A path
        that is not UTF-8 (a name from another system, in it or in a folder above it)
        cannot be written in the settings as it is: it is left out rather than remembered
        as a name that opens nothing."""
        first = str(review.resolve())
        if not _utf8(first):
            return

        def put_first(names: list[str] | None) -> list[str]:
            return [first, *(name for name in names or [] if name != first)][:RECENT_LIMIT]

        self._update("recent", put_first)

    def _update(self, key: str, change: Callable[[Any], Any]) -> None:
        """Change one setting, for this run and in the file as it is now (unless the file
        was broken at start). A file that another writer replaced between this read and
        the write is read again and the change made on top of what it holds then."""
        if self.problem:
            self._data = {**self._data, key: change(self._data.get(key))}
            return
        for _ in range(_ATTEMPTS):
            with contextlib.suppress(_ChangedMeanwhile):
                self._data = self._write_change(key, change)
                return
        raise store.ReviewFileError(f"{self.path}: kept changing while being saved")

    def _write_change(self, key: str, change: Callable[[Any], Any]) -> dict[str, Any]:
        """Write the file with `change` made to `key`; what the file then holds."""
        text, now = _read(self.path)
        new = {**now, key: change(now.get(key))}
        if new == now:
            return now
        try:
            locations.private_folder(self.path.parent)
        except OSError as error:
            folder = self.path.parent
            raise store.ReviewFileError(f"{folder}: {store.reason(error)}") from None

        def unchanged_since_read(target: Path) -> None:
            if _text(target) != text:
                raise _ChangedMeanwhile

        store.write_atomically(self.path, _edited(text, now, new), check=unchanged_since_read)
        return new


class _ChangedMeanwhile(Exception):
    """Another writer replaced the settings file between its read and this write."""


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and the settings in it; `ReviewFileError` for a file that cannot
    be read or used."""
    text = _text(path)
    data = store.parse(path, text)
    _check(data, path)
    return text, data


def _text(path: Path) -> str:
    """The file's text; empty when there is no file."""
    try:
        if not path.exists():
            return ""
    except OSError as error:  # a folder this user may not look in
        raise store.ReviewFileError(f"{path}: cannot read ({store.reason(error)})") from None
    return store.read_text(path)


def _edited(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`text`, which holds `old`, changed to hold `new` in its own lines only, as a review
    is saved (`toml_edit`). A text as pmtui writes it (no comment, no layout of the
    person's own), one the edit cannot map, or no file yet, is written afresh: editing
    imports tomlkit (about 100 ms), and `pmtui FILE` adds its file to the recent ones
    before its first frame."""
    if text and text != tomli_w.dumps(old):
        from pmtui.files import toml_edit  # only for a file someone edited

        with contextlib.suppress(Exception):  # any failure of the edit: write afresh
            edited = toml_edit.edited(text, old, new)
            if tomllib.loads(edited) == new:
                return edited
    return tomli_w.dumps(new)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check(data: dict[str, Any], path: Path) -> None:
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise store.ReviewFileError(f"{path}: theme: must be a theme name in quotes")
    if not isinstance(data.get("replay_pace", ""), str):
        raise store.ReviewFileError(f"{path}: replay_pace: must be a pace name in quotes")
    recent = data.get("recent", [])
    if not isinstance(recent, list) or not all(isinstance(name, str) for name in recent):
        raise store.ReviewFileError(f"{path}: recent: must be a list of file paths in quotes")
