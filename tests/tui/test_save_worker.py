"""The save worker never fails silently: an error nobody foresaw is said, and nothing is
taken for saved."""

from helpers import SIZE, app_on, settle, write

from pmtui.files import recovery, store


async def test_a_save_that_raises_says_so_in_one_line_and_stays_unsaved(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "typed before the bug", "enter", "escape")

        def broken(*args, **kwargs):
            raise RuntimeError("a bug in the writer")

        app.session.write = broken
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.session.dirty
        assert "unsaved" in app.screen.query_one("#header-title").render().plain
        [line] = [message for message in app.told if "a bug in the writer" in message]
        assert line.startswith("Not saved: RuntimeError: a bug in the writer")
        assert "\n" not in line
    assert pet_clinic.read_bytes() == before
    kept = store.load(recovery.all_pending(pet_clinic)[0])
    assert kept.timeline[-1].text == "typed before the bug"
