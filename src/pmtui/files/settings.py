"""The user's settings: the chosen theme and the recently opened reviews.

They live in `settings.toml` in the user config folder. The file is read once at start and
written (atomically, private to the user) only when a setting changes. A broken file gives
one line, the defaults are used, and it is never written over: the person's own text stays
to be fixed.
Keys this version does not know are kept and written back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from pmtui.files import locations, store

RECENT_LIMIT = 10


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
        if not path.exists():
            return cls(path, {})
        try:
            data = store.read_toml(path)
            _check(data, path)
        except store.ReviewFileError as error:
            return cls(path, {}, problem=f"{error} (settings not used; fix or delete the file)")
        return cls(path, data)

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
        if pace != self.replay_pace:
            self._update(replay_pace=pace)

    def set_theme(self, name: str) -> None:
        if name != self.theme:
            self._update(theme=name)

    def add_recent(self, review: Path) -> None:
        """Put `review` first among the recent files (once, as an absolute path)."""
        first = str(review.resolve())
        names = [first, *(name for name in self._data.get("recent", []) if name != first)]
        if names[:RECENT_LIMIT] != self._data.get("recent"):
            self._update(recent=names[:RECENT_LIMIT])

    def _update(self, **changes: Any) -> None:
        """Change settings and write them, unless the file on disk is broken."""
        self._data = {**self._data, **changes}
        if not self.problem:
            try:
                locations.private_folder(self.path.parent)
            except OSError as error:
                folder = self.path.parent
                raise store.ReviewFileError(f"{folder}: {store.reason(error)}") from None
            store.write_atomically(self.path, tomli_w.dumps(self._data))


def _check(data: dict[str, Any], path: Path) -> None:
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise store.ReviewFileError(f"{path}: theme: must be a theme name in quotes")
    if not isinstance(data.get("replay_pace", ""), str):
        raise store.ReviewFileError(f"{path}: replay_pace: must be a pace name in quotes")
    recent = data.get("recent", [])
    if not isinstance(recent, list) or not all(isinstance(name, str) for name in recent):
        raise store.ReviewFileError(f"{path}: recent: must be a list of file paths in quotes")
