"""Compiled layouts are kept between runs; a damaged or unwritable cache only costs time."""

from __future__ import annotations

from conftest import SAMPLES

from pmtui import locations, store
from pmtui.export import markdown, sandbox

SAMPLE = SAMPLES / "pet-clinic-dojo.toml"


def fresh_render() -> str:
    sandbox.environment.cache_clear()  # a new process, as far as layouts are concerned
    return markdown.render(store.load(SAMPLE))


def test_a_layout_compiled_once_is_read_back_from_the_cache():
    first = fresh_render()
    cached = list((locations.state_dir() / "layout-cache").iterdir())
    assert cached
    assert fresh_render() == first


def test_a_damaged_cache_file_is_compiled_again():
    first = fresh_render()
    for entry in (locations.state_dir() / "layout-cache").iterdir():
        entry.write_bytes(b"j2\x00 not bytecode at all")
    assert fresh_render() == first


def test_an_unwritable_state_folder_still_renders(tmp_path, monkeypatch):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("PMTUI_STATE_DIR", str(blocker))
    assert fresh_render().startswith("# ")
