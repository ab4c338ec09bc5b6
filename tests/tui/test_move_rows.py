"""alt+up / alt+down move the selected row of a list shown in its own order; the file
keeps the new order. The timeline, shown by time, is not reordered by hand."""

import tomllib

from helpers import SIZE, app_on, focus_on, said, settle


async def test_alt_up_and_down_move_an_action_and_the_file_keeps_the_order(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await focus_on(app, pilot, "actions")
        table.move_cursor(row=1)  # A2
        await pilot.press("alt+up")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [a["id"] for a in tomllib.loads(pet_clinic.read_text())["actions"]][:3] == [
            "A2",
            "A1",
            "A3",
        ]
        await pilot.press("alt+down", "alt+down", "ctrl+s")
        await settle(app, pilot)
    assert [a["id"] for a in tomllib.loads(pet_clinic.read_text())["actions"]][:4] == [
        "A1",
        "A3",
        "A2",
        "A4",
    ]


async def test_the_timeline_shown_by_time_is_not_reordered_by_hand_and_says_why(pet_clinic):
    """alt+up there did nothing, without a word: the key seemed broken."""
    before = pet_clinic.read_text()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("timeline")
        table = app.screen.query_one("#timeline-table")
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("alt+up", "ctrl+s")
        await settle(app, pilot)
    assert pet_clinic.read_text() == before
    assert "Not moved: the timeline keeps time order · enter edits the event's time" in said(app)


async def test_a_move_in_the_open_actions_passes_over_the_hidden_ones(pet_clinic):
    """With `f` (open actions only), A3 moved up goes before A1, the row above it on
    screen, not before the done A2 that `f` hides (a move nobody would see)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        table = await focus_on(app, pilot, "actions")
        table.move_cursor(row=1)  # A2
        await pilot.press("x", "f")
        table.move_cursor(row=1)  # A3, below A1 now that A2 is hidden
        await pilot.press("alt+up", "ctrl+s")
        await settle(app, pilot)
    assert [a["id"] for a in tomllib.loads(pet_clinic.read_text())["actions"]][:3] == [
        "A3",
        "A1",
        "A2",
    ]
