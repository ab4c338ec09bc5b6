"""A participant renamed in the sidebar keeps the review pointing at them: the events they
did and the actions they own take the new name, in one undo step with the rename."""

import tomllib

from helpers import SIZE, app_on, settle

from pmtui.tui.forms.dialog import FormDialog


def names_used(path) -> tuple[list[str], list[str]]:
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    who = [event.get("who", "") for event in saved["timeline"]]
    owners = [action.get("owner", "") for action in saved["actions"]]
    return who, owners


async def test_renaming_a_participant_renames_who_and_owners_and_undo_takes_both_back(
    pet_clinic,
):
    who, owners = names_used(pet_clinic)
    assert "Dan" in who and "Dan" in owners
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        people = app.screen.query_one("#people-table")
        app.screen.set_focus(people)
        people.move_cursor(row=[p.name for p in app.session.review.people].index("Dan"))
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog) and app.focused.id == "field-name"
        app.focused.value = "Daniel"
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        renamed = names_used(pet_clinic)
        assert renamed == (
            ["Daniel" if name == "Dan" else name for name in who],
            ["Daniel" if name == "Dan" else name for name in owners],
        )
        assert any("is in" in told and "(who, owners)" in told for told in app.told)
        await pilot.press("ctrl+z", "ctrl+s")
        await settle(app, pilot)
    assert names_used(pet_clinic) == (who, owners)
    assert "Dan" in [p["name"] for p in tomllib.loads(pet_clinic.read_text())["people"]]


async def test_a_name_another_participant_has_leaves_who_and_owners_as_they_were(pet_clinic):
    """Adam renamed Dan by mistake, then back to Adam: the second rename used to hand
    every row of the real Dan to Adam."""
    who, owners = names_used(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        people = app.screen.query_one("#people-table")
        app.screen.set_focus(people)
        adam = [p.name for p in app.session.review.people].index("Adam")
        for name in ("Dan", "Adam"):
            people.move_cursor(row=adam)
            await pilot.press("enter")
            app.focused.value = name
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.told[-1] == "Who and owners left as they were: another participant has that name"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert names_used(pet_clinic) == (who, owners)
