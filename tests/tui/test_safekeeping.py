"""Nothing lost: conflicts, failed saves, crashes, signals and a second pmtui, in the app."""

import errno
import os
import signal
from pathlib import Path

import pytest
from helpers import (
    SIZE,
    app_on,
    burst,
    closed_folder,
    rescued_copy,
    screen_text,
    settle,
    until,
    write,
)

from pmtui.document.model import Review
from pmtui.files import disk, filelock, locations, recovery, store
from pmtui.tui.app import PmtuiApp
from pmtui.tui.dialogs.choice import ChoiceDialog
from pmtui.tui.dialogs.export import ExportDialog
from pmtui.tui.dialogs.save_as import SaveAsDialog
from pmtui.tui.meeting import safekeeping
from pmtui.tui.meeting.type_ahead import Grace
from pmtui.tui.saving import Saving


@pytest.fixture(autouse=True)
def no_dialog_grace(monkeypatch):
    """Dialogs take keys as soon as they are drawn (the grace has tests of its own)."""
    monkeypatch.setattr(PmtuiApp, "dialog_grace", Grace(0.0))


async def add_event(pilot, text: str) -> None:
    await write(pilot, "ctrl+n", text, "enter", "escape")


def change_on_disk(path, title: str = "theirs") -> None:
    review = store.load(path)
    review.incident.title = title
    store.save(review, path)


async def conflict(app, pilot, path):
    change_on_disk(path)
    await add_event(pilot, "mine")
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, ChoiceDialog)
    assert "changed on disk" in app.screen.message


async def test_conflict_keep_mine_as_a_copy(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict(app, pilot, pet_clinic)
        await pilot.press("c")
        await settle(app, pilot)
        copy = app.session.path
        assert copy.name == "pet-clinic-dojo.mine-20261120-140000.toml"
        assert filelock.holder_of(filelock.lock_file(copy)) == filelock.me()
        assert not filelock.lock_file(pet_clinic).exists()
    assert store.load(copy).timeline[-1].text == "mine"
    theirs = store.load(pet_clinic)
    assert theirs.incident.title == "theirs" and theirs.timeline[-1].text != "mine"


async def test_conflict_reload_takes_theirs(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict(app, pilot, pet_clinic)
        await pilot.press("r")
        await settle(app, pilot)
        assert app.session.review.incident.title == "theirs"
        assert not app.session.dirty
        mine = store.load(pet_clinic.with_name("pet-clinic-dojo.mine-20261120-140000.toml"))
        assert mine.timeline[-1].text == "mine"
        header = str(app.screen.query_one("#header-title").render())
        assert "theirs" in header


async def test_theirs_that_cannot_be_loaded_asks_again_and_keeps_mine(pet_clinic):
    """Reloading a file now broken said "Not saved: …" and offered save as, when the user
    had asked to load their version, not to save."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        pet_clinic.write_text('title = "unterminated\n', encoding="utf-8")
        await add_event(pilot, "mine")
        await write(pilot, "ctrl+s", "r")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.message == (
            f"Not reloaded: {pet_clinic}:1:22: unterminated string: its closing quote "
            "is missing. Your edits are kept, not saved: choose again."
        )
        assert not any("Not saved" in told for told in app.told)
        assert app.session.review.timeline[-1].text == "mine" and app.session.dirty
    assert pet_clinic.read_text(encoding="utf-8") == 'title = "unterminated\n'


async def test_conflict_overwrite_writes_mine_and_keeps_theirs_beside(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict(app, pilot, pet_clinic)
        await pilot.press("o")
        await settle(app, pilot)
    saved = store.load(pet_clinic)
    assert saved.timeline[-1].text == "mine" and saved.incident.title != "theirs"
    theirs = store.load(pet_clinic.with_name("pet-clinic-dojo.replaced-20261120-140000.toml"))
    assert theirs.incident.title == "theirs"


async def test_escape_decides_later_and_autosave_does_not_ask_again(pet_clinic, monkeypatch):
    app = app_on(pet_clinic, autosave_delay=0.01)
    autosaves = []
    autosave = Saving.autosave
    monkeypatch.setattr(Saving, "autosave", lambda self: autosaves.append(1) or autosave(self))
    async with app.run_test(size=SIZE) as pilot:
        await conflict(app, pilot, pet_clinic)
        await pilot.press("escape")
        before = len(autosaves)
        # No Escape after it: one pressed here would close a question asked again.
        await write(pilot, "ctrl+n", "more of mine", "enter")
        await until(pilot, lambda: len(autosaves) > before)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.session.dirty
        await pilot.press("ctrl+s")  # an explicit save asks again
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)


def no_space(*args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_disk_full_keeps_the_review_in_memory_and_offers_save_as(pet_clinic, tmp_path):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "typed while the disk filled up")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "replace", no_space)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert isinstance(app.screen, SaveAsDialog)
        assert "no space left on device" in app.screen.problem
        assert app.session.review.timeline[-1].text == "typed while the disk filled up"
        assert pet_clinic.read_bytes() == before
        elsewhere = tmp_path / "elsewhere" / "saved.toml"
        elsewhere.parent.mkdir()
        field = app.screen.query_one("#save-as-path")
        field.value = str(elsewhere)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveAsDialog)
        assert app.session.path == elsewhere and not app.session.dirty
    assert store.load(elsewhere).timeline[-1].text == "typed while the disk filled up"


async def test_save_as_shows_why_a_path_does_not_work_and_stays(pet_clinic):
    pet_clinic.chmod(0o444)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "mine")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "the file is read-only" in app.screen.problem
        # Its folder takes new files: a copy beside it is offered, not the home folder.
        field = app.screen.query_one("#save-as-path")
        assert field.value == str(pet_clinic.with_name(f"{pet_clinic.stem}-copy.toml"))
        field.value = str(pet_clinic)
        await pilot.press("enter")
        error = str(app.screen.query_one("#save-as-error").render())
        assert "already exists" in error
        await pilot.press("escape")
        assert not isinstance(app.screen, SaveAsDialog)
        assert app.session.dirty


async def test_save_as_to_a_name_too_long_says_so_in_the_dialog(pet_clinic):
    """Looking for a file of that name raised OSError, and the app ended in a traceback."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        app.screen.query_one("#save-as-path").value = f"{'a' * 300}.toml"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SaveAsDialog)
        error = str(app.screen.query_one("#save-as-error").render())
        assert error.endswith(".toml: cannot look at it (file name too long)")
        assert app.session.path == pet_clinic
    assert app.return_code is None


async def test_a_deleted_file_is_offered_back_under_its_own_name(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "mine")
        pet_clinic.unlink()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "deleted or moved" in app.screen.problem
        assert app.screen.query_one("#save-as-path").value == str(pet_clinic)
        await pilot.press("enter")
        await settle(app, pilot)
    assert store.load(pet_clinic).timeline[-1].text == "mine"


@pytest.fixture
def opened_from_the_parent_folder(pet_clinic, monkeypatch):
    """`pmtui scratch/r.toml`, started in the folder above the review's."""
    scratch = pet_clinic.parent / "scratch"
    scratch.mkdir()
    pet_clinic.rename(scratch / "r.toml")
    monkeypatch.chdir(pet_clinic.parent)
    return scratch


async def test_a_deleted_file_opened_by_a_relative_path_is_offered_back_in_its_folder(
    opened_from_the_parent_folder,
):
    """The suggestion named the folder again: "scratch/scratch/r.toml: cannot write in
    this folder"."""
    app = app_on(Path("scratch/r.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "mine")
        (opened_from_the_parent_folder / "r.toml").unlink()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "deleted or moved" in app.screen.problem
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveAsDialog)
    assert store.load(opened_from_the_parent_folder / "r.toml").timeline[-1].text == "mine"


async def test_f12_on_a_review_opened_by_a_relative_path_saves_beside_it(
    opened_from_the_parent_folder,
):
    app = app_on(Path("scratch/r.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "mine")
        await pilot.press("f12", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveAsDialog)
    assert store.load(opened_from_the_parent_folder / "r-copy.toml").timeline[-1].text == "mine"


async def test_f12_saves_as_and_goes_on_there(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#save-as-path").value = "renamed.toml"
        await pilot.press("enter")
        await add_event(pilot, "after renaming")
        await pilot.press("ctrl+q")
    renamed = pet_clinic.parent / "renamed.toml"
    assert store.load(renamed).timeline[-1].text == "after renaming"
    assert store.load(pet_clinic).timeline[-1].text != "after renaming"


async def test_f12_typing_a_name_replaces_the_offered_one_in_the_same_folder(pet_clinic):
    """The offered name was not selected: `copy.toml` made `…-copy.tomlcopy.toml`."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await burst(pilot, "copy.toml", "enter")
        await settle(app, pilot)
        assert app.session.path == pet_clinic.with_name("copy.toml")


async def test_f12_then_enter_shows_the_new_file_name_in_the_header_at_once(pet_clinic):
    """The header kept the old name, "✓ saved", until an edit or a resize: it was told of
    the save while the dialog was still on top of it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12", "enter")  # the name offered: pet-clinic-dojo-copy.toml
        await settle(app, pilot)
        assert app.session.path.name == "pet-clinic-dojo-copy.toml"
        assert "   pet-clinic-dojo-copy.toml ✓ saved" in screen_text(app).splitlines()[0]


async def test_a_save_ending_under_a_dialog_shows_saved_once_it_closes(pet_clinic):
    """The save, like save as, told a header that was not on top: it said "unsaved"."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "saved while the export preview is open")
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog) and app.session.dirty
        app.save_now()  # as the autosave does, its delay over
        await settle(app, pilot)
        assert not app.session.dirty
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("✓ saved")


async def test_a_crash_keeps_unsaved_edits_and_the_next_start_restores_them(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)

    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            await add_event(pilot, "typed just before the crash")
            app.screen.action_toggle_sidebar = broken
            await pilot.press("f2")
            await pilot.pause()
    assert pet_clinic.read_bytes() == before
    assert recovery.all_pending(pet_clinic) == [app.safekeeping.rescued]

    again = app_on(pet_clinic)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ChoiceDialog)
        await pilot.press("r")
        await settle(again, pilot)
        assert again.session.review.timeline[-1].text == "typed just before the crash"
    assert store.load(pet_clinic).timeline[-1].text == "typed just before the crash"
    assert recovery.all_pending(pet_clinic) == []


async def test_a_crash_keeps_the_line_being_typed(pet_clinic):
    app = app_on(pet_clinic)

    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=SIZE) as pilot:
            await write(pilot, "ctrl+n", "half a sentence as it crashed")
            app.screen.action_toggle_sidebar = broken
            await pilot.press("f2")
            await pilot.pause()
    kept = store.load(recovery.all_pending(pet_clinic)[0])
    assert kept.timeline[-1].text == "half a sentence as it crashed"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_a_signal_keeps_unsaved_edits_and_exits(pet_clinic, number, monkeypatch):
    monkeypatch.setattr(safekeeping, "WATCHDOG_SECONDS", 600.0)  # a slow teardown ends well
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "typed as the terminal closed")
        os.kill(os.getpid(), number)
        await pilot.pause()
    app.safekeeping.stand_down()  # as the command line does once the app has ended
    assert app.safekeeping.watchdog.finished.is_set()  # a forced exit was ready, then cancelled
    assert app.return_code == 128 + number
    assert store.load(recovery.all_pending(pet_clinic)[0]).timeline[-1].text == (
        "typed as the terminal closed"
    )
    assert not filelock.lock_file(pet_clinic).exists()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_what_the_command_does_as_its_terminal_closes_comes_once_the_edits_are_kept(
    pet_clinic, number, monkeypatch
):
    monkeypatch.setattr(safekeeping, "WATCHDOG_SECONDS", 600.0)  # a slow teardown ends well
    app = app_on(pet_clinic)
    kept_first: list[bool] = []
    app.safekeeping.at_hangup = lambda: kept_first.append(bool(recovery.all_pending(pet_clinic)))
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "typed as the terminal closed")
        os.kill(os.getpid(), number)
        await pilot.pause()
        app.safekeeping._on_signal(signal.SIGHUP)  # as its reads come back empty: once only
        await pilot.pause()
    app.safekeeping.stand_down()
    assert kept_first == ([True] if number == signal.SIGHUP else [])
    assert app.return_code == 128 + number
    assert app.safekeeping.watchdog.finished.is_set()  # the one forced exit, cancelled


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_a_signal_keeps_the_line_being_typed(pet_clinic, number):
    """Text on the entry line, not yet added with Enter, is kept as quitting keeps it."""
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "half a sentence as the terminal")
        assert not app.session.dirty
        app.safekeeping._on_signal(number)
        await pilot.pause()
    app.safekeeping.stand_down()
    assert app.return_code == 128 + number
    assert pet_clinic.read_bytes() == before
    kept = store.load(recovery.all_pending(pet_clinic)[0])
    assert kept.timeline[-1].text == "half a sentence as the terminal"


@pytest.mark.parametrize(("key", "kept"), [("d", False), ("b", True)])
async def test_recovered_edits_can_be_discarded_or_kept_beside(pet_clinic, key, kept):
    rescued_copy(pet_clinic, "rescued")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.session.review.incident.title != "rescued"
    assert recovery.all_pending(pet_clinic) == []
    beside = list(pet_clinic.parent.glob("*.recovered-20261120-140000.toml"))
    assert [store.load(p).incident.title for p in beside] == (["rescued"] if kept else [])
    put_away = list(locations.state_dir().glob("recovery/discarded/*.toml"))
    assert [store.load(p).incident.title for p in put_away] == ([] if kept else ["rescued"])


async def test_quitting_when_saving_fails_keeps_the_edits_for_next_time(pet_clinic):
    pet_clinic.chmod(0o444)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "cannot be saved here")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
    [copy] = recovery.all_pending(pet_clinic)
    assert store.load(copy).timeline[-1].text == "cannot be saved here"


async def test_a_second_pmtui_is_warned_and_leaves_the_lock_alone(pet_clinic):
    other = filelock.Holder(os.getppid(), filelock.me().host)
    lock = filelock.lock_file(pet_clinic)
    lock.parent.mkdir(parents=True)
    lock.write_text(f'pid = {other.pid}\nhost = "{other.host}"\n')
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = app.told
        assert any(f"open in another pmtui (process {other.pid}" in m for m in warnings)
        await pilot.press("ctrl+q")
    assert filelock.holder_of(lock) == other


async def test_the_lock_is_taken_while_open_and_removed_on_quit(pet_clinic):
    stale = pet_clinic.parent / f".{pet_clinic.name}.x1y2z3.tmp"
    stale.write_text("half a review from a killed pmtui")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert filelock.holder_of(filelock.lock_file(pet_clinic)) == filelock.me()
        assert not stale.exists()
        await pilot.press("ctrl+q")
    assert not filelock.lock_file(pet_clinic).exists()


async def test_a_recovery_folder_that_cannot_be_looked_in_is_said_once(pet_clinic, monkeypatch):
    """Opening a review ended in a PermissionError traceback (looking for its copies)."""
    folder = locations.state_dir() / "recovery"
    closed_folder(monkeypatch, folder)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.open_review(pet_clinic)  # again: the problem is not said again
        await settle(app, pilot)
        await add_event(pilot, "saved all the same")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.told == [
            f"Recovered edits not looked for: {folder}: cannot look in it (permission denied)"
        ]
    assert store.load(pet_clinic).timeline[-1].text == "saved all the same"


async def restore(path, offer_says: str) -> tuple[Review, Review]:
    """Open `path`, see that the recovered edits offer says `offer_says`, restore them: the
    review on disk then, and the file kept beside it."""
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert offer_says in app.screen.message
        await pilot.press("r")
        await settle(app, pilot)
    [aside] = path.parent.glob("*.replaced-20261120-140000.toml")
    return store.load(path), store.load(aside)


async def test_restoring_over_a_file_written_since_keeps_that_file_beside(pet_clinic):
    rescued_copy(pet_clinic, "rescued")
    change_on_disk(pet_clinic, "saved later by another pmtui")
    restored, aside = await restore(pet_clinic, "The file changed after that")
    assert restored.incident.title == "rescued"
    assert aside.incident.title == "saved later by another pmtui"


THEIR_EVENT = '\n[[timeline]]\nat = 2026-11-14 11:00:00+00:00\ntext = "SECOND THEIR EDIT"\n'


async def stop_with_a_conflict_unanswered(app, pilot, path, stop: str) -> None:
    """Another editor appends an event; the autosave of mine is refused and asks; then the
    process is killed, or the question put off and pmtui quit twice."""
    with path.open("a", encoding="utf-8") as file:
        file.write(THEIR_EVENT)
    await add_event(pilot, "mine")
    app.save_now()  # as the autosave does
    await settle(app, pilot)
    assert "changed on disk" in app.screen.message
    if stop == "signal":
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause()
        return
    await pilot.press("escape", "ctrl+q")
    assert any(told.startswith("Your edits are kept in") for told in app.told)
    await pilot.press("ctrl+q")


@pytest.mark.parametrize("stop", ["signal", "ctrl+q"])
async def test_restoring_edits_kept_during_a_conflict_keeps_the_other_edit_beside(pet_clinic, stop):
    """The other edit came after pmtui read the file and before the recovery copy was made:
    the copy looked newer, and restoring wrote over that edit with nothing kept beside."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await stop_with_a_conflict_unanswered(app, pilot, pet_clinic, stop)
    app.safekeeping.stand_down()
    assert "SECOND THEIR EDIT" in pet_clinic.read_text()
    restored, aside = await restore(pet_clinic, "The file changed after that")
    assert restored.timeline[-1].text == "mine"
    assert aside.timeline[-1].text == "SECOND THEIR EDIT"
    assert recovery.all_pending(pet_clinic) == []


async def test_restoring_an_older_pmtuis_copy_keeps_the_file_beside(pet_clinic):
    """A copy kept without the hash of the file it was made from cannot tell whether the
    file changed since: restoring keeps the file beside all the same."""
    old = locations.state_file("recovery", pet_clinic, ".toml")
    old.parent.mkdir(parents=True)
    old.write_text(pet_clinic.read_text().replace('status = "in review"', 'status = "draft"'))
    restored, aside = await restore(pet_clinic, "Whether the file changed after that cannot")
    assert restored.incident.status == "draft"
    assert aside.incident.status == "in review"


async def test_each_sessions_recovered_edits_are_offered_in_turn(pet_clinic, monkeypatch):
    for tab in ("first", "second"):
        monkeypatch.setattr(recovery, "SLOT", f"1-{tab}")
        rescued_copy(pet_clinic, f"{tab} tab")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "(1 more after these.)" in app.screen.message
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("b")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
    beside = pet_clinic.parent.glob("*.recovered*.toml")
    assert sorted(store.load(copy).incident.title for copy in beside) == ["first tab", "second tab"]
    assert recovery.all_pending(pet_clinic) == []


async def test_a_lone_surrogate_never_stops_quitting_nor_a_rescue(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await add_event(pilot, "half a pair \ud83d from a chat log")
        assert store.load(app.safekeeping.rescue()).timeline[-1].text == (
            "half a pair \ufffd from a chat log"
        )
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert store.load(pet_clinic).timeline[-1].text == "half a pair \ufffd from a chat log"


async def test_opening_removes_a_recovery_copy_equal_to_the_file_and_asks_nothing(pet_clinic):
    """A pmtui stopped right after a save left a copy that says nothing new."""
    copy = recovery.rescue(pet_clinic, pet_clinic.read_text(), disk.fingerprint(pet_clinic))
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert not copy.exists()


@pytest.mark.parametrize("saved_meanwhile", [False, True])
async def test_restoring_keeps_what_was_typed_while_the_question_was_up(
    pet_clinic, saved_meanwhile
):
    """Words typed while the recovery question was still deaf went on into the timeline
    (and the autosave may have written them): restoring dropped them with no copy and no
    undo. They are kept beside the review, and ctrl+z brings them back."""
    rescued_copy(pet_clinic, "rescued")
    moment = [100.0]
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.5, clock=lambda: moment[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(*"zeta", "enter")  # deaf still: the words go into the timeline
        await settle(app, pilot)
        assert app.session.review.timeline[-1].text == "zeta"
        if saved_meanwhile:
            app.save_now()  # as the autosave does
            await settle(app, pilot)
            assert store.load(pet_clinic).timeline[-1].text == "zeta"
        moment[0] += 1  # the grace is over
        await pilot.press("r")
        await settle(app, pilot)
        review = app.session.review
        assert review.incident.title == "rescued"
        assert [event.text for event in review.timeline].count("zeta") == 0
        [beside] = pet_clinic.parent.glob("*.replaced-20261120-140000.toml")
        assert store.load(beside).timeline[-1].text == "zeta"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert review.timeline[-1].text == "zeta"
        assert review.incident.title != "rescued"
