"""One picture per tab at 120x40 (plain `def`: snap_compare runs its own event loop).

After an intended change of look: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the new SVGs under `__snapshots__/` before committing them.
"""

from __future__ import annotations

import pytest
from helpers import SIZE, app_on, settle

from pmtui.tui.keys import TABS


def pressing(key: str):
    """Press a key, then wait until the pane it builds and the tab underline are still."""

    async def run_before(pilot) -> None:
        pilot.app.animation_level = "none"  # focus scrolls and tab underlines jump, not glide
        # The app first settles: a key pressed before the screen has its focus goes nowhere
        # (every tab's picture showed the timeline).
        await settle(pilot.app, pilot)
        await pilot.press(key)
        await settle(pilot.app, pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("number, tab", list(enumerate(TABS, start=1)))
def test_tab_looks_right(snap_compare, pet_clinic, number, tab):
    app = app_on(pet_clinic)
    assert snap_compare(app, run_before=pressing(f"alt+{number}"), terminal_size=SIZE)


def test_export_preview_looks_right(snap_compare, pet_clinic):
    assert snap_compare(app_on(pet_clinic), run_before=pressing("ctrl+e"), terminal_size=SIZE)
