"""Themes from files: loading, broken files, user themes, and the remembered choice."""

import json
from functools import partial
from pathlib import Path

import pytest
from helpers import NOW, SIZE, app_on, pick, settle
from rich.style import Style
from test_forms import new_action
from textual.color import Color
from textual.widgets import Input, Select, Tab

from pmtui.files import locations
from pmtui.files.settings import Settings
from pmtui.tui import themes
from pmtui.tui.app import make_app

GOOD = """\
name = "{name}"
dark = true
primary = "{primary}"
secondary = "#8957e5"
accent = "#f0b72f"
foreground = "#e6edf3"
background = "#0d1117"
surface = "#161b22"
panel = "#21262d"
success = "#3fb950"
warning = "#d29922"
error = "#f85149"
"""
KNOWN = "(pmtui's are starred, milestone, unsaved)"


def theme_file(folder: Path, file: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    path.write_text(text)
    return path


def user_themes() -> Path:
    return locations.config_dir() / "themes"


def test_the_bundled_themes_load_without_problems():
    loaded, problems = themes.load_themes(themes.theme_folders())
    assert problems == []
    assert {"pmtui-dark", "pmtui-light", "pmtui-contrast"} <= set(loaded)
    assert loaded["pmtui-light"].dark is False
    contrast = loaded["pmtui-contrast"]
    assert (contrast.background, contrast.foreground) == ("#000000", "#ffffff")
    for theme in loaded.values():
        assert set(themes.VARIABLES) <= set(theme.variables), theme.name


def test_a_bad_colour_is_one_line_and_the_other_themes_still_load(tmp_path: Path):
    theme_file(tmp_path, "good.toml", GOOD.format(name="good", primary="#123456"))
    bad = theme_file(tmp_path, "bad.toml", GOOD.format(name="bad", primary="#12345g"))
    loaded, problems = themes.load_themes([tmp_path])
    assert list(loaded) == ["good"]
    assert problems == [f"Theme skipped: {bad}: primary: not a colour (got '#12345g')"]


@pytest.mark.parametrize("name", ["x \x1b]0;PWN\x07", "[@click=app.quit]x", "x\u009b2J", "n" * 41])
def test_a_theme_name_that_would_reach_the_terminal_is_refused(tmp_path: Path, name: str):
    """The theme picker and its notices show the name: an OSC sequence in it retitled the
    terminal."""
    theme_file(tmp_path, "good.toml", GOOD.format(name="Solarised 2.0-dark+", primary="#123"))
    escaped = json.dumps(name)[1:-1]  # TOML reads JSON's \\u escapes
    theme_file(tmp_path, "bad.toml", GOOD.format(name=escaped, primary="#123"))
    loaded, problems = themes.load_themes([tmp_path])
    assert list(loaded) == ["Solarised 2.0-dark+"]
    [problem] = problems
    assert "name: letters, digits, spaces and . _ + - only" in problem
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in problem)


def test_a_bad_variable_colour_is_caught_before_textual_sees_it(tmp_path: Path):
    text = GOOD.format(name="x", primary="#123456") + '[variables]\nstarred = "sunshine"\n'
    bad = theme_file(tmp_path, "x.toml", text)
    assert themes.load_themes([tmp_path]) == (
        {},
        [f"Theme skipped: {bad}: variables.starred: not a colour (got 'sunshine')"],
    )


def test_broken_toml_missing_and_unknown_keys_are_each_one_line(tmp_path: Path):
    broken = theme_file(tmp_path, "a.toml", 'name = "a\n')
    no_dark = theme_file(
        tmp_path, "b.toml", GOOD.format(name="b", primary="#fff").replace("dark = true\n", "")
    )
    no_error = theme_file(
        tmp_path, "c.toml", GOOD.format(name="c", primary="#fff").replace('error = "#f85149"\n', "")
    )
    typo = theme_file(
        tmp_path, "d.toml", GOOD.format(name="d", primary="#fff") + 'secundary = "#fff"\n'
    )
    variable = theme_file(
        tmp_path, "e.toml", GOOD.format(name="e", primary="#fff") + '[variables]\nstared = "#fff"\n'
    )
    loaded, problems = themes.load_themes([tmp_path])
    assert loaded == {}
    assert problems == [
        f"Theme skipped: {broken}:1:10: unterminated string: its closing quote is missing",
        f"Theme skipped: {no_dark}: dark: missing (true or false)",
        f'Theme skipped: {no_error}: error: missing (a colour such as "#1e90ff")',
        f"Theme skipped: {typo}: unknown key secundary (a typo?)",
        f"Theme skipped: {variable}: variables.stared: unknown {KNOWN}",
    ]


def test_textual_colour_variables_may_be_set_but_not_other_css(tmp_path: Path):
    text = GOOD.format(name="x", primary="#123456")
    theme_file(tmp_path, "ok.toml", text + '[variables]\nfooter-key-foreground = "#ffff00"\n')
    loaded, _ = themes.load_themes([tmp_path])
    assert loaded["x"].variables == {"footer-key-foreground": "#ffff00"}
    style = theme_file(tmp_path, "ok.toml", text + '[variables]\nlink-style = "underline"\n')
    assert themes.load_themes([tmp_path])[1] == [
        f"Theme skipped: {style}: variables.link-style: unknown {KNOWN}"
    ]


def test_a_user_theme_overrides_a_bundled_one_by_name():
    theme_file(user_themes(), "mine.toml", GOOD.format(name="pmtui-dark", primary="#ff00ff"))
    loaded, problems = themes.load_themes(themes.theme_folders())
    assert problems == []
    assert loaded["pmtui-dark"].primary == "#ff00ff"
    assert "pmtui-light" in loaded


async def test_the_default_is_pmtui_dark_and_nothing_is_written(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "pmtui-dark"
        assert app.screen.styles.background == Color.parse("#0d1117")
    assert Settings.load().theme is None


async def test_a_theme_chosen_in_the_palette_is_remembered_at_the_next_start(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pick(pilot, "Theme")  # Textual's own command: opens the theme list
        await pick(pilot, "pmtui-contrast")
        await settle(app, pilot)
        assert app.theme == "pmtui-contrast"
        # Stars on the timeline take the new theme's colour.
        table = app.screen.query_one("#timeline-table")
        starred = next(n for n, i in enumerate(table.row_items) if table.records[i].starred)
        assert table._row_cells(starred)[0].style == "bold #FFFF00"
    again = app_on(pet_clinic)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.theme == "pmtui-contrast"
        assert again.screen.styles.background == Color.parse("#000000")


async def test_an_unknown_remembered_theme_falls_back_to_the_default(pet_clinic):
    Settings.load().set_theme("gone-since")
    app = app_on(pet_clinic)
    messages = []
    app.notify = lambda message, **kw: messages.append(message)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "pmtui-dark"
    assert messages == ["Theme 'gone-since' not found; using pmtui-dark"]


async def test_a_broken_user_theme_is_reported_once_and_the_app_runs(tmp_path):
    bad = theme_file(user_themes(), "bad.toml", GOOD.format(name="bad", primary="[b]x[/]"))
    app = make_app(None, clock=lambda: NOW, folder=tmp_path)
    messages = []
    app.notify = lambda message, **kw: messages.append((message, kw.get("markup")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "bad" not in app.available_themes
    assert messages == [(f"Theme skipped: {bad}: primary: not a colour (got '[b]x[/]')", False)]


async def test_a_config_folder_that_cannot_be_read_is_said_and_the_app_runs(
    tmp_path, config_folder_shut
):
    """`chmod 000` on the config folder: the app ended in a traceback before its first frame."""
    app = make_app(None, clock=lambda: NOW, folder=tmp_path)
    messages = []
    app.notify = lambda message, **kw: messages.append(message)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "pmtui-dark"
    assert messages == [
        f"{config_folder_shut / 'settings.toml'}: cannot read (permission denied) "
        "(settings not used; fix or delete the file)",
        f"Themes skipped: {config_folder_shut / 'themes'}: cannot read (permission denied)",
    ]


@pytest.mark.parametrize("theme", ["pmtui-dark", "pmtui-light", "pmtui-contrast"])
async def test_faint_text_of_each_theme_reads_across_a_room(pet_clinic, theme):
    """The tab labels not on show and a form's placeholders are at least 4.5:1 against
    what is behind them (Textual's 50% fade gave 3.2:1 on the light theme)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.pause()
        tab = next(tab for tab in app.screen.query(Tab) if not tab.has_class("-active"))
        *_, back, fore = tab.colors
        assert themes.contrast(back, fore) >= 4.5
        field = app.screen.query_one("#timeline-entry", Input)  # its hint, as a placeholder
        assert field.placeholder and not field.value
        style = field.get_component_rich_style("input--placeholder")
        placeholder = Color.from_rich_color(style.color)
        assert themes.contrast(field.colors[2], placeholder) >= 4.5


@pytest.mark.parametrize("theme", ["pmtui-dark", "pmtui-light", "pmtui-contrast"])
async def test_a_dropdown_with_nothing_chosen_reads_across_a_room(pet_clinic, theme):
    """A form's "(not set)" and its dropdown arrow are at least 4.5:1 against the field
    (Textual's 50% fade gave 3.1:1 on the light theme); a choice made reads in full."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await new_action(app, pilot)
        priority = app.screen.query_one("#field-priority", Select)
        assert priority.is_blank()
        shown = priority.query_one("SelectCurrent")
        for part in (shown.query_one("#label"), shown.query_one(".arrow")):
            *_, back, fore = part.colors
            assert themes.contrast(back, back + fore) >= 4.5, part  # a faded colour, as drawn
        priority.value = "P1"
        await pilot.pause()
        *_, back, fore = shown.query_one("#label").colors
        assert back + fore == Color.parse(app.current_theme.foreground)


@pytest.mark.parametrize(
    "theme", ["pmtui-dark", "pmtui-light", "textual-light", "rose-pine-dawn", "catppuccin-latte"]
)
async def test_a_milestone_badge_reads_on_every_theme(pet_clinic, theme):
    """The theme's background on its milestone colour was 1.5:1 on Textual's light theme
    (its orange accent); the badge's text is now whichever of background and foreground
    reads better there."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.pause()
        style = Style.parse(themes.badge(partial(themes.rich_colour, app), "milestone"))
        text, back = (Color.from_rich_color(c) for c in (style.color, style.bgcolor))
        assert themes.contrast(text, back) >= 4.5
