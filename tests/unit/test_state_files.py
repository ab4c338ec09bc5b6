"""Files pmtui writes for itself are private, and its parse cache stays small and its own.

Settings, locks, the save lock, parse cache entries, recovery copies and compiled layouts:
0600 files in 0700 folders, whatever the umask (0o000 here), also where an older pmtui left
a folder readable by all.
"""

import os
import tomllib
from pathlib import Path

import pytest

from pmtui.document.model import Review
from pmtui.export.sandbox import LayoutCache
from pmtui.files import cache_entries, disk, filelock, locations, parse_cache, recovery, store
from pmtui.files.settings import Settings

BIG = "".join(
    f'[[timeline]]\nat = 2026-11-20T14:00:00Z\ntext = "event {n}"\n\n' for n in range(7000)
)


@pytest.fixture
def open_umask():
    umask = os.umask(0o000)
    yield
    os.umask(umask)


def mode(path) -> int:
    return path.stat().st_mode & 0o777


def own_files_and_folders():
    """Everything in pmtui's two folders, by kind."""
    found = {"files": {}, "folders": {}}
    for root in (locations.state_dir(), locations.config_dir()):
        found["folders"][root] = mode(root)
        for folder, folders, files in os.walk(root):
            for name in folders:
                found["folders"][os.path.join(folder, name)] = mode(Path(folder, name))
            for name in files:
                found["files"][os.path.join(folder, name)] = mode(Path(folder, name))
    return found


def test_everything_pmtui_writes_for_itself_is_private(tmp_path, open_umask):
    review = tmp_path / "r.toml"
    store.save(Review(incident={"title": "x"}), review)
    Settings.load().set_theme("nord")
    assert filelock.acquire(review) is None
    with filelock.saving(review):
        pass
    parse_cache.parse(review, BIG)
    recovery.rescue(review, "unsaved", disk.fingerprint(review))
    LayoutCache()  # its folder (layouts compiled in an earlier test stay in memory)
    found = own_files_and_folders()
    # settings and their save lock; the review's lock and save lock; cache entry, recovery copy
    # and the hash of the file it was made from
    assert len(found["files"]) == 7
    assert any(str(folder).endswith("layout-cache") for folder in found["folders"])
    assert set(found["files"].values()) == {0o600}, found["files"]
    assert set(found["folders"].values()) == {0o700}, found["folders"]


def test_folders_an_older_pmtui_left_open_are_made_private(tmp_path):
    locks = locations.state_dir() / "locks"
    locks.mkdir(parents=True)
    locations.state_dir().chmod(0o755)
    locks.chmod(0o755)
    old_settings = locations.config_dir() / "settings.toml"
    old_settings.parent.mkdir(parents=True)
    old_settings.write_text('theme = "nord"\n')
    old_settings.chmod(0o644)
    filelock.acquire(tmp_path / "r.toml")
    Settings.load().set_theme("dracula")
    assert (mode(locations.state_dir()), mode(locks)) == (0o700, 0o700)
    assert mode(old_settings) == 0o600
    assert mode(locations.config_dir()) == 0o700


def test_a_folder_outside_pmtuis_own_is_left_as_it_is(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    Settings(folder / "settings.toml", {}).set_theme("nord")
    assert mode(folder) == 0o755


def cached(path, when_ns):
    parse_cache.parse(path, BIG)
    entry = cache_entries.entry_for("parsed", path)
    os.utime(entry, ns=(when_ns, when_ns))
    return entry


def test_the_cache_keeps_only_the_newest_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_entries, "MAX_ENTRIES", 3)
    entries = [cached(tmp_path / f"r{n}.toml", n * 10**9) for n in range(5)]
    assert [entry.exists() for entry in entries] == [False, False, True, True, True]


def test_the_cache_keeps_within_its_size(tmp_path, monkeypatch):
    one = cached(tmp_path / "r0.toml", 10**9).stat().st_size
    monkeypatch.setattr(cache_entries, "MAX_BYTES", one * 2 + one // 2)
    entries = [cached(tmp_path / f"r{n}.toml", (n + 1) * 10**9) for n in range(1, 4)]
    assert [entry.exists() for entry in entries] == [False, True, True]


def test_an_entry_in_use_is_kept_over_older_unused_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_entries, "MAX_ENTRIES", 2)
    first = cached(tmp_path / "r0.toml", 10**9)
    second = cached(tmp_path / "r1.toml", 2 * 10**9)
    parse_cache.parse(tmp_path / "r0.toml", BIG)  # used again: now the newest
    cached(tmp_path / "r2.toml", 3 * 10**9 + 10**18)
    assert (first.exists(), second.exists()) == (True, False)


def parsing_fails(monkeypatch):
    monkeypatch.setattr(parse_cache, "_parse_large", lambda _path, _text: {"parsed": "again"})


def test_an_entry_of_another_pmtui_version_is_not_trusted(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    parse_cache.parse(path, BIG)
    monkeypatch.setattr(cache_entries, "version", lambda: "pmtui 99.0 python 3.99")
    parsing_fails(monkeypatch)
    assert parse_cache.parse(path, BIG) == {"parsed": "again"}


def test_an_entry_others_could_have_written_is_not_trusted(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    assert parse_cache.parse(path, BIG) == tomllib.loads(BIG)
    cache_entries.entry_for("parsed", path).chmod(0o666)
    parsing_fails(monkeypatch)
    assert parse_cache.parse(path, BIG) == {"parsed": "again"}


def test_an_entry_reached_through_a_link_is_not_trusted(tmp_path, monkeypatch):
    """Unpickling runs code: a link in the cache folder could lead to any file."""
    path = tmp_path / "r.toml"
    parse_cache.parse(path, BIG)
    entry = cache_entries.entry_for("parsed", path)
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(entry.read_bytes())  # the user's own, 0600, a valid entry
    elsewhere.chmod(0o600)
    entry.unlink()
    entry.symlink_to(elsewhere)
    parsing_fails(monkeypatch)
    assert parse_cache.parse(path, BIG) == {"parsed": "again"}


def test_an_entry_in_a_folder_others_may_enter_is_not_trusted(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    parse_cache.parse(path, BIG)
    cache_entries.folder().chmod(0o755)  # others could have swapped an entry in meanwhile
    parsing_fails(monkeypatch)
    assert parse_cache.parse(path, BIG) == {"parsed": "again"}


def test_a_name_starting_with_a_literal_tilde_has_the_state_files_of_that_folder(
    tmp_path, monkeypatch
):
    """`pmtui "~/r.toml"` edits `./~/r.toml`: its lock and recovery copies are that file's,
    never those of the home folder's `r.toml`, which another pmtui may have open."""
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    literal = locations.state_file("locks", Path("~/r.toml"), ".lock")
    assert literal == locations.state_file("locks", here / "~" / "r.toml", ".lock")
    assert literal != locations.state_file("locks", home / "r.toml", ".lock")


@pytest.mark.parametrize("variable", ["PMTUI_STATE_DIR", "PMTUI_CONFIG_DIR"])
def test_a_folder_variable_starting_with_a_tilde_names_one_in_the_home_folder(
    tmp_path, monkeypatch, variable
):
    """Set in a file, or quoted, no shell expands it: pmtui does, once, so its own folders
    are made private and written where the variable says (a `./~` folder was made, then
    looked for under the home folder, and nothing was written)."""
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    monkeypatch.setenv(variable, "~/pmtui-folder")
    root = locations.state_dir() if variable == "PMTUI_STATE_DIR" else locations.config_dir()
    assert root == home / "pmtui-folder"
    written = root / "locks" / "r.lock"
    locations.write_private(written, lambda file: file.write(b"held"))
    assert written.read_bytes() == b"held" and mode(written.parent) == 0o700
    assert not (here / "~").exists()


def test_a_folder_variable_with_a_home_that_cannot_be_found_is_a_folder_of_that_name(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMTUI_STATE_DIR", "~no-such-user-here/state")
    assert locations.state_dir() == Path("~no-such-user-here/state")
    written = locations.state_dir() / "locks" / "r.lock"
    locations.write_private(written, lambda file: file.write(b"held"))
    assert (tmp_path / "~no-such-user-here" / "state" / "locks" / "r.lock").read_bytes() == b"held"
