"""Keys typed fast after Tab land in the field Tab moved to; a completion is only a
suggestion until Tab takes it, and what a field shows is what is saved.

A terminal hands the app a burst of keys in one read. `burst` posts them the same way, with
no pause between them (Pilot's `press` waits after each key, which hid the bug: keys sent
right after Tab went into the field Tab left, "DBAincident commander").
"""

import pytest
from helpers import SIZE, app_on, burst, screen_text, settle, write
from textual.widgets import TabbedContent

from pmtui.files import store
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.forms.fields import FieldInput


async def new_record(app, pilot, table: str, tab: str | None = None) -> FormDialog:
    if tab is not None:
        await app.screen.show_tab(tab)
        await pilot.pause()
    app.screen.set_focus(app.screen.query_one(table))
    await pilot.press("n")
    assert isinstance(app.screen, FormDialog)
    return app.screen


async def action_with_owner(app, pilot, title: str, owner: str, tab: str | None = None):
    """A new action's form with its title and the start of an owner typed (settled, so
    the owner field shows its completion, if any)."""
    form = await new_record(app, pilot, "#actions-table", tab)
    await write(pilot, title, "tab", owner)
    await settle(app, pilot)
    return form


def values(form: FormDialog) -> dict[str, str]:
    return {field.id: field.value for field in form.query(FieldInput)}


async def test_keys_typed_fast_after_tab_go_into_the_next_field_of_a_form(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record(app, pilot, "#people-table")
        await burst(pilot, "Ann", "tab", "DBA", "tab", "incident commander")
        assert values(form) == {
            "field-name": "Ann",
            "field-role": "DBA",
            "field-incident_roles": "incident commander",
            "field-contact": "",
        }
        # Back a field, and End as well: the words go after its text, never over it.
        await burst(pilot, "shift+tab", "end", " and SRE")
        assert values(form)["field-role"] == "DBA and SRE"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+q")
    person = store.load(pet_clinic).people[-1]
    assert (person.name, person.role, person.incident_roles) == (
        "Ann",
        "DBA and SRE",
        ["incident commander"],
    )


async def test_keys_typed_fast_after_tab_go_into_the_next_field_of_the_summary(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("summary")
        await settle(app, pilot)
        assert app.focused.id == "live-0"  # the incident id, nothing selected
        assert app.focused.selection.is_empty  # a tab switch never selects text
        for field in ("#live-0", "#live-1", "#live-2"):  # ID, title, severity emptied
            app.screen.query_one(field).value = ""
        await burst(pilot, "PIR-7", "tab", "DB down", "tab", "SEV2")
        await settle(app, pilot)
        incident = app.session.review.incident
        assert (incident.id, incident.title, incident.severity) == ("PIR-7", "DB down", "SEV2")


async def test_editing_keys_typed_fast_before_tab_edit_the_field_tab_left(pet_clinic):
    """Backspace, then Tab, in one read: the backspace is the field's being left (run
    against the focus, it took a letter off the next field's end: "upgrad"). Among
    letters, it runs where it was typed."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record(app, pilot, "#people-table")
        await burst(pilot, "Anne", "tab", "DBA", "shift+tab")
        await burst(pilot, "end", "backspace", "tab", "end", "backspace", "backspace", "tab")
        assert values(form)["field-name"] == "Ann"
        assert values(form)["field-role"] == "D"
        # In one read with letters, in the order typed (the letters went in first).
        await burst(pilot, "shift+tab", "end", "backspace", "BA", "backspace", "backspace", "X")
        assert values(form)["field-role"] == "X"


async def test_keys_typed_fast_after_tab_in_the_chat_dialog_name_the_file(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await burst(pilot, "tab", "chat.log")
        assert app.screen.query_one("#chat-paste").text == ""
        assert app.screen.query_one("#chat-file").value == "chat.log"


@pytest.mark.parametrize("name", ["Bob [/]", "Eve [@click=app.quit]quit[/]", "[bold]Al"])
async def test_a_completion_is_shown_literally_whatever_the_name_holds(pet_clinic, name):
    """The border saying what Tab takes is text, not markup: a name with brackets neither
    crashes the app nor becomes a link that runs an action."""
    review = store.load(pet_clinic)
    review.people[0].name = name
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await action_with_owner(app, pilot, "Page the DBA", name[:2], "actions")
        owner = form.query_one("#field-owner", FieldInput)
        assert f"Tab takes “{name}”" in screen_text(app)
        assert not any(span.style for span in owner._border_subtitle.spans)


async def test_a_completion_is_saved_only_when_tab_takes_it(pet_clinic):
    """Owner "Ad" shows "Adam" grey, and the border says Tab takes it: ctrl+s keeps "Ad"."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await action_with_owner(app, pilot, "Page the DBA", "Ad", "actions")
        owner = form.query_one("#field-owner", FieldInput)
        assert owner.border_subtitle == "Tab takes “Adam”"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.session.review.actions[-1].owner == "Ad"

        form = await action_with_owner(app, pilot, "Page the DBA again", "Ti")
        await pilot.press("tab")
        owner = form.query_one("#field-owner", FieldInput)
        assert (owner.value, owner.border_subtitle) == ("Tina", "")  # taken, hint gone
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+q")
    assert [a.owner for a in store.load(pet_clinic).actions[-2:]] == ["Ad", "Tina"]


async def test_tab_fast_after_typing_completes_what_was_typed_not_an_earlier_prefix(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await action_with_owner(app, pilot, "Page the DBA", "T", "actions")  # "Tina"
        await burst(pilot, "o", "tab", "+2w")  # "To" completes to nothing
        await settle(app, pilot)
        assert values(form)["field-owner"] == "To"
        assert values(form)["field-due"] == "+2w"


async def test_tab_after_a_whole_name_in_other_letters_keeps_them(pet_clinic):
    """Typed "tina" draws no completion (the list's "Tina" is no longer), so Tab changes nothing."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await action_with_owner(app, pilot, "Page the DBA", "tina", "actions")
        await pilot.press("tab")
        await settle(app, pilot)
        assert values(form)["field-owner"] == "tina"


def keys_of(text: str) -> list[str]:
    """`text` as Pilot presses it, a key a character."""
    return ["space" if character == " " else character for character in text]


async def test_tab_from_the_participants_goes_to_the_tab_shown_not_to_its_name(pet_clinic):
    """F2, then Tab: the focus went to the strip of tab names, where the words typed next
    went nowhere. It goes to the tab shown: on the timeline table, the words are an event."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "tab", *keys_of("hello lost words"), "enter", "ctrl+s")
        await settle(app, pilot)
    assert "hello lost words" in [event.text for event in store.load(pet_clinic).timeline]


async def test_tab_round_the_wrapup_comes_back_to_its_first_table(pet_clinic):
    """From Wrap-up's last field, Tab goes by the participants and back to its first table
    (it stopped on the tab names, where `n` added nothing and the words were lost)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("wrapup")
        await settle(app, pilot)
        app.screen.set_focus(app.screen.focus_chain[-1])
        await pilot.press("tab", "tab", "n", *keys_of("Pool size fixed"), "ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert store.load(pet_clinic).factors[-1].factor == "Pool size fixed"


async def test_a_tab_clicked_takes_the_words_typed_next(pet_clinic):
    """A click on a tab's name put the focus on the names, where typing went nowhere: it
    goes to the tab's first table or field, as the tab's key does."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)  # laid out: a click before lands wherever (0, 0) is
        assert await pilot.click(app.screen.query_one("#tabs", TabbedContent).get_tab("actions"))
        await settle(app, pilot)
        await pilot.press("n", *keys_of("Clicked then typed"), "ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert store.load(pet_clinic).actions[-1].title == "Clicked then typed"


@pytest.mark.parametrize(
    ("typed", "entry"), [("db restarted", "db restarted"), ("14:05 paged", "14:05 paged")]
)
async def test_keys_typed_fast_after_ctrl_pagedown_land_on_the_new_tab(pet_clinic, typed, entry):
    """With nothing focused while the tab changed, letters were lost and digits went to
    other tabs: `14:05` typed right after ctrl+pagedown opened Actions."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_tab("summary")
        await settle(app, pilot)
        await burst(pilot, "ctrl+pagedown", typed)
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "timeline"
        assert app.screen.query_one("#timeline-entry").value == entry


async def test_a_completion_typed_in_one_burst_with_its_tab_is_taken(pet_clinic):
    """`Ad` then Tab in one read kept "Ad": Input's completion comes from a worker, not
    there yet when Tab took it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_record(app, pilot, "#actions-table", "actions")
        await burst(pilot, "Rotate the keys", "tab", "Ad", "tab")
        await settle(app, pilot)
        assert values(form)["field-owner"] == "Adam"
