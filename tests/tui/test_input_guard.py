"""What the terminal sends stays text: pastes never turn into key presses, bytes that are
not UTF-8 never end the app. Raw terminal bytes through the app's parser and decoder."""

import codecs
import itertools
import os
import signal
from types import SimpleNamespace

import pytest
from helpers import textual_input_parser
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.drivers import linux_driver, web_driver

from pmtui.cli.commands import _run_app
from pmtui.tui.meeting import input_guard
from pmtui.tui.meeting.input_guard import (
    GuardedParser,
    install,
    lenient_decoder,
    terminal_decoder,
)

START, END = "\x1b[200~", "\x1b[201~"
PASTED = "one \x1b q \x11 two \x1b]52;c;aGk=\x07 three\x00 \x1b[31mred\x1b[0m end"
"""A chat log with stray sequences: as keys, `ESC q ^Q` quits and the BEL runs ctrl+g."""
XTermParser, parser_clock = textual_input_parser()


def parser() -> XTermParser:
    return GuardedParser()


def events_of(parser: XTermParser, *chunks: str) -> list:
    return [event for chunk in chunks for event in parser.feed(chunk)]


def keys(found: list) -> list[str]:
    return [event.key for event in found if isinstance(event, events.Key)]


def pastes(found: list) -> list[str]:
    return [event.text for event in found if isinstance(event, events.Paste)]


@pytest.fixture
def waits_run_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's clock is past every wait: a `tick` ends any escape sequence it holds,
    as when the rest of a sequence comes later than the terminal's escape delay."""
    monkeypatch.setattr(parser_clock, "get_time", lambda: float("inf"))


def test_a_paste_with_escape_and_control_bytes_is_one_paste_and_no_key():
    found = events_of(parser(), START + PASTED + END)
    assert keys(found) == []
    assert pastes(found) == [PASTED.replace("\x1b", "").replace("\x00", "")]
    assert "\x11" in pastes(found)[0] and "\x07" in pastes(found)[0]  # for the field to drop


def test_a_paste_read_one_character_at_a_time_is_the_same_paste():
    one_at_a_time = events_of(parser(), *(START + PASTED + END))
    assert keys(one_at_a_time) == []
    assert pastes(one_at_a_time) == pastes(events_of(parser(), START + PASTED + END))


@pytest.mark.parametrize("cut", range(1, len(END)))
def test_an_end_marker_split_across_reads_ends_the_paste(cut, waits_run_out):
    guarded = parser()
    found = events_of(guarded, START + "a \x1b q", "\x11 b" + END[:cut])
    found += guarded.tick()  # the rest of the marker comes late
    found += events_of(guarded, END[cut:] + "x")
    assert keys(found) == ["x"]
    assert pastes(found) == ["a  q\x11 b"]


def test_keys_around_a_paste_stay_keys(waits_run_out):
    guarded = parser()
    found = events_of(guarded, "\x1b[A\x11", START + PASTED + END, "\x1b[B\x11z", "\x1b")
    found += guarded.tick()  # a lone Escape key press: nothing follows it
    assert keys(found) == ["up", "ctrl+q", "down", "ctrl+q", "z", "escape"]
    assert len(pastes(found)) == 1


def test_a_start_marker_split_across_reads_still_opens_a_paste():
    found = events_of(parser(), "k\x1b[2", "00~one \x1b", "q\x11" + END)
    assert keys(found) == ["k"]
    assert pastes(found) == ["one q\x11"]


def test_an_escape_key_press_at_the_end_of_input_is_an_escape_after_a_paste():
    found = events_of(parser(), START + PASTED + END, "\x1b", "")
    assert keys(found) == ["escape"]


def test_input_that_ends_inside_a_paste_gives_no_key():
    found = events_of(parser(), START + "one \x1b q\x11 \x1b[20", "")
    assert keys(found) == []


def test_install_makes_the_terminal_and_web_drivers_guard_pastes(monkeypatch):
    for module in (linux_driver, web_driver):
        monkeypatch.setattr(module, "XTermParser", XTermParser)  # restored after the test
        monkeypatch.setattr(module, "getincrementaldecoder", codecs.getincrementaldecoder)
    install(linux_driver.LinuxDriver)
    install(linux_driver.LinuxDriver)
    install(web_driver.WebDriver)
    assert linux_driver.XTermParser is GuardedParser
    assert web_driver.XTermParser is GuardedParser
    assert GuardedParser.__mro__[1] is XTermParser  # installing twice did not stack it
    assert linux_driver.getincrementaldecoder is terminal_decoder  # a terminal, that can go
    assert web_driver.getincrementaldecoder is lenient_decoder


def test_bytes_that_are_not_utf8_become_a_replacement_character():
    """As the Linux driver decodes each read: a Latin-1 byte or half of a character (here
    split across two reads) ends the app with the strict decoder Textual makes."""
    decode = lenient_decoder("utf-8")().decode
    assert (
        decode(b"caf\xe9 \xed\xa0") + decode(b"\x80 ok \xe2\x82", final=False) + decode(b"\xac")
        == "caf\ufffd \ufffd\ufffd\ufffd ok \u20ac"
    )
    with pytest.raises(UnicodeDecodeError):
        codecs.getincrementaldecoder("utf-8")().decode(b"caf\xe9 ")


@pytest.mark.parametrize("decoder", [lenient_decoder, terminal_decoder])
def test_bytes_that_are_not_utf8_become_a_replacement_character_in_each_decoder(decoder):
    decode = decoder("utf-8")().decode
    assert decode(b"caf\xe9 \xe2\x82") + decode(b"\xac", final=True) == "caf\ufffd \u20ac"


def test_a_terminal_that_reads_nothing_is_gone_and_hangs_up_once_a_second(monkeypatch):
    monkeypatch.setattr(input_guard, "READS_WHEN_GONE", 0.0)
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", lambda pid, number: sent.append((pid, number)))
    decode = terminal_decoder("utf-8")().decode
    assert decode(b"typed") == "typed" and sent == []
    assert decode(b"", final=True) == "" and sent == []  # the app's own last read
    assert decode(b"") + decode(b"") == ""
    assert sent == [(os.getpid(), signal.SIGHUP)]
    monkeypatch.setattr(input_guard, "HANG_UP_AGAIN_AFTER", 0.0)  # a second on
    assert decode(b"") == ""
    assert sent == [(os.getpid(), signal.SIGHUP)] * 2  # the first lost under nohup


def test_the_app_runs_with_the_guarded_parser(monkeypatch):
    monkeypatch.setattr(linux_driver, "XTermParser", XTermParser)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.linux_driver:LinuxDriver")
    seen = []
    app = SimpleNamespace(
        driver_class=linux_driver.LinuxDriver,
        run=lambda: seen.append(linux_driver.XTermParser),
        safekeeping=SimpleNamespace(stand_down=lambda: None, rescued=None),
        problem=None,
        return_code=0,
    )
    assert _run_app(app) == 0
    assert seen == [GuardedParser]


@given(st.lists(st.integers(min_value=0, max_value=80), max_size=12))
@settings(max_examples=200)
def test_however_the_terminal_splits_its_reads_the_events_are_the_same(cuts):
    typed = "a\x1b[A" + START + PASTED + END + "\x11" + START + "\x1b\x1b[201" + END + "z"
    bounds = sorted({0, len(typed), *(cut % (len(typed) + 1) for cut in cuts)})
    chunks = [typed[begin:end] for begin, end in itertools.pairwise(bounds)]
    found = events_of(parser(), *chunks)
    assert keys(found) == ["a", "up", "ctrl+q", "z"]
    assert pastes(found) == [PASTED.replace("\x1b", "").replace("\x00", ""), "[201"]
