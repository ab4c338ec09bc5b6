"""Keys typed right after a key that opens a form, a dialog or the entry line go there,
however fast they come (a burst from the terminal, or keys piled up while the machine was
busy): they used to land on the table left behind, or nowhere, and a ctrl+s in the same
burst saved an empty record."""

from helpers import SIZE, app_on, burst, on_table, saved, settle
from textual import events

from pmtui.files import store


async def typed_then_saved(app, pilot, *keys: str) -> None:
    """`keys` in one burst, then ctrl+s once they have gone in."""
    await burst(pilot, *keys)
    await settle(app, pilot)
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_a_form_takes_what_is_typed_right_after_the_key_that_opened_it(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await typed_then_saved(
            app, pilot, "n", "Burst title", "tab", "Adam", "tab", "+1w", "ctrl+s"
        )
    action = store.load(pet_clinic).actions[-1]
    assert (action.title, action.owner) == ("Burst title", "Adam")
    assert action.due is not None


async def test_a_decision_typed_right_after_f9_is_noted(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "whys", "#whys-table")
        await typed_then_saved(app, pilot, "f9", "Alerts go to the team channel", "enter")
    assert saved(pet_clinic)["meeting"]["decisions"][-1] == "Alerts go to the team channel"


async def test_an_event_typed_right_after_ctrl_n_from_another_tab_is_added(pet_clinic):
    """From the actions table, where `d` asks to delete and `n` adds an action."""
    before = len(saved(pet_clinic)["timeline"])
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        await typed_then_saved(app, pilot, "ctrl+n", "Dan pages the DBA", "enter")
        assert app.screen.query_one("#tabs").active == "timeline"
    timeline = saved(pet_clinic)["timeline"]
    assert len(timeline) == before + 1
    assert [event["text"] for event in timeline].count("Dan pages the DBA") == 1


async def test_words_typed_right_after_n_on_the_impact_table_go_into_its_metric(pet_clinic):
    """The impact form starts with its category, a dropdown: the words typed after `n`
    went nowhere (a space opened the dropdown). A form opens on its first field typed in."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "impact", "#impact-table")
        await typed_then_saved(app, pilot, "n", "typed-fast-after-n", "tab", "1200", "ctrl+s")
    row = store.load(pet_clinic).impact[-1]
    assert (row.category, row.metric, row.value) == ("customer", "typed-fast-after-n", "1200")


async def test_words_typed_right_after_enter_on_an_impact_row_go_on_after_its_metric(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "impact", "#impact-table")
        await typed_then_saved(app, pilot, "enter", " in the EU", "ctrl+s")
    assert store.load(pet_clinic).impact[0].metric == "Users affected in the EU"


async def test_the_impact_category_is_chosen_from_the_keyboard(pet_clinic):
    """Shift+Tab goes back from the metric to the category, whose list the keys open."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "impact", "#impact-table")
        await typed_then_saved(
            app, pilot, "n", "Pods restarted", "shift+tab", "enter", "down", "enter", "ctrl+s"
        )
    row = store.load(pet_clinic).impact[-1]
    assert (row.category, row.metric) == ("system", "Pods restarted")


async def test_keys_still_queued_when_the_held_ones_are_given_back_come_after_them(pet_clinic):
    """The held `W` was posted again behind `rites` (typed after it, still in the app's
    queue), and the hold ended at once: the event was saved as "rites failingW"."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.type_ahead.hold()
        app.post_message(events.Key("W", "W"))
        await pilot.pause()
        assert app.type_ahead.held == 1
        for character in "rites":  # typed after it, not yet read by the app
            app.post_message(events.Key(character, character))
        await app.type_ahead.give_back(app, lambda: True)
        await settle(app, pilot)
        assert app.focused.value == "Writes"
        assert not app.type_ahead.holding
