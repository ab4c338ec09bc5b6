"""The timeline's entry line takes times as people say them, and saves them."""

import tomllib

from helpers import SIZE, app_on, settle, write


async def test_the_entry_line_takes_spoken_times_and_saves_them(pet_clinic):
    app = app_on(pet_clinic)  # the suite's day: Friday 20 Nov 2026, Europe/London
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "yesterday 6:10pm deploy of 4.2 starts", "enter")
        await write(pilot, "+15m error rate climbs", "enter")
        await write(pilot, "Sat 11:27pm DB latency alert fires", "enter")
        await pilot.press("escape")
        await write(pilot, "ctrl+s")
        await settle(app, pilot)
    saved = tomllib.loads(pet_clinic.read_text())
    at = {event["text"]: event["at"] for event in saved["timeline"]}
    assert f"{at['deploy of 4.2 starts']:%Y-%m-%d %H:%M}" == "2026-11-19 18:10"
    assert f"{at['error rate climbs']:%Y-%m-%d %H:%M}" == "2026-11-19 18:25"
    assert f"{at['DB latency alert fires']:%Y-%m-%d %H:%M}" == "2026-11-14 23:27"
