"""The timeline's axis strip: on screen at 80x24 and 120x40, readable in each theme, and it
follows an edit."""

import pytest
from helpers import SIZE, app_on, focus_on, screen_text, settle, write

from pmtui.tui.widgets.time_axis import TimeAxis


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_the_strip_shows_the_undetected_impact_first(pet_clinic, size):
    app = app_on(pet_clinic)
    async with app.run_test(size=size) as pilot:
        await focus_on(app, pilot, "timeline")
        await settle(app, pilot)
        assert "■ undetected 1h 15m" in screen_text(app)


@pytest.mark.parametrize("theme", ["pmtui-dark", "pmtui-light", "pmtui-contrast"])
async def test_each_phase_stands_out_from_the_background_in_every_theme(pet_clinic, theme):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await focus_on(app, pilot, "timeline")
        await settle(app, pilot)
        axis = app.screen.query_one(TimeAxis)
        phases = [s.style for s in axis.render_line(0) if "━" in s.text]
        assert phases
        for style in phases:
            assert style.color is not None and style.color != style.bgcolor
        assert len({style.color for style in phases}) == 3  # one colour per phase


async def test_the_strip_follows_a_new_milestone(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(app, pilot, "timeline")
        await write(pilot, "ctrl+n", "2026-11-14 14:50 service back for most users", "enter")
        await settle(app, pilot)
        before = str(app.screen.query_one(TimeAxis).render())
        assert "to resolution" not in before
        [back] = [e for e in app.session.review.timeline if e.text.startswith("service back")]
        back.milestone = ["mitigated"]
        app.screen.refresh_insights()
        await settle(app, pilot)
        assert "■ to resolution 15m" in str(app.screen.query_one(TimeAxis).render())


async def test_a_new_review_gives_the_strips_room_to_the_table_until_it_has_two_moments(
    tmp_path,
):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        axis = app.screen.query_one(TimeAxis)
        assert not axis.display
        await write(pilot, "2026-11-20 09:00 alert fires", "enter")
        await write(pilot, "2026-11-20 09:20 on-call answers", "enter")
        app.screen.refresh_insights()
        await settle(app, pilot)
        assert axis.display and "Fri 09:00" in str(axis.render())
