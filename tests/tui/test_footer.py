"""The footer is rebuilt when its keys change, and only then."""

from helpers import SIZE, app_on, settle
from textual.widgets._footer import FooterKey

from pmtui.tui.widgets.footer import KeyFooter


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


async def test_the_same_keys_keep_the_footer_and_a_new_tab_changes_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = footer_keys(app)
        assert "Star" in [key.description for key in before]  # the timeline's keys
        await pilot.press("down", "down", "up")
        app.screen.refresh_bindings()  # as each focus change does, keys or no change
        await settle(app, pilot)
        assert footer_keys(app) == before  # the same widgets: nothing was rebuilt

        await pilot.press("5")
        await settle(app, pilot)
        descriptions = [key.description for key in footer_keys(app)]
        assert "Open/all" in descriptions and "Star" not in descriptions
