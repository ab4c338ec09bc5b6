"""settings.toml: the theme and recent files, written only when they change."""

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui.files import locations, store, toml_edit
from pmtui.files.settings import RECENT_LIMIT, Settings, settings_path


def test_no_file_gives_defaults_and_writes_nothing():
    settings = Settings.load()
    assert (settings.theme, settings.recent, settings.problem) == (None, [], "")
    assert settings_path() == locations.config_dir() / "settings.toml"
    assert not settings_path().exists()


def test_round_trip_keeps_unknown_keys(tmp_path: Path):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('from_a_newer_pmtui = "kept"\n')
    settings = Settings.load()
    settings.set_theme("pmtui-light")
    settings.add_recent(tmp_path / "a.toml")
    again = Settings.load()
    assert again.theme == "pmtui-light"
    assert again.recent == [tmp_path / "a.toml"]
    assert tomllib.loads(settings_path().read_text())["from_a_newer_pmtui"] == "kept"


def test_unchanged_settings_are_not_written_again(tmp_path: Path):
    settings = Settings.load()
    settings.set_theme("pmtui-dark")
    settings.add_recent(tmp_path / "a.toml")
    os.utime(settings_path(), (0, 0))
    settings.set_theme("pmtui-dark")
    settings.add_recent(tmp_path / "a.toml")
    assert settings_path().stat().st_mtime == 0


def test_recent_is_absolute_most_recent_first_deduplicated_and_capped(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.load()
    for n in range(RECENT_LIMIT + 3):
        settings.add_recent(Path(f"r{n}.toml"))
    settings.add_recent(Path("r5.toml"))
    recent = Settings.load().recent
    assert recent[0] == tmp_path / "r5.toml"
    assert recent[1] == tmp_path / f"r{RECENT_LIMIT + 2}.toml"
    assert len(recent) == RECENT_LIMIT
    assert len(set(recent)) == RECENT_LIMIT
    assert all(path.is_absolute() for path in recent)


def test_broken_toml_gives_defaults_one_line_and_is_never_written_over(tmp_path: Path):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('theme = "pmtui-light\n')
    settings = Settings.load()
    assert settings.theme is None
    assert settings.problem == (
        f"{settings_path()}:1:21: unterminated string: its closing quote is missing "
        "(settings not used; fix or delete the file)"
    )
    settings.set_theme("pmtui-contrast")
    settings.add_recent(tmp_path / "a.toml")
    assert settings.theme == "pmtui-contrast"  # used for this run
    assert settings_path().read_text() == 'theme = "pmtui-light\n'


def test_wrong_types_are_a_problem_not_a_crash():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("recent = [1, 2]\n")
    settings = Settings.load()
    assert settings.recent == []
    assert settings.problem.startswith(f"{settings_path()}: recent: must be a list of file paths")


@given(st.binary(max_size=200))
def test_any_bytes_load_without_a_traceback(content: bytes):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_bytes(content)
    settings = Settings.load()
    assert isinstance(settings.theme, str | None)
    assert all(isinstance(path, Path) for path in settings.recent)
    assert "\n" not in settings.problem


OWN = """\
# my own settings
theme = 'pmtui-light'  # easier on a projector
my_key = "keep me"
"""


def test_a_change_keeps_what_was_written_since_start(tmp_path: Path):
    """The file was written from the copy read at start: a theme, a key and a comment put
    there meanwhile (by the person, or another pmtui) were gone at the next change."""
    settings = Settings.load()
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(OWN)
    settings.add_recent(tmp_path / "a.toml")
    assert settings_path().read_text() == OWN + f'recent = ["{tmp_path / "a.toml"}"]\n'
    settings.set_theme("pmtui-contrast")
    assert settings_path().read_text() == (
        OWN.replace("'pmtui-light'", "'pmtui-contrast'") + f'recent = ["{tmp_path / "a.toml"}"]\n'
    )


@pytest.mark.parametrize(
    ("layout", "after"),
    [
        ("recent = [{a}, {b}]\n", "recent = [{c}, {a}, {b}]\n"),
        ("recent = [\n    {a},\n    {b},\n]\n", "recent = [\n    {c},\n    {a},\n    {b},\n]\n"),
    ],
    ids=["one line", "one a line"],
)
def test_a_review_opened_keeps_the_recent_list_as_the_person_wrote_it(
    tmp_path: Path, layout: str, after: str
):
    """The new first item left the one after it nothing but the comma:
    `["/c.toml","/a.toml", "/b.toml"]`."""
    names = {name: f'"{tmp_path / name}.toml"' for name in "abc"}
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(OWN + layout.format(**names) + "# the end\n")
    Settings.load().add_recent(tmp_path / "c.toml")
    assert settings_path().read_text() == OWN + after.format(**names) + "# the end\n"


def test_a_file_as_pmtui_writes_it_is_written_afresh_without_the_toml_editor(
    tmp_path: Path, monkeypatch
):
    """`pmtui FILE` adds its file to the recent ones before its first frame: editing in
    place imports tomlkit (about 100 ms), which a file with nothing of the person's own
    does not need. One with a comment is edited in place."""
    edits = []
    real = toml_edit.edited
    monkeypatch.setattr(toml_edit, "edited", lambda *args: edits.append(args) or real(*args))
    settings = Settings.load()
    settings.add_recent(tmp_path / "a.toml")
    settings.add_recent(tmp_path / "b.toml")
    assert (edits, Settings.load().recent) == ([], [tmp_path / "b.toml", tmp_path / "a.toml"])
    settings_path().write_text("# mine\n" + settings_path().read_text())
    settings.set_theme("pmtui-light")
    assert len(edits) == 1 and settings_path().read_text().startswith("# mine\n")


def test_a_review_in_a_folder_whose_name_is_not_utf8_is_not_made_recent(
    tmp_path: Path, monkeypatch
):
    """Its name, written in the settings, became one that opens nothing (U+FFFD in it)."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/\xffdir"))
    folder.mkdir()
    monkeypatch.chdir(folder)
    settings = Settings.load()
    settings.add_recent(tmp_path / "a.toml")
    settings.add_recent(Path("r.toml"))
    assert Settings.load().recent == [tmp_path / "a.toml"]


def test_two_runs_sharing_the_file_both_keep_their_recent_reviews(tmp_path: Path):
    first, second = Settings.load(), Settings.load()
    first.add_recent(tmp_path / "a.toml")
    second.add_recent(tmp_path / "b.toml")
    assert Settings.load().recent == [tmp_path / "b.toml", tmp_path / "a.toml"]


def test_a_file_changed_while_being_written_is_read_again(tmp_path: Path, monkeypatch):
    settings = Settings.load()
    real_write = store.write_atomically
    meanwhile = ['theme = "pmtui-light"\n']

    def written_over_first(path: Path, text: str, **kwargs):
        if meanwhile:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(meanwhile.pop())
        return real_write(path, text, **kwargs)

    monkeypatch.setattr(store, "write_atomically", written_over_first)
    settings.add_recent(tmp_path / "a.toml")
    again = Settings.load()
    assert (again.theme, again.recent) == ("pmtui-light", [tmp_path / "a.toml"])


def test_a_file_broken_since_start_is_not_written_over(tmp_path: Path):
    settings = Settings.load()
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = \n")
    with pytest.raises(store.ReviewFileError, match=r"settings\.toml:1:9: invalid value"):
        settings.add_recent(tmp_path / "a.toml")
    assert settings_path().read_text() == "theme = \n"
