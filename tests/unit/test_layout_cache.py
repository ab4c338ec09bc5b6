"""Compiled layouts are kept between runs; a damaged or unwritable cache only costs time."""

from __future__ import annotations

import jinja2
import pytest
from conftest import SAMPLES

from pmtui import templates
from pmtui.export import limits, markdown, sandbox
from pmtui.files import locations, store

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


def test_a_layout_compiled_without_the_loop_count_is_never_read_back(monkeypatch):
    """A cache left by a pmtui whose layouts did not count loop turns must not skip the count."""
    folder = templates.user_folder()
    folder.mkdir(parents=True)
    (folder / "busy.toml").write_text(
        'name = "busy"\ntitle = "t"\ndescription = "d"\nlayout = "busy.md.j2"\n'
    )
    (folder / "busy.md.j2").write_text(
        "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    )
    uncounted = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(locations.state_dir() / "layout-cache")),
    )
    (locations.state_dir() / "layout-cache").mkdir(parents=True)
    uncounted.get_template("busy.md.j2")
    assert list((locations.state_dir() / "layout-cache").iterdir())
    monkeypatch.setattr(limits, "TURN_LIMIT", 100_000)
    with pytest.raises(limits.TemplateLimitError, match="loops went round"):
        markdown.render(store.load(SAMPLE), templates.load_template("busy"))
