"""The Summary's time fields: a time alone keeps the field's day, and text a field could
not take keeps the app from quitting until it is mended."""

import signal

import pytest
from helpers import SIZE, app_on, settle, write

from pmtui.files import store

STARTED = "#summary #live-5"


async def summary_started(app, pilot, text: str):
    await app.screen.show_tab("summary")
    await settle(app, pilot)
    field = app.screen.query_one(STARTED)
    app.screen.set_focus(field)
    field.value = ""
    await write(pilot, text)
    await settle(app, pilot)
    return field


async def test_a_time_alone_keeps_the_day_the_field_holds(pet_clinic):
    """`09:12` landed on today (the clock's 20th), days from the incident, unseen."""
    app = app_on(pet_clinic)
    day = store.load(pet_clinic).incident.started_at.date()
    async with app.run_test(size=SIZE) as pilot:
        await summary_started(app, pilot, "09:12")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    started = store.load(pet_clinic).incident.started_at
    assert (started.date(), started.hour, started.minute) == (day, 9, 12)


async def test_a_time_emptied_is_no_time(pet_clinic):
    """Emptied, Started turned red ("'' is not a time") and ctrl+q would not quit until a
    time was typed back."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        field = await summary_started(app, pilot, "")
        await pilot.press("tab")
        await settle(app, pilot)
        assert not field.has_class("-invalid")
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    assert app.return_code == 0
    assert store.load(pet_clinic).incident.started_at is None


LEFT = pytest.mark.parametrize(
    "away", [(), ("tab", "alt+6")], ids=["in the field", "field left for another tab"]
)
"""Leaving the field took its red off, and with it the record that its text was not taken."""


async def leave(app, pilot, keys: tuple[str, ...]) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


@LEFT
async def test_ctrl_q_keeps_a_time_the_field_could_not_take(pet_clinic, away):
    """The red text was dropped and the app quit without a word."""
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        field = await summary_started(app, pilot, "right after the deploy")
        await leave(app, pilot, away)
        assert field.has_class("-invalid")  # still shown in red
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert app.return_code is None  # still running
        assert any(told.startswith("Not quit: the form has a problem") for told in app.told)
        assert field.value == "right after the deploy"
    assert pet_clinic.read_bytes() == before


@LEFT
async def test_a_closed_terminal_keeps_a_time_the_field_could_not_take(pet_clinic, away):
    """The red text was only on screen: a signal dropped it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await summary_started(app, pilot, "Sat 14 Nov 09:12")
        await leave(app, pilot, away)
        app.safekeeping._on_signal(signal.SIGHUP)
        await pilot.pause()
    app.safekeeping.stand_down()
    kept = store.load(app.safekeeping.rescued)
    assert kept.meeting.parking_lot[-1] == (
        "As typed when pmtui stopped · Started: Sat 14 Nov 09:12"
    )
