"""Saving a review keeps the file's own style: only what changed is written.

`saved_text(path, data, base)` is the text to write for the snapshot `data` (from
`store.snapshot`) when the file holds `base` (the text last read or written, and the
snapshot of it). The difference between the two snapshots is applied to the text: values
equal in both are never touched; a key the new snapshot lacks was cleared (or set back to
its default) and its line goes; keys in neither (explicit defaults) stay. Items of lists of
tables (`[[timeline]]`…) are matched old to new: an unchanged item keeps its block as it
is, an edited one is edited field by field, a removed one's block goes with the comment
lines directly above it, a new one is a new block after the item before it. An item an
edit moved (its time: the same id elsewhere) takes its block there, comments and all.

What is new follows the file (`toml_values.Style`): a new block, or a new key in a block,
takes the key order and the value forms of the nearest blocks of the same kind. An item
that comes back (an undone deletion, saved in between) gets back the lines it had: the
base keeps the text of the blocks its saves removed.

Only the changed blocks go through tomlkit (it reads the 10,000-event review in 1.4 s;
`toml_blocks` cuts it in 0.06 s); new blocks are put together as text, each value in the
form its kin give it, without tomlkit reading them (a chat import adds thousands). The
result must read back to exactly `data`; when it does not, or the text cannot be mapped,
the review is written afresh (`format_snapshot`): correctness over style.

tomlkit is imported at the first save that needs it: the app's first frame does without.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.files import store, toml_blocks, tomlpos
from pmtui.files.toml_base import Base
from pmtui.files.toml_blocks import Block, Unmapped

if TYPE_CHECKING:  # tomlkit waits for the first save that needs it
    from pmtui.files.toml_values import Style

_LOCAL_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?![-+Zz.\d])")
"""A date and time with no offset (the review's zone says which instant it is)."""
_KIN = 8
"""How many of the nearest blocks of the same kind a new block or key follows."""
_REMOVED_KEPT = 64
"""How many removed items' lines a base keeps (for undoing their deletion)."""
_HEADING_STARTS = re.compile(r"(?<=\n)[ \t]*\r?\n(?=[ \t]*#)")
"""A blank line before a comment line: where a heading among a block's end comments starts."""
_ITEM_HEADER = re.compile(r"^[ \t]*\[\[[^\n]*\]\][ \t]*(?:#[^\n]*)?\r?\n", re.MULTILINE)
"""The header line of an item of a list of tables (`[[timeline]]`), with its line end."""
_BARE_ID = re.compile(r"[0-9A-Za-z_-]+")
"""An id that needs no escaping in a TOML string."""


def saved(path: Path, data: dict[str, Any], base: Base | None) -> Base:
    """What to write for `data`, as the base it then is: `base.text` with only the changes,
    when that reads back to exactly `data`; else (or without a base) the review in pmtui's
    own format."""
    if base is None:
        return Base(store.format_snapshot(data), data)
    if _same(base.data, data, base.text):
        return base
    removed = base.removed if store.zone_of(base.data) == store.zone_of(data) else {}
    with contextlib.suppress(Exception):  # any failure of the edit: write afresh
        edit = _Edit(base.text, data, removed)
        text = edit.applied(base.data)
        if _reads_back(path, text, data):
            return Base(text, data, edit.still_removed(), base.layout_lost)
    lost = base.layout_lost or base.text != store.format_snapshot(base.data)
    return Base(store.format_snapshot(data), data, removed, layout_lost=lost)


def saved_text(path: Path, data: dict[str, Any], base: Base | None) -> str:
    """The text to write for `data` (see `saved`)."""
    return saved(path, data, base).text


def _reads_back(path: Path, text: str, data: dict[str, Any]) -> bool:
    """Whether `text` reads as `data`. Read with tomllib, pure Python, not with the compiled
    parser that opens large reviews: that one holds the interpreter for its whole run (80 ms
    on the 10,000-event review), and the app would not draw a frame meanwhile."""
    return _same(store.snapshot(store.from_data(tomllib.loads(text), path, text)), data, text)


def _same(read: Any, data: Any, text: str) -> bool:
    """`read == data`, but for a nan, which TOML allows (`score = nan` from another tool)
    and which Python never finds equal to itself: a file holding one never read back as
    itself, so every save wrote it afresh, its comments gone. The slow walk only runs when
    the text holds a nan."""
    return read == data or ("nan" in text and _equal_with_nans(read, data))


def _equal_with_nans(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal_with_nans(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_equal_with_nans, a, b))
    return a == b


def edited(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`text` (which holds `old`) changed to hold `new`; `Unmapped` when it cannot be."""
    return _Edit(text, new, {}).applied(old)


class _Edit:
    """One save's edit: what changed, found by walking the snapshots along the file's
    blocks (`table`), then the text put together from old, edited and new blocks."""

    def __init__(
        self,
        text: str,
        new: dict[str, Any],
        removed: dict[str, tuple[str, ...]],
        kin: Callable[..., Style] | None = None,
    ) -> None:
        self.text, self.new = text, new
        self.kin = kin
        """Where the style of what is new comes from, when not from `text` itself (a block
        moved elsewhere: the blocks around its old place)."""
        self.removed_before = dict(removed)
        """Lines of items that earlier saves removed; those that come back are taken out."""
        self.removed_now: dict[str, tuple[str, ...]] = {}
        self.blocks = toml_blocks.split(text)
        self.number = {block.path: n for n, block in enumerate(self.blocks)}
        self.of_kind: dict[tuple[str, ...], list[int]] = {}
        """For each header key (`("timeline",)`), the blocks it heads, in order."""
        self.last_under: dict[tuple[Any, ...], int] = {}
        """For each path, the last block holding data under it."""
        self.first_under: dict[tuple[Any, ...], int] = {}
        """For each path, the first block holding data under it."""
        self.items: dict[tuple[Any, ...], int] = {}
        """For each list of tables with headers, how many items it has."""
        for n, block in enumerate(self.blocks):
            for length in range(1, len(block.path) + 1):
                self.last_under[block.path[:length]] = n
                self.first_under.setdefault(block.path[:length], n)
            if block.path and isinstance(block.path[-1], int):
                self.items[block.path[:-1]] = block.path[-1] + 1
            self.of_kind.setdefault(block.key, []).append(n)
        self.changes: dict[int, list[tuple[str, Any, Any]]] = {}
        self.parsed: dict[int, tuple[Any, Any]] = {}
        self.removed: set[int] = set()
        self.added: dict[int, list[tuple[str, bool]]] = {}
        self.returning: dict[int, list[list[str]]] = {}
        """For each block, the lists that a save had emptied, coming back after it: each its
        items' texts."""
        self.order_of: dict[int, list[str]] = {}
        """For each block with changed keys, its table's keys in pmtui's order."""
        self.forms: dict[str, Any] | None = None
        """What most of the file's values look like, by kind (read once, when needed)."""
        self.new_styles: dict[tuple[tuple[str, ...], int], Style] = {}
        """The style of new tables of each kind after each block (`_formatted`): new items
        after the same block all take the one read of their kin (a chat import adds
        thousands)."""
        self.zone = store.zone_of(new)

    def applied(self, old: dict[str, Any]) -> str:
        """The text changed from holding `old` to holding the new snapshot."""
        if store.zone_of(old) != self.zone:  # local times now read in another zone
            local = [b.path for b in self.blocks if _LOCAL_TIME.search(self.text, b.start, b.end)]
            old = _times_stale(old, _tree(local))
        self.table((), old, self.new)
        return self.assembled()

    def still_removed(self) -> dict[str, tuple[str, ...]]:
        """The lines of the items removed by this save and earlier ones, not come back."""
        removed = dict(self.removed_before)
        for gone, texts in self.removed_now.items():
            removed[gone] = removed.pop(gone, ()) + texts  # the latest last
        return dict(list(removed.items())[-_REMOVED_KEPT:])

    def _come_back(self, gone: str) -> str | None:
        """The lines of an item that a save removed (`gone` names it), the first of equal
        items' (they come back in their order); `None` if none is kept."""
        texts = self.removed_before.get(gone, ())
        if len(texts) > 1:
            self.removed_before[gone] = texts[1:]
        else:
            self.removed_before.pop(gone, None)
        return texts[0] if texts else None

    # What changed ---------------------------------------------------------------------------

    def table(self, path: tuple[Any, ...], old: dict[str, Any], new: dict[str, Any]) -> None:
        """The changes to the table at `path`: into its lists of tables and subtables that
        have headers of their own, and to the keys its own block holds."""
        own = []
        for key in dict.fromkeys([*old, *new]):
            before, after = old.get(key), new.get(key)
            if before == after:
                continue
            inner = (*path, key)
            if inner in self.items:
                self.list_of_tables(inner, before or [], after or [])
            elif inner in self.last_under:
                if not isinstance(before or {}, dict) or not isinstance(after or {}, dict):
                    raise Unmapped(f"{inner}: a table in the file, a value in the review")
                self.table(inner, before or {}, after or {})
            else:
                own.append((key, before, after))
        if own:
            self.own_keys(path, own, list(new))

    def own_keys(
        self, path: tuple[Any, ...], changes: list[tuple[str, Any, Any]], order: list[str]
    ) -> None:
        """Changes to the keys that the block of `path` itself holds (`order`: the table's
        keys in pmtui's order)."""
        number = self.number.get(path)
        if number is None:
            self.header_for(path, changes)
            return
        for key, before, after in changes:
            if before is None and _has_header(after) and key not in self._table(number):
                self.new_table(path, key, after)
            else:
                self.changes.setdefault(number, []).append((key, before, after))
                self.order_of[number] = order

    def new_table(self, path: tuple[Any, ...], key: str, value: Any) -> None:
        """A table, or list of tables, the file has none of. Items that a save removed
        (all of the list) come back as they were, under the comment that headed them and
        before what follows (see `_between_headings`)."""
        name = tuple(part for part in path if isinstance(part, str))
        place = self._place_for(path, key)
        if isinstance(value, dict):
            self.add(place, self._formatted({key: value}, name, place))
            return
        kept = [self._come_back(_gone((*path, key), repr(item))) for item in value]
        texts = [
            text or self._formatted({key: [item]}, name, place)
            for item, text in zip(value, kept, strict=True)
        ]
        if kept[0] is None:
            for text in texts:
                self.add(place, text)
        else:
            self.returning.setdefault(place, []).append(texts)

    def header_for(self, path: tuple[Any, ...], changes: list[tuple[str, Any, Any]]) -> None:
        """New keys of a table that only its subtables' headers made (`[[meeting.agenda]]`
        without `[meeting]`): its own header, before its first subtable, as pmtui writes."""
        if any(before is not None or after is None for _, before, after in changes):
            raise Unmapped(f"{path}: keys of a table that has no block of its own")
        name = tuple(part for part in path if isinstance(part, str))
        place = self.first_under[path] - 1
        text = self._formatted({key: after for key, _, after in changes}, name, place)
        if not text.startswith("\n["):  # values alone: pmtui leaves the header implicit
            text = f"\n[{tomlpos.dotted(name)}]\n{text}"
        self.add(place, text)

    def list_of_tables(self, path: tuple[Any, ...], old: list[Any], new: list[Any]) -> None:
        """Match the old items to the new: equal ones stay as they are; an item that moved
        keeps its blocks; one edited in its place is edited in its block; the rest are
        removed or added."""
        if len(old) != self.items[path] or not all(isinstance(item, dict) for item in new):
            raise Unmapped(f"{path}: the list does not match the file's [[tables]]")
        start = _common_length(old, new)
        end = _common_length(old[start:][::-1], new[start:][::-1])
        old_keys = list(map(repr, old[start : len(old) - end]))
        new_keys = list(map(repr, new[start : len(new) - end]))
        old_set, new_set = set(old_keys), set(new_keys)
        matcher = SequenceMatcher(None, old_keys, new_keys, False)
        old_ids = {o["id"] for o in old if "id" in o}
        moved: dict[str, list[str]] = {}
        taken_out: dict[Any, tuple[str, Any, int]] = {}
        """The items removed that have an id, by id: the key of `moved`, the item, its block."""
        inserts: list[tuple[int, Any]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            stay = [start + i for i in range(i1, i2) if old_keys[i] not in new_set]
            come = [start + j for j in range(j1, j2) if new_keys[j] not in old_set]
            edits = _edited_in_place(old, new, stay, come, old_ids)
            pairs = {j - start: i - start for j, i in edits}
            paired = set(pairs.values())
            for i in range(i1, i2):
                if i not in paired:
                    number = self.number[(*path, start + i)]
                    blocks = self.remove((*path, start + i))
                    moved.setdefault(old_keys[i], []).append(blocks)
                    if "id" in old[start + i]:
                        taken_out[old[start + i]["id"]] = (old_keys[i], old[start + i], number)
            after = start + i1 - 1
            for j in range(j1, j2):
                if j in pairs:
                    after = start + pairs[j]
                    self.table((*path, after), old[after], new[start + j])
                else:
                    inserts.append((after, new[start + j]))
        name = tuple(part for part in path[:-1] if isinstance(part, str))
        for before, item in inserts:
            first = before < 0  # goes below the comment heading the list, if any
            after = self.number[(*path, 0)] - 1 if first else self.last_under[(*path, before)]
            # An item that moved, or came back after a save removed it: its blocks as they were.
            kept = moved.get(repr(item))
            text = kept.pop(0) if kept else self._come_back(_gone(path, repr(item)))
            text = text or self._moved_and_edited(path, item, moved, taken_out)
            text = text or self._formatted({path[-1]: [item]}, name, after)
            self.add(after, text, below_notes=first)
        for key, texts in moved.items():
            if texts:
                gone = _gone(path, key)
                self.removed_now[gone] = self.removed_now.pop(gone, ()) + tuple(texts)

    def _moved_and_edited(
        self,
        path: tuple[Any, ...],
        item: dict[str, Any],
        moved: dict[str, list[str]],
        taken_out: dict[Any, tuple[str, Any, int]],
    ) -> str | None:
        """The blocks of the item that `item` was, taken out elsewhere in the list (the same
        id: an edit of its time moved it), edited to hold it: the comment lines above it go
        with it. None when there is none, or its blocks cannot be edited on their own."""
        if "id" not in item or not all(isinstance(part, str) for part in path):
            return None
        key, was, number = taken_out.get(item["id"], (None, None, 0))
        if key is None or not moved.get(key):
            return None
        kin = partial(self._style, near=number)  # new keys: as the blocks around it were
        edit = _Edit(moved[key][0], self._holding(path, item), {}, kin)
        try:
            text = edit.applied(self._holding(path, was))
        except Unmapped:
            return None
        moved[key].pop(0)
        return text

    def _holding(self, path: tuple[str, ...], item: dict[str, Any]) -> dict[str, Any]:
        """A snapshot with `item` alone in the list at `path`, read in the review's zone."""
        data: dict[str, Any] = {path[-1]: [item]}
        for part in reversed(path[:-1]):
            data = {part: data}
        if self.zone is not None:  # the same in both: never written
            data.setdefault("incident", {})["timezone"] = self.zone.key
        return data

    def remove(self, path: tuple[Any, ...]) -> str:
        """Take out the blocks of the item at `path`; their text (without the comments
        heading what follows, which stay: see `_kept_of`)."""
        first, last = self.number[path], self.last_under[path]
        if any(self.blocks[n].path[: len(path)] != path for n in range(first, last + 1)):
            raise Unmapped(f"{path}: the item's tables are not together")
        self.removed.update(range(first, last + 1))
        end = self.blocks[last].end - len(self._kept_of(self.blocks[last]))
        return self.text[self.blocks[first].start : end]

    def _kept_of(self, block: Block) -> str:
        """What stays of a removed block: comment lines at its end that a blank line sets
        apart, a heading of what comes after it (`# --- Actions ---`)."""
        text = self.text[block.start : block.end]
        return text[toml_blocks.notes_start(text) :]

    def add(self, after: int, text: str, below_notes: bool = False) -> None:
        """Put `text` after block `after`: above the comment lines at its end that head
        what follows (see `_kept_of`), or `below_notes`."""
        self.added.setdefault(after, []).append((text, below_notes))

    def _place_for(self, path: tuple[Any, ...], key: str) -> int:
        """The block after which a new table `key` of the table at `path` goes: after the
        table's last block; at the top, after the nearest key before it in pmtui's order."""
        if path:
            return self.last_under[path]
        order = list(self.new)
        for earlier in reversed(order[: order.index(key)]):
            if (earlier,) in self.last_under:
                return self.last_under[(earlier,)]
        return 0

    def _formatted(self, table: dict[str, Any], prefix: tuple[str, ...], near: int) -> str:
        """New tables (`store.format_table`) in the style of the blocks of the same kind
        nearest to block `near`."""

        def values_text(values: dict[str, Any], name: tuple[str, ...]) -> str:
            if (name, near) not in self.new_styles:
                self.new_styles[name, near] = self._style(name, near)
            return self.new_styles[name, near].values_text(values, self.zone)

        return store.format_table(table, prefix, values_text)

    def _style(self, key: tuple[str, ...], near: int, order: Sequence[str] = ()) -> Style:
        """What the blocks headed by `key` nearest to block `near` (not `near` itself) and
        the whole text show of the file's style (`toml_values.Style`)."""
        if self.kin is not None:
            return self.kin(key, order=order)
        from pmtui.files import toml_values

        def tables() -> list[Any]:
            kin = self.of_kind.get(key, [])
            at = bisect.bisect_left(kin, near)
            nearest = sorted(kin[max(0, at - _KIN) : at + _KIN + 1], key=lambda n: abs(n - near))
            return [self._table(n) for n in nearest if n != near][:_KIN]

        return toml_values.Style(tables, self._file_forms, order)

    def _file_forms(self) -> dict[str, Any]:
        if self.forms is None:
            from pmtui.files import toml_values

            self.forms = toml_values.file_forms(self.text)
        return self.forms

    def _table(self, number: int) -> Any:
        """The tomlkit table that block `number` holds (parsed once)."""
        if number not in self.parsed:
            import tomlkit

            block = self.blocks[number]
            document = tomlkit.parse(self.text[block.start : block.end])
            table = document
            for part in block.path:
                if isinstance(part, str):
                    table = table[part]
                elif isinstance(table, list):
                    table = table[-1]
            self.parsed[number] = (document, table)
        return self.parsed[number][1]

    # The new text ---------------------------------------------------------------------------

    def assembled(self) -> str:
        newline = "\r\n" if self.text.count("\r\n") * 2 > self.text.count("\n") else "\n"
        separator = self._separator().replace("\n", newline)
        last_kept = max(n for n in range(len(self.blocks)) if n not in self.removed)
        out: list[str] = []

        def put(added: list[str], more_follows: bool) -> None:
            for new in added:
                body = new.replace("\r\n", "\n").strip("\n").replace("\n", newline) + newline
                previous = next((chunk for chunk in reversed(out) if chunk), "")
                if previous and not previous.endswith("\n"):
                    out.append(newline)
                tail = _tail(previous)
                out.append(body + tail if tail or more_follows else separator + body)

        for n, block in enumerate(self.blocks):
            text = (
                self._kept_of(block) if n in self.removed else self._block_text(n, block, newline)
            )
            # New tables go before the comments heading what follows (all a removed block
            # keeps), lists coming back between those comments, and a new first item of a
            # list after the comment heading that list.
            above = [new for new, below in self.added.get(n, ()) if not below]
            back = self.returning.get(n, [])
            if not above and not back:
                notes = len(text)
            else:
                notes = 0 if n in self.removed else toml_blocks.notes_start(text)
            out.append(text[:notes])
            put(above, n < last_kept or notes < len(text))
            headings = _between_headings(text[notes:], back)
            for number, (heading, lists) in enumerate(headings, 1):
                out.append(heading)
                for texts in lists:
                    put(texts, n < last_kept or number < len(headings))
            put([new for new, below in self.added.get(n, ()) if below], n < last_kept)
        text = "".join(out)
        return text.rstrip("\r\n") + self.text[len(self.text.rstrip("\r\n")) :]

    def _block_text(self, number: int, block: Block, newline: str) -> str:
        if number not in self.changes:
            return self.text[block.start : block.end]
        if (text := self._given_id(block, self.changes[number], newline)) is not None:
            return text
        from pmtui.files import toml_values

        table = self._table(number)
        style = self._style(block.key, number, self.order_of[number])
        for key, before, after in self.changes[number]:
            toml_values.update(table, key, before, after, self.zone, style)
        text = self.parsed[number][0].as_string()
        return text.replace("\r\n", "\n").replace("\n", newline) if newline != "\n" else text

    def _given_id(
        self, block: Block, changes: list[tuple[str, Any, Any]], newline: str
    ) -> str | None:
        """The block with an `id` line under its header, when that is its one change (the
        id an item was given, `item_ids`): the line tomlkit would add, without reading the
        block with it (the first save of a file gives every item its id, and reading
        10,000 events' blocks takes seconds). None for any other change."""
        if len(changes) != 1:
            return None
        [(key, before, after)] = changes
        if key != "id" or before is not None or not isinstance(after, str):
            return None
        text = self.text[block.start : block.end]
        header = _ITEM_HEADER.search(text)
        if header is None or not _BARE_ID.fullmatch(after):
            return None
        indent = re.match(r"[ \t]*", text[header.end() :])
        return (
            f'{text[: header.end()]}{indent.group()}id = "{after}"{newline}{text[header.end() :]}'
        )

    def _separator(self) -> str:
        """What the file puts between two tables: the blank lines after the first one."""
        if len(self.blocks) > 2:
            return _tail(self.text[self.blocks[1].start : self.blocks[1].end]).replace("\r", "")
        return "\n"


def _between_headings(notes: str, lists: list[list[str]]) -> list[tuple[str, list[list[str]]]]:
    """The comment lines at a block's end (`notes`) cut into headings (one empty one when
    there are none), each with the `lists` coming back after it, in order. A list that a
    save emptied left the heading of what followed it below its own: so with more headings
    than lists, the last heading stays last, above what follows, and the lists go under the
    headings just before it; with fewer, list n goes under heading n and the rest under the
    last (which heading headed which is not kept: this guesses the usual file)."""
    cuts = [match.end() for match in _HEADING_STARTS.finditer(notes)]
    headings = [notes[a:b] for a, b in zip([0, *cuts], [*cuts, len(notes)], strict=True)]
    out: list[tuple[str, list[list[str]]]] = [(heading, []) for heading in headings]
    skip = max(len(out) - len(lists) - 1, 0)
    for number, texts in enumerate(lists):
        out[min(number + skip, len(out) - 1)][1].append(texts)
    return out


def _gone(path: tuple[Any, ...], item: str) -> str:
    """How `Base.removed` names an item (`item`: the `repr` of its data) of the list of
    tables at `path`: by the list's name, not its place, as the item may come back
    elsewhere."""
    return repr((tuple(part for part in path if isinstance(part, str)), item))


def _tree(paths: list[tuple[Any, ...]]) -> Any:
    """The paths as nested dicts; `True` stands for all that is under a path."""
    tree: Any = {}
    for path in paths:
        if not path:
            return True
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if node is True:
                break
        else:
            node[path[-1]] = True
    return tree


def _times_stale(value: Any, tree: Any = True) -> Any:
    """`value` with each date and time under the paths of `tree` replaced by something
    equal to nothing, so that each is written again."""
    if tree is not True:
        if isinstance(value, dict):
            return {k: _times_stale(v, tree[k]) if k in tree else v for k, v in value.items()}
        if isinstance(value, list):
            return [_times_stale(v, tree[n]) if n in tree else v for n, v in enumerate(value)]
        return value
    if isinstance(value, dict):
        return {key: _times_stale(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_times_stale(inner) for inner in value]
    return object() if isinstance(value, dt.datetime) else value


def _has_header(value: Any) -> bool:
    """A value that pmtui writes under `[name]` or `[[name]]` headers."""
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _edited_in_place(
    old: list[Any], new: list[Any], stay: list[int], come: list[int], old_ids: set
) -> list[tuple[int, int]]:
    """Which new items (`come`) are edits of which old ones (`stay`), to be edited in their
    blocks: by id where both have one, else by place an old item without an id (a first
    save gives ids). An old item whose id is gone was deleted: its block goes, comments and
    all, never to a new item. An item whose id is elsewhere on the other side moved: it is
    taken out and put in again (`_moved_and_edited`), as is one whose pairing would break
    the order. `old_ids`: those of all the old items."""
    by_id = {old[i]["id"]: i for i in stay if "id" in old[i]}
    pairs, last = [], -1
    for j in come:
        i = by_id.get(new[j].get("id"), -1)
        if i > last:
            pairs.append((j, i))
            last = i
    by_place = zip(
        [j for j in come if new[j].get("id") not in old_ids],
        [i for i in stay if "id" not in old[i]],
        strict=False,
    )
    pairs = sorted([*pairs, *by_place])
    if [i for _, i in pairs] != sorted(i for _, i in pairs):
        return list(zip(come, stay, strict=False))  # by place alone keeps the order
    return pairs


def _common_length(old: list[Any], new: list[Any]) -> int:
    length = 0
    for before, after in zip(old, new, strict=False):
        if before != after:
            break
        length += 1
    return length


def _tail(text: str) -> str:
    """The blank lines at the end of `text` (after its last line with something on it)."""
    content = text.rstrip(" \t\r\n")
    end_of_line = text.find("\n", len(content))
    return text[end_of_line + 1 :] if end_of_line >= 0 else ""
