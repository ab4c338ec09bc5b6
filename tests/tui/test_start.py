"""The start screen: `pmtui` with no file."""

import dataclasses
import errno
import os
import tempfile
import tomllib

import pytest
from helpers import (
    NOW,
    SIZE,
    app_on,
    burst,
    closed_folder,
    screen_text,
    settle,
    shown_notices,
    write,
)

from pmtui import templates
from pmtui.errors import OneLineError
from pmtui.files import locations
from pmtui.files.settings import Settings
from pmtui.tui.app import make_app
from pmtui.tui.forms.dialog import FormDialog
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.screens.start import StartScreen


def start_app(folder):
    return make_app(None, clock=lambda: NOW, autosave_delay=60, folder=folder)


def option_labels(app) -> list[str]:
    option_list = app.screen.query_one("#start-list")
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def finder_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#finder-table")
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def test_the_start_screen_of_a_current_folder_deleted_since_is_its_one_line(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(OneLineError, match=r"^the current folder no longer exists"):
        make_app(None, clock=lambda: NOW)


async def test_lists_the_samples_and_every_review_under_the_folder(pet_clinic):
    nested = pet_clinic.parent / "2025" / "db.toml"
    nested.parent.mkdir()
    nested.write_text('[incident]\nid = "INC-7"\ntitle = "DB failover"\nreview_date = 2025-03-01\n')
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=(140, 40)) as pilot:  # room for every cell whole
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        labels = option_labels(app)
        assert labels[0] == "＋ New review…"
        assert "Samples" in labels
        assert finder_rows(app) == [
            [
                "2026-11-14",
                "DOJO-PIP-1",
                "Pet Clinic offline after a major upgrade",
                "SEV1",
                "in review",
                "6",
                "pet-clinic-dojo.toml",
            ],
            ["2025-03-01", "INC-7", "DB failover", "", "draft", "0", "2025/db.toml"],
        ]
        await pilot.press("f2", "ctrl+e", "f5")  # meeting keys do nothing here
        assert isinstance(app.screen, StartScreen)


async def test_typing_filters_the_reviews_and_enter_opens_one(pet_clinic):
    for n, severity in enumerate(("SEV2", "SEV3")):
        (pet_clinic.parent / f"r{n}.toml").write_text(
            f'[incident]\nid = "INC-{n}"\ntitle = "Disk full"\nseverity = "{severity}"\n'
            f"review_date = 2026-0{n + 1}-01\n"
            '[[actions]]\nid = "A1"\ntitle = "alert"\nowner = "Tina"\n'
        )
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await write(pilot, "disk")
        assert [row[1] for row in finder_rows(app)] == ["INC-1", "INC-0"]
        await write(pilot, " sev2")
        assert [row[1] for row in finder_rows(app)] == ["INC-0"]
        app.screen.query_one("#finder-filter").value = ""
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#finder-table"))
        await pilot.press("t", "i", "n", "a")  # typed on the results: still filtering
        assert app.screen.query_one("#finder-filter").value == "tina"
        assert [row[1] for row in finder_rows(app)] == ["DOJO-PIP-1", "INC-1", "INC-0"]
        await pilot.press("down", "down", "down", "enter")  # to the results, then two rows down
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path == pet_clinic.parent / "r0.toml"


async def test_typing_filters_wherever_the_focus_is(pet_clinic):
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.focused is app.screen.query_one("#start-list")
        await pilot.press(*"cannot")  # n is a letter like any other: no New review dialog
        assert isinstance(app.screen, StartScreen)
        search = app.screen.query_one("#finder-filter")
        assert search.value == "cannot" and app.focused is search
        assert finder_rows(app) == []
        search.value = ""
        app.screen.set_focus(app.screen.query_one("#start-list"))
        await pilot.press("p", "e", "t", "space", "1")  # digits and spaces too
        assert search.value == "pet 1"
        assert [row[1] for row in finder_rows(app)] == ["DOJO-PIP-1"]
        await pilot.press("slash")  # in the filter, / is typed
        assert search.value == "pet 1/"


async def test_opening_a_review_from_the_list(pet_clinic):
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path == pet_clinic


async def test_a_sample_opens_as_a_copy_here(tmp_path):
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        labels = option_labels(app)
        app.screen.query_one("#start-list").highlighted = labels.index(
            "pet-clinic-dojo  (opens a copy here)"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.path == tmp_path / "pet-clinic-dojo.toml"
        assert app.session.review.incident.id == "DOJO-PIP-1"


async def test_new_review_is_on_ctrl_n_and_on_its_row(tmp_path):
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "^n New review" in screen_text(app)  # in the footer
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        assert option_labels(app)[app.screen.query_one("#start-list").highlighted] == (
            "＋ New review…"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)


async def test_new_review_is_created_from_the_chosen_name(tmp_path):
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Checkout down", "tab")
        app.screen.query_one("#field-file").value = "checkout.toml"
        await write(pilot, "tab", "SEV2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await write(pilot, "ctrl+n", "first event", "enter", "ctrl+s")
        await settle(app, pilot)
    saved = tomllib.loads((tmp_path / "checkout.toml").read_text())
    assert saved["incident"]["title"] == "Checkout down"
    assert saved["incident"]["severity"] == "SEV2"
    assert saved["timeline"][0]["text"] == "first event"


async def test_a_file_name_typed_over_the_offered_one_replaces_it(tmp_path):
    """The offered name was not selected: typing after Tab made
    `review-2026-11-20.tomlpir-review`. Arriving again once it is edited selects nothing."""
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await burst(pilot, "ctrl+n", "Second one", "tab", "pir-review", "shift+tab", "tab")
        await burst(pilot, ".toml", "tab", "SEV2", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
    assert [path.name for path in tmp_path.glob("*.toml")] == ["pir-review.toml"]


async def test_a_new_review_is_written_when_the_dialog_is_confirmed(tmp_path):
    """The title is what is typed straight after ctrl+n; the file name is offered."""
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Checkout outage [EU] — 5xx", "enter")
        await pilot.pause()
        path = tmp_path / f"review-{NOW.date().isoformat()}.toml"
        assert tomllib.loads(path.read_text())["incident"]["title"] == "Checkout outage [EU] — 5xx"
        assert "✓ saved" in screen_text(app)
        await pilot.press("ctrl+q")
    assert tomllib.loads(path.read_text())["incident"]["title"] == "Checkout outage [EU] — 5xx"


@pytest.mark.parametrize("opening", ["ctrl+n", "enter"])
async def test_a_title_typed_fast_after_opening_the_new_review_form_is_its_title(tmp_path, opening):
    """ctrl+n (or Enter on "New review…"), the title and Enter in one burst: the keys after
    the first were still on their way to the list when the form opened, and went into the
    finder's filter; the review was made untitled."""
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await burst(pilot, opening, "Checkout down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
    path = tmp_path / f"review-{NOW.date().isoformat()}.toml"
    assert tomllib.loads(path.read_text())["incident"]["title"] == "Checkout down"


async def test_a_new_review_under_a_name_too_long_says_why_in_the_form(tmp_path):
    """Looking for a file of that name raised OSError: the app ended in a traceback."""
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Checkout down", "tab")
        app.screen.query_one("#field-file").value = f"{'a' * 300}.toml"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-error").render())
        assert problem.startswith(f"File name: {tmp_path}/aaa")
        assert problem.endswith(".toml: cannot look at it (file name too long)")
    assert app.return_code is None and list(tmp_path.iterdir()) == []


async def test_a_new_review_is_never_written_over_a_file_there(tmp_path):
    taken = tmp_path / "taken.toml"
    taken.write_text("[incident]\ntitle = 'mine'\n", encoding="utf-8")
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Checkout down", "tab")
        app.screen.query_one("#field-file").value = taken.name
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-error").render())
        assert problem == f"File name: {taken}: already exists; choose another name"
    assert taken.read_text(encoding="utf-8") == "[incident]\ntitle = 'mine'\n"


async def test_a_new_review_is_offered_a_file_name_no_file_here_has(tmp_path):
    """The second review of a day was offered the first one's name, and Enter refused it."""
    day = NOW.date().isoformat()
    for name in (f"review-{day}.toml", f"review-{day}-2.toml"):
        (tmp_path / name).write_text("[incident]\ntitle = 'earlier'\n", encoding="utf-8")
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Third one", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
    made = tomllib.loads((tmp_path / f"review-{day}-3.toml").read_text(encoding="utf-8"))
    assert made["incident"]["title"] == "Third one"


def templates_of_mine(**files: str) -> None:
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")


async def new_review_from(app, pilot, template: str) -> None:
    await write(pilot, "ctrl+n", "Checkout down")
    app.screen.query_one("#field-template").value = template
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_a_new_review_starts_from_a_template_of_ones_own(tmp_path):
    """The form offered the built-in templates only, though `pmtui templates` lists these."""
    templates_of_mine(mine='name = "mine"\ntitle = "Ours"\ndescription = "Short"\n')
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_review_from(app, pilot, "mine")
        assert isinstance(app.screen, MeetingScreen)
    assert tomllib.loads(app.session.path.read_text(encoding="utf-8"))["template"] == "mine"


async def template_field(app, pilot):
    """The new review form's Template field, focused (so scrolled into view)."""
    await settle(app, pilot)
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    field = app.screen.query_one("#field-template")
    app.screen.set_focus(field)
    return field


async def test_the_template_list_says_what_each_template_is(tmp_path):
    """It listed bare names (default, dojo, p0p1, pir…): a newcomer could not tell which to
    pick. Each shows its title; its name is still what is typed to pick it, and chosen."""
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        field = await template_field(app, pilot)
        await pilot.press("enter")  # opens the list
        await settle(app, pilot)
        shown = screen_text(app)
        for name in templates.builtin_names():
            assert f"{name} · {templates.load_template(name).title}" in shown, name
        await pilot.press("escape", "p", "0")
        assert field.value == "p0p1"


async def test_a_long_title_of_ones_own_template_is_one_line_in_the_list(tmp_path):
    """A title of 330 characters made the closed field five rows high, and one holding a
    newline broke its option in two."""
    title = "Ours\\nspelled out " + "very " * 64
    templates_of_mine(mine=f'name = "mine"\ntitle = "{title}"\ndescription = "Short"\n')
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        field = await template_field(app, pilot)
        field.value = "mine"
        await settle(app, pilot)
        assert field.region.height == 3  # the closed field: one line in its border
        (label,) = [line for line in screen_text(app).splitlines() if "mine · Ours" in line]
        assert "Ours spelled out very" in label and "…" in label


async def test_a_broken_template_of_ones_own_is_said_in_the_form(tmp_path):
    templates_of_mine(broken="title = [\n")
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_review_from(app, pilot, "broken")
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-error").render())
        assert problem.startswith(f"Template: {locations.config_dir()}/templates/broken.toml:")
        assert "\n" not in problem
    assert list(tmp_path.glob("*.toml")) == []


async def test_a_templates_folder_that_cannot_be_read_leaves_the_built_ins(
    tmp_path, config_folder_shut
):
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await new_review_from(app, pilot, "pir")
        assert isinstance(app.screen, MeetingScreen)
        assert any(told.endswith("templates: cannot read (permission denied)") for told in app.told)


async def test_a_broken_settings_file_is_said_on_the_start_screen_only(tmp_path):
    """Its notice, still up when a review opened, came again over the review."""
    locations.config_dir().mkdir(parents=True)
    (locations.config_dir() / "settings.toml").write_text('recent = "oops"\n', encoding="utf-8")
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert any("settings not used" in notice for notice in shown_notices(app))
        await write(pilot, "ctrl+n", "Checkout down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert not any("settings not used" in notice for notice in shown_notices(app))
    assert sum("settings not used" in told for told in app.told) == 1


async def test_a_new_review_that_cannot_be_written_says_why_in_the_form(tmp_path, monkeypatch):
    def no_space(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "Checkout down", "enter")
        assert isinstance(app.screen, FormDialog)
        problem = str(app.screen.query_one("#form-error").render())
        assert problem.startswith("File name:") and "no space left on device" in problem
    assert list(tmp_path.glob("*.toml")) == []


async def refused_from_the_list(folder, change=lambda: None) -> list[str]:
    """Open the first review listed (titled "x"), after `change`: the start screen stays,
    and what it said is returned."""
    app = start_app(folder)
    messages = []
    app.notify = lambda message, **kw: messages.append(message)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert finder_rows(app)[0][2] == "x"
        change()
        await pilot.press("slash", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    return messages


async def test_a_broken_review_shows_its_problem_and_does_not_open(tmp_path):
    (tmp_path / "bad.toml").write_text("[incident]\ntitle = 'x'\n[[timeline]]\nat = 'soon'\n")
    assert await refused_from_the_list(tmp_path) == [
        f"{tmp_path / 'bad.toml'}:4: timeline[0].at: not a date and time: write it like "
        "2026-11-20T14:05:00Z, or a day alone (got 'soon')"
    ]


async def test_a_review_opened_here_is_recent_elsewhere_and_missing_ones_are_skipped(
    tmp_path, pet_clinic
):
    gone = tmp_path / "gone.toml"
    gone.write_text("[incident]\ntitle = 'soon deleted'\n")
    Settings.load().add_recent(gone)
    gone.unlink()
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        assert "Recent" not in option_labels(app)  # the only recent file is gone
        await settle(app, pilot)
        await pilot.press("slash", "enter")  # the pet clinic, from the reviews here
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = start_app(elsewhere)
    async with app.run_test(size=SIZE) as pilot:
        labels = option_labels(app)
        recent = labels[labels.index("Recent") + 1 : labels.index("Samples")]
        assert recent == [
            "pet-clinic-dojo.toml  DOJO-PIP-1 Pet Clinic offline after a major upgrade "
            f"(SEV1, in review)  in {pet_clinic.parent}"
        ]
        app.screen.query_one("#start-list").highlighted = labels.index(recent[0])
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.path == pet_clinic


async def test_a_recent_path_that_cannot_be_looked_at_is_left_out(tmp_path, pet_clinic):
    """A name too long for the system crashed the start screen (OSError from is_file)."""
    Settings.load().add_recent(tmp_path / f"{'a' * 300}.toml")
    Settings.load().add_recent(pet_clinic)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = start_app(elsewhere)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        labels = option_labels(app)
        assert labels[labels.index("Recent") + 1].startswith("pet-clinic-dojo.toml")
        assert not any("aaaa" in label for label in labels)


async def test_a_review_whose_name_is_not_utf8_opens_and_is_not_made_recent(tmp_path, pet_clinic):
    """Its lock crashed the app (the name written as UTF-8); the settings, a TOML file,
    can only hold it mangled, so it is not remembered as a name that opens nothing."""
    foreign = tmp_path / os.fsdecode(b"bad\xff name.toml")
    pet_clinic.rename(foreign)
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path == foreign
    assert app.return_code is None
    assert Settings.load().recent == []


async def test_a_recent_review_in_this_folder_is_listed_once(pet_clinic):
    Settings.load().add_recent(pet_clinic)
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Recent" not in option_labels(app)
        assert [row[-1] for row in finder_rows(app)] == ["pet-clinic-dojo.toml"]


async def test_opening_a_file_from_the_command_line_makes_it_recent(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    assert Settings.load().recent == [pet_clinic]


async def test_the_start_screens_keys_are_in_the_command_palette(pet_clinic):
    from pmtui.tui.keys import KEYS

    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {key.title for key in KEYS["start"]} <= titles


async def test_copies_of_one_review_show_their_file_names_at_120_columns(pet_clinic):
    """Copies share an ID and a title: the file name tells them apart, so it stays on
    screen (cut at its start if it must be) and the title gives way."""
    long_name = pet_clinic.parent / "pet-clinic-dojo-copy-for-the-tuesday-class-2026.toml"
    long_name.write_bytes(pet_clinic.read_bytes())
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "pet-clinic-dojo.toml" in text
        assert "-tuesday-class-2026.toml" in text
        shown = [row[2] for row in finder_rows(app)]
        assert shown[0] == shown[1] and shown[0].startswith("Pet Clinic offline")


def choose_sample(app, name: str = "pet-clinic-dojo") -> None:
    labels = option_labels(app)
    row = next(n for n, label in enumerate(labels) if label.startswith(f"{name}  ("))
    app.screen.query_one("#start-list").highlighted = row


async def test_a_sample_in_a_folder_that_cannot_be_written_says_why_and_stays(
    tmp_path, monkeypatch
):
    """The copy's ReviewFileError went unanswered: a traceback, the app gone."""

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        choose_sample(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        assert app.told[-1] == (
            f"{tmp_path / 'pet-clinic-dojo.toml'}: cannot write in this folder (permission denied)"
        )
    assert app.return_code is None and list(tmp_path.iterdir()) == []


async def test_a_folder_that_cannot_be_searched_lists_its_samples_and_says_why_not(
    tmp_path, monkeypatch
):
    """`pmtui --dir` on it ended in a traceback: whether a sample's copy was there."""
    closed = tmp_path / "closed"
    closed.mkdir()
    closed_folder(monkeypatch, closed)
    app = start_app(closed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "pet-clinic-dojo  (opens a copy here)" in option_labels(app)
        choose_sample(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        copy = closed / "pet-clinic-dojo.toml"
        assert app.told[-1] == f"{copy}: cannot look at it (permission denied)"
    assert app.return_code is None


async def test_a_sample_copied_before_says_its_copy_opens(tmp_path):
    """The copy made last time, maybe edited since, is what the sample's row opens: the
    row says so rather than promise a fresh copy."""
    (tmp_path / "pet-clinic-dojo.toml").write_text(
        '[incident]\nid = "DOJO-PIP-1"\ntitle = "Edited in class"\n', encoding="utf-8"
    )
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        labels = option_labels(app)
        assert "pet-clinic-dojo  (opens your copy, pet-clinic-dojo.toml)" in labels
        assert "notification-delivery-sev1  (opens a copy here)" in labels


async def test_the_finder_s_columns_fit_their_cells_before_the_table_is_ever_idle(pet_clinic):
    """The table measures new rows once it is idle: a scan landing as the screen was laid
    out left every column as narrow as its heading ("202…", "[bol…"), in CI too."""
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        finder = app.screen.query_one("#finder")
        table = app.screen.query_one("#finder-table")
        longer = dataclasses.replace(finder.entries[0], id="INC-2026-000123", severity="SEV1-major")
        finder.show_entries([longer])  # no await: the table has not been idle since
        widths = {str(c.label): c.get_render_width(table) - 2 for c in table.ordered_columns}
        assert (widths["ID"], widths["Severity"]) == (len(longer.id), len(longer.severity))


async def test_a_file_that_became_no_review_since_it_was_listed_is_refused(tmp_path):
    """A review listed here, then replaced by another TOML file, opened as an empty
    review, which its first edit wrote into that file."""
    path = tmp_path / "r.toml"
    path.write_text("[incident]\ntitle = 'x'\n")
    messages = await refused_from_the_list(
        tmp_path, lambda: path.write_text('[project]\nname = "x"\n')
    )
    assert messages == [f"{path}: not a review (no [incident], no schema_version)"]
    assert path.read_text() == '[project]\nname = "x"\n'


async def test_at_80x24_the_reviews_table_shows_several_rows(tmp_path):
    """The margins, the borders and the list above it left the table one row at 80x24."""
    for n in range(8):
        (tmp_path / f"review-{n}.toml").write_text(
            f'schema_version = 1\n[incident]\ntitle = "Outage {n}"\n', encoding="utf-8"
        )
    app = make_app(None, clock=lambda: NOW, autosave_delay=60, folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert len(finder_rows(app)) == 8
        table = app.screen.query_one("#finder-table")
        rows_in_view = table.scrollable_content_region.height - 1  # its heading
    assert rows_in_view >= 8
