"""Fuzzing the loader: any file loads or gives its one-line `ReviewFileError`, nothing else.

Random bytes, random TOML-ish text, and valid reviews with parts replaced by random TOML
values or taken out. Whatever loads saves and loads again to the same document.
"""

import datetime as dt
import tomllib

import tomli_w
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import reviews, texts

from pmtui.files import store

EXAMPLES = settings(max_examples=200)

toml_leaves = (
    st.booleans()
    | st.integers()
    | st.floats()
    | texts
    | st.datetimes(min_value=dt.datetime(1, 1, 2), timezones=st.none() | st.timezones())
    | st.dates()
    | st.times()
)
keys = st.sampled_from(["at", "text", "title", "id", "name", "metric", "timezone", "x"]) | texts
toml_values = st.recursive(
    toml_leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)
toml_ish = st.text(alphabet="[]{}=\"'\n .,=:+-#\\abtx01TZ\t\x00\x1b", max_size=80)


def check(path, raw: bytes) -> None:
    path.write_bytes(raw)
    try:
        review = store.load(path)
    except store.ReviewFileError as error:
        message = str(error)
        assert message.startswith(f"{path}") and "\n" not in message.strip()
        return
    text = store.dumps(review)
    again = store.from_data(tomllib.loads(text), path)
    assert again == review
    assert store.dumps(again) == text


def paths_in(data, prefix=()):
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        yield (*prefix, key)
        if isinstance(value, dict | list):
            yield from paths_in(value, (*prefix, key))


def change(data, path, value):
    *parents, last = path
    for key in parents:
        data = data[key]
    if value is None:
        del data[last]
    else:
        data[last] = value


@EXAMPLES
@given(st.binary(max_size=200))
def test_random_bytes(tmp_path_factory, raw):
    check(tmp_path_factory.mktemp("f") / "r.toml", raw)


@EXAMPLES
@given(toml_ish)
def test_random_toml_like_text(tmp_path_factory, text):
    check(tmp_path_factory.mktemp("f") / "r.toml", text.encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(reviews, st.data())
def test_reviews_with_random_parts(tmp_path_factory, review, data):
    document = store.snapshot(review)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = list(paths_in(document))
        if not paths:
            break
        where = data.draw(st.sampled_from(paths))
        change(document, where, data.draw(st.none() | toml_values))
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        assume(False)  # not expressible in TOML (tomli_w refuses): no file to load
    check(tmp_path_factory.mktemp("f") / "r.toml", text.encode())
