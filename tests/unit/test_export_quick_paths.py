"""The quick paths a long export takes give exactly what the general ones give.

`when` writes its usual format without `strftime`, and escaping skips `str.translate` for
text with no Markdown specials: a 10,000-event timeline takes them tens of thousands of
times. Each is checked here against the general path it stands in for.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from conftest import SAMPLES
from hypothesis import example, given
from hypothesis import strategies as st

from pmtui.export import escape, plain
from pmtui.files import store

REVIEW = store.load(SAMPLES / "pet-clinic-dojo.toml")
WHEN = plain._when(REVIEW)
FORMAT = "%Y-%m-%d %H:%M"
ZONES = [dt.UTC, ZoneInfo("America/St_Johns"), ZoneInfo("Asia/Kathmandu")]


def _general_when(moment: dt.datetime, zone: str | None, approx: bool) -> str:
    text = moment.astimezone(ZoneInfo(zone) if zone else REVIEW.zone).strftime(FORMAT)
    return f"~{text}" if approx else text


@given(
    st.datetimes(
        min_value=dt.datetime(1000, 1, 2),
        max_value=dt.datetime(9998, 12, 30),
        timezones=st.sampled_from(
            [dt.UTC, ZoneInfo("America/St_Johns"), ZoneInfo("Asia/Kathmandu")]
        ),
    ),
    st.sampled_from([None, "UTC", "Europe/London", "Pacific/Chatham"]),
    st.booleans(),
)
@example(dt.datetime(1000, 1, 1, 0, 30, tzinfo=dt.UTC), "America/New_York", False)  # year 999
def test_when_shows_what_strftime_shows(moment, zone, approx):
    assert WHEN(moment, zone=zone, approx=approx) == _general_when(moment, zone, approx)


def _general_escape(text: str) -> str:
    translated = escape.without_controls(text).translate(escape._INLINE)
    return escape._LINE_START.sub(escape._defuse, translated)


_TEXT = st.text(alphabet=st.sampled_from("ab 1.#-+=\n\r\t|\\`*_[]~&<>\x07\u2028é"), max_size=30)


@given(_TEXT)
@example("plain words only")
@example("a | b\nc")
def test_escaping_is_the_same_with_or_without_specials(text):
    assert escape._escape(text) == _general_escape(text)
    lines = text.strip().splitlines()
    assert escape.cell(text) == "<br>".join(_general_escape(line.strip()) for line in lines)
