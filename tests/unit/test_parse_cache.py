"""Large reviews parse once; any change to the text parses again."""

from __future__ import annotations

import tomllib

import pytest

from pmtui.files import cache_entries, locations, parse_cache, store

BIG = "".join(
    f'[[timeline]]\nat = 2026-11-20T14:00:00Z\ntext = "event {n}"\n\n' for n in range(7000)
)


def entries() -> list:
    return list((locations.state_dir() / "cache").glob("*.pickle"))


def test_a_large_text_is_parsed_once(tmp_path, monkeypatch):
    assert len(BIG) >= parse_cache.MIN_SIZE
    path = tmp_path / "big.toml"
    first = parse_cache.parse(path, BIG)
    assert first == tomllib.loads(BIG) and len(entries()) == 1
    monkeypatch.setattr(parse_cache, "_parse_large", lambda *_: pytest.fail("parsed again"))
    assert parse_cache.parse(path, BIG) == first


def test_a_changed_text_is_parsed_again(tmp_path):
    path = tmp_path / "big.toml"
    parse_cache.parse(path, BIG)
    changed = BIG.replace("event 0", "event zero")
    assert parse_cache.parse(path, changed)["timeline"][0]["text"] == "event zero"
    assert len(entries()) == 1


def test_a_damaged_entry_is_ignored(tmp_path):
    path = tmp_path / "big.toml"
    parse_cache.parse(path, BIG)
    entries()[0].write_bytes(b"\x80\x05not a pickle")
    assert parse_cache.parse(path, BIG) == tomllib.loads(BIG)


def test_small_texts_are_not_cached_and_errors_still_raise(tmp_path):
    assert parse_cache.parse(tmp_path / "small.toml", 'a = "b"\n') == {"a": "b"}
    assert entries() == []
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_cache.parse(tmp_path / "bad.toml", BIG + "\n[[")


def test_an_unwritable_state_folder_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("PMTUI_STATE_DIR", str(blocker))
    assert parse_cache.parse(tmp_path / "big.toml", BIG) == tomllib.loads(BIG)


@pytest.mark.parametrize("toml_1_1", ['x = "\\e"\n', "x = { a = 1,\n  b = 2 }\n", "t = 14:00\n"])
def test_large_and_small_texts_read_the_same_toml(tmp_path, toml_1_1):
    """TOML 1.1 (escape \\e, inline tables over lines, times without seconds) is refused
    whatever the size: large texts are read with tomli, small ones with Python's tomllib."""
    for text in (toml_1_1, BIG + toml_1_1):
        with pytest.raises(tomllib.TOMLDecodeError):
            parse_cache.parse(tmp_path / "review.toml", text)


def test_a_parse_held_back_is_written_when_asked(tmp_path):
    """Within `held_back`, a parse is listed, not written; `write_held` writes it."""
    path = tmp_path / "big.toml"
    with cache_entries.held_back() as held:
        parse_cache.parse(path, BIG)
    assert entries() == [] and len(held) == 1
    cache_entries.write_held(held)
    assert len(entries()) == 1 and held == []


def test_a_migration_leaves_the_kept_parse_as_the_file_has_it(tmp_path, monkeypatch):
    """A kept parse may be written after the review is read: migrating works on a copy."""
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: lambda data: data})
    path = tmp_path / "big.toml"
    old = "schema_version = 1\n" + BIG
    with cache_entries.held_back() as held:
        data = parse_cache.parse(path, old)
        assert store.migrate(data, 1)["schema_version"] == 2
    cache_entries.write_held(held)
    assert parse_cache.parse(path, old)["schema_version"] == 1
