"""Each tab shows what the review's template asks of it (its `[hints]`), above the pane."""

import pytest
from conftest import SAMPLES
from helpers import SIZE, app_on, settle

from pmtui.tui.widgets.tab_hint import TabHint


def hint(app, tab: str) -> str:
    """The hint shown for `tab` ('' when none shows)."""
    shown = app.screen.query_one(f"#hint-{tab}", TabHint)
    return str(shown.render()) if shown.has_class("-given") and shown.display else ""


@pytest.fixture
def severity_review(tmp_path):
    """A copy of the severity-driven sample: its template has a hint for most tabs."""
    review = tmp_path / "sev1.toml"
    review.write_bytes((SAMPLES / "notification-delivery-sev1.toml").read_bytes())
    return review


async def test_a_severity_review_shows_its_templates_hint_on_each_tab(severity_review):
    app = app_on(severity_review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert hint(app, "timeline").startswith("Times to include: when the contributing")
        await pilot.press("alt+5")
        await settle(app, pilot)
        assert hint(app, "actions").startswith("Each action item a ticket with two tags")
        await pilot.press("alt+3")
        await settle(app, pilot)
        assert hint(app, "impact").startswith("Be specific: numbers such as customers")


async def test_a_short_screen_gives_the_hints_lines_to_the_pane(severity_review):
    app = app_on(severity_review)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        assert hint(app, "timeline") == ""


async def test_the_people_hint_shows_under_the_participants(tmp_path):
    review = tmp_path / "incident-19.toml"
    review.write_bytes((SAMPLES / "incident-19-staging-connection-string.toml").read_bytes())
    app = app_on(review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert hint(app, "people").startswith("Incident Commander, First-Responder")


async def test_a_template_with_no_hint_for_a_tab_shows_none(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert hint(app, "timeline") == ""
        assert hint(app, "people") == ""
