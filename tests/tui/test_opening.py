"""`pmtui FILE`: a small review is the first frame, a large one comes after an "Opening"
frame; either way nothing typed before it is on screen is lost."""

import asyncio
import gc
import re
import threading
import tomllib
from pathlib import Path

import pytest
from helpers import NOW, SIZE, app_on, rescued_copy, screen_text, settle, until, write
from replaying import replay_app
from textual import events
from textual.dom import DOMNode

from pmtui.files import locations, parse_cache, recovery, store
from pmtui.tui import app as app_module
from pmtui.tui.app import PmtuiApp, make_app
from pmtui.tui.dialogs.save_as import SaveAsDialog
from pmtui.tui.loading import opens_at_once
from pmtui.tui.meeting.type_ahead import Grace
from pmtui.tui.screens.meeting import MeetingScreen
from pmtui.tui.screens.opening import OpeningScreen, header_line


@pytest.fixture(autouse=True)
def no_dialog_grace(monkeypatch):
    """Dialogs take keys as soon as they are drawn (the grace has tests of its own)."""
    monkeypatch.setattr(PmtuiApp, "dialog_grace", Grace(0.0))


SOURCE = Path(app_module.__file__).parents[1]
"""pmtui's own modules and style sheets."""


def as_the_command_starts_it(path):
    return make_app(path, clock=lambda: NOW, autosave_delay=60.0, as_command=True)


@pytest.fixture(params=["read at once", "read after a first frame"])
def opening_app(request, monkeypatch):
    """The app as the `pmtui FILE` command starts it: on a small review read before the
    first frame, and as on a large one (`opens_at_once`), read after an "Opening" frame."""
    if request.param == "read after a first frame":
        monkeypatch.setattr(app_module, "opens_at_once", lambda path: False)
    return as_the_command_starts_it


@pytest.fixture
def framed_app(monkeypatch):
    """The app as the `pmtui FILE` command starts it on a large review: the review is read
    in a thread once an "Opening" frame is on screen."""
    monkeypatch.setattr(app_module, "opens_at_once", lambda path: False)
    return as_the_command_starts_it


def typed(text: str) -> list[events.Key]:
    return [events.Key("space" if c == " " else c, c) for c in text]


async def test_the_first_frame_names_the_review_before_it_is_loaded(pet_clinic, framed_app):
    first_frames = []

    def hook(message):
        if isinstance(message, events.Ready):
            first_frames.append((app.screen, app.session, screen_text(app)))

    app = framed_app(pet_clinic)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.review.incident.id == "DOJO-PIP-1"

    [(screen, session, text)] = first_frames
    assert isinstance(screen, OpeningScreen) and session is None
    assert "DOJO-PIP-1" in text and "Pet Clinic offline after a major upgrade" in text
    assert "Opening pet-clinic-dojo.toml" in text


async def test_keys_typed_while_the_review_opens_reach_it_in_order(pet_clinic, opening_app):
    """Keys that arrive before the review is loaded wait, then go to the meeting screen:
    ctrl+n opens the timeline's entry line, the text goes into it, enter adds the event."""
    waiting = []

    def hook(message):
        if isinstance(message, events.Mount) and message._sender is app.screen and not waiting:
            keys = [events.Key("ctrl+n", None), *typed("db down"), events.Key("enter", "\r")]
            for key in keys:
                app.post_message(key)
            waiting.append(keys)
        if isinstance(message, events.Ready):
            waiting.append(app.type_ahead.held)

    app = opening_app(pet_clinic)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    keys, held_back = waiting
    assert held_back == len(keys)  # all of them came before the review was there
    last = tomllib.loads(pet_clinic.read_text())["timeline"][-1]
    assert last["text"] == "db down"


async def test_an_enter_typed_before_pmtui_had_the_terminal_adds_the_event(pet_clinic):
    """In its first tens of milliseconds the terminal is still in line mode and sends Enter
    as ctrl+j: the entry line takes it as Enter (the event was lost)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        for key in [events.Key("ctrl+n", None), *typed("db down"), events.Key("ctrl+j", "\n")]:
            app.post_message(key)
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert tomllib.loads(pet_clinic.read_text())["timeline"][-1]["text"] == "db down"


async def test_keys_that_come_while_the_review_loads_reach_it_in_order(
    pet_clinic, monkeypatch, framed_app
):
    """Keys the terminal sends while the review is being loaded wait in the app's queue;
    they too must go to the meeting screen one by one, not in a burst to the table."""
    load = PmtuiApp.read_review

    def load_while_typing(self, path):
        for key in [events.Key("ctrl+n", None), *typed("while loading"), events.Key("enter", "\r")]:
            app.post_message(key)
        return load(self, path)

    monkeypatch.setattr(PmtuiApp, "read_review", load_while_typing)
    app = framed_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    texts = [event["text"] for event in tomllib.loads(pet_clinic.read_text())["timeline"]]
    assert texts[-1] == "while loading"
    assert len(texts) == 11  # the sample's ten, and nothing deleted by a stray `d`


async def test_a_bad_file_read_after_a_first_frame_ends_the_app_with_its_one_line(
    tmp_path, framed_app
):
    bad = tmp_path / "bad.toml"
    bad.write_text('[incident]\ntitle = "unclosed\n')
    app = framed_app(bad)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.problem.startswith(f"{bad}:2:")
    assert "\n" not in app.problem
    assert bad.read_text() == '[incident]\ntitle = "unclosed\n'


def test_a_bad_file_read_at_once_says_its_one_line_before_any_screen(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[incident]\ntitle = "unclosed\n')
    with pytest.raises(store.ReviewFileError) as raised:
        as_the_command_starts_it(bad)
    assert str(raised.value).startswith(f"{bad}:2:") and "\n" not in str(raised.value)
    assert bad.read_text() == '[incident]\ntitle = "unclosed\n'


async def test_a_small_review_is_the_first_frame(pet_clinic):
    """Read before the first frame, the sample's meeting screen is that frame: no
    "Opening" frame comes before it."""
    first_frames = []

    def hook(message):
        if isinstance(message, events.Ready):
            first_frames.append((app.screen, screen_text(app)))

    app = as_the_command_starts_it(pet_clinic)
    assert app.session.review.incident.id == "DOJO-PIP-1"
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(app, pilot)

    [(screen, text)] = first_frames
    assert isinstance(screen, MeetingScreen)
    assert "Chun" in text and "Opening" not in text


async def test_a_large_review_read_the_first_time_keeps_its_parse_once_it_is_on_screen(
    tmp_path, pet_clinic
):
    """The parse that makes the next opening quick is written after the meeting screen is
    up, not before it: the room waits for the screen, not for the cache."""
    large = tmp_path / "large.toml"
    large.write_text(pet_clinic.read_text() + ("#" * 99 + "\n") * (parse_cache.MIN_SIZE // 100))
    entries = locations.state_dir() / "cache"
    on_screen = []

    def hook(message):
        if isinstance(message, events.Mount) and isinstance(message._sender, MeetingScreen):
            on_screen.append(sorted(entries.glob("*.pickle")))

    app = as_the_command_starts_it(large)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(app, pilot)

        def kept() -> bool:
            """the parse is kept"""
            return len(list(entries.glob("*.pickle"))) == 1

        await until(pilot, kept)
    assert on_screen == [[]]


def test_only_a_large_regular_file_is_read_after_a_first_frame(tmp_path, pet_clinic):
    """A large review gets the "Opening" frame; anything else is read, or refused with
    its one line, before any screen: a FIFO without being read (which would block)."""
    import os

    large = tmp_path / "large.toml"
    padding = "#" * 99 + "\n"
    large.write_text(pet_clinic.read_text() + padding * (parse_cache.MIN_SIZE // 100))
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    too_long = tmp_path / ("x" * 300 + ".toml")
    assert not opens_at_once(large)
    assert as_the_command_starts_it(large).session is None  # read after a first frame
    assert as_the_command_starts_it(pet_clinic).session is not None
    assert as_the_command_starts_it(tmp_path / "new.toml").session is not None
    for path, why in [
        (fifo, "not a regular file (a pipe or a device)"),
        (tmp_path, "is a folder, not a review file"),
        (too_long, "cannot read (file name too long)"),
    ]:
        assert opens_at_once(path)
        with pytest.raises(store.ReviewFileError, match=re.escape(why)):
            as_the_command_starts_it(path)


async def test_a_path_that_cannot_be_looked_at_ends_the_opening_with_its_one_line(
    tmp_path, framed_app
):
    """Read after a first frame, a path whose name is too long to look at crashed the
    app (the check for a missing file raised)."""
    path = tmp_path / ("x" * 300 + ".toml")
    app = framed_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.problem == f"{path}: cannot read (file name too long)"


async def test_a_missing_file_opens_a_new_review_written_at_the_first_edit(tmp_path, opening_app):
    path = tmp_path / "new.toml"
    app = opening_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "new file, not yet written" in screen_text(app)
    assert not path.exists()


PYPROJECT = '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n'


def test_a_file_that_is_no_review_read_at_once_is_refused_before_any_screen(tmp_path):
    """`pmtui pyproject.toml` opened an empty review, whose first edit wrote one into it."""
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT)
    with pytest.raises(store.ReviewFileError) as raised:
        as_the_command_starts_it(path)
    assert str(raised.value) == f"{path}: not a review (no [incident], no schema_version)"
    assert path.read_text() == PYPROJECT


async def test_a_file_that_is_no_review_read_after_a_first_frame_ends_the_app(tmp_path, framed_app):
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT)
    app = framed_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.problem == f"{path}: not a review (no [incident], no schema_version)"
    assert path.read_text() == PYPROJECT


@pytest.mark.parametrize("text", ["", "\n  \n", "# the review of Tuesday's outage\n"])
async def test_an_empty_file_opens_a_new_review_written_over_it_at_the_first_edit(
    tmp_path, opening_app, text
):
    """`touch r.toml; pmtui r.toml` starts a review there, as a missing file does."""
    path = tmp_path / "r.toml"
    path.write_text(text)
    app = opening_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "new file, not yet written" in screen_text(app)
        assert path.read_text() == text
        await write(pilot, "ctrl+n", "db down", "enter", "escape")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "✓ saved" in screen_text(app)
        assert not app.told
    written = path.read_text()
    assert written.startswith("schema_version = 1\n") and text.strip() in written
    review = store.load(path)
    assert store.is_a_review(review) and review.timeline[-1].text == "db down"
    assert [item.title for item in review.meeting.agenda][-1] == "Wrap-up"  # the template's


async def test_an_empty_file_written_by_someone_else_meanwhile_is_not_written_over(tmp_path):
    path = tmp_path / "r.toml"
    path.touch()
    app = as_the_command_starts_it(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        path.write_text("[incident]\ntitle = 'theirs'\n")
        await write(pilot, "ctrl+n", "db down", "enter", "escape")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "changed on disk" in app.screen.message
    assert path.read_text() == "[incident]\ntitle = 'theirs'\n"


def test_the_opening_header_shows_user_text_literally(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text('[incident]\nid = "[b]X[/b]"\ntitle = "a \\u001b[31m red"\nseverity = "SEV2"\n')
    line = header_line(path).plain
    assert line.startswith("[b]X[/b]  a ")
    assert "\x1b" not in line and "SEV2" in line and "odd.toml" in line
    assert header_line(tmp_path / "none.toml").plain.strip() == "none.toml"


async def test_the_cycle_collector_the_command_turns_off_is_back_on_once_the_review_is_up(
    pet_clinic, opening_app
):
    gc.disable()  # as `pmtui FILE` starts
    try:
        app = opening_app(pet_clinic)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, MeetingScreen)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects are left out of collections
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.parametrize("rebuild_pause", [0.0, 0.3], ids=["rebuilt at once", "rebuilt slowly"])
async def test_keys_typed_ahead_never_answer_the_recovered_edits_question(
    pet_clinic, opening_app, monkeypatch, rebuild_pause
):
    """`d` would discard the edits a crash left: typed before the question was on screen,
    it waits until the question is answered, then goes to the review: typed before the
    table was drawn, it is a word on the entry line, not the table's delete. Restoring
    rebuilds the screen: the `d` waits for that too (on a loaded machine it was given back
    while the panes were being replaced, and lost)."""
    rebuild = MeetingScreen.rebuild

    async def slow_rebuild(screen):
        await asyncio.sleep(rebuild_pause)
        await rebuild(screen)

    monkeypatch.setattr(MeetingScreen, "rebuild", slow_rebuild)
    rescued_copy(pet_clinic, "rescued")
    sent = []

    def hook(message):
        if isinstance(message, events.Mount) and message._sender is app.screen and not sent:
            sent.append(app.post_message(events.Key("d", "d")))  # delete asks, on the timeline

    app = opening_app(pet_clinic)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        # not settle(): the held `d` is a worker waiting for the answer
        await until(pilot, lambda: "Recovered edits" in screen_text(app))
        await pilot.pause(0.2)
        assert "Recovered edits" in screen_text(app)  # still asked
        assert recovery.all_pending(pet_clinic)
        await pilot.press("r")  # restore: the answer typed once the question was seen
        await settle(app, pilot)
        assert app.session.review.incident.title == "rescued"
        assert isinstance(app.screen, MeetingScreen)
        assert not app.type_ahead.holding
        assert app.screen.query_one("#timeline-entry").value == "d"  # it reached the timeline
        assert not any("Delete" in told for told in app.told)
    assert sent == [True]
    assert recovery.all_pending(pet_clinic) == []


async def test_keys_typed_on_as_the_recovered_edits_question_comes_keep_their_order(
    pet_clinic, opening_app
):
    """Typed without looking up: keys before the question was drawn wait for its answer;
    those typed while it is still deaf (its grace) went into the entry line ahead of them,
    so the sentence came out scrambled. They now wait behind the first ones."""
    rescued_copy(pet_clinic, "rescued")
    now = [100.0]
    app = opening_app(pet_clinic)
    app.dialog_grace = Grace(0.5, clock=lambda: now[0])  # deaf until the test moves time
    keys = [events.Key("ctrl+n", None), *typed("db ")]
    async with app.run_test(size=SIZE, message_hook=keys_at_opening(app, keys)) as pilot:
        await until(pilot, lambda: "Recovered edits" in screen_text(app))
        await pilot.press(*"failover")  # the question is on screen, still deaf
        await pilot.pause(0.1)
        now[0] += 1.0  # the typing stops; the question takes the keys
        await pilot.press("d")  # discard
        await until(pilot, lambda: not app.type_ahead.holding)
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one("#timeline-entry").value == "db failover"
    assert recovery.all_pending(pet_clinic) == []


def keys_at_opening(app, keys: list[events.Key]):
    """A message hook that sends `keys` as the opening screen mounts (before the review)."""
    sent = []

    def hook(message):
        if isinstance(message, events.Mount) and message._sender is app.screen and not sent:
            sent.extend(app.post_message(key) for key in keys)

    return hook


async def test_a_dialog_a_held_key_opens_takes_the_keys_typed_for_it(pet_clinic, opening_app):
    timeline = tomllib.loads(pet_clinic.read_text())["timeline"]
    app = opening_app(pet_clinic)
    decision = [events.Key("f9", None), *typed("use blue green"), events.Key("enter", "\r")]
    async with app.run_test(size=SIZE, message_hook=keys_at_opening(app, decision)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
    saved = tomllib.loads(pet_clinic.read_text())
    assert saved["meeting"]["decisions"][-1] == "use blue green"
    without_ids = [{k: v for k, v in event.items() if k != "id"} for event in saved["timeline"]]
    assert without_ids == timeline  # no letter of it taken as a command on the table


async def test_ctrl_q_typed_after_an_event_quits_after_adding_it(pet_clinic, opening_app):
    app = opening_app(pet_clinic)
    keys = [events.Key("ctrl+n", None), *typed("database down"), events.Key("enter", "\r")]
    keys.append(events.Key("ctrl+q", None))
    async with app.run_test(size=SIZE, message_hook=keys_at_opening(app, keys)) as pilot:
        await until(pilot, lambda: not app.is_running)
        assert not app.is_running
    assert tomllib.loads(pet_clinic.read_text())["timeline"][-1]["text"] == "database down"


@pytest.fixture
def never_loads(monkeypatch):
    """Reading the review blocks (a FIFO, a hung network drive) until the test ends."""
    never = threading.Event()

    def read_forever(self, path):
        never.wait(30)
        raise store.ReviewFileError(f"{path}: gone")

    monkeypatch.setattr(PmtuiApp, "read_review", read_forever)
    yield
    never.set()  # the reading thread ends; with the app gone, it hands nothing over


async def test_ctrl_q_quits_while_a_file_never_finishes_loading(
    pet_clinic, never_loads, framed_app
):
    """The review is read in a thread, so the app still answers, and ctrl+q ends it."""
    app = framed_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert isinstance(app.screen, OpeningScreen)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0 and app.problem is None


async def test_ctrl_q_pressed_twice_quits_while_typed_keys_wait_for_a_load_that_never_ends(
    pet_clinic, never_loads, framed_app
):
    app = framed_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "ctrl+q")
        assert app.is_running  # the first waits behind the x
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)


async def test_held_keys_wait_while_a_save_that_failed_asks_where_to_save(pet_clinic, opening_app):
    """Restoring recovered edits saves at once; when that fails, pmtui asks for another
    file. The held keys are not typed into that question: they wait for its answer."""
    rescued_copy(pet_clinic, "rescued")
    pet_clinic.chmod(0o444)
    app = opening_app(pet_clinic)
    keys = [events.Key("ctrl+n", None), *typed("db down"), events.Key("enter", "\r")]
    try:
        async with app.run_test(size=SIZE, message_hook=keys_at_opening(app, keys)) as pilot:
            await until(pilot, lambda: "Recovered edits" in screen_text(app))
            await until(pilot, lambda: app.screen.focused is not None)  # it takes keys
            await pilot.press("r")  # restore; the save fails: read-only
            await until(pilot, lambda: isinstance(app.screen, SaveAsDialog))
            await pilot.pause(0.2)
            assert app.type_ahead.held == len(keys)  # none went into the question
            await pilot.press("escape")  # not now
            await until(pilot, lambda: not app.type_ahead.holding)
            await settle(app, pilot)
            assert app.session.path == pet_clinic  # nothing was saved as "db down"
            assert app.session.review.timeline[-1].text == "db down"
    finally:
        pet_clinic.chmod(0o644)


async def test_an_unwritable_settings_folder_is_said_and_the_review_opens(
    tmp_path, pet_clinic, opening_app
):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the settings folder would go")
    gc.disable()  # as `pmtui FILE` starts
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("PMTUI_CONFIG_DIR", str(blocker / "config"))
            app = opening_app(pet_clinic)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app, pilot)
                assert isinstance(app.screen, MeetingScreen)
                assert gc.isenabled()
                notes = app.told
                assert any(note.startswith("Settings not saved:") for note in notes)
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_items_get_their_ids_as_read_once_drawn_before_a_held_key_edits(
    pet_clinic, monkeypatch, opening_app
):
    """`pmtui FILE` draws the review before giving its items their ids (`item_ids`), and
    gives them before any key held meanwhile reaches it: the ids are those of the items as
    read, as a clone opening the same file gives them."""
    from pmtui.document.item_ids import with_ids
    from pmtui.files.session import ReviewSession

    as_read = [event.id for event in with_ids(store.load(pet_clinic)).timeline]
    when_given = []
    give = ReviewSession.give_opening_ids

    def noting(session):
        if session.ids_pending:
            when_given.append((type(app.screen), app.type_ahead.held))
        give(session)

    monkeypatch.setattr(ReviewSession, "give_opening_ids", noting)

    def hook(message):
        if isinstance(message, events.Mount) and message._sender is app.screen and not keys:
            keys.extend([events.Key("ctrl+n", None), *typed("db down"), events.Key("enter", "\r")])
            for key in keys:
                app.post_message(key)

    keys = []
    app = opening_app(pet_clinic)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    assert when_given == [(MeetingScreen, len(keys))]  # on screen, every key still held
    saved = tomllib.loads(pet_clinic.read_text())["timeline"]
    assert [event["id"] for event in saved[:-1]] == as_read
    assert saved[-1]["text"] == "db down" and saved[-1]["id"] not in as_read


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
@pytest.mark.parametrize("command", ["pmtui FILE", "pmtui replay"])
async def test_the_meeting_screen_is_styled_once_on_its_way_to_the_first_frame(
    pet_clinic, tmp_path, monkeypatch, command, size
):
    """Each widget is styled as it mounts. The whole screen styled again as it came up
    (Textual's restyle of a screen coming on top, a class the screen took as it mounted: the
    replay bar's, a short or narrow terminal's) cost the first frame about 15 ms each."""
    whole = []

    def restyled(screen, animate: bool = True) -> None:
        whole.append(screen)
        DOMNode.update_node_styles(screen, animate)

    monkeypatch.setattr(MeetingScreen, "update_node_styles", restyled)
    if command == "pmtui replay":
        app = replay_app(tmp_path / "replayed.toml", as_command=True)
    else:
        app = as_the_command_starts_it(pet_clinic)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(app, pilot)
        assert whole == []


def test_no_style_of_pmtui_s_depends_on_a_widget_s_place_among_its_siblings():
    """Textual styles each widget a rule such as `Tab:first-of-type` could match once more
    after it mounts: the six tabs' `:first-of-type` cost the first frame six restyles."""
    by_place = re.compile(r":(first-of-type|last-of-type|first-child|last-child|odd|even|empty)\b")
    sources = [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.tcss")]
    assert sources
    assert [str(p) for p in sources if by_place.search(p.read_text(encoding="utf-8"))] == []
