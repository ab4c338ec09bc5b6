"""Chat messages into a review: selection, speakers, duplicates, and `pmtui import-chat`."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from pmtui.chat import ChatMessage, command
from pmtui.chat.merge import add_to_review, kept, match_speakers, review_day
from pmtui.cli.commands import main
from pmtui.document.model import Event, Participant, Review
from pmtui.files import store

CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "chat"
AT = dt.datetime(2026, 11, 20, 10, 42, tzinfo=dt.UTC)


def message(who: str, text: str, minutes: int = 0, link: str = "") -> ChatMessage:
    return ChatMessage(AT + dt.timedelta(minutes=minutes), who, text, link)


def test_keep_by_full_or_first_name_or_by_word():
    messages = [message("Zoë Ångström", "db down"), message("adam", "DB restart"), message("x", "")]
    assert kept(messages) == [True, True, True]
    assert kept(messages, names=["ZOË"]) == [True, False, False]
    assert kept(messages, names=["zoë ångström", "Adam"]) == [True, True, False]
    assert kept(messages, word="db") == [True, True, False]
    assert kept(messages, names=["adam"], word="down") == [False, False, False]


def test_speakers_match_participants_by_name_or_unique_first_name():
    review = Review(
        people=[Participant(name="Adam Smith"), Participant(name="Dan"), Participant(name="Dan Li")]
    )
    assert match_speakers(review, ["adam", "DAN", "dan li", "Tina", "adam"]) == {
        "adam": "Adam Smith",
        "DAN": "Dan",
        "dan li": "Dan Li",
        "Tina": None,
    }


def test_events_already_in_the_timeline_or_repeated_are_added_once():
    review = Review(
        timeline=[Event(at=AT.astimezone(dt.timezone(dt.timedelta(hours=1))), text="db down")],
        people=[Participant(name="Adam")],
    )
    chat = [
        message("adam", " db down "),
        message("adam", "restarting", 1, link="https://chat/1"),
        message("adam", "restarting", 1),
        message("Zoë", "done", 2),
    ]
    result = add_to_review(review, chat, {"adam": "Adam"}, ["Zoë", "adam"])
    assert (result.added, result.skipped, result.new_people) == (2, 2, ("Zoë",))
    added = review.timeline[1:]
    assert [(e.at, e.who, e.text, e.evidence, e.source) for e in added] == [
        (AT + dt.timedelta(minutes=1), "Adam", "restarting", "https://chat/1", "chat"),
        (AT + dt.timedelta(minutes=2), "Zoë", "done", "", "chat"),
    ]
    assert [p.name for p in review.people] == ["Adam", "Zoë"]


def test_two_people_saying_the_same_at_one_time_are_two_events():
    """Same time and text, other speakers: both kept (Dan's "+1" was dropped as Adam's)."""
    review = Review(timeline=[Event(at=AT, text="+1", who="Adam")])
    chat = [message("adam", "+1"), message("dan", "+1"), message("Dan", "+1")]
    result = add_to_review(review, chat, {}, [])
    assert (result.added, result.skipped) == (1, 2)
    assert [(e.who, e.text) for e in review.timeline] == [("Adam", "+1"), ("dan", "+1")]


def test_bare_times_start_on_the_incident_day_in_its_zone_else_the_review_date():
    review = Review.model_validate(
        {"incident": {"timezone": "Asia/Tokyo", "started_at": "2026-11-13T20:00:00+00:00"}}
    )
    assert review_day(review, dt.date(2000, 1, 1)) == dt.date(2026, 11, 14)
    review.incident.started_at = None
    review.incident.review_date = dt.date(2026, 11, 20)
    assert review_day(review, dt.date(2000, 1, 1)) == dt.date(2026, 11, 20)
    review.timeline = [Event(at=dt.datetime(2026, 11, 12, 18, tzinfo=dt.UTC), text="x")]
    assert review_day(review, dt.date(2000, 1, 1)) == dt.date(2026, 11, 13)  # in Tokyo


def test_a_chat_imported_again_on_another_day_adds_nothing(tmp_path):
    """No incident start: the first import's late times were put on the day before (never
    after the clock); the next day's import started from its own day and added them all
    again. It starts on the timeline's first day now."""
    review_path, chat = tmp_path / "r.toml", tmp_path / "irc.log"
    store.save(Review(), review_path)
    chat.write_text("[21:00] <adam> db is down\n[23:30] <dan> restarted\n", encoding="utf-8")
    for day in (6, 7):
        now = dt.datetime(2026, 12, day, 22, tzinfo=dt.UTC)
        result, _ = command.import_chat_file(review_path, chat, today=now.date(), now=now)
        assert result.added == (2 if day == 6 else 0)
    assert [e.at.isoformat() for e in store.load(review_path).timeline] == [
        "2026-12-05T21:00:00+00:00",
        "2026-12-05T23:30:00+00:00",
    ]


def test_import_chat_command_adds_saves_and_skips_on_a_second_run(pet_clinic, capsys):
    events_before = len(store.load(pet_clinic).timeline)
    assert main(["import-chat", str(pet_clinic), str(CHAT / "irc-midnight.log")]) == 0
    assert capsys.readouterr().out == (
        "added 4 events from the irc chat, skipped 0 already in the timeline\n"
        "new participants: Zoë\n"
        "left out 1 line before or between messages (joins, headings)\n"
    )
    review = store.load(pet_clinic)
    added = review.timeline[events_before:]
    assert (added[0].who, added[0].text) == ("Adam", "checkout is throwing 500s")
    assert added[1].text == "looking at the db\nit is at 100% cpu\nand climbing"
    assert added[2].at == dt.datetime(2026, 11, 21, 0, 3, tzinfo=dt.UTC)
    assert review.people[-1].name == "Zoë"
    saved = pet_clinic.read_bytes()
    assert main(["import-chat", str(pet_clinic), str(CHAT / "irc-midnight.log")]) == 0
    assert capsys.readouterr().out.startswith("added 0 events from the irc chat, skipped 4")
    assert pet_clinic.read_bytes() == saved


def test_import_chat_from_one_person_without_new_people(pet_clinic, capsys):
    people = len(store.load(pet_clinic).people)
    slack = CHAT / "slack" / "incident-42"
    assert main(["import-chat", str(pet_clinic), str(slack), "--from", "zoë", "--no-people"]) == 0
    assert capsys.readouterr().out.startswith("added 2 events from the slack chat")
    review = store.load(pet_clinic)
    assert len(review.people) == people
    assert [e.who for e in review.timeline[-2:]] == ["Zoë Ångström", "Zoë Ångström"]


def test_import_chat_by_word(pet_clinic, capsys):
    chat = str(CHAT / "pasted-colon.txt")
    assert main(["import-chat", str(pet_clinic), chat, "--grep", "RESOLVED"]) == 0
    assert capsys.readouterr().out.startswith("added 1 event from the colon chat")
    assert store.load(pet_clinic).timeline[-1].text == "resolved"


def test_a_malformed_chat_imports_nothing(pet_clinic, capsys):
    before = pet_clinic.read_bytes()
    assert main(["import-chat", str(pet_clinic), str(CHAT / "slack-no-ts.json")]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {CHAT / 'slack-no-ts.json'}: message 2: no valid `ts` (got None)\n"
    )
    assert pet_clinic.read_bytes() == before


def test_a_chat_log_that_never_ends_is_refused_in_one_line(pet_clinic, capsys):
    """/dev/zero was read whole: the memory filled until a MemoryError traceback."""
    before = pet_clinic.read_bytes()
    assert main(["import-chat", str(pet_clinic), "/dev/zero"]) == 2
    assert capsys.readouterr().err == "pmtui: /dev/zero: not a regular file (a pipe or a device)\n"
    assert pet_clinic.read_bytes() == before


def test_a_pipe_nothing_writes_to_is_refused_not_waited_on(pet_clinic):
    """`import-chat review.toml ff`, a FIFO no one writes to, waited forever."""
    fifo = pet_clinic.parent / "ff"
    os.mkfifo(fifo)
    before = pet_clinic.read_bytes()
    command = [sys.executable, "-m", "pmtui", "import-chat", str(pet_clinic), str(fifo)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (
        2,
        f"pmtui: {fifo}: not a regular file (a pipe that nothing writes to)\n",
    )
    assert pet_clinic.read_bytes() == before


def test_a_file_that_is_no_review_is_refused_and_left_as_it_was(tmp_path, capsys):
    """`pmtui import-chat pyproject.toml CHAT` wrote the chat's events and speakers into
    pyproject.toml, as if it were an empty review."""
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "pmtui"\n')
    assert main(["import-chat", str(other), str(CHAT / "pasted-colon.txt")]) == 2
    assert capsys.readouterr().err == (
        f"pmtui: {other}: not a review (no [incident], no schema_version)\n"
    )
    assert other.read_text() == '[project]\nname = "pmtui"\n'


def test_import_chat_and_list_do_not_import_textual(pet_clinic):
    code = (
        "import sys; from pmtui.cli.commands import main; "
        f"main(['import-chat', {str(pet_clinic)!r}, {str(CHAT / 'pasted-colon.txt')!r}]); "
        f"main(['list', {str(pet_clinic.parent)!r}]); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def import_twice(review_path: Path, first: Path, second: Path):
    """The import `pmtui import-chat` and the dialog share, run on two files in turn."""
    from pmtui.chat.command import import_chat_file

    day, now = dt.date(2026, 11, 20), dt.datetime(2026, 11, 20, 14, tzinfo=dt.UTC)
    import_chat_file(review_path, first, today=day, now=now)
    saved = review_path.read_bytes()
    result, _ = import_chat_file(review_path, second, today=day, now=now)
    return result, saved


def test_the_same_log_again_even_with_crlf_line_ends_adds_nothing(pet_clinic, tmp_path):
    crlf = tmp_path / "irc-midnight-crlf.log"
    crlf.write_bytes((CHAT / "irc-midnight.log").read_bytes().replace(b"\n", b"\r\n"))
    people = len(store.load(pet_clinic).people)
    result, saved = import_twice(pet_clinic, CHAT / "irc-midnight.log", crlf)
    assert (result.added, result.skipped, result.new_people) == (0, 4, ())
    assert pet_clinic.read_bytes() == saved  # nothing added, nothing written
    assert len(store.load(pet_clinic).people) == people + 1  # Zoë, once


def test_a_slack_day_with_crlf_and_lone_surrogates_in_its_text_imports_once(pet_clinic, tmp_path):
    day = (
        r'[{"ts": "1795218600", "text": "db\r\ndown \ud800",'
        r' "user_profile": {"real_name": "Zo\udc00 "}}]'
    )
    first, again = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(day)
    again.write_text(day.replace("\\r\\n", "\\n").replace("}]", "}]\r\n"))
    result, saved = import_twice(pet_clinic, first, again)
    assert (result.added, result.skipped, result.new_people) == (0, 1, ())
    assert pet_clinic.read_bytes() == saved
    review = store.load(pet_clinic)
    assert (review.timeline[-1].text, review.people[-1].name) == ("db\ndown \ufffd", "Zo\ufffd")
    assert [p.name for p in review.people].count("Zo\ufffd") == 1


def test_speakers_match_participants_however_their_names_are_spaced_or_cased():
    review = Review(people=[Participant(name="Zoë  Ångström"), Participant(name="\ufffdx")])
    chat = [message("zoë ångström ", "a"), message("ZOË", "b", 1), message("\ud800x", "c", 2)]
    matched = match_speakers(review, (m.who for m in chat))
    assert list(matched.values()) == ["Zoë  Ångström", "Zoë  Ångström", "\ufffdx"]
    result = add_to_review(review, chat, {}, ["zoë ångström ", "\ud800X", "Tina", "tina"])
    assert result.new_people == ("Tina",)


def test_import_chat_never_dates_bare_times_in_the_future(tmp_path, capsys):
    """Bare times start on the review's date: a chat imported after midnight into a review
    dated the day it was created landed hours ahead of the clock. Here the review is dated
    tomorrow, so the times run ahead whatever the time of day."""
    from pmtui.document.today import today

    review_path = tmp_path / "r.toml"
    assert main(["new", str(review_path)]) == 0
    review = store.load(review_path)
    review.incident.review_date = today() + dt.timedelta(days=1)
    store.save(review, review_path)
    chat = tmp_path / "irc.log"
    chat.write_text("[00:00] <adam> db is down\n[00:00] <dan> restarting\n", encoding="utf-8")
    assert main(["import-chat", str(review_path), str(chat)]) == 0
    assert "added 2 events" in capsys.readouterr().out
    assert [event.at.date() <= today() for event in store.load(review_path).timeline] == [
        True,
        True,
    ]
