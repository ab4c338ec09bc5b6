"""The frame kept for a launch is painted only for that very launch: any change to what the
app would draw misses it; the recent reviews, which every opening changes, do not."""

import os
from pathlib import Path

import pytest

from pmtui.files import kept_frames, locations
from pmtui.files.settings import Settings

SIZE = (120, 40)
FRAME = "\x1b[1;1H Participants · Chun"


def kept_for(review: Path, size: tuple[int, int] = SIZE) -> str | None:
    launch = kept_frames.launch(review, size)
    assert launch is not None
    return kept_frames.painted(launch)


def keep(review: Path, frame: str = FRAME) -> kept_frames.Launch:
    launch = kept_frames.launch(review, SIZE)
    assert launch is not None
    kept_frames.keep(launch, frame)
    return launch


def test_a_frame_kept_for_a_launch_is_painted_at_the_same_launch_again(pet_clinic):
    keep(pet_clinic)
    assert kept_for(pet_clinic) == FRAME


def change_a_byte(review: Path, monkeypatch) -> None:
    review.write_bytes(review.read_bytes().replace(b"Pet Clinic", b"Pet Clinik", 1))


def another_size(review: Path, monkeypatch) -> None:
    monkeypatch.setattr(kept_frames, "launch", _sized(kept_frames.launch, (100, 40)))


def another_day(review: Path, monkeypatch) -> None:
    monkeypatch.setenv("PMTUI_TODAY", "2026-11-21")


def other_colours(review: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", os.environ.get("COLORTERM", "") + "-other")


def another_theme(review: Path, monkeypatch) -> None:
    Settings.load().set_theme("pmtui-light")


def a_theme_of_ones_own(review: Path, monkeypatch) -> None:
    themes = locations.config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.tcss").write_text("Screen { background: black; }\n")


def _sized(launch, size):
    return lambda review, _size: launch(review, size)


@pytest.mark.parametrize(
    "change",
    [
        change_a_byte,
        another_size,
        another_day,
        other_colours,
        another_theme,
        a_theme_of_ones_own,
    ],
)
def test_anything_that_changes_what_the_app_draws_misses_the_kept_frame(
    pet_clinic, monkeypatch, change
):
    keep(pet_clinic)
    change(pet_clinic, monkeypatch)
    assert kept_for(pet_clinic) is None


def test_opening_the_review_adds_it_to_the_recent_ones_and_its_frame_still_holds(pet_clinic):
    keep(pet_clinic)  # before any settings file: the first opening writes one
    Settings.load().add_recent(pet_clinic)
    assert kept_for(pet_clinic) == FRAME
    Settings.load().add_recent(pet_clinic.with_name("another.toml"))
    assert kept_for(pet_clinic) == FRAME


def test_a_review_that_cannot_be_read_has_no_launch(tmp_path):
    assert kept_frames.launch(tmp_path / "missing.toml", SIZE) is None


def test_a_frame_the_same_as_the_kept_one_is_not_written_again(pet_clinic):
    launch = keep(pet_clinic)
    entry = locations.state_file(kept_frames.FOLDER, pet_clinic, ".frame")
    before = entry.stat().st_ino
    kept_frames.keep(launch, FRAME)
    assert entry.stat().st_ino == before
    kept_frames.keep(launch, FRAME + " changed")
    assert entry.stat().st_ino != before
    assert kept_for(pet_clinic) == FRAME + " changed"


def open_to_others(entry: Path) -> None:
    entry.chmod(0o666)


def in_a_folder_open_to_others(entry: Path) -> None:
    entry.parent.chmod(0o755)


def a_link_to_anothers_file(entry: Path) -> None:
    elsewhere = entry.with_name("elsewhere")
    entry.replace(elsewhere)
    entry.symlink_to(elsewhere)


@pytest.mark.parametrize(
    "tamper", [open_to_others, in_a_folder_open_to_others, a_link_to_anothers_file]
)
def test_a_frame_someone_else_could_have_written_is_never_painted(pet_clinic, tamper):
    keep(pet_clinic)
    tamper(locations.state_file(kept_frames.FOLDER, pet_clinic, ".frame"))
    assert kept_for(pet_clinic) is None


def test_the_frames_are_pruned_to_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_frames, "MAX_FRAMES", 2)
    reviews = [tmp_path / f"review{number}.toml" for number in range(3)]
    for number, review in enumerate(reviews):
        review.write_text(f'title = "review {number}"\n')
    for number, review in enumerate(reviews[:2]):
        keep(review)
        os.utime(locations.state_file(kept_frames.FOLDER, review, ".frame"), (number, number))
    assert kept_for(reviews[0]) == FRAME  # used again: the one used longest ago is review 1
    keep(reviews[2])
    assert [kept_for(review) for review in reviews] == [FRAME, None, FRAME]
