"""Colour themes as data: `themes/*.toml` shipped with pmtui, and the user's own.

A theme file names the theme, says whether it is dark, gives Textual's ten theme colours
and, in `[variables]`, pmtui's own colours (and any of Textual's colour variables). Every
colour is checked before the theme is registered (Textual would raise at `register_theme`
or at the first repaint), so a broken file costs one line and the other themes still load.
A user theme with the same name as a bundled one replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

from pmtui.errors import quoted
from pmtui.files import locations, store

DEFAULT_THEME = "pmtui-dark"

COLOURS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
)

VARIABLES = {  # pmtui's own colour variables, and the theme colour each defaults to
    "starred": "warning",
    "milestone": "accent",
    "unsaved": "warning",
}
"""Themes that do not set these (Textual's built-in ones) get them from their own colours."""


def theme_folders() -> list[Path]:
    """Where themes come from, later folders overriding earlier ones by theme name."""
    return [locations.bundled("themes"), locations.config_dir() / "themes"]


def load_themes(folders: Iterable[Path]) -> tuple[dict[str, Theme], list[str]]:
    """Every valid theme in `folders` by name, and one line for each file that is not."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        try:
            paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        except OSError as error:  # a folder this user may not look in
            problems.append(f"Themes skipped: {folder}: cannot read ({store.reason(error)})")
            continue
        for path in paths:
            try:
                theme = theme_from_file(path)
            except store.ReviewFileError as error:
                problems.append(f"Theme skipped: {error}")
            else:
                themes[theme.name] = theme
    return themes, problems


THEME_NAME = re.compile(r"\w[\w .+-]{0,39}")
"""A theme's name, shown in the theme picker and in notices: no control character, which
would reach the terminal, and no markup."""


def theme_from_file(path: Path) -> Theme:
    """One theme file as a Textual theme; `ReviewFileError` with one line if it is wrong."""
    data = store.read_toml(path)

    def problem(what: str) -> store.ReviewFileError:
        return store.ReviewFileError(f"{path}: {what}")

    unknown = sorted(set(data) - {"name", "dark", "variables", *COLOURS})
    if unknown:
        raise problem(f"unknown key {', '.join(unknown)} (a typo?)")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise problem("name: missing (give the theme a name in quotes)")
    if not THEME_NAME.fullmatch(name.strip()):
        raise problem(
            f"name: letters, digits, spaces and . _ + - only, at most 40 (got {quoted(name)})"
        )
    if not isinstance(data.get("dark"), bool):
        raise problem("dark: missing (true or false)")
    colours = {key: _colour(data, key, problem) for key in COLOURS}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise problem("variables: must be a table of colours")
    for key in variables:
        if key not in VARIABLES and key not in textual_colour_variables():
            known = ", ".join(VARIABLES)
            raise problem(f"variables.{key}: unknown (pmtui's are {known})")
    checked = {key: _colour(variables, key, problem, "variables.") for key in variables}
    return Theme(name=name.strip(), dark=data["dark"], variables=checked, **colours)


def _colour(table: dict[str, Any], key: str, problem, prefix: str = "") -> str:
    value = table.get(key)
    if value is None:
        raise problem(f'{prefix}{key}: missing (a colour such as "#1e90ff")')
    if not isinstance(value, str):
        raise problem(f"{prefix}{key}: must be a colour in quotes (got {quoted(value)})")
    if not _is_colour(value):
        raise problem(f"{prefix}{key}: not a colour (got {quoted(value)})")
    return value


@cache
def textual_colour_variables() -> frozenset[str]:
    """Textual's own variables that hold a colour (`footer-key-foreground`, `text-muted`, …).

    Those whose default is `auto N%` (a contrasting colour) count too; text styles do not.
    """
    generated = BUILTIN_THEMES["textual-dark"].to_color_system().generate()
    return frozenset(
        name
        for name, value in generated.items()
        if value.startswith("auto ") or (not _is_text_style(value) and _is_colour(value))
    )


def _is_text_style(value: str) -> bool:
    """`bold not underline`, `none`, `initial`: told apart without `Color.parse`, whose
    failure asks difflib for a suggestion (~2 ms each, at every start)."""
    return all(word in VALID_STYLE_FLAGS or word == "initial" for word in value.split())


def _is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def variable_defaults(theme: Theme) -> dict[str, str]:
    """pmtui's variables for a theme that does not set them, from its own colours."""
    colours = theme.to_color_system().generate()
    return {name: colours[source] for name, source in VARIABLES.items()}


def install(app: App, wanted: str | None) -> list[str]:
    """Register every theme and switch to `wanted`; the lines to show about what went wrong.

    An unknown `wanted` (a user theme since deleted or broken) falls back to the default.
    """
    loaded, problems = load_themes(theme_folders())
    for theme in loaded.values():
        app.register_theme(theme)
    if wanted and wanted not in app.available_themes:
        problems.append(f"Theme {quoted(wanted)} not found; using {DEFAULT_THEME}")
    fallbacks = (wanted, DEFAULT_THEME, "textual-dark")
    app.theme = next(name for name in fallbacks if name in app.available_themes)
    return problems


def rich_colour(app: App, variable: str) -> str:
    """The current theme's colour `variable` as `#rrggbb`, for Rich text in table cells."""
    return Color.parse(app.theme_variables[variable]).hex6


def badge(colour: Callable[[str], str], variable: str) -> str:
    """A Rich style for a badge on the theme's `variable` colour (`colour`: `rich_colour`
    of the app): bold, in the theme's background or foreground, whichever reads better on
    it, or black or white where neither reads (4.5:1). The background alone was 1.5:1 on
    the orange accent of Textual's light theme."""
    back = Color.parse(colour(variable))
    own = [Color.parse(colour(name)) for name in ("background", "foreground")]
    candidates = own if max(contrast(c, back) for c in own) >= READABLE else [*own, *PLAIN]
    text = max(candidates, key=lambda candidate: contrast(candidate, back))
    return f"bold {text.hex6} on {back.hex6}"


READABLE = 4.5
"""WCAG's contrast for text to read (AA)."""
PLAIN = (Color(0, 0, 0), Color(255, 255, 255))


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two opaque colours."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)
