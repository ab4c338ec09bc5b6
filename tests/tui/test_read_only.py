"""A review written by a newer pmtui opens read-only: its header says so, and nothing this
pmtui does writes it."""

from helpers import app_on, settle, until, write

from pmtui import SCHEMA_VERSION
from pmtui.files import recovery, store


def from_a_newer_pmtui(path):
    text = path.read_text().replace(
        "schema_version = 1", f"schema_version = {SCHEMA_VERSION + 1}", 1
    )
    path.write_text(text)
    return text


async def test_a_review_from_a_newer_pmtui_is_read_only_and_never_written(pet_clinic):
    text = from_a_newer_pmtui(pet_clinic)
    why = store.newer_schema_line(SCHEMA_VERSION + 1, pet_clinic)
    app = app_on(pet_clinic, autosave_delay=0.01)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        header = app.screen.query_one("#header-title").render().plain
        assert "read-only" in header and why in header.replace("\n", "")

        await write(pilot, "ctrl+n", "an edit that cannot be saved", "enter", "escape")
        await until(pilot, lambda: f"Edits are not saved: {why}" in app.told)  # autosave
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        notes = app.told
        assert f"Edits are not saved: {why}" in notes
        assert f"Not saved: {why}" in notes
        assert pet_clinic.read_text() == text

        await pilot.press("ctrl+q")  # the edits go to the recovery folder; again quits
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
    assert pet_clinic.read_text() == text
    kept = recovery.all_pending(pet_clinic)[0].read_text()
    assert "an edit that cannot be saved" in kept
