"""Values written into a tomlkit table in the style of the values they replace.

A changed string keeps its quotes (basic `"…"`, literal `'…'`, and their triple forms,
with or without a newline after the opening quotes) where the new text allows them: a
text of several lines needs triple quotes, a literal string cannot hold `'` or control
characters. A changed date and time keeps its form: local (no offset: written in the
review's zone), an offset, or `Z`; `T` or a space between date and time.

What a table did not hold (a new key, a new table, a day given a time of day) follows the
file (`Style`): the form most of the nearest tables of the same kind give that key, else
the form most of the file's values of that kind have; the key order those tables use. A
value with nothing to follow is written as pmtui writes it (`store`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from itertools import pairwise, takewhile
from typing import Any
from zoneinfo import ZoneInfo

import tomlkit
from tomlkit.container import Container, OutOfOrderTableProxy
from tomlkit.items import (
    Array,
    Comment,
    Date,
    DateTime,
    InlineTable,
    Item,
    Null,
    String,
    StringType,
    Table,
    Whitespace,
)

from pmtui.document.printable import RAW_IN_TOML
from pmtui.files import store, toml_out, tomlpos
from pmtui.files.toml_blocks import Unmapped

_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f]|{RAW_IN_TOML.pattern}")
"""What no string holds as it is, but tab and newline (`\r` included: it is escaped), and
what pmtui writes escaped though TOML would not (`toml_out`)."""
_ESCAPED = re.compile(f'[\x00-\x08\x0a-\x1f"\\\\\x7f]|{RAW_IN_TOML.pattern}')
"""What a one-line basic string escapes (tomli_w's choice: a tab stays as it is; and
`toml_out`'s)."""
_EMPTY: tuple[Any, ...] = (None, {}, [])
_FILE_VALUES = 2_000
"""How many of the file's values tell its dominant forms (the first ones: a large review
is not read to its end for this)."""
_VALUE_START = re.compile(
    r"^[ \t]*[A-Za-z0-9_-]+[ \t]*=[ \t]*"
    r"(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?(?![\d:.])"
    r"|'''|\"\"\"|'|\")",
    re.MULTILINE,
)
"""The start of a value that has forms: a date and time, or the quotes of a string."""
_DATETIME, _LINE, _LINES = "date and time", "one line", "lines"


class Style:
    """How the file writes what a table does not hold yet: as the nearest tables of the
    same kind do (`tables`, nearest first, asked for only when needed), else as most of the
    file's values of the kind do (`forms`, likewise)."""

    def __init__(
        self,
        tables: Callable[[], Sequence[Any]],
        forms: Callable[[], dict[str, Item]],
        pmtui: Sequence[str] = (),
    ) -> None:
        self._tables, self._forms, self._pmtui = tables, forms, pmtui
        """`pmtui`: the table's keys in pmtui's order (where neither the table nor its kin
        place a new key)."""
        self._samples: dict[tuple[str, str], Item | None] = {}
        """The form of each key and kind of value asked for: a bulk addition asks the same
        thousands of times."""

    @cached_property
    def _keyed(self) -> list[list[tuple[str, Item]]]:
        """Each of the nearest tables' keys and values, in its order."""
        return [
            [(key.key, item) for key, item in _container(table).body if key is not None]
            for table in self._tables()
        ]

    def sample(self, key: str, value: Any) -> Item | None:
        """A value in the form `value` should take: the form most of the nearest tables
        give `key`, else the one most of the file's values of its kind have; None when
        `value` has no forms or nothing in the file shows one."""
        kind = _kind(value)
        if kind is None:
            return None
        if (key, kind) not in self._samples:
            items = [item for keyed in self._keyed for k, item in keyed if k == key]
            self._samples[key, kind] = _dominant(
                [item for item in items if _kind(item) == kind]
            ) or self._forms().get(kind)
        return self._samples[key, kind]

    def written(self, key: str, value: Any, zone: ZoneInfo) -> Item:
        """`value` as the file writes a new `key`."""
        sample = self.sample(key, value)
        return fresh(value) if sample is None else styled(sample, value, zone)

    def written_text(self, key: str, value: Any, zone: ZoneInfo) -> str:
        """The text of `written`, without tomlkit reading it back (a new table's values:
        a chat import writes tens of thousands, and reading each back was most of its save)."""
        sample = self.sample(key, value)
        text = None if sample is None else _styled_text(sample, value, zone)
        return _fresh_text(value) if text is None else text

    @cached_property
    def _kin_order(self) -> list[str]:
        return merged(*([key for key, _ in keyed] for keyed in self._keyed))

    def order(self, own: Iterable[str]) -> list[str]:
        """The keys of a table holding `own` (in its order): where those do not place a
        key, its nearest kin's order does, else pmtui's (see `merged`)."""
        return merged(own, self._kin_order, self._pmtui)

    def ordered(self, keys: Iterable[str]) -> list[str]:
        """The keys of a new table: in its nearest kin's key order, the keys they never
        use after them, in the order given (pmtui's)."""
        known = self._kin_order
        return sorted(keys, key=lambda k: known.index(k) if k in known else len(known))

    def values_text(self, values: dict[str, Any], zone: ZoneInfo) -> str:
        """The `key = value` lines of a new table (`ordered`)."""
        return "".join(
            f"{tomlpos.dotted((k,))} = {self.written_text(k, values[k], zone)}\n"
            for k in self.ordered(values)
        )


def file_forms(text: str) -> dict[str, Item]:
    """For each kind of value that has forms, a value in the form most of the first
    values of that kind in `text` have."""
    found: dict[str, list[str]] = {}
    for number, match in enumerate(_VALUE_START.finditer(text)):
        if number == _FILE_VALUES:
            break
        raw = match[1]
        kind = _DATETIME if raw[0].isdigit() else _LINES if len(raw) == 3 else _LINE
        found.setdefault(kind, []).append(raw)
    forms = {}
    for kind, raws in found.items():
        form, _ = Counter(map(_raw_form, raws)).most_common(1)[0]
        raw = next(raw for raw in raws if _raw_form(raw) == form)
        forms[kind] = _parsed(
            raw if kind == _DATETIME else f"{raw}\n{raw}" if kind == _LINES else raw * 2
        )
    return forms


def merged(*sequences: Iterable[str]) -> list[str]:
    """One order of keys keeping each sequence's order as far as the ones before it allow:
    a key not placed yet goes before the next key of its sequence already placed, or last."""
    order: list[str] = []
    for sequence in sequences:
        keys = list(sequence)
        for number, key in enumerate(keys):
            if key not in order:
                later = next((k for k in keys[number + 1 :] if k in order), None)
                order.insert(len(order) if later is None else order.index(later), key)
    return order


def _dominant(items: list[Item]) -> Item | None:
    """The first of the items in the form most of them have (a tie: the nearest)."""
    if not items:
        return None
    forms = Counter(map(_form, items))
    most = max(forms.values())
    return next(item for item in items if forms[_form(item)] == most)


def _form(item: Item) -> tuple[Any, ...]:
    if isinstance(item, DateTime):
        return _raw_form(item.as_string())
    if isinstance(item, String):
        return (item.type,)
    return (type(item),)


def _raw_form(raw: str) -> tuple[Any, ...]:
    """A date and time's form: `T` or a space, `Z`, an offset (else local); a string's quotes."""
    if raw[:1].isdigit():
        return raw[10], raw[-1] in "Zz", raw[-6] in "+-"
    return (raw,)


def _kind(value: Any) -> str | None:
    """The kind of a value or an item, as far as it has forms to follow."""
    if isinstance(value, DateTime) or (
        isinstance(value, dt.datetime) and not isinstance(value, Item)
    ):
        return _DATETIME
    if isinstance(value, String):
        return _LINES if value.type in (StringType.MLB, StringType.MLL) else _LINE
    if isinstance(value, str):
        return _LINES if "\n" in value else _LINE
    return None


def _container(table: Any) -> Container:
    return table if isinstance(table, Container) else table.value


def update(
    table: Any, key: str, before: Any, after: Any, zone: ZoneInfo, style: Style | None = None
) -> None:
    """Make `table[key]` hold `after` (None: remove it), where the snapshot held `before`
    (None: not in the snapshot, so absent from the file or equal to its default). A new
    key, or a value of another kind, follows `style` (without one: pmtui's, a new key last)."""
    if after is None:
        if key in table and isinstance(table, InlineTable):
            _remove_inline(table, key)
        elif key in table:
            del table[key]
        elif before not in _EMPTY:
            raise Unmapped(f"{key}: not where the file was expected to hold it")
        return
    if key not in table:
        if before not in _EMPTY:
            raise Unmapped(f"{key}: not where the file was expected to hold it")
        if isinstance(table, InlineTable):
            _add_inline(table, key, fresh(after))
        elif style is None:
            table[key] = fresh(after)
        else:
            _insert(table, key, style.written(key, after, zone), style)
        return
    item = table[key]
    if isinstance(after, dict) and isinstance(item, Table | InlineTable | OutOfOrderTableProxy):
        _edit_keys(item, before if isinstance(before, dict) else {}, after, zone)
    elif _scalars(after) and _scalars(before) and isinstance(item, Array):
        _edit_array(item, before, after, zone, rows=False)
    elif isinstance(item, Array) and _tables(item) and _tables(before) and _tables(after):
        _edit_array(item, before, after, zone, rows=True)
    else:
        if style is not None and isinstance(after, dt.datetime) and not isinstance(item, DateTime):
            # a day given a time of day: as the file writes times, not as a local time
            item = style.sample(key, after) or item
        table[key] = styled(item, after, zone)


def _edit_keys(table: Any, read: dict[str, Any], value: dict[str, Any], zone: ZoneInfo) -> None:
    """`table`, which holds `read`, made to hold `value`: only the keys that differ."""
    for key in dict.fromkeys([*read, *value]):
        if read.get(key) != value.get(key):
            update(table, key, read.get(key), value.get(key), zone)


def _insert(table: Any, key: str, item: Item, style: Style) -> None:
    """Put a new `key` where the table's own key order, then its nearest kin's, put it:
    before the first key that follows it there (and the comment lines above that key);
    else right after the last key (comments after it may head what follows)."""
    body = _container(table).body
    own = [k.key for k, _ in body if k is not None]
    order = merged(style.order(own), [key])
    later = set(order[order.index(key) + 1 :])
    keyed = [n for n, (k, _) in enumerate(body) if k is not None]
    at = next((n for n in keyed if body[n][0].key in later), None)
    if at is None:
        at = keyed[-1] + 1 if keyed else 0
    else:
        while at > 0 and body[at - 1][0] is None and isinstance(body[at - 1][1], Comment):
            at -= 1
    if not item.trivia.trail.endswith("\n"):
        item.trivia.trail += "\n"
    if at < len(body):
        _container(table)._insert_at(at, key, item)
    else:
        table[key] = item


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)


def _tables(value: Any) -> bool:
    """A list of tables: in the file, an array of inline tables (`people = [ { name =
    "Chun" }, … ]`)."""
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _edit_array(
    array: Array, before: list[Any], after: list[Any], zone: ZoneInfo, *, rows: bool
) -> None:
    """Take out and put in only the items that changed, so the array keeps its layout
    (one item a line, comments beside items). An item edited in its place keeps its line
    and comment: a value (`rows` false) is written in the form it had, an inline table
    (`rows`: an array of them) is edited key by key, keeping its own look."""
    if len(array) != len(before):
        raise Unmapped("an array that does not hold what was read")
    matcher = SequenceMatcher(None, list(map(repr, before)), list(map(repr, after)), False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace":
            pairs = _unpaired(range(i2 - i1), range(j2 - j1))
        elif rows:
            pairs = _aligned(before[i1:i2], after[j1:j2])
        else:
            pairs = _paired_values(before[i1:i2], after[j1:j2])
        changes.append((i1, j1, pairs))
    trailing = bool(array) and _group(array, len(array) - 1).comma is not None
    moved = _moved_rows(array, before, after, changes) if rows else {}
    for i1, j1, pairs in reversed(changes):
        kept = sum(old is not None for old, _ in pairs)
        for old, new in reversed(pairs):  # from the end: the indexes before stay right
            kept -= old is not None
            if old is None:
                value = after[j1 + new]
                row = moved.get(j1 + new)
                if row is not None:
                    item = row.edited(value, zone)
                elif rows:
                    item = _inline(array, value, zone)
                else:
                    item = fresh(value)
                _insert_item(array, i1 + kept, item)
                if row is not None:
                    row.put_back(array, i1 + kept)
            elif new is None:
                del array[i1 + old]
            elif rows:
                _edit_keys(array[i1 + old], before[i1 + old], after[j1 + new], zone)
            else:  # the item, not its group: its indent, comma and comment stay
                array[i1 + old] = styled(array[i1 + old], after[j1 + new], zone)
    if array:  # the last item keeps the file's way: a comma after it or none
        last = _group(array, len(array) - 1)
        if trailing and last.comma is None:
            last.comma = Whitespace(",")
        elif not trailing and last.comma is not None:
            last.comma = None


def _insert_item(array: Array, index: int, item: Item) -> None:
    """`array.insert`, keeping what the file puts between items. An item put before the
    first one takes its place right after `[`, and tomlkit left the first one nothing
    after the new comma (`["new","first", "second"]`): it gets the space (or line break
    and indent) the next item has, else one space."""
    pushed = _group(array, index) if index < len(array) else None
    array.insert(index, item)
    if pushed is not None and pushed.indent is None:
        after = _group(array, index + 2) if index + 2 < len(array) else None
        if after is None:
            pushed.indent = Whitespace(" ")
        elif after.indent is not None:
            pushed.indent = Whitespace(after.indent.s)


@dataclass
class _MovedRow:
    """A row taken out in one place and put in at another (an event whose time moved it):
    its own inline table, edited there, with its comment and the comment lines above it."""

    table: InlineTable
    read: dict[str, Any]
    comment: Comment | None
    above: list[Any]
    """The item groups of the comment lines right above it (no blank line between)."""

    def edited(self, value: dict[str, Any], zone: ZoneInfo) -> InlineTable:
        _edit_keys(self.table, self.read, value, zone)
        return self.table

    def put_back(self, array: Array, index: int) -> None:
        """Its comments, at the row now at `index`; the row above the comment lines of the
        row after it (tomlkit puts it below them)."""
        group = _group(array, index)
        if self.comment is not None:
            group.comment = self.comment
        others = _lines_above(array, index)
        at = array._value.index(others[0] if others else group)
        array._value.remove(group)
        array._value[at:at] = [*self.above, group]
        array._reindex()


def _moved_rows(
    array: Array, before: list[Any], after: list[Any], changes: list[tuple[int, int, list]]
) -> dict[int, _MovedRow]:
    """The rows taken out in one place and put in at another, by the new row's index. Their
    comment lines are taken out now (the rows' deletion leaves them), to go with them."""
    taken = [i1 + old for i1, _, pairs in changes for old, new in pairs if new is None]
    put = [j1 + new for _, j1, pairs in changes for old, new in pairs if old is None]
    moved: dict[int, _MovedRow] = {}
    for new in put:
        old = next((old for old in taken if _same_row(before[old], after[new])), None)
        if old is not None:
            taken.remove(old)
            comment = _group(array, old).comment
            moved[new] = _MovedRow(array[old], before[old], comment, _lines_above(array, old))
    for row in moved.values():
        for group in row.above:
            array._value.remove(group)
    array._reindex()
    return moved


def _lines_above(array: Array, index: int) -> list[Any]:
    """The item groups of the comment lines right above the item at `index`, up to a blank
    line (a comment a blank line sets apart heads what follows, and stays)."""
    groups = array._value
    at = groups.index(_group(array, index))
    above: list[Any] = []
    while at > 0 and "\n\n" not in (groups[at].indent.s if groups[at].indent else ""):
        line = groups[at - 1]
        if not (isinstance(line.value, Null) and line.comment is not None):
            break
        above.insert(0, line)
        at -= 1
    return above


def _group(array: Array, index: int) -> Any:
    """The item at `index` with what surrounds it on its line (indent, comma, comment).
    tomlkit keeps no public handle on an array item's comment, so this reads its item
    groups; should a tomlkit release change them, the edit fails and the save writes the
    review afresh in pmtui's own style (`toml_edit.saved`): no data is lost, only style."""
    array._reindex()
    return array._value[array._index_map[index]]


def _same_row(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same row, edited or not: the same id, or most of its values."""
    if "id" in a and "id" in b:
        return a["id"] == b["id"]
    return 2 * sum(b.get(key) == value for key, value in a.items()) > len(a)


def _aligned(old: list[Any], new: list[Any]) -> list[tuple[int | None, int | None]]:
    """Old rows and new ones in order, each new row paired with the old one it is (the same
    id, or most of its values: it was edited) where it can be, so an edited row keeps its
    own line and comment while another is taken out or put in beside it."""
    longest = [[0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in reversed(range(len(old))):
        for j in reversed(range(len(new))):
            longest[i][j] = (
                longest[i + 1][j + 1] + 1
                if _same_row(old[i], new[j])
                else max(longest[i + 1][j], longest[i][j + 1])
            )
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and _same_row(old[i], new[j]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif j >= len(new) or (i < len(old) and longest[i + 1][j] >= longest[i][j + 1]):
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    return pairs


def _unpaired(old: range, new: range) -> list[tuple[int | None, int | None]]:
    """The `old` items all taken out, then the `new` ones put in."""
    return [(i, None) for i in old] + [(None, j) for j in new]


def _paired_values(old: list[Any], new: list[Any]) -> list[tuple[int | None, int | None]]:
    """Old values and new ones in order, paired as `_aligned` pairs rows, but a value has
    no id: the most alike old and new values (most of the text kept) are one value, edited,
    and the values on either side of them are paired likewise. Where none are alike, as
    many replaced by as many are each the one in its place, rewritten; else the old ones
    are taken out and the new ones put in. Past `MOST_COMPARED` pairs to compare, values
    are not compared (60 values all edited in one save took 0.7 s, and it grows as the
    cube): one person's edits between two saves are a value or two."""

    def paired(i1: int, i2: int, j1: int, j2: int) -> list[tuple[int | None, int | None]]:
        if (i2 - i1) * (j2 - j1) > MOST_COMPARED:
            return _in_place_or_unpaired(i1, i2, j1, j2)
        likeness = {
            (i, j): SequenceMatcher(None, str(old[i]), str(new[j]), False).ratio()
            for i in range(i1, i2)
            for j in range(j1, j2)
        }
        best = max(likeness, key=likeness.__getitem__, default=None)
        if best is not None and likeness[best] > 0.5:
            i, j = best
            return [*paired(i1, i, j1, j), (i, j), *paired(i + 1, i2, j + 1, j2)]
        return _in_place_or_unpaired(i1, i2, j1, j2)

    return paired(0, len(old), 0, len(new))


MOST_COMPARED = 100
"""The most old-and-new pairs of values `_paired_values` compares for likeness."""


def _in_place_or_unpaired(
    i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    """As many values replaced by as many: each the one in its place; else all taken out
    and the new ones put in."""
    if i2 - i1 == j2 - j1:
        return [(i1 + n, j1 + n) for n in range(i2 - i1)]
    return _unpaired(range(i1, i2), range(j1, j2))


def _padded(table: InlineTable) -> bool:
    """Written with a space inside its braces: `{ name = "Chun" }`."""
    body = table.value.body
    return bool(body) and body[-1][0] is None and isinstance(body[-1][1], Whitespace)


def _add_inline(table: InlineTable, key: str, item: Item) -> None:
    """A new key last in an inline table, before the space that closes it."""
    body = table.value.body
    pad = body.pop() if _padded(table) else None
    if len(table):
        item.trivia.indent = " "  # after the comma: `{ name = "Chun", id = "…" }`
    table[key] = item
    if pad is not None:
        body.append(pad)


def _remove_inline(table: InlineTable, key: str) -> None:
    """Remove `key`, and the spaces that set apart what was removed: tomlkit drops the
    comma but keeps the spaces (`{ at = 1,  who = "Dan" }`, `{ at = 1  }`)."""
    del table[key]
    body = table.value.body
    keys = [n for n, (k, _) in enumerate(body) if k is not None]
    edges = [-1, *keys, len(body)]
    for left, right in pairwise(edges):
        gap = range(left + 1, right)
        if any(isinstance(body[n][1], Null) for n in gap):
            kept = _kept_spaces(body, gap, first=left < 0, last=right == len(body))
            for n in gap:
                if n not in kept and _space(body[n][1]):
                    body[n] = (None, Whitespace(""))  # blanked in place: the keys keep their places


def _kept_spaces(body: list[tuple[Any, Item]], gap: range, *, first: bool, last: bool) -> set[int]:
    """The spaces of a gap between keys to keep: after `{`, the spaces before anything
    else; before `}`, those after everything else; between two keys, one separator (up to
    its comma and the spaces after it)."""
    if first:
        return set(takewhile(lambda n: _space(body[n][1]), gap))
    if last:
        return set(takewhile(lambda n: _space(body[n][1]), reversed(gap)))
    comma = next(n for n in gap if _comma(body[n][1]))
    after = takewhile(lambda n: _space(body[n][1]), range(comma + 1, gap.stop))
    return {*range(gap.start, comma), *after}


def _space(item: Item) -> bool:
    return isinstance(item, Whitespace) and not item.s.strip()


def _comma(item: Item) -> bool:
    return isinstance(item, Whitespace) and "," in item.s


def _inline(array: Array, table: dict[str, Any], zone: ZoneInfo) -> InlineTable:
    """A new item of an array of inline tables, written as the others are: their key
    order, the forms of their values, the spaces inside their braces."""
    kin = Style(lambda: list(array), dict)
    inline = tomlkit.inline_table()
    inline.update({key: kin.written(key, table[key], zone) for key in kin.ordered(table)})
    if any(_padded(other) for other in array):
        inline.value.body.insert(0, (None, Whitespace(" ")))
        inline.value.body.append((None, Whitespace(" ")))
    return inline


def styled(item: Item, value: Any, zone: ZoneInfo) -> Item:
    """`value` written as `item` was, as far as the value allows."""
    text = _styled_text(item, value, zone)
    return fresh(value) if text is None else _parsed(text)


def _styled_text(item: Item, value: Any, zone: ZoneInfo) -> str | None:
    """The text of `styled`; None when `value` has no form in common with `item`."""
    if isinstance(value, str) and isinstance(item, String):
        return _string_like(item, str(value))
    if isinstance(value, dt.datetime) and isinstance(item, DateTime | Date):
        return _datetime_like(item, value, zone)
    return None


def fresh(value: Any) -> Item:
    """`value` as pmtui writes it (a short list on its key's line)."""
    if _holds_tables(value):
        return tomlkit.item(value)
    return _parsed(_fresh_text(value))


def _fresh_text(value: Any) -> str:
    """The text of `fresh`."""
    if _holds_tables(value):
        return tomlkit.item(value).as_string()
    return store.format_table({"v": value}, ())[len("v = ") : -1]  # without its line end


def _holds_tables(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and not _scalars(value))


def _parsed(toml: str) -> Item:
    return tomlkit.parse(f"v = {toml}").item("v")


def _string_like(item: String, value: str) -> str:
    kind = item.type
    literal = kind in (StringType.SLL, StringType.MLL)
    multi_line = kind in (StringType.MLB, StringType.MLL) or "\n" in value
    if literal and _literal_can_hold(value, multi_line):
        quotes = "'''" if multi_line else "'"
        body = value
    elif multi_line:
        quotes = '"""'
        body = _CONTROL.sub(toml_out.unicode_escape, value.replace("\\", "\\\\"))
        body = re.sub(r'"(?=")', r'\\"', body)  # no three quotes in a row
    elif _ESCAPED.search(value):
        return toml_out.dumps({"v": value})[4:-1]
    else:
        return f'"{value}"'  # as tomli_w writes it, without its work (thousands a save)
    if multi_line:
        was_multi_line = kind in (StringType.MLB, StringType.MLL)
        raw = item.as_string()
        newline_first = not was_multi_line or raw[3:4] == "\n" or raw[3:5] == "\r\n"
        body = "\n" + body if newline_first or body.startswith("\n") else body
    return f"{quotes}{body}{quotes}"


def _literal_can_hold(value: str, multi_line: bool) -> bool:
    if _CONTROL.search(value):
        return False
    return "'''" not in value if multi_line else "'" not in value and "\n" not in value


def _datetime_like(item: DateTime | Date, value: dt.datetime, zone: ZoneInfo) -> str:
    raw = item.as_string()
    if isinstance(item, DateTime):
        between, local, zulu = raw[10], item.tzinfo is None, raw[-1] in "Zz"
    else:  # a day-only time given a time of day: local, as a date alone is
        between, local, zulu = "T", True, False
    suffix = ""
    if value.tzinfo is not None and local:
        there = value.astimezone(zone).replace(tzinfo=None, fold=0)
        if there.replace(tzinfo=zone) == value:  # not in a gap or a repeated hour
            value = there
        else:
            local = False
    if value.tzinfo is not None and not local:
        if zulu:
            value, suffix = value.astimezone(dt.UTC), raw[-1]
        else:
            value = store.writable(value)
            suffix = value.isoformat()[-6:]
    fraction = f".{value.microsecond:06d}" if value.microsecond else ""
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}{between}"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{fraction}{suffix}"
    )
