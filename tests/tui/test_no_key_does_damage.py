"""Keys a scribe presses in a hurry never do damage: a digit in a field is a digit, a tab
switch never leaves text selected for the next key to replace."""

import datetime as dt
import tomllib

import pytest
from helpers import NOW, SIZE, app_on, on_table, settle
from textual.widgets import Input, TabbedContent, TextArea

from pmtui.tui.app import make_app
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.keys import TABS


def _text(field: Input | TextArea) -> str:
    return field.value if isinstance(field, Input) else field.text


def _to_end(field: Input | TextArea) -> None:
    """The cursor after the last character, nothing selected (focusing selects all)."""
    if isinstance(field, Input):
        field.cursor_position = len(field.value)
    else:
        field.move_cursor(field.document.end)


def _text_fields(container) -> list[Input | TextArea]:
    return [field for field in container.query("Input, TextArea") if field.focusable]


async def _digit_in_each(app, pilot, tabs: TabbedContent, fields: list[Input | TextArea]):
    """`1` typed at the end of each field adds a 1 there: the tab, the screen (a form
    stays open) and the focus stay as they were."""
    tab, screen = tabs.active, app.screen
    for field in fields:
        screen.set_focus(field)
        await pilot.pause()
        _to_end(field)
        before = _text(field)
        await pilot.press("1")
        assert (tabs.active, app.screen, app.focused) == (tab, screen, field), field.id
        assert _text(field) == before + "1", field.id


async def test_a_digit_in_any_text_field_of_a_tab_types_the_digit_and_stays_on_the_tab(
    pet_clinic,
):
    """Every field typed in on each tab (the others have tables only: their forms below)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        tabs, typed_in = app.screen.query_one("#tabs"), {}
        for tab in TABS:
            await app.screen.show_tab(tab)
            await settle(app, pilot)
            fields = _text_fields(app.screen.query_one(f"#{tab}"))
            await _digit_in_each(app, pilot, tabs, fields)
            typed_in[tab] = len(fields)
    assert typed_in == {
        "summary": 26,
        "timeline": 1,
        "impact": 0,
        "whys": 0,
        "actions": 0,
        "wrapup": 5,
    }


@pytest.mark.parametrize(
    ("tab", "ids"),
    [
        ("impact", ["metric", "value", "note"]),
        ("whys", ["question", "answer", "chain"]),
        (
            "actions",
            ["title", "owner", "due", "owners", "done_on", "ticket", "tags", "description"],
        ),
    ],
)
async def test_a_digit_in_any_text_field_of_a_tables_form_types_the_digit(pet_clinic, tab, ids):
    """The form `n` opens on the table: each of its text fields takes the digit, and the
    form stays open over the same tab."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, tab, f"#{tab}-table")
        tabs = app.screen.query_one("#tabs")
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        fields = _text_fields(app.screen)
        assert [field.id for field in fields] == [f"field-{name}" for name in ids]
        await _digit_in_each(app, pilot, tabs, fields)


async def test_a_digit_switching_tabs_leaves_the_first_field_unselected(pet_clinic):
    """From Wrap-up's table, `1` goes to Summary; the next key adds to the ID, and the
    saved file keeps the ID it had with that key after it."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+6")
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "summary"
        assert app.focused.id == "live-0"
        assert app.focused.selected_text == ""
        await pilot.press("7", "ctrl+s")
        await settle(app, pilot)
    saved = tomllib.loads(pet_clinic.read_text())
    assert saved["incident"]["id"] == "DOJO-PIP-17"


async def test_a_new_review_opens_on_the_entry_line_so_typing_records_an_event(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.focused.id == "timeline-entry"
        # 13:05: before the test clock's 14:00, so no question about a time to come.
        for key in "13:05 DB latency alert fires":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == "timeline"
    saved = tomllib.loads(path.read_text())
    [event] = saved["timeline"]
    assert event["text"] == "DB latency alert fires"
    assert event["at"].strftime("%H:%M") == "13:05"


async def test_a_review_with_events_opens_on_its_timeline_table(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.focused.id == "timeline-table"


async def test_editing_an_event_to_a_bare_time_keeps_the_events_day(pet_clinic):
    """`14:05` typed over an event's time on 14 Nov moves it within 14 Nov, not to the
    test clock's today (20 Nov)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        zone = app.session.review.zone
        timeline = app.screen.query_one("#timeline-table")
        day = app.session.review.sorted_timeline()[3].at.astimezone(zone).date()
        assert day != NOW.astimezone(zone).date()
        app.screen.set_focus(timeline)
        timeline.move_cursor(3)
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog) and app.focused.id == "field-at"
        app.focused.value = ""
        for key in "14:05":
            await pilot.press(key)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    written = [row["at"] for row in tomllib.loads(pet_clinic.read_text())["timeline"]]
    moved = [at for at in written if at.astimezone(zone).strftime("%H:%M") == "14:05"]
    assert [at.astimezone(zone).date() for at in moved] == [day]


async def test_text_typed_without_a_time_is_stamped_to_the_second(pet_clinic):
    """The file says 14:00:07, as a person reads a clock, not 14:00:07.250431."""
    clock = NOW + dt.timedelta(seconds=7, microseconds=250431)
    app = make_app(pet_clinic, clock=lambda: clock, autosave_delay=60.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"customers report errors", "enter")
        app.screen.query_one("#timeline-table").focus()
        await pilot.press(*"pager fires again", "enter", "ctrl+s")  # typed on the table
        await settle(app, pilot)
    saved = tomllib.loads(pet_clinic.read_text())["timeline"]
    stamps = [
        e["at"] for e in saved if e.get("text") in ("customers report errors", "pager fires again")
    ]
    assert stamps == [clock.replace(microsecond=0)] * 2


async def test_tab_into_an_events_text_puts_what_is_typed_after_it(pet_clinic):
    """Tab from the time to "What happened" and typing adds to the text: the cursor was
    left at its start, so the words went before the event's text."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        timeline = app.screen.query_one("#timeline-table")
        event = app.session.review.sorted_timeline()[1]
        app.screen.set_focus(timeline)
        timeline.move_cursor(1)
        await pilot.press("enter", "tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press("space", *"seen", "space", *"first")
        await pilot.press("tab", "shift+tab", "space", *"by", "space", *"Tina")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    texts = [row["text"] for row in tomllib.loads(pet_clinic.read_text())["timeline"]]
    assert f"{event.text} seen first by Tina" in texts


async def test_an_event_typed_with_its_day_and_month_lands_on_that_day(pet_clinic):
    """A review held days later: `14 nov 10:55 …` on the entry line is 14 November (the
    last one), not text stamped after the last event."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        zone = app.session.review.zone
        app.screen.query_one("#timeline-table").focus()
        await pilot.press("n", *"14 nov 10:55 rollback agreed", "enter", "ctrl+s")
        await settle(app, pilot)
    saved = tomllib.loads(pet_clinic.read_text())["timeline"]
    [event] = [e for e in saved if e["text"] == "rollback agreed"]
    assert event["at"].astimezone(zone).replace(tzinfo=None) == dt.datetime(2026, 11, 14, 10, 55)
    assert "approx" not in event
