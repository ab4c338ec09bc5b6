"""The footer is rebuilt when its keys change, and only then."""

from helpers import SIZE, app_on, screen_text, settle
from replaying import replay_app

from pmtui.tui.keys import TABS
from pmtui.tui.widgets.footer import KeyFooter


def footer_keys(app) -> list:
    """The footer's key widgets (Textual's FooterKey, by its CSS type name: it is not
    public)."""
    return list(app.screen.query_one(KeyFooter).query("FooterKey"))


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

        await pilot.press("alt+5")
        await settle(app, pilot)
        descriptions = [key.description for key in footer_keys(app)]
        assert "Open/all" in descriptions and "Star" not in descriptions


async def test_quit_and_help_are_on_screen_at_80_columns_on_every_tab(pet_clinic):
    """They come right after the focused table's keys; the rest of a long list may not fit."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        for tab in TABS:
            await app.screen.show_tab(tab)
            await settle(app, pilot)
            keys = footer_keys(app)
            shown = [key.description for key in keys if key.region.right <= 80]
            assert "Quit" in shown and "Help" in shown, (tab, shown)


async def test_a_footer_whose_screen_has_gone_ignores_a_late_rebuild(pet_clinic):
    """A rebuild queued before its dialog closed came after the footer had no screen,
    and stopped the app."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        footer = app.screen.query_one(KeyFooter)
        await pilot.press("escape")
        await settle(app, pilot)
        await footer.recompose()
        assert app.is_running


async def test_the_compact_footer_shows_nothing_after_the_palette_key(tmp_path):
    """The replay's footer is compact: the palette key's margin, at the right edge, let
    the last letter of the keys under it show through ("^p paletteo")."""
    app = replay_app(tmp_path / "t8.toml", scene=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
    assert footer.endswith("^p palette ") and len(footer) == 80, footer


async def test_a_key_that_does_not_fit_at_80_columns_is_left_out_whole(pet_clinic):
    """Textual ran the keys on under the palette key: "^s Save  ^▏" on Impact, "^n E▏" on
    Actions."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        for tab in TABS:
            await app.screen.show_tab(tab)
            await settle(app, pilot)
            keys_shown = screen_text(app).splitlines()[-1].split("▏")[0].rstrip()
            *shown, _palette = (key for key in footer_keys(app) if key.display)
            assert keys_shown.endswith(shown[-1].description), (tab, keys_shown)


async def test_a_key_whose_words_fit_is_shown_without_the_blank_after_them(pet_clinic):
    """At 120 columns F2 fitted but for the blank after "People", and was left out."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert screen_text(app).splitlines()[-1].split("▏")[0].endswith("f2 People")


async def test_f2_stays_in_the_footer_while_the_participants_are_hidden(pet_clinic):
    """Under 100 columns the participants start hidden, and F2, the footer's last key, was
    the first cut on Timeline and Actions: nothing on screen said there were participants.
    Quit and help stay too; keys of the table give way."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one("#sidebar").has_class("-hidden")
        for tab_key in ("alt+2", "alt+5"):  # Timeline, Actions
            await pilot.press(tab_key)
            await settle(app, pilot)
            footer = screen_text(app).splitlines()[-1]
            assert all(key in footer for key in ("f2 People", "^q Quit", "f1 Help")), footer
