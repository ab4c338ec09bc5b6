"""The questions pmtui asks on its own (changed on disk, recovered edits) lose nothing,
whatever keys reach them: the arrow keys and Enter of a scribe moving down the timeline
pick no answer but the first, and every answer keeps what it replaces, and says where.

Tried as a new user would: an event typed, `# ext` appended to the file from outside, the
question up two seconds later; then the keys of a scribe who has not looked up."""

from helpers import SIZE, app_on, rescued_copy, said, settle
from test_dialog_grace import Clock

from pmtui.files import locations, store
from pmtui.tui.dialogs.choice import ChoiceDialog
from pmtui.tui.meeting.type_ahead import Grace

EVENT = "Dan restarts the db"
EXTERNAL = "# ext"


def question_app(path):
    """The app with the questions' grace as shipped, on a clock the test moves."""
    app = app_on(path)
    app.dialog_grace = Grace(clock=(clock := Clock()))
    return app, clock


async def changed_on_disk(app, pilot, path) -> ChoiceDialog:
    """`14:05 Dan restarts the db` Enter, then `echo '# ext' >> r.toml`: the autosave
    finds the file changed, and asks."""
    keys = ["space" if key == " " else key for key in f"14:05 {EVENT}"]
    await pilot.press("ctrl+n", *keys, "enter")
    with path.open("a", encoding="utf-8") as file:
        file.write(f"{EXTERNAL}\n")
    app.saving.autosave()
    await settle(app, pilot)
    assert isinstance(app.screen, ChoiceDialog)
    return app.screen


async def keys_at_a_pace(pilot, clock: Clock, keys, seconds: float) -> None:
    """Each key `seconds` after the one before, as a person presses them."""
    for key in keys:
        clock.now += seconds
        await pilot.press(key)


def files_holding(folder, text: str) -> list[str]:
    """The names of the files under `folder` (pmtui's state folder too) holding `text`."""
    places = [*folder.rglob("*.toml"), *locations.state_dir().rglob("*.toml")]
    return sorted(path.name for path in places if text in path.read_text(encoding="utf-8"))


async def test_down_down_enter_on_a_conflict_overwrites_nothing(pet_clinic):
    """(a) The question up for a second, then Down, Down, Enter: it picked "Overwrite
    theirs with mine", and `# ext` was gone from the file with no notice."""
    app, clock = question_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await changed_on_disk(app, pilot, pet_clinic)
        clock.now += 1.0
        await pilot.pause()
        await keys_at_a_pace(pilot, clock, ["down", "down", "enter"], 0.3)
        await settle(app, pilot)
        assert app.screen is dialog  # no answer was picked
        assert dialog.query_one("OptionList").highlighted == 0
        assert EVENT in [event.text for event in app.session.review.timeline]
    assert EXTERNAL in pet_clinic.read_text(encoding="utf-8")


async def test_down_enter_on_recovered_edits_discards_nothing(pet_clinic):
    """(b) Down, Enter a few seconds after the start: "Discarded the recovered edits", and
    the only copy of the lost session was deleted."""
    copy = rescued_copy(pet_clinic, "rescued")
    app, clock = question_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        clock.now += 4.0
        await pilot.pause()
        await keys_at_a_pace(pilot, clock, ["down", "enter"], 0.3)
        await settle(app, pilot)
        assert app.screen is dialog  # no answer was picked
    assert store.load(copy).incident.title == "rescued"


async def test_a_slow_typists_d_r_reloads_theirs_and_keeps_mine_beside(pet_clinic):
    """(c) One key every 0.6 s: `d`, then `r` answered "reload theirs", and the event typed
    was gone, with no undo. It is kept beside the file, and the notice says where."""
    app, clock = question_app(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await changed_on_disk(app, pilot, pet_clinic)
        await keys_at_a_pace(pilot, clock, "dr", 0.6)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # the `r` answered
        assert "yours is kept as pet-clinic-dojo.mine-20261120-140000.toml" in said(app)
    assert files_holding(pet_clinic.parent, EVENT) == ["pet-clinic-dojo.mine-20261120-140000.toml"]
    assert EXTERNAL in pet_clinic.read_text(encoding="utf-8")


async def test_a_slow_typists_db_to_overwrites_and_keeps_theirs_beside(pet_clinic):
    """(c) `db to` at 0.6 s a key: its `o` wrote mine over theirs, and `# ext` was lost."""
    app, clock = question_app(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await changed_on_disk(app, pilot, pet_clinic)
        await keys_at_a_pace(pilot, clock, ["d", "b", "space", "t", "o"], 0.6)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # the `o` answered
        assert "theirs is kept as pet-clinic-dojo.replaced-20261120-140000.toml" in said(app)
    assert EVENT in pet_clinic.read_text(encoding="utf-8")
    assert files_holding(pet_clinic.parent, EXTERNAL) == [
        "pet-clinic-dojo.replaced-20261120-140000.toml"
    ]


async def test_a_slow_typists_a_d_on_recovered_edits_puts_them_away(pet_clinic):
    """(c) `a`, `d` at 0.6 s a key on the recovery question: discarded, deleted."""
    copy = rescued_copy(pet_clinic, "rescued")
    app, clock = question_app(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await keys_at_a_pace(pilot, clock, "ad", 0.6)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # the `d` answered
    [put_away] = (copy.parent / "discarded").iterdir()
    assert f"they are kept in {put_away}" in said(app)
    assert store.load(put_away).incident.title == "rescued"
    assert not copy.exists()  # never offered again
