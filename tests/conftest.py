"""Every test runs with its own user folders: nothing touches a real home."""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled, WorkerFailed

from pmtui.tui.app import PmtuiApp

# Property tests run the same examples on every run and machine: a failure reproduces, and
# the suite's time does not depend on luck. Each test sets its own example count.
settings.register_profile(
    "suite", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("suite")

SAMPLES = Path(__file__).resolve().parents[1] / "sample_incidents"
SUITE_DAY = "2026-11-20"
"""The day every test runs on (the Pet Clinic review's): no result changes with the date."""


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PMTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("PMTUI_STATE_DIR", str(home / "state"))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch):
    """`document.today` (and every command the tests start) reads this day, not the calendar."""
    monkeypatch.setenv("PMTUI_TODAY", SUITE_DAY)


@pytest.fixture
def pet_clinic(tmp_path: Path) -> Path:
    """A private copy of the Pet Clinic sample."""
    copy = tmp_path / "pet-clinic-dojo.toml"
    copy.write_bytes((SAMPLES / "pet-clinic-dojo.toml").read_bytes())
    return copy


@pytest.fixture
def not_regular_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A FIFO, a folder and a symlink to the FIFO, in `tmp_path`: no write may replace one."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(fifo)
    return fifo, folder, link


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch):
    """Cursors stay still, so screens are the same at every moment."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


QUIT_WAIT = 30.0
"""Seconds a test's end waits at most for a quit under way (`quits_finish`)."""


@pytest.fixture(autouse=True)
def quits_finish(monkeypatch: pytest.MonkeyPatch):
    """A test's end waits for a quit under way before `run_test` shuts the app down. ctrl+q
    first lets the keys typed before it do what they do, then saves: a test that ended
    right after it cut that short on a busy machine (an undo typed just before ctrl+q was
    not saved), where a terminal would have let the app finish."""
    run_test = PmtuiApp.run_test

    @contextlib.asynccontextmanager
    async def quitting_in_full(app: PmtuiApp, *args, **kwargs):
        async with run_test(app, *args, **kwargs) as pilot:
            yield pilot
            quitting = [worker for worker in app.workers if worker.group == "quit"]
            # A quit that failed ends the app with its error, which `run_test` raises.
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await asyncio.wait_for(asyncio.gather(*(w.wait() for w in quitting)), QUIT_WAIT)

    monkeypatch.setattr(PmtuiApp, "run_test", quitting_in_full)


@pytest.fixture
def config_folder_shut(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user config folder as after `chmod 000`: nothing in it can be looked at. Made by
    refusing the look itself, as root ignores file modes."""
    from pmtui.files import locations

    folder = locations.config_dir()
    folder.mkdir(parents=True)
    real_stat = Path.stat

    def stat(path: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        if path.is_relative_to(folder) and path != folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", stat)
    return folder
