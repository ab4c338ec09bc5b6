"""A short meeting, pressed key by key, and what it leaves in the file."""

import datetime as dt
import os
import tomllib

import pytest
from helpers import NOW, SIZE, app_on, burst, delete_row, screen_text, settle, until, write

from pmtui.files import store
from pmtui.tui.app import make_app


async def test_a_short_meeting_ends_up_in_the_saved_file(tmp_path):
    path = tmp_path / "review.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        # Two participants, from the sidebar.
        screen.set_focus(screen.query_one("#people-table"))
        await write(pilot, "n", "Adam", "tab", "IT Admin", "enter")
        await write(pilot, "n", "Tina", "tab", "Test", "enter")
        # Four events: a full date and time, +15m after it, a clock time, now.
        await write(pilot, "ctrl+n", "2026-11-20 13:40 bad deploy goes out", "enter")
        await write(pilot, "+15m customers report errors", "enter")
        await write(pilot, "13:58 Adam restarts the db", "enter")
        await write(pilot, "now service back", "enter")
        # An impact row (tab 3): its form opens on the metric (the category stays).
        await write(pilot, "escape", "alt+3", "n", "Users affected", "tab", "1200", "enter")
        # Three whys (tab 4): each new why starts from the previous answer.
        await pilot.press("4")
        for answer in ("The db ran out of connections.", "Pool size was fixed", "No load test"):
            await write(pilot, "n", "tab", answer, "ctrl+s")
        # Two actions with owners and due dates (tab 5).
        await write(pilot, "5", "n", "Add connection alerts", "tab", "Adam", "tab", "+2w", "enter")
        await write(pilot, "n", "Load test the pool", "tab", "Tina", "tab", "fri", "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not app.session.dirty

    saved = tomllib.loads(path.read_text())
    assert [(p["name"], p["role"]) for p in saved["people"]] == [
        ("Adam", "IT Admin"),
        ("Tina", "Test"),
    ]
    events = [(e["at"], e["text"]) for e in saved["timeline"]]
    assert events == [  # the file keeps its timeline in time order
        (dt.datetime(2026, 11, 20, 13, 40, tzinfo=dt.UTC), "bad deploy goes out"),
        (dt.datetime(2026, 11, 20, 13, 55, tzinfo=dt.UTC), "customers report errors"),
        (dt.datetime(2026, 11, 20, 13, 58, tzinfo=dt.UTC), "Adam restarts the db"),
        (NOW, "service back"),
    ]
    users = [row for row in saved["impact"] if row["metric"] == "Users affected"]
    assert users[-1]["value"] == "1200"
    assert [(w["question"], w["answer"]) for w in saved["whys"]] == [
        ("Why did this happen?", "The db ran out of connections."),
        ("Why is it that the db ran out of connections?", "Pool size was fixed"),
        ("Why is it that pool size was fixed?", "No load test"),
    ]
    assert [(a["id"], a["title"], a["owner"], a["due"]) for a in saved["actions"]] == [
        ("A1", "Add connection alerts", "Adam", dt.date(2026, 12, 4)),
        ("A2", "Load test the pool", "Tina", dt.date(2026, 11, 27)),
    ]


async def test_open_then_quit_changes_no_byte_and_leaves_no_file(pet_clinic):
    before = pet_clinic.read_bytes()
    stamp = os.stat(pet_clinic).st_mtime_ns
    app = app_on(pet_clinic, autosave_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+3", "4", "5", "6", "1", "alt+2", "f2", "f2")
        await pilot.press("ctrl+q")
    assert pet_clinic.read_bytes() == before
    assert os.stat(pet_clinic).st_mtime_ns == stamp
    assert [p.name for p in pet_clinic.parent.iterdir()] == [pet_clinic.name]


async def test_opening_a_missing_file_writes_nothing_until_an_edit(tmp_path):
    path = tmp_path / "new.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "new file, not yet written" in screen_text(app)
        assert "saved" not in screen_text(app)
        await pilot.press("ctrl+q")
    assert not path.exists()


async def test_quitting_saves_the_last_edit(pet_clinic):
    app = app_on(pet_clinic)  # autosave 60 s away: only quitting can save it
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "last words before quitting", "enter", "ctrl+q")
    assert store.load(pet_clinic).timeline[-1].text == "last words before quitting"


async def test_quitting_adds_what_is_left_on_the_entry_line_after_the_last_event(pet_clinic):
    last_before = store.load(pet_clinic).timeline[-1]
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(app.screen.query_one("#timeline-entry"))
        await write(pilot, "quickedit")
        await pilot.press("ctrl+q")
    last = store.load(pet_clinic).timeline[-1]
    assert (last.text, last.at, last.approx) == ("quickedit", last_before.at, True)


async def test_quitting_adds_what_ctrl_n_began_stamped_when_it_was_pressed(pet_clinic):
    clock = [NOW]
    app = make_app(pet_clinic, clock=lambda: clock[0], autosave_delay=60.0)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "quickedit")
        clock[0] = NOW + dt.timedelta(minutes=5)
        await pilot.press("ctrl+q")
    added = [event for event in store.load(pet_clinic).timeline if event.text == "quickedit"]
    assert [(event.at, event.approx) for event in added] == [(NOW, False)]


async def test_quitting_keeps_an_entry_whose_time_does_not_parse_as_text(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "25:99 db restarted", "ctrl+q")
    assert store.load(pet_clinic).timeline[-1].text == "25:99 db restarted"


async def test_autosave_writes_shortly_after_typing_stops(pet_clinic):
    app = app_on(pet_clinic, autosave_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "autosaved", "enter")
        await until(pilot, lambda: not app.session.dirty)  # autosaved
        await settle(app, pilot)
        assert store.load(pet_clinic).timeline[-1].text == "autosaved"
        assert "✓ saved" in str(app.screen.query_one("#header-title").render())


async def test_delete_and_undo(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.review.sorted_timeline()[0]
        await delete_row(app, pilot)
        assert first not in app.session.review.timeline
        await pilot.press("ctrl+z", "ctrl+s")
        await settle(app, pilot)
    assert store.load(pet_clinic).timeline[0].text == first.text


async def test_star_and_milestone(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        first = app.session.review.sorted_timeline()[0]
        assert first.starred
        await pilot.press("m", "down", "down", "down", "space", "ctrl+s")
        assert first.milestone == ["declared"]


async def test_the_milestones_dialog_names_its_event_as_written(tmp_path):
    """The room sees which event it ticks: its time and words, markup-like text as typed."""
    path = tmp_path / "review.toml"
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "2026-11-20 13:40 [bold]db[/] failover", "enter", "escape")
        await pilot.press("m")
        await settle(app, pilot)
        title = next(line for line in screen_text(app).splitlines() if "Milestones" in line)
        assert "Milestones · Fri 20 Nov 13:40 [bold]db[/] failover" in title


async def test_a_tab_built_by_its_key_keeps_the_focus_on_its_first_table(pet_clinic):
    """Late events from building the pane must not move the focus on (to the second table)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+6")
        await settle(app, pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert app.focused.id == "wrapup-0"


async def test_number_keys_switch_tabs_outside_text_fields_and_focus_their_first_field(
    pet_clinic,
):
    """A digit switches tabs from a table; in a text field it is a digit (ctrl+pagedown
    switches from anywhere). The field a switch lands on has nothing selected."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        steps = [
            (["alt+1"], "summary", "live-0"),
            (["2"], "summary", "live-0"),  # typed into the ID, not a switch to Timeline
            (["ctrl+pagedown", "ctrl+pagedown"], "impact", "impact-table"),  # from a text field
            (["6"], "wrapup", "wrapup-0"),
            (["ctrl+pageup"], "actions", "actions-table"),  # backwards
            (["ctrl+pagedown", "ctrl+pagedown"], "summary", "live-0"),  # round the end
        ]
        for keys, tab, focused in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen.query_one("#tabs").active == tab
            assert app.focused.id == focused
            assert getattr(app.focused, "selected_text", "") == ""
        assert app.screen.query_one("#summary #live-0").value == "DOJO-PIP-12"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "timeline"
        assert app.focused.id == "timeline-entry"


@pytest.mark.parametrize(
    ("keys", "tab"), [(["ctrl+pagedown"] * 3, "actions"), (["ctrl+pageup"] * 3, "actions")]
)
async def test_tab_keys_in_one_read_leave_the_focus_on_the_tab_shown(pet_clinic, keys, tab):
    """Over a slow link the keys come in one read: the tabs passed over were announced
    after the last was shown, and took the focus from it; what was typed next was lost."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        for shown in ("impact", "whys", "actions", "wrapup", "timeline"):  # each built
            await app.screen.show_tab(shown)
            await settle(app, pilot)
        await burst(pilot, *keys)
        await settle(app, pilot)
        assert app.screen.query_one("#tabs").active == tab
        assert app.focused is not None and app.focused.id == f"{tab}-table"


async def test_f2_goes_to_the_participants_and_f2_again_hides_them(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        sidebar = app.screen.query_one("#sidebar")
        await write(pilot, "ctrl+n", "half")  # the focus is in the entry line
        await pilot.press("f2")
        assert app.focused.id == "people-table" and not sidebar.has_class("-hidden")
        await pilot.press("f2")
        await pilot.pause()
        assert sidebar.has_class("-hidden") and app.focused.id == "timeline-entry"
        assert app.focused.value == "half"
        await pilot.press("f2")
        assert app.focused.id == "people-table" and not sidebar.has_class("-hidden")


async def test_f2_twice_gives_the_focus_back_to_the_table_it_was_on(pet_clinic):
    """On Wrap-up, F2 twice from the attempted work put the focus on the first of its
    tables: the next letter typed opened a contributing factor."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+6")
        await settle(app, pilot)
        app.screen.set_focus(app.screen.query_one("#wrapup-1"))  # the attempted work
        await pilot.press("f2", "f2")
        await pilot.pause()
        assert app.focused.id == "wrapup-1"


async def test_a_name_typed_in_one_read_after_f2_is_a_new_participant(pet_clinic):
    """F2 waited behind the keys already queued at the timeline's table: "Zoe" and Enter
    typed with it added an event "Zoe", and no one."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        events = len(app.session.review.timeline)
        await burst(pilot, "f2", "Zoe", "enter")
        await settle(app, pilot)
        assert app.session.review.people[-1].name == "Zoe"
        assert len(app.session.review.timeline) == events


async def test_the_actions_title_says_when_done_actions_are_hidden(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+5")
        await pilot.pause()
        await pilot.press("x")  # the first action is done
        table = app.screen.query_one("#actions-table")
        assert table.border_title == "All actions: 6 · f shows only the open ones"
        await pilot.press("f")
        assert table.border_title == "Open actions: 5 of 6 · f shows all"
        assert table.row_count == 5


async def test_a_narrow_terminal_starts_with_the_participants_hidden(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sidebar").has_class("-hidden")
        await pilot.press("f2")
        assert app.focused.id == "people-table"
    wide = app_on(pet_clinic)
    async with wide.run_test(size=SIZE) as pilot:
        assert not wide.screen.query_one("#sidebar").has_class("-hidden")


async def test_the_participants_shown_at_80_columns_leave_every_tab_name_whole(pet_clinic):
    """Textual scrolled the row of tabs to keep the one on show in view: "y  Timeline…"."""
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "alt+6")
        await settle(app, pilot)
        tab_row = screen_text(app).splitlines()[1]
        assert tab_row.endswith("▕Summary Timeline Impact 5 Whys Actions Wrap-up"), tab_row


async def test_a_narrow_header_cuts_the_title_and_keeps_the_file_and_saved_mark(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = str(app.screen.query_one("#header-title").render())
        assert "pet-clinic-dojo.toml ✓ saved" in header and "Pet Clinic offl…" in header


async def test_a_done_action_shows_it_where_the_status_column_has_no_room(pet_clinic):
    """Beside the participants at 120 columns the Status column is cut: the title says ✓."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+5")
        await pilot.pause()
        table = app.screen.query_one("#actions-table")
        title = table.current_record().title
        assert f"✓ {title[:20]}" not in screen_text(app)
        await pilot.press("x")  # done
        await pilot.pause()
        assert table.current_record().closed
        assert f"✓ {title[:20]}" in screen_text(app)
