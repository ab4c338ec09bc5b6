"""The frame kept for a launch is painted only for that very launch: any change to what the
app would draw misses it; the recent reviews, which every opening changes, do not."""

import datetime as dt
import os
import threading
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pmtui.files import kept_frames, locations
from pmtui.files.settings import Settings

SIZE = (120, 40)
FRAME = "\x1b[1;1H Participants · Chun"
ALL_DAYS = (0.0, 4102444800.0)  # 1970 to 2100


def kept_for(review: Path, size: tuple[int, int] = SIZE) -> str | None:
    launch = kept_frames.launch(review, size)
    assert launch is not None
    return kept_frames.painted(launch)


def keep(review: Path, frame: str = FRAME) -> kept_frames.Launch:
    launch = kept_frames.launch(review, SIZE)
    assert launch is not None
    kept_frames.keep(launch, frame, ALL_DAYS)
    return launch


def test_a_frame_kept_for_a_launch_is_painted_at_the_same_launch_again(pet_clinic):
    keep(pet_clinic)
    assert kept_for(pet_clinic) == FRAME


def change_a_byte(review: Path, monkeypatch) -> None:
    review.write_bytes(review.read_bytes().replace(b"Pet Clinic", b"Pet Clinik", 1))


def another_size(review: Path, monkeypatch) -> None:
    monkeypatch.setattr(kept_frames, "launch", _sized(kept_frames.launch, (100, 40)))


def other_colours(review: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", os.environ.get("COLORTERM", "") + "-other")


def another_theme(review: Path, monkeypatch) -> None:
    Settings.load().set_theme("pmtui-light")


def a_theme_of_ones_own(review: Path, monkeypatch) -> None:
    themes = locations.config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.tcss").write_text("Screen { background: black; }\n")


def a_template_of_ones_own(review: Path, monkeypatch) -> None:
    templates = locations.config_dir() / "templates"
    templates.mkdir(parents=True)
    (templates / "ours.toml").write_text('title = "Ours"\n')


def a_blame_phrase_of_ones_own(review: Path, monkeypatch) -> None:
    config = locations.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "blame_phrases.toml").write_text('phrases = ["patch"]\n')


def _sized(launch, size):
    return lambda review, _size: launch(review, size)


@pytest.mark.parametrize(
    "change",
    [
        change_a_byte,
        another_size,
        other_colours,
        another_theme,
        a_theme_of_ones_own,
        a_template_of_ones_own,
        a_blame_phrase_of_ones_own,
    ],
)
def test_anything_that_changes_what_the_app_draws_misses_the_kept_frame(
    pet_clinic, monkeypatch, change
):
    keep(pet_clinic)
    change(pet_clinic, monkeypatch)
    assert kept_for(pet_clinic) is None


def test_a_review_opened_by_another_name_misses_the_frame_its_header_names_otherwise(
    pet_clinic,
):
    keep(pet_clinic)
    link = pet_clinic.with_name("linked.toml")
    link.symlink_to(pet_clinic)
    assert kept_for(link) is None
    assert kept_frames.launch(link, SIZE).review == kept_frames.launch(pet_clinic, SIZE).review


def test_opening_the_review_adds_it_to_the_recent_ones_and_its_frame_still_holds(pet_clinic):
    keep(pet_clinic)  # before any settings file: the first opening writes one
    Settings.load().add_recent(pet_clinic)
    assert kept_for(pet_clinic) == FRAME
    Settings.load().add_recent(pet_clinic.with_name("another.toml"))
    assert kept_for(pet_clinic) == FRAME


def test_a_frame_is_painted_only_within_the_day_it_was_kept_for(pet_clinic):
    launch = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep(launch, FRAME, (launch.at - 60, launch.at + 60))
    assert kept_frames.painted(launch) == FRAME
    assert kept_frames.painted(replace(launch, at=launch.at + 60)) is None
    assert kept_frames.painted(replace(launch, at=launch.at - 61)) is None


DAY = 24 * 60 * 60


def a_day_after(launch: kept_frames.Launch) -> kept_frames.Launch:
    return replace(launch, at=launch.at + DAY)


def day(launch: kept_frames.Launch, days_on: int = 0) -> kept_frames.Day:
    """A day-long span around `launch`, or `days_on` days after that one."""
    return launch.at - 60 + days_on * DAY, launch.at - 60 + (days_on + 1) * DAY


def test_a_frame_drawn_ahead_for_tomorrow_is_painted_tomorrow_and_today_s_today(pet_clinic):
    today = kept_frames.launch(pet_clinic, SIZE)
    tomorrow = a_day_after(today)
    kept_frames.keep(tomorrow, FRAME, day(today, 1))
    assert kept_frames.painted(today) is None
    assert kept_frames.days_drawn_ahead(today) == 0  # counted from today's frame on
    kept_frames.keep(today, "today's", day(today))
    assert kept_frames.painted(today) == "today's"
    assert kept_frames.painted(tomorrow) == FRAME
    assert kept_frames.days_drawn_ahead(today) == 1  # today's is not ahead
    kept_frames.keep(a_day_after(tomorrow), "the day after's", day(today, 2))
    assert kept_frames.days_drawn_ahead(today) == 2
    assert kept_frames.days_drawn_ahead(replace(today, key="another")) == 0


def test_the_same_screen_on_days_in_a_row_is_kept_once_for_all_of_them(pet_clinic):
    today = kept_frames.launch(pet_clinic, SIZE)
    for days_on in (2, 0, 1, 3):  # kept in any order
        kept_frames.keep(today, FRAME, day(today, days_on))
    assert len(kept_frames.entries(pet_clinic)) == 1
    assert kept_frames.days_drawn_ahead(today) == 3
    for days_on in range(4):
        assert kept_frames.painted(replace(today, at=today.at + days_on * DAY)) == FRAME
    assert kept_frames.painted(replace(today, at=today.at + 4 * DAY)) is None


def test_another_screen_for_a_day_replaces_the_reviews_frame_of_that_day(pet_clinic):
    today = kept_frames.launch(pet_clinic, SIZE)
    for days_on in range(3):
        kept_frames.keep(today, FRAME, day(today, days_on))
    resized = replace(today, key="another-size")
    kept_frames.keep(resized, "resized", day(today, 1))
    assert kept_frames.painted(replace(resized, at=today.at + DAY)) == "resized"
    assert kept_frames.painted(today) is None  # one frame a review and day
    assert len(kept_frames.entries(pet_clinic)) == 1


def test_the_days_drawn_ahead_end_at_the_first_day_without_a_frame(pet_clinic):
    today = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep(today, FRAME, day(today))
    kept_frames.keep(today, FRAME, day(today, 1))
    kept_frames.keep(today, "in three days", day(today, 3))
    assert kept_frames.days_drawn_ahead(today) == 1
    assert kept_frames.days_drawn_ahead(a_day_after(today)) == 0  # none for its tomorrow
    kept_frames.keep(today, "the day after tomorrow", day(today, 2))
    assert kept_frames.days_drawn_ahead(today) == 3


@pytest.mark.parametrize(
    "launched_at",
    [
        dt.datetime(2026, 11, 20, 23, 59, tzinfo=dt.UTC),  # a minute before midnight there
        dt.datetime(2027, 10, 30, 0, 0, tzinfo=ZoneInfo("Europe/London")),  # then a 25-hour day
        dt.datetime(2027, 3, 27, 23, 30, tzinfo=ZoneInfo("Europe/London")),  # then a 23-hour day
    ],
)
def test_the_days_drawn_ahead_are_counted_by_the_days_kept_whatever_the_hour(
    pet_clinic, launched_at
):
    london = ZoneInfo("Europe/London")  # after the suite's day: none of these days is gone
    launch = kept_frames.launch(pet_clinic, SIZE).at_moment(launched_at)
    for days_on in (0, 1, 2, 4, 3):
        noon = dt.datetime.combine(launched_at.date() + dt.timedelta(days=days_on), dt.time(12))
        kept_frames.keep(launch, FRAME, kept_frames.day_of(noon.replace(tzinfo=london), london))
    assert len(kept_frames.entries(pet_clinic)) == 1
    assert kept_frames.days_drawn_ahead(launch) == 4


def test_a_frame_drawn_from_a_review_changed_since_its_launch_is_not_kept(pet_clinic):
    launch = kept_frames.launch(pet_clinic, SIZE)
    change_a_byte(pet_clinic, None)  # saved by another program meanwhile
    kept_frames.keep_unless_changed(launch, FRAME, ALL_DAYS)
    assert kept_frames.entries(pet_clinic) == []
    unchanged = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep_unless_changed(unchanged, FRAME, ALL_DAYS)
    assert kept_for(pet_clinic) == FRAME


def test_a_settings_folder_that_is_the_state_folder_too_still_holds_frames(pet_clinic, monkeypatch):
    """As on macOS, where both are ~/Library/Application Support/pmtui: the frames, locks
    and caches written there are not the user's own files."""
    monkeypatch.setenv("PMTUI_STATE_DIR", os.environ["PMTUI_CONFIG_DIR"])
    launch = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep_unless_changed(launch, FRAME, ALL_DAYS)
    locations.write_private(locations.state_file("locks", pet_clinic, ".lock"), lambda f: None)
    assert kept_for(pet_clinic) == FRAME


def the_days_it_holds_for(review: Path) -> list[float]:
    (entry,) = kept_frames.entries(review)
    return [float(bound) for bound in entry.read_text().partition("\n")[0].split(" ")[1:]]


def test_days_gone_leave_a_frame_kept_for_days_in_a_row(pet_clinic, monkeypatch):
    today = kept_frames.launch(pet_clinic, SIZE)
    for days_on in range(3):
        kept_frames.keep(today, FRAME, day(today, days_on))
    monkeypatch.setenv("PMTUI_TODAY", "2026-11-22")  # two days on
    kept_frames.keep(today, FRAME, day(today, 3))
    assert the_days_it_holds_for(pet_clinic) == [today.at - 60 + n * DAY for n in (2, 3, 4)]


def test_a_frame_held_for_no_day_a_clock_can_tell_is_passed_over(pet_clinic):
    launch = kept_frames.launch(pet_clinic, SIZE)
    entry = locations.state_file(kept_frames.FOLDER, pet_clinic, ".0.frame")
    text = f"{launch.key} -inf {launch.at + 60!r}\n{FRAME}".encode()
    locations.write_private(entry, lambda file: file.write(text))
    assert kept_frames.painted(launch) is None
    kept_frames.keep(launch, FRAME, (launch.at - 60, launch.at + 60))
    assert kept_frames.painted(launch) == FRAME


def test_a_frame_whose_day_is_gone_goes_as_the_next_is_kept(pet_clinic, monkeypatch):
    today = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep(today, "today's", (today.at - 60, today.at + 60))
    kept_frames.keep(a_day_after(today), FRAME, (today.at + 60, today.at + 1000))
    assert len(kept_frames.entries(pet_clinic)) == 2  # drawn ahead: today's still holds
    monkeypatch.setenv("PMTUI_TODAY", "2026-11-21")  # the day after
    tomorrow = kept_frames.launch(pet_clinic, SIZE)
    kept_frames.keep(tomorrow, FRAME, (tomorrow.at - 60, tomorrow.at + 60))
    assert len(kept_frames.entries(pet_clinic)) == 1


def test_the_day_is_the_reviews_from_midnight_to_midnight():
    moment = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
    days = {
        zone: tuple(
            dt.datetime.fromtimestamp(bound, dt.UTC)
            for bound in kept_frames.day_of(moment, ZoneInfo(zone))
        )
        for zone in ("Europe/London", "Pacific/Kiritimati", "America/Los_Angeles")
    }
    assert days == {
        "Europe/London": (
            dt.datetime(2026, 11, 20, 0, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 11, 21, 0, 0, tzinfo=dt.UTC),
        ),
        "Pacific/Kiritimati": (  # UTC+14: already the 21st there
            dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC),
        ),
        "America/Los_Angeles": (  # UTC-8
            dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC),
        ),
    }
    last = dt.datetime(9999, 12, 31, 12, 0, tzinfo=dt.UTC)  # PMTUI_TODAY can say so
    assert kept_frames.day_of(last, dt.UTC)[1] == last.timestamp()


def test_a_settings_file_past_tomls_limits_still_gives_a_launch(pet_clinic):
    """The app says its one line for it; the launch must not raise before it can."""
    config = locations.config_dir()
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("deep = " + "[" * 2000 + "]" * 2000 + "\n")
    assert kept_frames.launch(pet_clinic, SIZE) is not None
    (config / "settings.toml").write_text("big = " + "9" * 5000 + "\n")
    assert kept_frames.launch(pet_clinic, SIZE) is not None


def test_a_character_the_terminal_cannot_take_is_kept_as_textual_writes_it(pet_clinic):
    keep(pet_clinic, "x\udcff.toml")  # a file name's stray byte, in the header
    assert kept_for(pet_clinic) == "x\\udcff.toml"


def test_a_review_that_cannot_be_read_has_no_launch(tmp_path):
    assert kept_frames.launch(tmp_path / "missing.toml", SIZE) is None


def a_pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def a_loop_of_links(path: Path) -> Path:
    path.symlink_to(path)
    return path


def a_device(path: Path) -> Path:
    return Path("/dev/zero")


def too_large(path: Path) -> Path:
    with open(path, "wb") as file:
        file.truncate(kept_frames.LARGEST + 1)
    return path


@pytest.mark.parametrize("made", [a_pipe, a_loop_of_links, a_device, too_large])
def test_what_is_no_regular_file_to_read_at_once_has_no_launch_and_never_holds_it(tmp_path, made):
    """The app says its one line for each (or reads a large one after a first frame): the
    launch must not wait on a pipe, read a device without end, or raise."""
    path = made(tmp_path / "review.toml")
    found = []
    looking = threading.Thread(
        target=lambda: found.append(kept_frames.launch(path, SIZE)), daemon=True
    )
    looking.start()
    looking.join(timeout=10)
    assert found == [None]


def test_a_frame_the_same_as_the_kept_one_is_not_written_again(pet_clinic):
    launch = keep(pet_clinic)
    entry = kept_frames.kept_for(launch)[0]
    before = entry.stat().st_ino
    kept_frames.keep(launch, FRAME, ALL_DAYS)
    assert entry.stat().st_ino == before
    kept_frames.keep(launch, FRAME + " changed", ALL_DAYS)
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
    tamper(kept_frames.kept_for(kept_frames.launch(pet_clinic, SIZE))[0])
    assert kept_for(pet_clinic) is None


def test_the_frames_are_pruned_to_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_frames, "MAX_FRAMES", 2)
    reviews = [tmp_path / f"review{number}.toml" for number in range(3)]
    for number, review in enumerate(reviews):
        review.write_text(f'title = "review {number}"\n')
    for number, review in enumerate(reviews[:2]):
        keep(review)
        os.utime(kept_frames.entries(review)[0], (number, number))
    assert kept_for(reviews[0]) == FRAME  # used again: the one used longest ago is review 1
    keep(reviews[2])
    assert [kept_for(review) for review in reviews] == [FRAME, None, FRAME]


def test_a_name_starting_with_a_literal_tilde_is_the_folder_of_that_name(
    pet_clinic, tmp_path, monkeypatch
):
    """`pmtui "~/r.toml"` (quoted: the shell leaves the `~`) opens `./~/r.toml`, as any
    relative name: its launch is of that file, not of the one in the home folder, whose
    frame it would otherwise paint and then keep its own screen as."""
    home, here = tmp_path / "home", tmp_path / "here"
    (here / "~").mkdir(parents=True)
    home.mkdir()
    (home / "r.toml").write_bytes(pet_clinic.read_bytes())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    keep(home / "r.toml")
    (here / "~" / "r.toml").write_text('[incident]\ntitle = "Another review"\n')
    literal = kept_frames.launch(Path("~/r.toml"), SIZE)
    assert literal.review == here / "~" / "r.toml"
    assert kept_frames.painted(literal) is None
