"""Bundled sample reviews, opened as copies so the shipped files never change."""

from __future__ import annotations

from pathlib import Path

from pmtui.files import locations, store


def copy_sample(name: str, folder: Path) -> tuple[Path, bool]:
    """The working copy of a sample in `folder` (made now unless there); was it made?"""
    samples = locations.samples()
    if name not in samples:
        raise store.ReviewFileError(
            f"no sample named {name!r} (samples: {', '.join(samples) or 'none'})"
        )
    copy = copy_of(name, folder)
    if store.exists(copy):
        return copy, False
    store.write_atomically(copy, samples[name].read_text(encoding="utf-8"))
    return copy, True


def copy_of(name: str, folder: Path) -> Path:
    """Where the working copy of sample `name` is in `folder` (made or not)."""
    return folder / f"{name}.toml"
