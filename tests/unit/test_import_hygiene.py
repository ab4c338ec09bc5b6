"""Commands that never draw a screen never import Textual (they start in a tenth of the time)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SAMPLES

PROBE = """
import contextlib, io, sys
from pmtui.cli import commands as cli
with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
print(code, loaded)
"""


SAMPLE = str(SAMPLES / "pet-clinic-dojo.toml")


@pytest.mark.parametrize(
    "command",
    [["check", SAMPLE], ["export", SAMPLE], ["stats", str(SAMPLES)], ["list", str(SAMPLES)]],
)
def test_command_does_not_import_textual(command):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *command], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr


OPENING_FRAME = """
import sys
from pmtui.cli import commands as cli
from pmtui.tui.app import make_app
from pmtui.tui.replay import make_replay_app
from pmtui.training.pace import read_pace
from pmtui.tui.screens.opening import OpeningScreen
heavy = (
    "pydantic", "jinja2", "pmtui.document.model", "pmtui.tui.screens.meeting", "pmtui.tui.tables"
)
print(sorted(name for name in sys.modules if name.split(".")[0] in heavy or name in heavy))
"""


def test_what_the_opening_frame_needs_imports_no_model_and_no_meeting_screen():
    """On a large review, `pmtui FILE` and `pmtui replay` draw an "Opening" frame before
    these load: importing any of them on the way there would make that frame wait for them."""
    result = subprocess.run(
        [sys.executable, "-c", OPENING_FRAME], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


MEETING_SCREEN = """
import asyncio, sys
from pathlib import Path
from pmtui.tui.app import make_app
from pmtui.tui.screens.meeting import MeetingScreen

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen), app.screen
        forms = ("TextArea", "SelectionList", "Checkbox", "LiveForm", "FormDialog")
        loaded = {cls.__name__ for module in list(sys.modules.values())
                  for cls in vars(module).values() if isinstance(cls, type)}
        print(sorted(loaded & set(forms)))

asyncio.run(main())
"""


def test_the_meeting_screen_comes_up_without_the_widgets_of_forms(tmp_path):
    """The first tab (Timeline) needs an entry line and tables: the form dialog, Summary's
    and Wrap-up's forms, and Textual's long-text, tick-list and checkbox widgets load when
    first needed (`forms.fields`), not before the screen the room waits for."""
    review = tmp_path / "review.toml"
    review.write_bytes((SAMPLES / "pet-clinic-dojo.toml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-c", MEETING_SCREEN, str(review)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


FIRST_FRAME_IMPORTS = """
import sys
from pathlib import Path
from pmtui.files.session import ReviewSession
from pmtui.tui.app import make_app
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.screens.replay import ReplayScreen
ReviewSession.open(Path(sys.argv[1]))
later = ("pmtui.analysis", "pmtui.tui.forms.dialog", "pmtui.tui.forms.live", "tomlkit",
         "pmtui.files.toml_edit", "pmtui.files.toml_blocks")
print(sorted(name for name in sys.modules if name.startswith(later)))
"""


def test_the_meeting_screens_modules_leave_the_checks_and_forms_for_later(tmp_path):
    """The durations, checks and hints are worked out after the first frame, forms when
    one opens, tomlkit and the editing of the file's text at the first save: none is
    imported on the way, opening the review included, nor by the replay's screen."""
    review = tmp_path / "review.toml"
    review.write_bytes((SAMPLES / "pet-clinic-dojo.toml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_IMPORTS, str(review)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


REOPENED = """
import sys
from pathlib import Path
from pmtui.tui import themes
from pmtui.tui.app import make_app
from pmtui.tui.screens.meeting import MeetingScreen
make_app(Path(sys.argv[1]), as_command=True)  # reads the review and settings as `pmtui FILE`
themes.load_themes(themes.theme_folders())  # as the app does when it starts
print(sorted(name for name in sys.modules if name.startswith(tuple(sys.argv[2:]))))
"""


def test_a_review_opened_before_comes_up_without_the_wording_of_file_problems(tmp_path):
    """Opened again, the review is read from the cache: the one-line wording of a file
    that cannot be read (`problems`) and `importlib.resources` (the bundled folders are
    found without it) are not imported on the way to its first frame, the themes and
    settings read included: about 5 ms."""
    review = tmp_path / "review.toml"
    review.write_bytes((SAMPLES / "pet-clinic-dojo.toml").read_bytes())
    seen = [
        "pmtui.files.problems",
        "importlib.resources",
        "pmtui.files.store",
    ]  # the last: a control
    runs = [
        subprocess.run(
            [sys.executable, "-c", REOPENED, str(review), *seen],
            capture_output=True,
            text=True,
            check=True,
        )
        for _ in range(2)
    ]
    again = runs[1].stdout.strip()
    assert again == "['pmtui.files.store']", again + runs[1].stderr
