"""The Jinja environment layouts run in: an immutable sandbox, with limits, that notes reads.

Three jobs on top of Jinja's `ImmutableSandboxedEnvironment` (no `_` or dunder attribute,
no mutation of lists and dicts, `range` capped):

- every field a layout reads is told to the current `leftovers.Tracker` (for "Other notes");
- every loop turn, call, operator, `~`, filter and written value that could run long or
  build something huge is checked against the current `limits.Budget`;
- user text reaches Markdown through the `escape` filters; `role` gives an incident role's
  canonical name (`pmtui.document.roles`), and the test `holding` picks the people who held one:
  `people | selectattr("incident_roles", "holding", "incident commander")`;
  `p.incident_roles | roles_outside(["scribe"])` gives the roles a person typed that name others;
- `{% filter used_columns %}` leaves out a table's all-blank columns (`tables`), and
  `timeline | with_unrecorded(milestones)` places a seed's unrecorded milestones
  (`unrecorded`), and `rows | with_any("name", "date")` keeps the rows with any of those
  fields filled;
- layouts load only from the built-in folder and, for a user's template, from its own folder:
  never by path, so `{% include "/etc/passwd" %}` finds nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from types import BuiltinMethodType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from pmtui.document import model, roles
from pmtui.errors import quoted
from pmtui.export import escape, leftovers, limits, tables, unrecorded
from pmtui.export.plain import Helper, Record, called, origin
from pmtui.files import locations

_SEQUENCES = (str, bytes, list, tuple)
_WRITING = frozenset(
    {
        "capitalize", "center", "e", "escape", "forceescape", "indent", "join", "lower",
        "pprint", "replace", "safe", "string", "striptags", "title", "tojson", "trim",
        "truncate", "upper", "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr",
    }
)  # fmt: skip
"""Filters that make text of their whole value: its text must fit before they start."""
_THROUGH = frozenset(
    {
        "batch", "groupby", "join", "list", "map", "max", "min", "reject", "rejectattr",
        "select", "selectattr", "slice", "sort", "sum", "unique",
    }
)  # fmt: skip
"""Filters that go through every item of their value: one of twenty million items can run
long before it gives anything back (`reject` keeping none, `unique`, `max`)."""
_SORTING = frozenset({"sort", "groupby", "dictsort"})
"""Filters whose work (Python's sort) the clock cannot stop: their input is limited."""
_PACED_FROM = 1024
"""Items of a value past which those filters take it paced: fewer, and it is quick anyway."""


class CountingCodeGenerator(CodeGenerator):
    """Compiles every `{% for %}` to loop over `environment.counted(items)`: each turn is
    counted, so nested loops over big lists cannot run for ever. And every `a ~ b` to
    `environment.concatenated((a, b), join)`: its size is checked before it is built; every
    slice to `environment.sliced(...)`: the copy it makes is counted; and every `{{ x }}`
    to write `environment.written(x)`: a collection's text is measured before it is made."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.Call(
            nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno
        )
        fields = [counted if name == "iter" else getattr(node, name) for name in node.fields]
        loop = nodes.For(*fields, lineno=node.lineno).set_environment(self.environment)
        super().visit_For(loop, frame)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        """`environment.counted(items)` of a loop (above) as a plain call of the method: through
        the sandbox's checks of a callable it would cost a timeline row more than its text.
        A layout cannot write such a call itself: the parser makes no `EnvironmentAttribute`."""
        if isinstance(node.node, nodes.EnvironmentAttribute) and node.node.name == "counted":
            self.write("environment.counted(")
            self.visit(node.args[0], frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        super()._output_child_pre(node, frame, finalize)
        if not _escaped(node):
            self.write("environment.written(")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not _escaped(node):
            self.write(")")
        super()._output_child_post(node, frame, finalize)

    @optimizeconst
    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            return super().visit_Getitem(node, frame)
        self.write("environment.sliced(")
        self.visit(node.node, frame)
        for part in (node.arg.start, node.arg.stop, node.arg.step):
            self.write(", ")
            if part is None:
                self.write("None")
            else:
                self.visit(part, frame)
        self.write(")")
        return None

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concatenated((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("), ")
        if frame.eval_ctx.volatile:  # Jinja's own choice of join, as in its visit_Concat
            self.write("(markup_join if context.eval_ctx.volatile else str_join))")
        else:
            self.write("markup_join)" if frame.eval_ctx.autoescape else "str_join)")


def _escaped(node: nodes.Expr) -> bool:
    """`{{ x|inline }}` (or `block`, `cell`): text already, nothing to measure before it is
    written. Most of what a layout writes is this, so it skips even the look."""
    return isinstance(node, nodes.Filter) and node.name in _ESCAPING


_ESCAPING = frozenset({"inline", "block", "cell", "item", "link", "quoted", "fenced"})
"""The filters that make user text Markdown (`pmtui.export.escape`)."""


class BoundedNamespace(Namespace):
    """`namespace()` whose attributes cannot grow past the size limit (a loop that doubles
    `ns.text` on each turn would otherwise fill the memory in a few dozen turns). A value
    it replaces, held nowhere else, is freed: a string it was counted for no longer counts
    against the render's total, so `ns.text = ns.text ~ line` over a long timeline costs
    its length, not the sum of every step."""

    def __setitem__(self, name: str, value: Any) -> None:
        budget = limits.current.get()
        if budget is None:
            return super().__setitem__(name, value)
        budget.sized(value)
        old = self._Namespace__attrs.get(name)
        super().__setitem__(name, value)
        budget.hold(value)
        if sys.getrefcount(old) <= 2:  # `old` and the argument: freed on return
            budget.freed(old)


class UncompilableLayout(jinja2.TemplateError):
    """A layout nested past what Jinja's parser or Python's `compile` can take."""


class LayoutEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, reporting reads to the tracker and spending to the budget."""

    code_generator_class = CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "//", "+"})

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, a layout too deeply nested for it failing as `UncompilableLayout`
        naming the layout: 21 nested loops are a SyntaxError of Python's, 100 nested brackets
        a RecursionError of Jinja's parser. The line Python gives is one of the code Jinja
        made, not of the layout, so none is given."""
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except (SyntaxError, RecursionError, MemoryError) as error:
            reason = f" ({error.msg})" if isinstance(error, SyntaxError) else ""
            raise UncompilableLayout(
                f"{quoted(name)}: too deeply nested to be compiled{reason}"
            ) from None

    def counted(self, items: Iterable[Any]) -> Iterable[Any]:
        budget = limits.current.get()
        return budget.counted(items) if budget else items

    def sliced(self, items: Any, start: Any, stop: Any, step: Any) -> Any:
        """`items[start:stop:step]`: a copy, counted like any value the layout builds."""
        budget = limits.current.get()
        return budget.built(items[start:stop:step]) if budget else items[start:stop:step]

    def written(self, value: Any) -> Any:
        """What `{{ value }}` writes, once its text is known to fit."""
        if type(value) is not str:
            _budget().check_text(value)
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """Captured output (a macro's, a `{% set %}…{% endset %}` block's), joined once its
        length is known to fit, and counted."""
        pieces = list(pieces)
        budget = _budget()
        budget.check_size(sum(map(len, pieces)))
        return budget.built("".join(pieces))

    def concatenated(self, parts: tuple, join: Callable[[Iterable[Any]], str]) -> str:
        """`a ~ b ~ c`: each part made text (as Jinja's join would), their total length
        checked, then joined by Jinja's own join (plain or escaping)."""
        budget = _budget()
        texts = [part if isinstance(part, str) else _text(budget, part) for part in parts]
        budget.check_size(sum(map(len, texts)))
        return budget.built(join(texts))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Record and attribute in obj:  # a field: plain data, no sandbox check
            if tracker := leftovers.current.get():
                tracker.seen.add((origin(obj), attribute))  # `saw`, inline: the commonest read
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if type(obj) is Record and (tracker := leftovers.current.get()):
            tracker.saw(obj, argument)
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = limits.current.get()
        if type(__obj) is Helper:  # its arguments are values the layout has: only its result is new
            result = called(__obj, __context, args, kwargs)
            return result if budget is None else _kept(budget, result)
        if budget is None:
            return super().call(__context, __obj, *args, **kwargs)
        if type(__obj) is BuiltinMethodType and isinstance(__obj.__self__, str | bytes | int):
            budget.check_arguments([*args, *kwargs.values()])  # widths and counts too
            budget.check_size(growth(__obj.__name__, __obj.__self__, args))
        else:
            if type(__obj) is BuiltinMethodType and isinstance(__obj.__self__, dt.date | dt.time):
                for argument in (*args, *kwargs.values()):  # strftime's, __format__'s format
                    budget.check_time_format(argument)
            for argument in (*args, *kwargs.values()):
                budget.sized(argument)
        return _kept(budget, super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = limits.current.get()
        if budget is None:
            return super().call_binop(context, operator, left, right)
        budget.tick()
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                budget.check_product(left, right)
            for items, times in ((left, right), (right, left)):
                if isinstance(items, _SEQUENCES) and isinstance(times, int):
                    budget.check_size(len(items) * times)
        elif operator == "+":
            if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
                budget.check_size(len(left) + len(right))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            budget.check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            budget.check_format(left)
            budget.check_arguments(right if isinstance(right, tuple) else [right])
        return budget.built(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` as the sandbox runs it, refusing a field wider than the size limit,
        whether the width is in the pattern or an argument (`'{:>{}}'.format(1, 10**9)`)."""
        formatting = super().wrap_str_format(value)
        if formatting is None:
            return None
        _budget().check_format(value.__self__)
        _budget().check_format_specs(value.__self__)

        @functools.wraps(formatting)
        def bounded(*args: Any, **kwargs: Any) -> str:
            budget = _budget()
            budget.check_arguments([*args, *kwargs.values()])
            return budget.built(formatting(*args, **kwargs))

        return bounded


def _kept(budget: limits.Budget, value: Any) -> Any:
    """What a filter or call returns: a value counted as built; a lazy one (`select`, `map`,
    `reverse`… give generators) paced, so whatever takes its items (`sum`, `join`, `list`,
    the next lazy filter of a chain) looks at the clock as it goes, not only once it is done."""
    if type(value) is not str and isinstance(value, Iterator):  # most calls give text
        budget.tick()
        return budget.paced(value)
    return budget.built(value)


def _text(budget: limits.Budget, value: Any) -> str:
    budget.check_text(value)
    return str(value)


def _budget() -> limits.Budget:
    """The budget of the render under way; outside one (Jinja folding constants while it
    compiles) a fresh one, so sizes are checked then too."""
    return limits.current.get() or limits.Budget("layout")


def growth(operation: str, text: Any, args: tuple) -> int:
    """The most characters (or bytes) a string operation that can multiply its input may
    produce."""
    if operation == "replace" and len(args) >= 2 and isinstance(text, str | bytes):
        old, new = (arg if isinstance(arg, bytes) else str(arg) for arg in args[:2])
        if len(new) <= len(old):
            return len(text)
        times = len(text) + 1 if not old else text.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            times = min(times, args[2])
        return len(text) + times * (len(new) - len(old))
    if operation == "expandtabs" and isinstance(text, str | bytes):
        size = args[0] if args and isinstance(args[0], int) else 8
        return len(text) + text.count("\t" if isinstance(text, str) else b"\t") * max(size, 0)
    if operation == "join" and args and isinstance(args[0], list | tuple):
        items = args[0]
        return sum(len(i) for i in items if isinstance(i, str | bytes)) + len(str(text)) * len(
            items
        )
    if operation == "translate" and args and isinstance(args[0], dict) and isinstance(text, str):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        return len(text) * longest
    if operation == "indent" and isinstance(text, str):
        width = args[0] if args else 4
        each = len(width) if isinstance(width, str) else width
        return len(text) + (text.count("\n") + 1) * each
    return 0


def _bounded(name: str, apply: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose arguments (widths, counts) and result obey the size limit."""
    value_at = 0 if getattr(apply, "jinja_pass_arg", None) is None else 1

    @functools.wraps(apply)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        value, rest = args[value_at] if len(args) > value_at else None, args[value_at + 1 :]
        budget.check_arguments([*rest, *kwargs.values()])
        if name in _WRITING:
            budget.check_text(value)
        if name in _SORTING:
            budget.check_sortable(value)
        if name == "wordwrap":  # do_wordwrap(s, width=79, break_long_words=True, …)
            wrap = dict(zip(("width", "break_long_words"), rest, strict=False)) | kwargs
            budget.check_wrap(value, wrap.get("width", 79), wrap.get("break_long_words", True))
        if name == "format":
            budget.check_format(value)
        elif name == "join":
            budget.check_size(growth("join", kwargs.get("d", rest[0] if rest else ""), (value,)))
        else:
            budget.check_size(growth(name, value, (*rest, *kwargs.values())))
        if name in _THROUGH and isinstance(value, limits.SIZED) and len(value) > _PACED_FROM:
            args = (*args[:value_at], budget.paced(value), *rest)
        return _kept(budget, apply(*args, **kwargs))

    return bounded


def _placing(choose: Callable[..., Any]) -> Callable[..., Any]:
    """A `selectattr`-like filter whose test is not a read: a record left out by it stays
    unread, and the records it keeps count the attribute as shown (their place says it)."""

    @jinja2.pass_context
    def placed(context: Any, items: Any, attribute: str, *args: Any, **kwargs: Any) -> list:
        token = leftovers.current.set(None)
        try:
            chosen = list(choose(context, items, attribute, *args, **kwargs))
        finally:
            leftovers.current.reset(token)
        if tracker := leftovers.current.get():
            for item in chosen:
                tracker.saw(item, attribute.split(".")[0])
        return chosen

    return placed


def event_time(context: Any, event: Any, zone: str | None = None) -> str:
    """`at(e)`: an event's time as `when` shows it (to the day, or `~` approximate, as
    recorded; `zone` as `when` takes it). A function, not a macro of `_parts.md.j2`: a
    macro call costs Jinja about 10 µs, a long timeline calls this on every row, and the
    fields are read through the sandbox all the same."""
    environment = context.environment
    moment = environment.getattr(event, "at")
    shown = {
        "day_only": environment.getattr(event, "day_only"),
        "approx": environment.getattr(event, "approx"),
        "zone": zone,
    }
    when = context["when"]
    if type(when) is Helper:  # pmtui's own: its text is counted once, as what `at` gives
        return called(when, context, (moment,), shown)
    # Through the sandbox's call, as `{{ when(…) }}` is: a layout may have set `when` to
    # something of its own (`"{0.__class__}".format` must be refused, not run).
    return environment.call(context, when, moment, **shown)


def event_source(context: Any, event: Any) -> str:
    """`source(e)`: " (source: …)" after an event's text when it names one, else nothing."""
    source = context.environment.getattr(event, "source")
    return f" (source: {escape.link(source)})" if source else ""


@jinja2.pass_environment
def with_any(environment: LayoutEnvironment, items: Iterable[Any], *names: str) -> list[Any]:
    """`rows | with_any("name", "signed", "date")`: the rows with any of those fields filled,
    in their order; a preset row nobody touched (a sign-off role alone) is left out. Unlike
    `selectattr`, a row may be kept for any one of several fields. The test is not a read:
    of the rows kept, only the fields the layout shows count as shown."""
    token = leftovers.current.set(None)
    try:
        return [
            item
            for item in environment.counted(items)
            if any(environment.getattr(item, name) for name in names)
        ]
    finally:
        leftovers.current.reset(token)


class LayoutCache(jinja2.FileSystemBytecodeCache):
    """Compiled layouts kept between runs in the state folder (compiling one costs about
    0.1 s a run). The cache is only an optimisation: any failure just compiles again. The
    file names carry the code generator's version (raise it with each change to
    `CountingCodeGenerator`), so no layout compiled without a check is ever read back."""

    def __init__(self) -> None:
        folder = locations.state_dir() / "layout-cache"
        with contextlib.suppress(OSError):
            locations.private_folder(folder)  # 0700, as every folder of pmtui's own
        super().__init__(str(folder), pattern="counted-7-%s.cache")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign cache file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def environment(folder: Path | None = None) -> LayoutEnvironment:
    """The environment for the built-in layouts and, when given, one template folder's own."""
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("pmtui.export", "layouts")]
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(folder))
    made = LayoutEnvironment(
        bytecode_cache=LayoutCache(),
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    del made.globals["lipsum"]  # n paragraphs of filler: nothing a review needs, a way to hang
    made.globals["namespace"] = BoundedNamespace
    made.globals.update(
        at=Helper(event_time, takes_context=True), source=Helper(event_source, takes_context=True)
    )
    for name, apply in list(made.filters.items()):
        made.filters[name] = _bounded(name, apply)
    made.filters.update({name: getattr(escape, name) for name in _ESCAPING})
    made.filters["role"] = lambda text: roles.canonical_role(text) or ""
    made.filters["chain_label"] = model.chain_label
    made.filters["used_columns"] = tables.used_columns
    made.filters["with_unrecorded"] = unrecorded.with_unrecorded
    made.filters["with_any"] = with_any
    made.tests["containing"] = lambda items, value: value in items
    made.filters["roles_outside"] = roles.roles_outside
    made.tests["holding"] = roles.holds
    for name in ("selectattr", "rejectattr"):
        made.filters[name] = _placing(made.filters[name])
    return made
