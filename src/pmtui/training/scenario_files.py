"""Where scenarios are: the bundled ones, and the one a replay plays (no pydantic here, so
`pmtui replay` can name a missing scenario before its first frame)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from pmtui.files import locations, store

SUFFIX = ".scenario.toml"


class ScenarioError(store.ReviewFileError):
    """A scenario that cannot be found or read; `str()` names each problem on a line of
    its own (a coach fixes them all in one go)."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`did you mean X?` for the known name closest to a mistyped one, else ''."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]}?" if close else ""


def bundled() -> dict[str, Path]:
    """The scenarios shipped with pmtui, by name."""
    return {path.stem: path for path in sorted(locations.bundled("scenarios").glob("*.toml"))}


def find(review_path: Path, wanted: str | None = None) -> Path:
    """The scenario for a review: `wanted` (a file or a bundled name), else by convention.

    By convention that is `NAME.scenario.toml` beside `NAME.toml`, else the bundled
    scenario called NAME.
    """
    shipped = bundled()
    if wanted is not None:
        if store.is_file(Path(wanted)):
            return Path(wanted)
        if wanted in shipped:
            return shipped[wanted]
        raise ScenarioError(
            f"{wanted}: no such scenario file or bundled scenario"
            + listing("bundled", wanted, shipped)
        )
    beside = review_path.with_name(review_path.name.removesuffix(".toml") + SUFFIX)
    if store.is_file(beside):
        return beside
    if review_path.stem in shipped:
        return shipped[review_path.stem]
    raise ScenarioError(
        f"{review_path}: no {beside.name} beside it; name one with --scenario"
        + listing("bundled", review_path.stem, shipped)
    )


def listing(label: str, wanted: str, known: Iterable[str]) -> str:
    """` (LABEL: a, b)`, and `; did you mean a?` when `wanted` is a near miss of one;
    '' when nothing is known."""
    names = list(known)
    if not names:
        return ""
    hint = did_you_mean(wanted, names)
    return f" ({label}: {', '.join(names)})" + (f"; {hint}" if hint else "")
