"""Hostile text in every field: shown literally, never run, never sent raw to the terminal."""

import re

from helpers import NOW, SIZE, app_on, on_table, saved, screen_text, settle, until
from pydantic import BaseModel
from textual import events
from textual._xterm_parser import XTermParser  # Textual is pinned exactly
from textual.widgets import TextArea

from pmtui.document.model import Review
from pmtui.files import store
from pmtui.tui.app import make_app

HOSTILE = (
    "[bold]B[/bold] [@click=app.quit]Q[/] a[/]b \x1b[31mred\x1b]0;title\x07 \x9b2J "
    "שלום עולם 🚀 \x00end\ttab\nnext line"
)
MEGABYTE = "M" * 1_000_000
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Every control character but the newline between the screen's rows: a tab drawn as it
is moves the terminal's cursor too (a table row's cells landed on tab stops)."""
KEEP = {"timezone", "template"}


def poison(part: BaseModel) -> None:
    """Every text field and text list of the document, hostile."""
    for name, value in list(part):
        if isinstance(value, BaseModel):
            poison(value)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    poison(item)
                elif type(item) is str:  # not a list's enum (an event's milestones)
                    value[n] = HOSTILE
        elif isinstance(value, str) and name not in KEEP and type(value) is str:
            setattr(part, name, HOSTILE)


def hostile_review(path, megabyte: str = "") -> Review:
    """The sample with every text hostile; `megabyte` added to the fields shown most."""
    review = store.load(path)
    poison(review)
    review.incident.title = HOSTILE + megabyte
    review.incident.summary = megabyte + HOSTILE
    review.timeline[0].text = HOSTILE + megabyte
    review.people[0].name = HOSTILE + megabyte
    store.save(review, path)
    return review


async def visit(app, pilot, keys) -> str:
    """Press each key, and what the screen showed after each."""
    seen = []
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        seen.append(screen_text(app))
    return "\n".join(seen)


def assert_literal(shown: str) -> None:
    assert not UNSAFE.search(shown)  # no control character reaches the terminal
    for literal in ("[bold]B[/bold]", "[@click=app.quit]Q[/]", "a[/]b", "␛[31mred", "🚀"):
        assert literal in shown
    assert "שלום" in shown or "םולש" in shown


EVERYWHERE = (
    *("alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6"),  # every tab
    *("f2", "f2", "f1", "escape", "f3", "escape"),  # sidebar, help, the checklist
    *("alt+2", "enter", "escape", "ctrl+e", "escape"),  # a form, the Markdown preview
    *("ctrl+g", "escape", "ctrl+t", "escape"),  # who is speaking, the chat import
)


async def test_hostile_text_everywhere_is_shown_literally(pet_clinic):
    review = hostile_review(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        shown = await visit(app, pilot, EVERYWHERE)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running
        assert_literal(shown)
        assert app.session.review == review  # looking changed nothing
        assert not app.session.dirty
    assert store.load(pet_clinic) == review


async def test_the_meeting_clock_and_who_is_not_heard_show_hostile_text_literally(pet_clinic):
    """The agenda item's title on the header clock, names on the sidebar's "Not heard yet"
    line: both show once the meeting starts (F5; a key puts the ground rules away)."""
    hostile_review(pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        shown = await visit(app, pilot, ("f5", "x"))
        assert "Not heard yet: [bold]B[/bold]" in shown
        assert "▶ [bold]B[/bold" in shown  # literal (and cut to the clock's share)
        assert not UNSAFE.search(shown)


async def test_megabyte_fields_open_and_show(pet_clinic):
    review = hostile_review(pet_clinic, MEGABYTE)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        shown = await visit(app, pilot, ("alt+1", "alt+2"))  # header, fields, table, sidebar
        assert app.is_running
        assert_literal(shown)
        assert app.session.review == review


async def test_the_start_screen_shows_hostile_titles_literally(pet_clinic):
    hostile_review(pet_clinic)
    (pet_clinic.parent / "broken.toml").write_text(f'title = "{HOSTILE[:20]}\n')
    app = make_app(None, clock=lambda: NOW, autosave_delay=60, folder=pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:

        def title_shown() -> bool:
            """the hostile title on the start screen (the finder reads it in a thread)"""
            return "[bold]B[/bold]" in screen_text(app)

        await until(pilot, title_shown)
        await settle(app, pilot)
        assert not UNSAFE.search(screen_text(app))


async def test_the_start_screen_keeps_every_column_beside_a_title_of_wide_characters(
    pet_clinic,
):
    wide = pet_clinic.parent / "wide.toml"
    wide.write_text('[incident]\ntitle = "' + "振り返る会議" * 12 + '"\n', encoding="utf-8")
    app = make_app(None, clock=lambda: NOW, autosave_delay=60, folder=pet_clinic.parent)
    async with app.run_test(size=SIZE) as pilot:

        def listed() -> bool:
            """both reviews on the start screen (the finder reads them in a thread)"""
            return "振り返る" in screen_text(app) and "Pet Clinic" in screen_text(app)

        await until(pilot, listed)
        await settle(app, pilot)
        row = next(line for line in screen_text(app).splitlines() if "振り返る" in line)
        assert row.rstrip().endswith("wide.toml")


async def test_a_chat_with_colour_codes_and_escapes_previews_literally(pet_clinic):
    chat = "[14:05] <mallory> \x02bold\x02 \x0304red\x03 \x1b]0;title\x07 [@click=app.quit]Q[/]\n"
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        app.screen.query_one(TextArea).insert(chat)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = screen_text(app)
        assert not UNSAFE.search(shown)
        assert "␂bold␂" in shown and "[@click=app.quit]Q[/]" in shown


OSC52 = "\x1b]52;c;aGk=\x07"
"""OSC 52: a terminal that gets it raw puts "hi" on the clipboard."""


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def action_form(app, pilot, key: str) -> None:
    """The form of a new action (`n`) or of the first one (`enter`)."""
    await app.screen.show_tab("actions")
    await pilot.pause()
    app.screen.set_focus(app.screen.query_one("#actions-table"))
    await pilot.press(key)


async def test_pasted_control_bytes_and_lone_surrogates_never_reach_a_field(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await action_form(app, pilot, "n")
        await paste(pilot, f"Page {OSC52}the\x00 DBA\r\nsecond line")  # lines joined
        app.screen.set_focus(app.screen.query_one("#field-tags"))
        await paste(pilot, f"db{OSC52}")
        app.screen.set_focus(app.screen.query_one("#field-description"))
        await paste(pilot, f"one\x00\r\ntwo\t{OSC52}\ud800 👩\u200d💻\x9b2J")
        form = app.screen
        assert form.query_one("#field-title").value == "Page ]52;c;aGk=the DBA second line"
        assert form.query_one("#field-tags").value == "db]52;c;aGk="
        assert form.query_one("#field-description").text == (
            "one\ntwo\t]52;c;aGk=\ufffd 👩\u200d💻2J"
        )
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")
    assert not UNSAFE.search(pet_clinic.read_text(encoding="utf-8").replace("\t", " "))
    action = store.load(pet_clinic).actions[-1]
    assert (action.title, action.tags) == ("Page ]52;c;aGk=the DBA second line", ["db]52;c;aGk="])
    assert action.description.endswith("\ufffd 👩\u200d💻2J")


async def test_a_paste_on_the_timeline_entry_line_adds_a_clean_event(pet_clinic):
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await paste(pilot, f"\x00db{OSC52} restarted\ud800")
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    assert store.load(pet_clinic).timeline[-1].text == "db]52;c;aGk= restarted\ufffd"


async def test_control_bytes_from_the_file_show_as_symbols_in_fields_and_stay_in_the_file(
    pet_clinic,
):
    review = store.load(pet_clinic)
    review.actions[0].title = f"title {OSC52}\nsecond\tline"  # one line shown, all kept
    review.actions[0].description = f"desc\x00{OSC52}"
    store.save(review, pet_clinic)
    before = pet_clinic.read_bytes()
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await action_form(app, pilot, "enter")
        form = app.screen
        assert form.query_one("#field-title").value == "title ␛]52;c;aGk=␇ second line"
        assert form.query_one("#field-description").text == "desc␀␛]52;c;aGk=␇"
        assert not UNSAFE.search(screen_text(app))
        await pilot.press("ctrl+s")  # untouched fields keep what the file holds
        await pilot.press("ctrl+q")
    assert pet_clinic.read_bytes() == before


async def test_a_title_of_wide_characters_leaves_the_header_its_saved_mark(pet_clinic):
    """Cut by characters, a Japanese title (two cells a character) took the room kept for
    the status, the file name and the saved mark."""
    review = store.load(pet_clinic)
    review.incident.title = "本番データベースの接続文字列が" * 4
    store.save(review, pet_clinic)
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        header = screen_text(app).splitlines()[0]
        assert header.rstrip().endswith("in review   pet-clinic-dojo.toml ✓ saved")
        assert "…" in header


DEV = "👩\u200d💻"


def typed(app, raw: str) -> None:
    """What the terminal sends, read as Textual reads it, as one burst."""
    for key in XTermParser().feed(raw):
        app.post_message(key)


async def test_a_joined_emoji_typed_key_by_key_keeps_its_joiner(pet_clinic):
    """The terminal sends 👩‍💻 typed as three keys; Textual read the joiner between as
    unprintable, and the fields dropped it (the file held 👩💻, two emoji)."""
    line = f"dev {DEV} and می\u200cخواهم"
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        typed(app, line)
        await settle(app, pilot)
        assert app.screen.query_one("#timeline-entry").value == line
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
    assert line in [event["text"] for event in saved(pet_clinic)["timeline"]]


async def test_joined_emoji_typed_ahead_of_a_form_or_a_note_keep_their_joiners(pet_clinic):
    """Typed before the form or the note's line was drawn, the keys wait and come back:
    the joiner came back out of turn, or not at all."""
    app = app_on(pet_clinic)
    async with app.run_test(size=SIZE) as pilot:
        await on_table(app, pilot, "actions", "#actions-table")
        typed(app, f"nbuy {DEV} laptops\tDan\x13")  # n, a title, Tab, an owner, ctrl+s
        await settle(app, pilot)
        typed(app, f"\x1b[19~park {DEV} now\r")  # F8, a topic, Enter
        await settle(app, pilot)
        typed(app, f"go {DEV} rota")  # words on the table: a new action's form
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    review = saved(pet_clinic)
    assert [a["title"] for a in review["actions"]][-2:] == [f"buy {DEV} laptops", f"go {DEV} rota"]
    assert review["meeting"]["parking_lot"][-1] == f"park {DEV} now"


async def test_a_file_name_with_control_bytes_never_reaches_the_terminal_raw(pet_clinic):
    """Save as suggests the name without its control bytes, and a message quoting it (the
    export's "Wrote …") shows them as symbols."""
    named = pet_clinic.with_name("a\x1b]0;TITLE\x07\x1b[2J\u202e.toml")
    pet_clinic.rename(named)
    app = app_on(named)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await settle(app, pilot)
        field = app.screen.query_one("#save-as-path")
        assert field.value.endswith("a]0;TITLE[2J-copy.toml"), field.value
        await pilot.press("escape", "ctrl+e")
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert any(message.startswith("Wrote a␛]0;TITLE␇") for message in app.told)
        assert not any(UNSAFE.search(message) for message in app.told)
        assert not UNSAFE.search(screen_text(app))
    assert named.with_suffix(".md").exists()
