"""The start screen counts the overdue actions of the reviews it lists; ctrl+o lists the
open ones, overdue first, and Enter on one opens its review."""

from helpers import SIZE, screen_text, settle
from test_start import start_app
from textual.widgets import DataTable

from pmtui.files.settings import Settings
from pmtui.tui.dialogs import followups as followups_dialog
from pmtui.tui.dialogs.followups import FollowUpsDialog
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.screens.start import StartScreen


def overdue_line(app) -> str:
    shown = app.screen.query_one("#start-overdue")
    return str(shown.render()) if shown.display else ""


def write_review(path, *actions: str) -> None:
    path.write_text('[incident]\ntitle = "Disk full"\n' + "".join(actions))


def action(n: int, due: str, **fields: str) -> str:
    extra = "".join(f'{key} = "{value}"\n' for key, value in fields.items())
    return f'\n[[actions]]\nid = "A{n}"\ntitle = "Step {n}\\u001b[31m"\ndue = {due}\n{extra}'


async def test_the_count_of_overdue_actions_and_the_list_that_opens_a_review(
    pet_clinic, tmp_path_factory
):
    """The Pet Clinic's actions are due from 2026-11-27, after the suite's day (the 20th)."""
    nested = pet_clinic.parent / "2025" / "disk.toml"
    nested.parent.mkdir()
    write_review(nested, action(1, "2026-11-01"), action(2, "2026-11-10", status="done"))
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # a recent review outside the folder
    recent = elsewhere / "api.toml"
    write_review(recent, action(1, "2026-11-19", owner="Tina"))
    Settings.load().add_recent(recent)
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert overdue_line(app) == "2 overdue actions · ctrl+o lists the open ones"
        assert "2 overdue actions" in screen_text(app)
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, FollowUpsDialog)
        table = dialog.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert [row[:4] for row in rows] == [
            ["(no owner)", "2026-11-01", "19 days", "A1"],
            ["Tina", "2026-11-19", "1 day", "A1"],
            ["Santhosh", "2026-11-27", "", "A6"],
            ["Dan", "2026-12-04", "", "A1"],
            ["Adam", "2026-12-04", "", "A3"],
            ["Adam", "2026-12-11", "", "A2"],
            ["Tina", "2026-12-18", "", "A4"],
            ["Dan", "2026-12-18", "", "A5"],
        ]
        assert rows[0][4:] == ["Step 1␛[31m", "2025/disk.toml"]  # the ESC shown, not sent
        assert rows[1][5] == str(recent)
        whole = str(dialog.query_one("#followups-row").render())
        assert whole == "A1 · Step 1␛[31m\n2025/disk.toml"  # the highlighted one, whole
        assert "8 open actions, 2 overdue" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.path == recent


async def test_a_file_name_with_control_characters_is_shown_not_sent(pet_clinic):
    named = pet_clinic.parent / "a\x1b[31mred\x1b]0;title\x07.toml"
    write_review(named, action(1, "2026-11-01"))
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        whole = str(app.screen.query_one("#followups-row").render())
        assert whole == "A1 · Step 1␛[31m\na␛[31mred␛]0;title␇.toml"


async def test_no_overdue_action_shows_no_line_and_escape_closes_the_list(pet_clinic):
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert overdue_line(app) == ""
        assert "overdue action" not in screen_text(app)
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, FollowUpsDialog)
        assert "6 open actions" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_a_long_list_shows_its_first_rows_and_counts_them_all(pet_clinic, monkeypatch):
    monkeypatch.setattr(followups_dialog, "SHOWN", 2)
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        assert app.screen.query_one(DataTable).row_count == 2
        shown = screen_text(app)
        assert "6 open actions" in shown and "The first 2 (pmtui actions lists all)" in shown
