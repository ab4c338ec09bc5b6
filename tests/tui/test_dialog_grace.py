"""A dialog the scribe did not open never takes the keys of the sentence being typed: for
a moment after it is on screen, they go on into the field, and no choice is made."""

from helpers import SIZE, app_on, burst, screen_text, settle, until, write
from textual import events
from textual.app import ComposeResult
from textual.widgets import OptionList

from pmtui.files import store
from pmtui.tui.dialogs.choice import ChoiceDialog
from pmtui.tui.dialogs.save_as import SaveAsDialog
from pmtui.tui.meeting.safekeeping import CONFLICT_CHOICES
from pmtui.tui.meeting.type_ahead import Grace, Unasked
from pmtui.tui.screens.meeting import MeetingScreen


class Clock:
    """A monotonic clock that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def grace_app(path):
    app = app_on(path)
    app.dialog_grace = Grace(0.5, clock=(clock := Clock()))
    return app, clock


async def type_keys(pilot, text: str, clock: Clock | None = None, pace: float = 0.0) -> None:
    """Key by key, as a person types (each a real key press), `pace` seconds apart."""
    for c in text:
        if clock is not None:
            clock.now += pace
        await pilot.press("space" if c == " " else c)


async def typing_when_the_dialog_comes(app, pilot, kind, clock: Clock):
    await write(pilot, "ctrl+n", "earlier", "enter")  # an edit, so there is something to save
    await type_keys(pilot, "the db ")  # mid-sentence on the entry line
    app.saving.autosave()  # the autosave finds the file changed (or unwritable): a dialog comes up
    await settle(app, pilot)
    assert isinstance(app.screen, kind)
    # r: reload theirs, o: overwrite, c: keep a copy. Typed on without looking up, each
    # within the grace of the one before, though the dialog is up longer than the grace.
    await type_keys(pilot, "rocks", clock, pace=0.3)
    await pilot.press("backspace", "backspace", "enter")


async def test_a_conflict_that_comes_up_mid_sentence_takes_none_of_its_letters(pet_clinic):
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        someone_else_saves(pet_clinic)
        await typing_when_the_dialog_comes(app, pilot, ChoiceDialog, clock)
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)  # no choice was made
        assert app.session.path == pet_clinic and app.session.dirty
        assert app.session.review.incident.title != "theirs"  # not reloaded
        assert store.load(pet_clinic).incident.title == "theirs"  # not overwritten
        texts = [event.text for event in app.session.review.timeline]
        assert texts[-2:] == ["earlier", "the db roc"]  # the sentence went on into the line

        clock.now += 0.5  # typing paused for the grace: now the letters answer
        await pilot.press("c")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        copy = app.session.path
    assert copy.name == "pet-clinic-dojo.mine-20261120-140000.toml"
    assert store.load(copy).timeline[-1].text == "the db roc"


async def conflict_on_the_entry_line(app, pilot, path) -> None:
    """Someone else saves the file; an event added here on the entry line, which keeps the
    focus, autosaved: the question is up over the line."""
    someone_else_saves(path)
    await write(pilot, "ctrl+n", "earlier", "enter")
    app.saving.autosave()
    await settle(app, pilot)


async def test_typing_taken_up_after_the_grace_is_typing_still(pet_clinic):
    """The question has been up a while, unseen; the scribe goes on with the next event.
    Its characters are no answers (`r` of "restored" would reload theirs): they go on into
    the line, and the question is deaf again."""
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict_on_the_entry_line(app, pilot, pet_clinic)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        clock.now += 0.5  # the grace is over: the list has the focus
        await pilot.pause()
        await type_keys(pilot, "db restored", clock, pace=0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog  # no choice was made
        assert app.session.review.incident.title != "theirs"  # not reloaded
        assert store.load(pet_clinic).incident.title == "theirs"  # not overwritten
        assert [e.text for e in app.session.review.timeline][-2:] == ["earlier", "db restored"]


async def test_a_choice_typed_on_its_own_after_the_grace_answers(pet_clinic):
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await conflict_on_the_entry_line(app, pilot, pet_clinic)
        clock.now += 0.5
        await pilot.pause()
        await pilot.press("c")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.session.path.name == "pet-clinic-dojo.mine-20261120-140000.toml"


async def test_a_word_begun_with_a_choice_after_a_pause_is_typing_not_an_answer(pet_clinic):
    """The question came up while the scribe looked at the room; the next event's first
    letter reloaded theirs (dropping the meeting's edits), and the line lost it."""
    app, clock = grace_app(pet_clinic)
    app.word_wait = 3.0  # so the test's next step comes first, even on a loaded machine
    async with app.run_test(size=SIZE) as pilot:
        await conflict_on_the_entry_line(app, pilot, pet_clinic)
        dialog = app.screen
        clock.now += 5  # a long pause: the grace is long over
        await pilot.pause()
        await burst(pilot, "restored", "enter")  # each key well within the word wait
        await settle(app, pilot)
        assert app.screen is dialog  # no choice was made
        assert app.session.review.incident.title != "theirs"  # not reloaded
        assert [e.text for e in app.session.review.timeline][-2:] == ["earlier", "restored"]


async def test_a_choice_with_nothing_after_it_answers_once_the_moment_has_passed(pet_clinic):
    app, clock = grace_app(pet_clinic)
    app.word_wait = 3.0  # so the test's next step comes first, even on a loaded machine
    async with app.run_test(size=SIZE) as pilot:
        await conflict_on_the_entry_line(app, pilot, pet_clinic)
        clock.now += 0.5
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, ChoiceDialog)  # waiting a moment for a word

        def reloaded() -> bool:
            """the reload answered and theirs is on screen"""
            return "theirs" in screen_text(app).splitlines()[0]

        await until(pilot, reloaded)
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)


async def test_save_as_after_a_failed_write_takes_no_typed_path(pet_clinic):
    pet_clinic.chmod(0o444)
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await typing_when_the_dialog_comes(app, pilot, SaveAsDialog, clock)
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        assert dialog.query_one("#save-as-path").value == str(dialog.suggestion)
        assert app.focused is None  # nothing in it has the focus yet
        assert app.session.review.timeline[-1].text == "the db roc"

        clock.now += 0.5
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SaveAsDialog)
        assert app.session.path == pet_clinic and app.session.dirty


async def question_over_the_entry_line(app, pilot) -> ChoiceDialog:
    """The entry line open (ctrl+n), and a question that comes up on its own over it."""
    await write(pilot, "ctrl+n")
    dialog = ChoiceDialog("Changed on disk", "a question", CONFLICT_CHOICES, app.dialog_grace)
    app.push_screen(dialog)
    return dialog


async def test_keys_before_the_dialog_is_drawn_never_answer_it(pet_clinic):
    """Sent in the same breath as the dialog, before its first frame: even with no grace
    at all, the key is not an answer."""
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.0)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await question_over_the_entry_line(app, pilot)
        app.post_message(events.Key("o", "o"))  # overwrite, were it an answer
        await settle(app, pilot)
        assert app.screen is dialog
        assert app.screen_stack[-2].query_one("EntryLine").value == "o"


async def test_held_keys_given_back_onto_a_deaf_question_go_into_the_line_once(pet_clinic):
    """Keys held (typed ahead of a dialog the scribe opened) are given back while a
    question that came up on its own is still deaf: they go on into the line below. They
    were held again behind each other and given back for ever."""
    app, _clock = grace_app(pet_clinic)  # the clock never moves: the question stays deaf
    async with app.run_test(size=SIZE) as pilot:
        dialog = await question_over_the_entry_line(app, pilot)
        await settle(app, pilot)
        for key in "db":
            app.type_ahead.keep(events.Key(key, key))
        app.give_back_typed()
        await until(pilot, lambda: not app.type_ahead.holding)
        assert app.type_ahead.held == 0
        assert app.screen is dialog
        assert app.screen_stack[-2].query_one("EntryLine").value == "db"


async def test_a_dialog_the_scribe_opens_takes_keys_at_once(pet_clinic):
    app, _clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        assert isinstance(app.screen, SaveAsDialog)
        assert app.focused is app.screen.query_one("#save-as-path")


def someone_else_saves(path) -> None:
    review = store.load(path)
    review.incident.title = "theirs"
    store.save(review, path)


async def conflict_over_mine(app, pilot, path) -> None:
    """Someone else saves the file; an event added here, autosaved: the question is up."""
    someone_else_saves(path)
    await write(pilot, "ctrl+n", "mine", "enter", "escape")
    app.saving.autosave()
    await settle(app, pilot)


async def test_enter_on_a_conflict_loses_nothing(pet_clinic):
    """Enter (which also steps a replay) takes the first answer: keep mine as a copy."""
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.0)
    async with app.run_test(size=SIZE) as pilot:
        await conflict_over_mine(app, pilot, pet_clinic)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session.path.name == "pet-clinic-dojo.mine-20261120-140000.toml"
    assert store.load(pet_clinic).incident.title == "theirs"
    assert store.load(app.session.path).timeline[-1].text == "mine"


class Listening(Unasked):
    """A new dialog that handles keys and pastes itself, with no hold check of its own."""

    def __init__(self, grace: Grace) -> None:
        super().__init__(grace)
        self.heard: list[str] = []

    def compose(self) -> ComposeResult:
        yield OptionList("an answer")

    def on_mount(self) -> None:
        self.take_keys_after_grace(self.query_one(OptionList))

    def on_key(self, event: events.Key) -> None:
        self.heard.append(event.key)

    def on_paste(self, event: events.Paste) -> None:
        self.heard.append(event.text)


async def test_a_new_dialog_with_its_own_key_handler_is_held_all_the_same(pet_clinic):
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n")
        dialog = Listening(app.dialog_grace)
        app.push_screen(dialog)
        await settle(app, pilot)
        await type_keys(pilot, "ok", clock, pace=0.3)
        app.post_message(events.Paste(" then"))
        await settle(app, pilot)
        assert dialog.heard == []  # neither the keys nor the paste reached its handlers
        assert app.screen_stack[-2].query_one("EntryLine").value == "ok then"

        clock.now += 0.5
        await pilot.press("x")
        await settle(app, pilot)
        assert dialog.heard == ["x"]  # after the grace, its own handler answers


async def test_keys_typed_on_after_the_answer_answer_nothing_more(pet_clinic):
    """`ocr` in one burst: o overwrites, and c and r neither answer again nor close the
    review below (a second dismiss popped the meeting screen too, or crashed)."""
    app = app_on(pet_clinic)
    app.dialog_grace = Grace(0.0)
    async with app.run_test(size=SIZE) as pilot:
        await conflict_over_mine(app, pilot, pet_clinic)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        for key in "ocr":
            dialog.post_message(events.Key(key, key))
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path == pet_clinic
    assert store.load(pet_clinic).timeline[-1].text == "mine"
    assert store.load(pet_clinic).incident.title != "theirs"


async def test_reloading_theirs_keeps_the_line_being_typed(pet_clinic):
    """Reload drops unsaved edits to the document; the words typed on the entry line while
    the question was up are not part of it, and stay where they were typed."""
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        someone_else_saves(pet_clinic)
        await typing_when_the_dialog_comes(app, pilot, ChoiceDialog, clock)
        await type_keys(pilot, "half a line", clock, pace=0.1)
        clock.now += 0.5
        await pilot.press("r")
        await settle(app, pilot)
        line = app.screen.query_one("EntryLine")
        assert app.session.review.incident.title == "theirs"
        assert line.value == "half a line" and app.focused is line
        await type_keys(pilot, " more")
        assert line.value == "half a line more"


async def test_a_conflict_that_comes_up_while_typing_on_the_timeline_table_keeps_the_words(
    pet_clinic,
):
    """On the table (a review with events opens there), the words typed during the grace
    go on the entry line, as typed on the table they would; they used to be dropped."""
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "earlier", "enter", "escape")  # an edit; back on the table
        assert app.focused.id == "timeline-table"
        someone_else_saves(pet_clinic)
        app.saving.autosave()
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await type_keys(pilot, "rollback done", clock, pace=0.3)
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)  # no choice was made
        assert app.screen_stack[0].query_one("#timeline-entry").value == "rollback done"


async def test_a_joiner_typed_under_a_deaf_question_goes_into_the_line(pet_clinic):
    app, _ = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await question_over_the_entry_line(app, pilot)
        await settle(app, pilot)
        for character in "👩\u200d💻":
            app.post_message(events.Key(character, character))
        await settle(app, pilot)
        assert app.screen_stack[-2].query_one("EntryLine").value == "👩\u200d💻"


async def test_tab_typed_in_a_form_while_a_question_is_deaf_goes_on_to_the_next_field(
    pet_clinic,
):
    """Tab was neither a character nor an editing key: dropped, so the owner typed next ran
    on into the title ("Fix the pool alarmsAdam")."""
    app, _clock = grace_app(pet_clinic)  # the clock never moves: the question stays deaf
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ctrl+n", "earlier", "enter", "escape")  # an edit to save
        await app.screen.show_tab("actions")
        await settle(app, pilot)
        app.screen.set_focus(app.screen.query_one("#actions-table"))
        await pilot.press("n")
        await type_keys(pilot, "Fix the pool")
        someone_else_saves(pet_clinic)
        app.saving.autosave()  # the file changed on disk: a question comes up over the form
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await type_keys(pilot, " alarms")
        await pilot.press("tab")
        await type_keys(pilot, "Adam")
        form = app.screen_stack[-2]
        assert form.query_one("#field-title").value == "Fix the pool alarms"
        assert form.query_one("#field-owner").value == "Adam"


async def save_as_on_its_own(app, pilot, path) -> SaveAsDialog:
    """The review's file refuses writes; an event added on the entry line, autosaved: save
    as comes up on its own over the line."""
    path.chmod(0o444)
    await write(pilot, "ctrl+n", "earlier", "enter")
    app.saving.autosave()
    await settle(app, pilot)
    assert isinstance(app.screen, SaveAsDialog)
    return app.screen


async def test_a_note_typed_after_a_pause_under_save_as_is_no_file_name(pet_clinic):
    """Save as came up on its own while the scribe looked at the room; the next note, typed
    without looking up, became the file name (`~/pet-clinic-dojo.toml13:50 db restored`),
    the review went on in that file, and the note never reached it."""
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await save_as_on_its_own(app, pilot, pet_clinic)
        clock.now += 5  # a long pause: the grace is long over
        await pilot.pause()
        await type_keys(pilot, "13:50 db restored")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog  # nothing saved under a typed name
        assert dialog.query_one("#save-as-path").value == str(dialog.suggestion)
        assert app.session.path == pet_clinic
        assert "db restored" in [event.text for event in app.session.review.timeline]

        clock.now += 0.5  # typing paused: Enter saves under the name shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveAsDialog)
    assert app.session.path == dialog.suggestion
    assert "db restored" in [event.text for event in store.load(dialog.suggestion).timeline]


async def test_e_on_its_own_under_save_as_edits_the_name(pet_clinic):
    app, clock = grace_app(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await save_as_on_its_own(app, pilot, pet_clinic)
        clock.now += 0.5
        await pilot.press("e")
        await pilot.pause()
        field = dialog.query_one("#save-as-path")
        assert app.focused is field
        field.value = ""
        await type_keys(pilot, "kept.toml")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveAsDialog)
    kept = pet_clinic.parent / "kept.toml"
    assert app.session.path == kept
    assert store.load(kept).timeline[-1].text == "earlier"


async def test_a_word_begun_with_e_under_save_as_is_typing(pet_clinic):
    app, clock = grace_app(pet_clinic)
    app.word_wait = 3.0  # so the test's next step comes first, even on a loaded machine
    async with app.run_test(size=SIZE) as pilot:
        dialog = await save_as_on_its_own(app, pilot, pet_clinic)
        clock.now += 5
        await pilot.pause()
        await burst(pilot, "everything back", "enter")
        await settle(app, pilot)
        assert app.screen is dialog and app.focused is None
        assert [e.text for e in app.session.review.timeline][-2:] == ["earlier", "everything back"]
