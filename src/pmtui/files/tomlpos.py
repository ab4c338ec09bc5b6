"""Where a value parsed from TOML sits in its text: the line for a field path.

`tomllib` gives positions only for syntax errors. For a schema error on a path such as
`("scenes", 2, "lines", 4, "speaker")` this walks the table headers the way TOML reads
them (`[[scenes]]` appends to `scenes`, `[[scenes.lines]]` to the last scene's `lines`)
and then looks for the key inside the table found. Tables written inline have no header:
the line of the nearest enclosing one is given instead. Lines inside a multi-line string or
array are never taken for a header or a key.
"""

from __future__ import annotations

import re

from pmtui.files import toml_out

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_KEYS = r"[A-Za-z0-9_\-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_\-]+)*"
_HEADER = re.compile(rf"^[ \t]*(\[\[?)[ \t]*({_KEYS})[ \t]*\]\]?[ \t]*(#.*)?$")

Path = tuple[int | str, ...]


def line_found(text: str, location: Path) -> int | None:
    """The 1-based line of the deepest part of `location` found in `text`: the key's own
    line when it is written there, else the line of its table's header; None when no part
    of it is found (a top-level key that is absent, or the document as a whole)."""
    from pmtui.files import toml_blocks  # the save's block reader: not needed to draw

    lines = text.split("\n")
    inside = toml_blocks.inside_lines(text)
    lines = ["" if number in inside else line for number, line in enumerate(lines, start=1)]
    headers = _headers(lines)
    for size in range(len(location), -1, -1):
        prefix = tuple(location[:size])
        start = 1 if not prefix else headers.get(prefix)
        if start is None:
            continue
        key = location[size] if size < len(location) else None
        found = _key_line(lines, start, key, top=not prefix) if isinstance(key, str) else None
        if found is not None or prefix:
            return found or start
    return None


def _headers(lines: list[str]) -> dict[Path, int]:
    """Every `[table]` and `[[array item]]` header: its path (with indexes) → its line."""
    found: dict[Path, int] = {}
    counts: dict[Path, int] = {}  # array path → index of its last item
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            continue
        keys = [key.strip() for key in match.group(2).split(".")]
        path: Path = ()
        for key in keys[:-1]:
            path = (*path, key)
            if path in counts:
                path = (*path, counts[path])
        path = (*path, keys[-1])
        if match.group(1) == "[[":
            counts[path] = counts.get(path, -1) + 1
            path = (*path, counts[path])
        found[path] = number
    return found


def _key_line(lines: list[str], start: int, key: str, *, top: bool) -> int | None:
    """The line of `key = …` in the table whose header is on line `start`."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=")
    first = start - 1 if top else start
    for number in range(first, len(lines)):
        if _HEADER.match(lines[number]):
            return None
        if pattern.match(lines[number]):
            return number + 1
    return None


def dotted(name: tuple[str, ...]) -> str:
    """A key or table name as TOML writes it: `lessons.systemic`, quoted where it must be."""
    return ".".join(
        part if _BARE_KEY.fullmatch(part) else toml_out.dumps({"k": part})[4:-1] for part in name
    )
