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
        if _names_a_file(wanted, bundled_name=wanted in shipped):
            return Path(wanted)
        if wanted in shipped:
            return shipped[wanted]
        if store.is_folder(Path(wanted)):
            raise ScenarioError(f"{wanted}: is a folder, not a scenario file")
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


def _names_a_file(wanted: str, *, bundled_name: bool) -> bool:
    """Whether `wanted` is a file: looked for before the bundled names. Where it cannot be
    looked for (a folder this user may not search), a bundled name is the bundled
    scenario: `--scenario pet-clinic-dojo` run from such a folder was refused with a line
    about the folder."""
    try:
        return store.is_file(Path(wanted))
    except store.ReviewFileError:
        if bundled_name:
            return False
        raise


def refuse_to_write(review: Path, scenario: Path, *, holds_scenes: bool = False) -> None:
    """`ScenarioError` when a replay of `scenario` would write into a file that is no review
    of its own: a scenario (by its name, or `holds_scenes`), the very one it plays, or a
    file shipped with pmtui. A replay's save into the scenario broke it for every replay
    after ("lessons: unknown key"), and one into a sample changed what pmtui ships."""
    if _same_file(review, scenario):
        why = "the scenario being played, not a review"
    elif holds_scenes or review.name.endswith(SUFFIX):
        why = "a scenario, not a review"
    elif shipped(review):
        why = "shipped with pmtui, never written to"
    else:
        return
    raise ScenarioError(f"{review}: {why}; {instead(scenario)}")


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:  # not there (yet), or cannot be looked at: opening it says why
        return False


def shipped(path: Path) -> bool:
    """A file shipped with pmtui: a sample review or a scenario."""
    full = path.resolve()
    folders = ("sample_incidents", "scenarios")
    return any(full.is_relative_to(locations.bundled(folder).resolve()) for folder in folders)


def instead(scenario: Path) -> str:
    """How to replay `scenario` into a review of its own: one named after it, or a new one."""
    if scenario.name.endswith(SUFFIX):  # found beside the review named after it
        name = str(scenario.with_name(scenario.name.removesuffix(SUFFIX)))
    elif shipped(scenario):
        name = scenario.stem
    else:
        return f"name a new review file: pmtui replay NEW.toml --scenario {scenario}"
    return f"pmtui replay {name} writes the replay to {name}.toml, or name a new review file"


def listing(label: str, wanted: str, known: Iterable[str]) -> str:
    """` (LABEL: a, b)`, and `; did you mean a?` when `wanted` is a near miss of one;
    '' when nothing is known."""
    names = list(known)
    if not names:
        return ""
    hint = did_you_mean(wanted, names)
    return f" ({label}: {', '.join(names)})" + (f"; {hint}" if hint else "")
