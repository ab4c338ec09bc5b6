"""Import chat dialog: paste or a file, pick lines in the preview, map speakers, import."""

import datetime as dt
import os
import re
import threading
import time
import tomllib
from pathlib import Path

from helpers import SIZE, app_on, said, screen_text, settle, write
from textual import events

from pmtui.tui.dialogs.import_chat import ImportChatDialog
from pmtui.tui.screens.meeting import MeetingScreen

CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "chat"


def kept_marks(app) -> str:
    table = app.screen.query_one("#chat-lines")
    return "".join(str(table.cells(row)[0]) for row in range(table.row_count))


async def open_preview(app, pilot, text: str = "", file: str = "") -> None:
    await pilot.press("ctrl+t")
    assert isinstance(app.screen, ImportChatDialog)
    if text:
        await write(pilot, text)
    if file:
        app.screen.set_focus(app.screen.query_one("#chat-file"))
        await write(pilot, file)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_pick_lines_by_toggle_and_person_then_import_and_save(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.session.review.timeline)
        await open_preview(app, pilot, text=(CHAT / "irc-midnight.log").read_text())
        assert kept_marks(app) == "✓✓✓✓"
        await pilot.press("n", "down", "p")  # none, then every line of Zoë
        assert kept_marks(app) == "·✓··"
        await pilot.press("down", "space")  # and adam's 00:03 line
        assert kept_marks(app) == "·✓✓·"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        added = app.session.review.timeline[before:]
        assert [(e.at, e.who, e.text) for e in added] == [
            (
                dt.datetime(2026, 11, 20, 23, 55, tzinfo=dt.UTC),
                "Zoë",
                "looking at the db\nit is at 100% cpu\nand climbing",
            ),
            (dt.datetime(2026, 11, 21, 0, 3, tzinfo=dt.UTC), "Adam", "adam restarts the primary"),
        ]
        assert app.session.review.people[-1].name == "Zoë"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # the same chat again: nothing is added twice
        await open_preview(app, pilot, text=(CHAT / "irc-midnight.log").read_text())
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.session.review.timeline) == before + 4
    saved = tomllib.loads(pet_clinic.read_text())
    texts = [event["text"] for event in saved["timeline"]]
    assert texts.count("adam restarts the primary") == 1
    assert "looking at the db\nit is at 100% cpu\nand climbing" in texts
    assert saved["people"][-1] == {"id": saved["people"][-1]["id"], "name": "Zoë"}


async def test_esc_keeps_the_pasted_chat_for_the_next_ctrl_t_until_it_is_imported(pet_clinic):
    """A scribe pasted a long chat and pressed Esc to look at the timeline behind it: the
    paste was gone. It comes back now, and imports from there."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        before = len(app.session.review.timeline)
        await pilot.press("ctrl+t")
        app.post_message(events.Paste((CHAT / "irc-midnight.log").read_text()))
        await pilot.pause()
        pasted = app.screen.query_one("#chat-paste").text
        assert "adam restarts the primary" in pasted
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.told[-1] == "Chat kept: ctrl+t brings it back"
        assert not app.session.dirty  # the review is as it was
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.query_one("#chat-paste").text == pasted
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert kept_marks(app) == "✓✓✓✓"
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.session.review.timeline) == before + 4
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        told = len(app.told)
        await pilot.press("ctrl+t")  # imported: the dialog opens empty
        await pilot.pause()
        assert app.screen.query_one("#chat-paste").text == ""
        await pilot.press("escape")
        assert len(app.told) == told  # nothing kept, nothing said
    texts = [event["text"] for event in tomllib.loads(pet_clinic.read_text())["timeline"]]
    assert "adam restarts the primary" in texts


async def test_a_file_by_keyword_with_a_speaker_mapped_to_a_participant(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        people = len(app.session.review.people)
        await open_preview(app, pilot, file=str(CHAT / "pasted-colon.txt"))
        await pilot.press("escape", "ctrl+s")  # back to the source, and preview again
        await pilot.pause()
        assert kept_marks(app) == "✓✓✓"
        app.screen.query_one("#speaker-1").value = "Tina"  # José is Tina
        await pilot.press("slash")
        await write(pilot, "on it", "enter")
        assert kept_marks(app) == "·✓·"
        await pilot.press("enter")
        await pilot.pause()
        event = app.session.review.timeline[-1]
        assert (event.who, event.text) == ("Tina", "on it\n    still on it")
        assert event.at == dt.datetime(2026, 11, 14, 10, 43, tzinfo=dt.UTC)
        assert len(app.session.review.people) == people


async def test_a_participant_typed_on_a_speaker_s_dropdown_is_who_spoke(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, file=str(CHAT / "pasted-colon.txt"))
        app.screen.set_focus(app.screen.query_one("#speaker-1"))
        await pilot.press(*"tina")  # José is Tina: the choice "is Tina"
        app.screen.set_focus(app.screen.query_one("#chat-lines"))
        await pilot.press("enter")
        await pilot.pause()
        timeline = app.session.review.timeline
        assert [event.who for event in timeline if event.text.startswith("on it")] == ["Tina"]


async def test_an_unreadable_chat_says_why_and_changes_nothing(pet_clinic):
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, text="we talked [bold]about it[/] on friday")
        problem = app.screen.query_one("#source-problem").render()
        assert str(problem).startswith("pasted text: not a chat log pmtui knows")
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert not app.session.dirty
        await pilot.press("ctrl+q")
    assert pet_clinic.read_bytes() == before


async def test_a_named_pipe_is_refused_unread_not_waited_for(pet_clinic, tmp_path):
    """The dialog reads on the UI thread: a pipe nobody writes to hung the app for good."""
    pipe = tmp_path / "chat.log"
    os.mkfifo(pipe)
    threading.Thread(target=end_a_read_of, args=(pipe,), daemon=True).start()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, file=str(pipe))
        problem = str(app.screen.query_one("#source-problem").render())
        assert problem == f"{pipe}: a pipe or a device; give a chat log file"


def end_a_read_of(pipe: Path) -> None:
    """Should the dialog read the pipe after all, open it to write and close it, so the
    read ends (and the test fails) rather than hang the suite."""
    for _ in range(100):
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))  # fails while none reads
            return
        except OSError:
            time.sleep(0.1)


async def test_the_same_chat_again_as_crlf_or_with_lone_surrogates_adds_nothing(
    pet_clinic, tmp_path
):
    crlf = tmp_path / "irc-midnight-crlf.log"
    crlf.write_bytes((CHAT / "irc-midnight.log").read_bytes().replace(b"\n", b"\r\n"))
    slack = r'[{"ts": "1795218600", "text": "db\r\ndown \ud800", "user": "U\udc00"}]'
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        review = app.session.review
        for source in (dict(file=str(CHAT / "irc-midnight.log")), dict(text=slack)):
            await open_preview(app, pilot, **source)
            await pilot.press("enter")
            await pilot.pause()
        events, people = len(review.timeline), [p.name for p in review.people]
        assert (review.timeline[-1].text, people[-1]) == ("db\ndown \ufffd", "U\ufffd")
        for source in (dict(file=str(crlf)), dict(text=slack.replace(r"\r\n", r"\n"))):
            await open_preview(app, pilot, **source)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
        assert len(review.timeline) == events
        assert [p.name for p in review.people] == people
        await pilot.press("ctrl+q")
    assert len(tomllib.loads(pet_clinic.read_text())["timeline"]) == events


async def test_the_notice_of_new_participants_shows_their_control_bytes_as_symbols(
    pet_clinic, tmp_path
):
    chat = tmp_path / "hostile.log"
    chat.write_text("[23:50] <Zo\x1b]52;c;aGk=\x07e> checkout is throwing 500s\n")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, file=str(chat))
        await pilot.press("enter")
        await pilot.pause()
        said = app.told
    assert any("new participants: Zo␛]52;c;aGk=␇e" in message for message in said), said
    assert not any("\x1b" in message or "\x07" in message for message in said)


async def test_notes_with_times_and_no_speaker_import_one_event_each(pet_clinic):
    """The lines the entry line joins into one event (and points to ctrl+t for)."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        people = len(app.session.review.people)
        before = len(app.session.review.timeline)
        await open_preview(app, pilot, text="16:30 paged the DB team\n16:35 failover started")
        assert kept_marks(app) == "✓✓"
        await pilot.press("enter")
        await pilot.pause()
        texts = [(event.who, event.text) for event in app.session.review.timeline]
        assert len(texts) == before + 2
        assert ("", "paged the DB team") in texts and ("", "failover started") in texts
        assert len(app.session.review.people) == people  # no nameless participant


async def test_in_anonymise_mode_the_dialog_and_its_notice_name_no_one(pet_clinic, tmp_path):
    """Roles for the participants; a speaker who is none, as they will be once added."""
    chat = tmp_path / "chat.log"
    chat.write_text("10:30 Yuki: checking the replica, Dan\n10:31 adam: thanks Yuki\n")
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        await open_preview(app, pilot, file=str(chat))
        preview = screen_text(app)
        assert "Participant is not among the participants" in preview
        assert "thanks Participant" in preview and "replica, Development representative" in preview
        app.screen.set_focus(app.screen.query_one("#speaker-0"))
        await pilot.press("enter")  # the options open
        await pilot.pause()
        options = screen_text(app)
        assert "is IT Admin / SRE" in options and "is Test representative" in options
        assert "add Participant as a new participant" in options
        await pilot.press("escape")
        app.screen.set_focus(app.screen.query_one("#chat-lines"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.told[-1].endswith("new participants: Participant")
    names = re.compile(r"\b(yuki|adam|dan|tina)\b", re.IGNORECASE)
    for shown in (preview, options, said(app)):
        assert not names.search(shown), shown


async def test_tab_goes_from_the_lines_to_the_speakers_choices_and_scrolls_to_them(
    pet_clinic, tmp_path
):
    """The box around the speakers' choices took a Tab of its own, showing no focus."""
    chat = tmp_path / "chat.log"
    chat.write_text("".join(f"10:{n:02} guest{n}: hello\n" for n in range(8)))
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, file=str(chat))
        assert app.focused is app.screen.query_one("#chat-lines")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#speaker-0")
        await pilot.press(*["tab"] * 7)
        await pilot.pause()
        box = app.screen.query_one("#speakers")
        assert app.focused is app.screen.query_one("#speaker-7")
        assert box.scroll_y > 0 and app.focused.region.bottom <= box.region.bottom


async def test_a_long_chat_s_preview_makes_only_the_rows_on_screen(
    pet_clinic, tmp_path, monkeypatch
):
    """Textual's DataTable measured every line: 20,000 took seconds to show, and each
    keep/drop key a second more. Rows are now made as they come into view."""
    chat = tmp_path / "chat.log"
    chat.write_text("".join(f"[10:{n % 60:02}] <dan> line {n}\n" for n in range(3000)))
    made: set[int] = set()
    make_row = ImportChatDialog._row
    monkeypatch.setattr(
        ImportChatDialog, "_row", lambda dialog, n: made.add(n) or make_row(dialog, n)
    )
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(app, pilot, file=str(chat))
        await pilot.press("n", "a", "end", "space")
        await pilot.pause()
        assert "line 2999" in screen_text(app) and len(made) < 100
        assert app.screen.keep.count(False) == 1 and not app.screen.keep[-1]
        await pilot.press("enter")
        await pilot.pause()
    assert app.session.review.timeline[-1].text == "line 2998"
