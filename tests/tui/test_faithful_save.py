"""In the app: editing one event of a hand-written review changes one line of its file."""

import difflib
import shutil
from pathlib import Path

from helpers import SIZE, app_on, settle, write

from pmtui.tui.forms import FormDialog

HANDWRITTEN = Path(__file__).resolve().parents[1] / "fixtures" / "handwritten" / "db-failover.toml"


async def test_editing_one_event_in_the_app_is_a_one_line_diff(tmp_path):
    path = Path(shutil.copy(HANDWRITTEN, tmp_path / "db-failover.toml"))
    before = path.read_text(encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.screen.query_one("#timeline-table")
        app.screen.set_focus(timeline)
        timeline.move_cursor(row=1)  # 14:09, "Checkout 5xx alert fired"
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-text").insert("PagerDuty: ")
        await write(pilot, "ctrl+s", "ctrl+s")  # the form, then the review
        await settle(app, pilot)
    after = path.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    assert diff[2:] == [
        "@@ -44 +44 @@",
        "-text = 'Checkout 5xx alert fired'",
        "+text = 'PagerDuty: Checkout 5xx alert fired'",
    ]
