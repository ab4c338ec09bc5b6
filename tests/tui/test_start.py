"""The start screen: `pmtui` with no file."""

import tomllib

from helpers import NOW, SIZE, app_on, settle, write

from pmtui.settings import Settings
from pmtui.tui.app import make_app
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.screens.start import StartScreen


def start_app(folder):
    return make_app(None, clock=lambda: NOW, autosave_delay=60, folder=folder)


def option_labels(app) -> list[str]:
    option_list = app.screen.query_one("#start-list")
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_lists_reviews_here_and_the_samples(tmp_path, pet_clinic):
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        labels = option_labels(app)
        assert labels[0] == "＋ New review…"
        assert "Reviews here" in labels and "Samples" in labels
        assert any(label.startswith("pet-clinic-dojo.toml  DOJO-PIP-1") for label in labels)
        await pilot.press("ctrl+n", "f2", "ctrl+e")  # meeting keys do nothing here
        assert isinstance(app.screen, StartScreen)


async def test_opening_a_review_from_the_list(pet_clinic):
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:
        labels = option_labels(app)
        target = next(i for i, label in enumerate(labels) if label.startswith("pet-clinic"))
        app.screen.query_one("#start-list").highlighted = target
        await pilot.press("enter")
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


async def test_new_review_is_created_from_the_chosen_name(tmp_path):
    app = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-file").value = "checkout.toml"
        await write(pilot, "tab", "Checkout down", "tab", "SEV2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await write(pilot, "ctrl+n", "first event", "enter", "ctrl+s")
        await settle(app, pilot)
    saved = tomllib.loads((tmp_path / "checkout.toml").read_text())
    assert saved["incident"]["title"] == "Checkout down"
    assert saved["incident"]["severity"] == "SEV2"
    assert saved["timeline"][0]["text"] == "first event"


async def test_a_broken_review_shows_its_problem_and_does_not_open(tmp_path):
    (tmp_path / "bad.toml").write_text("[incident]\ntitle = 'x'\n[[timeline]]\nat = 'soon'\n")
    app = start_app(tmp_path)
    messages = []
    app.notify = lambda message, **kw: messages.append(message)
    async with app.run_test(size=SIZE) as pilot:
        labels = option_labels(app)
        app.screen.query_one("#start-list").highlighted = labels.index("bad.toml  x")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert messages == [
        f"{tmp_path / 'bad.toml'}:3: timeline[0].at: Input should be a valid datetime or date, "
        "input is too short (got 'soon')"
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
        labels = option_labels(app)
        app.screen.query_one("#start-list").highlighted = labels.index(
            next(label for label in labels if label.startswith("pet-clinic"))
        )
        await pilot.press("enter")
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


async def test_a_recent_review_in_this_folder_is_listed_once(pet_clinic):
    Settings.load().add_recent(pet_clinic)
    app = start_app(pet_clinic.parent)
    async with app.run_test(size=SIZE):
        labels = option_labels(app)
        assert "Recent" not in labels
        assert len([label for label in labels if label.startswith("pet-clinic-dojo.toml")]) == 1


async def test_opening_a_file_from_the_command_line_makes_it_recent(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    assert Settings.load().recent == [pet_clinic]
