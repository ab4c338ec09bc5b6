"""Finding reviews in a folder: what the start screen lists, without opening each fully."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    path: Path
    label: str
    problem: str = ""


def describe(path: Path) -> Entry | None:
    """One line for a review file; None when the TOML file is not a review at all."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Entry(path, path.name, problem=str(error).splitlines()[0])
    if "incident" not in data and "schema_version" not in data:
        return None  # pyproject.toml and friends
    incident = data.get("incident") if isinstance(data.get("incident"), dict) else {}
    parts = [str(incident.get(key, "")) for key in ("id", "title") if incident.get(key)]
    extra = ", ".join(str(incident[key]) for key in ("severity", "status") if incident.get(key))
    label = " ".join(parts) or "Untitled review"
    return Entry(path, f"{label} ({extra})" if extra else label)


def reviews_in(folder: Path) -> list[Entry]:
    """The review files directly in `folder`, newest first."""
    try:
        files = [p for p in folder.glob("*.toml") if p.is_file()]
    except OSError:
        return []
    files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [entry for entry in map(describe, files) if entry is not None]
