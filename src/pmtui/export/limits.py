"""What one render of a layout may spend: time, output, loop turns, the size of a value and
the size of all values together.

A layout is code from a file, so a careless or hostile one must not hang pmtui or fill its
memory. The sandbox (`pmtui.export.sandbox`) reports each loop turn, call and built value
to the `Budget` of the render under way; going past a limit ends the render with one line
that names the template. The limits sit far above what the built-in layouts need for a
10,000-event review (a quarter of a second, under a million characters, 12,000 loop turns,
under 250,000 characters and items built).
"""

from __future__ import annotations

import contextlib
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, MappingView
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from jinja2.utils import Namespace

from pmtui.templates import TemplateError

TIME_LIMIT = 10.0
"""Seconds a render may take (wall clock)."""
SIZE_LIMIT = 20_000_000
"""Characters of output, and the length of any string or list a layout builds or asks for."""
TURN_LIMIT = 10_000_000
"""Loop turns in one render, all loops together."""
TOTAL_LIMIT = 200_000_000
"""Characters and items of all the values one render builds together: each value is under
the size limit, but a layout could keep many of them (in a namespace, a list, a macro's
frames) and fill the memory, so every value built is counted until it is known to be freed
(a string built, kept in a namespace, then replaced there and held nowhere else)."""
SORT_LIMIT = 1_000_000
"""Items a `sort`, `groupby` or `dictsort` may take: Python's sort cannot be interrupted by
the time limit, and twenty million items with a key took over a minute. A review's
longest list (a 10,000-event timeline) is far below it."""
POWER_BITS = 1_000_000
"""Bits of the largest integer a layout may compute or keep (a power, a product): one
multiplication of two huge numbers cannot be interrupted by the time limit."""
WRAP_LIMIT = 2_000_000
"""Characters a `wordwrap` may take: Python's text wrapping cannot be interrupted by the
time limit, and takes about a second per million characters cut into short lines."""
WRAP_CUTS_LIMIT = 50_000_000_000
"""Characters a `wordwrap` may copy cutting long words: a word cut to lines `width` wide
is copied again for each line (its length squared over the width, summed over the
words), and one word of 1.5 million characters cut to one-character lines took 30 s."""
_WRAP_SPACES = re.compile(r"[\t\n\x0b\x0c\r ]+")
"""Where Python's text wrapping parts words: not at a no-break space (str.split does)."""
_CHECK_EVERY = 1024
"""Items of a lazy value between two looks at the clock (a look costs more than an item).
A loop looks at every turn: one turn can run long (`{% if x in big %}` over a list of
millions), and a turn costs several looks anyway."""
SIZED = (str, bytes, list, tuple, dict, set, frozenset)
"""What a layout can build that has a length (not `range`: its size is capped already)."""
_NUMBERS = re.compile(r"\d+")
_CONTAINERS = (list, tuple, set, frozenset, Mapping, MappingView, Namespace)
"""What `str()` writes out item by item: one long string held ten million times in a list
of ten million is a short list, but its text is 10**14 characters."""
_REPR_PIECE = 1_000_000
"""Characters of a string written out at once to learn the length of its repr."""

T = TypeVar("T")


class TemplateLimitError(TemplateError):
    """A layout went past one of its limits; `str()` is one line naming the template."""


LONGEST_FORMAT = 200
"""Characters of a time format a layout may give (`when`, a date's `strftime`, a `{:…}`
spec). `strftime` writes up to 256 characters for each directive (`%c`, a field width), so
a format of millions filled gigabytes before its result could be measured."""


@dataclass
class Budget:
    """The limits of one render, and what it has spent so far."""

    template: str
    clock: Callable[[], float] = time.monotonic
    turns: int = 0
    built_so_far: int = 0
    last_text: int = 0
    """`id` of the last string built (and counted)."""
    held: dict[int, int] = field(default_factory=dict)
    """Length of each counted string a namespace holds, by `id`: what freeing it gives back."""
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = self.clock() + TIME_LIMIT

    def stop(self, why: str) -> TemplateLimitError:
        return TemplateLimitError(f"template {self.template}: {why}; stopped")

    def tick(self) -> None:
        """Called at every value built (what a call returns included), every operator, every
        loop turn and every so many items of a lazy value."""
        if self.clock() > self.deadline:
            raise self.stop(f"the layout ran longer than {TIME_LIMIT:g} s")

    def counted(self, items: Iterable[T]) -> Iterator[T]:
        """The items of a loop, each turn counted against the limit and a look at the clock."""
        for item in items:
            self.turns += 1
            if self.turns > TURN_LIMIT:
                raise self.stop(f"its loops went round more than {TURN_LIMIT:,} times")
            self.tick()
            yield item

    def paced(self, items: Iterable[T]) -> Iterator[T]:
        """The items of a lazy value (what `select`, `map`, `unique`… return) with a look at
        the clock every so many: `sum`, `join` or `list` takes a whole chain of them in one
        call, so a look after each call comes only once all of it has run. Not loop turns:
        no turn limit, only the time limit."""
        count = 0
        for item in items:
            count += 1
            if count == _CHECK_EVERY:
                count = 0
                self.tick()
            yield item

    def sized(self, value: T) -> T:
        """The value, unless it is a string or collection longer than the size limit or an
        integer of more bits than allowed."""
        if isinstance(value, SIZED):
            self.check_size(len(value))
        elif isinstance(value, int):
            self.check_bits(value.bit_length())
        return value

    def built(self, value: T) -> T:
        """A value the layout just built: sized, counted against the total, and a look at
        the clock (building a big value takes time without a call or a loop turn)."""
        if isinstance(value, SIZED):  # `sized`, then counted: every call's result comes here
            size = len(value)
            self.check_size(size)
            self.built_so_far += size
            if isinstance(value, str):
                self.last_text = id(value)
            if self.built_so_far > TOTAL_LIMIT:
                raise self.stop(f"the values it built passed {TOTAL_LIMIT:,} characters in all")
        elif isinstance(value, int):
            self.check_bits(value.bit_length())
        self.tick()
        return value

    def hold(self, value: Any) -> None:
        """A namespace keeps the value: if it is the string just built, freeing it later
        gives back what it was counted (any other value gives nothing back: it may not have
        been counted, or be a collection whose items are held elsewhere)."""
        if isinstance(value, str) and id(value) == self.last_text:
            self.held[id(value)] = len(value)

    def freed(self, value: Any) -> None:
        """A value a namespace let go of and no one holds: what it was counted, if held,
        no longer counts in the total (so the total never gives back more than it counted)."""
        self.built_so_far -= self.held.pop(id(value), 0)

    def check_size(self, size: int) -> None:
        """Refuse to build something of that many characters or items before it is built."""
        if size > SIZE_LIMIT:
            raise self.stop(f"a value longer than {SIZE_LIMIT:,} characters or items")

    def check_sortable(self, value: Any) -> None:
        """Refuse to sort more items than `SORT_LIMIT` before the sort starts."""
        if isinstance(value, SIZED) and len(value) > SORT_LIMIT:
            raise self.stop(f"it sorts or groups more than {SORT_LIMIT:,} items")

    def check_wrap(self, text: Any, width: Any, break_long_words: Any) -> None:
        """Refuse a `wordwrap` whose work would pass `WRAP_LIMIT` or `WRAP_CUTS_LIMIT`
        before it starts."""
        if not isinstance(text, str):
            return
        if len(text) > WRAP_LIMIT:
            raise self.stop(f"it wraps more than {WRAP_LIMIT:,} characters at once")
        if break_long_words and isinstance(width, int) and width > 0:
            words = [len(word) for word in _WRAP_SPACES.split(text)]
            if sum(length * length for length in words) // width > WRAP_CUTS_LIMIT:
                raise self.stop(f"it cuts words of {max(words):,} characters to lines of {width}")

    def check_arguments(self, arguments: Iterable[Any]) -> None:
        """Refuse a width or count beyond the size limit, and any oversized argument."""
        for argument in arguments:
            if isinstance(argument, int) and not isinstance(argument, bool):
                self.check_size(abs(argument))
            else:
                self.sized(argument)
                self.check_text(argument)

    def check_text(self, value: Any) -> None:
        """Refuse to make text of a collection whose text would pass the size limit."""
        if isinstance(value, _CONTAINERS):
            self.check_size(text_size(value, SIZE_LIMIT))

    def check_power(self, base: int, exponent: int) -> None:
        """Refuse an integer power too large to compute quickly (`10 ** 10 ** 9`)."""
        if abs(base) > 1:
            self.check_bits(exponent * abs(base).bit_length())

    def check_product(self, left: int, right: int) -> None:
        """Refuse multiplying integers whose product would pass the bit limit."""
        self.check_bits(left.bit_length() + right.bit_length())

    def check_bits(self, bits: int) -> None:
        if bits > POWER_BITS:
            raise self.stop(f"a number of more than {POWER_BITS:,} bits")

    def check_time_format(self, pattern: Any) -> None:
        if isinstance(pattern, str) and len(pattern) > LONGEST_FORMAT:
            raise self.stop(f"a time format longer than {LONGEST_FORMAT} characters")

    def check_format_specs(self, pattern: str) -> None:
        """Refuse a `str.format` field spec longer than a time format may be: a date's spec
        is its strftime format."""
        with contextlib.suppress(ValueError):  # a pattern format() itself refuses
            for _text, _field, spec, _conversion in string.Formatter().parse(pattern):
                self.check_time_format(spec)

    def check_format(self, pattern: Any) -> None:
        """Refuse a format string asking for a field wider than the size limit."""
        if isinstance(pattern, str):
            for digits in _NUMBERS.findall(pattern):
                if len(digits) > len(str(SIZE_LIMIT)) or int(digits) > SIZE_LIMIT:
                    raise self.stop(f"a format wider than {SIZE_LIMIT:,} characters")

    def collect(self, pieces: Iterable[str]) -> str:
        """The output of a render, up to the size limit."""
        out, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > SIZE_LIMIT:
                raise self.stop(f"its output passed {SIZE_LIMIT:,} characters")
            out.append(piece)
        return "".join(out)


def text_size(value: Any, limit: int) -> int:
    """At least the length of `str(value)`, counted without writing it out and only until it
    passes `limit` (a list holding itself, or one list many times, ends early too)."""
    size, pending = 0, [iter((value,))]
    while pending and size <= limit:
        item = next(pending[-1], pending)
        if item is pending:
            pending.pop()
        elif isinstance(item, str):
            size += _quoted_size(item) if len(pending) > 1 else len(item)
        elif isinstance(item, bytes):
            size += 4 * len(item) + 3
        elif isinstance(item, _CONTAINERS):
            if isinstance(item, Namespace):
                item = item._Namespace__attrs
            items = item.items() if isinstance(item, Mapping) else item
            size += 12 + 4 * len(items)  # the type's name, brackets, separators
            pending.append(iter(items))
        else:
            size += len(str(item))
    return size


def _quoted_size(text: str) -> int:
    """At least the length of `repr(text)`, never written out more than a piece at once."""
    if text.isprintable():
        return len(text) + 2 + text.count("\\") + text.count("'")
    pieces = range(0, len(text), _REPR_PIECE)
    return text.count("'") + sum(len(repr(text[at : at + _REPR_PIECE])) for at in pieces)


current: ContextVar[Budget | None] = ContextVar("pmtui_export_budget", default=None)


class spending:
    """`with spending(name):` runs a render under a fresh budget for that template."""

    def __init__(self, template: str) -> None:
        self.budget = Budget(template)

    def __enter__(self) -> Budget:
        self.token = current.set(self.budget)
        return self.budget

    def __exit__(self, *exc: object) -> None:
        current.reset(self.token)
