"""Export layouts are code from a file: every escape we know of fails on one line or renders
harmlessly, nothing outside the export is written, and nothing runs for ever.

Each payload is a user's own layout (the strongest case: a review can only pick a template
by name), exported with `pmtui export` as a person would.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import jinja2
import pytest
from conftest import SAMPLES
from jinja2.compiler import CodeGenerator

from pmtui import templates
from pmtui.cli.commands import main
from pmtui.document.model import Review
from pmtui.export import limits, markdown, plain, sandbox, sections
from pmtui.files import locations, store

SAMPLE = SAMPLES / "pet-clinic-dojo.toml"
EVIL = """\
name = "evil"
title = "Looks harmless"
description = "A template someone shared"
layout = "evil.md.j2"
"""
LEAKS = ("<class", "<function", "<module", "<built-in", "<bound", "pydantic", "Path(", "root:")
"""What a rendered escape would show: a type, a function, a module, a path, /etc/passwd."""
ROOTS = ["review", "incident", "timeline", "template", "presets", "derived", "durations", "when"]
ROOTS += ["at", "source", "namespace"]  # the helpers a layout can call
NESTED = [
    "review.actions[0]",
    "review.actions[0].due",
    "review.actions[0].priority",
    "review.actions[0].tags",
    "review.lessons",
    "timeline[0]",
    "timeline[0].at",
    "timeline[0].at.tzinfo",
    "incident.review_date",
    "incident.status",
    "template.label",
    "template.milestones",
    "derived.followup_date",
    "derived.severity_tags",
    "review.people[0].spoke",
    "review.people[0].present",
]
DANGEROUS = [
    "__class__", "__init__", "__globals__", "__closure__", "__code__", "__self__", "__func__",
    "__subclasses__", "__mro__", "__dict__", "__builtins__", "__reduce__", "_origin", "_apply",
    "folder", "path", "parent", "write_text", "write_bytes", "open", "unlink", "mkdir",
    "touch", "joinpath", "read_text", "model_copy", "model_dump_json", "model_config",
    "model_validate", "sorted_timeline", "func", "gi_frame", "f_globals", "mro",
]  # fmt: skip


CHILD_MEMORY = 600 << 20
"""Bytes of address space an export in its own process may take: a layout the limits miss
ends there in a MemoryError, never in a swapping machine."""
CHILD = (
    "import resource, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY}, {CHILD_MEMORY})); "
    "from pmtui.cli.commands import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.fixture
def export(tmp_path, capsys):
    """Export the sample (its own copy) in a user template whose layout is `text`: exit code,
    output, error; and that nothing was written but the layout cache."""
    return exporting(tmp_path, lambda review_file: exported_here(review_file, capsys))


@pytest.fixture
def export_in_a_child(tmp_path):
    """`export`, run in a process of its own with a memory cap and a deadline: a layout that
    would hang or fill the memory fails its test, never the suite."""
    return exporting(tmp_path, exported_in_a_child)


def exporting(tmp_path: Path, export: Callable[[Path], tuple[int, str, str]]):
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil.toml").write_text(EVIL)
    review_file = tmp_path / "review" / "r.toml"
    review_file.parent.mkdir()
    review_file.write_text('template = "evil"\n' + SAMPLE.read_text())
    assert store.load(review_file).template == "evil"
    home = Path.home()

    def run(text: str) -> tuple[int, str, str]:
        (folder / "evil.md.j2").write_text(text)
        before = files(home, tmp_path)
        original = review_file.read_bytes()
        code, out, err = export(review_file)
        assert files(home, tmp_path) == before, "a layout wrote a file"
        assert review_file.read_bytes() == original
        assert "Traceback" not in err and err.count("\n") <= 1, err
        if code != 0:
            assert code == 2 and err.startswith("pmtui: ") and "evil.md.j2" in err, err
        return code, out, err

    return run


def exported_here(review_file: Path, capsys) -> tuple[int, str, str]:
    code = main(["export", str(review_file)])
    out, err = capsys.readouterr()
    return code, out, err


def exported_in_a_child(review_file: Path) -> tuple[int, str, str]:
    command = [sys.executable, "-c", CHILD, "export", str(review_file)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    return done.returncode, done.stdout, done.stderr


def files(*folders: Path) -> dict[str, int]:
    """Every file under the folders with its size, the layout cache left out."""
    return {
        str(path): path.stat().st_size
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and "layout-cache" not in path.parts
    }


def harmless(code: int, out: str) -> bool:
    return code == 2 or (code == 0 and not any(leak in out for leak in LEAKS))


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ lipsum.__globals__ }}",
        "{{ lipsum.__globals__['os'].system('touch pwned') }}",
        "{{ range.__class__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__init__.__globals__ }}",
        "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
        "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
        "{{ ''|attr('__class__') }}",
        "{{ review|attr('__class__')|attr('__mro__') }}",
        "{{ (when|attr('__globals__'))['os'] }}",
        "{{ '{0.__class__}'.format(review) }}",
        "{{ '{0.__init__.__globals__}'.format(when) }}",
        "{{ '{0._origin}'.format(review) }}",
        "{{ '{incident.__class__}'.format_map(review) }}",
        "{{ review.timeline|map(attribute='update')|list }}",
        "{{ '%s'|format(review.__class__) }}",
        "{{ '%(a)s'|format(a=when.__globals__) }}",
        "{{ 'x'|attr('format')('{0.__class__}', review) }}",
        "{{ when.__closure__[0].cell_contents }}",
        "{{ template.label.__closure__ }}",
        "{{ derived.followup_date.__code__ }}",
        "{{ template.folder }}",
        "{{ template.folder.joinpath('pwned').write_text('x') }}",
        "{{ incident.started_at.tzinfo.__class__ }}",
        "{{ timeline[0].at.__class__.__subclasses__() }}",
        "{{ review.model_dump_json() }}",
        "{{ review.sorted_timeline() }}",
        "{{ incident.status.__class__.__members__ }}",
        "{{ review.actions[0].priority.__objclass__ }}",
        "{{ config }}{{ request }}{{ environment }}",
        "{{ dict.__class__ }}",
    ],
)
def test_escapes_fail_on_one_line_or_show_nothing(export, payload):
    code, out, _ = export(payload)
    assert harmless(code, out), out


@pytest.mark.parametrize(
    "payload",
    [
        "{% set x = review.actions.append(1) %}",
        "{{ review.actions.append(1) }}",
        "{{ review.actions.pop() }}",
        "{{ review.actions.clear() }}",
        "{{ review.update({'incident': {}}) }}",
        "{{ incident.pop('title') }}",
        "{{ incident.setdefault('title', 'x') }}",
        "{{ incident.tags.extend([1]) }}",
        "{{ template.hints.update(summary='x') }}",
        "{% set incident.title = 'changed' %}",
        "{% set ns = namespace() %}{% set ns.x = review.actions.append(1) %}",
        "{{ review.__setitem__('incident', 1) }}",
        "{{ review.actions.__setitem__(0, 1) }}",
        "{{ review.actions.sort() }}{{ review.actions.reverse() }}",
    ],
)
def test_nothing_a_layout_holds_can_be_changed(export, payload):
    code, out, err = export(payload + "{{ incident.title }}")
    assert code == 2, out
    assert "unsafe" in err or "safely callable" in err or "namespace" in err, err


def test_a_layout_cannot_change_the_review_it_renders():
    review = store.load(SAMPLE)
    before = review.model_dump()
    data = plain.context(review, templates.load_template("default"))
    data["review"]["actions"].clear()  # even outside the sandbox: copies, not the review
    data["incident"]["title"] = "changed"
    assert review.model_dump() == before


@pytest.mark.parametrize(
    "payload",
    [
        "{% include '/etc/passwd' %}",
        "{% include '../../../../../../etc/passwd' %}",
        "{% import '/etc/passwd' as p %}",
        "{% from '/etc/hostname' import x %}",
        "{% extends '/etc/passwd' %}",
        "{% include '~/secret.j2' %}",
        "{% include HOME ~ '/secret.j2' %}",
        "{% include '../../../secret.j2' %}",
        "{% include ['/etc/passwd', '_parts.md.j2'] %}done",
    ],
)
def test_includes_and_imports_never_reach_a_file_by_path(export, payload):
    secret = Path.home() / "secret.j2"
    secret.write_text("THE SECRET\n")
    code, out, _ = export(payload.replace("HOME", repr(str(Path.home()))))
    assert "THE SECRET" not in out and "root:" not in out
    assert harmless(code, out)


def test_every_context_value_is_plain_data():
    review = store.load(SAMPLE)
    helpers = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                assert type(key) is str, where
                walk(item, f"{where}.{key}")
        elif isinstance(value, list | tuple):
            for n, item in enumerate(value):
                walk(item, f"{where}[{n}]")
        elif type(value) is plain.Helper:
            helpers.append(where)
        else:
            plain_types = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)
            assert type(value) in plain_types or isinstance(value, StrEnum), where
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                assert type(value.tzinfo) is dt.timezone, where  # a fixed offset, no zone file

    for name in templates.builtin_names():
        helpers.clear()
        walk(plain.context(review, templates.load_template(name)), "context")
        assert sorted(helpers) == [
            "context.derived.followup_date",
            "context.template.label",
            "context.when",
        ]


def test_no_dangerous_attribute_is_reachable_from_any_value(export):
    values = ROOTS + NESTED
    probe = "".join(
        f"{{% if ({value}|attr({name!r})) is defined %}}FOUND {value}.{name}\n{{% endif %}}"
        for value in values
        for name in DANGEROUS
    )
    code, out, err = export(probe + "{% for x in [1] %}{{ loop|attr('_iterator') }}{% endfor %}")
    assert "FOUND" not in out, out
    assert code == 2 and "_iterator" in err  # the last probe prints an unsafe lookup


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{% for i in range(10**9) %}{% endfor %}", "range too big"),
        ("{{ 'a' * 10**9 }}", "longer than 20,000,000"),
        ("{{ [1, 2] * 10**9 }}", "longer than 20,000,000"),
        ("{{ 'a'.encode() * 10**9 }}", "longer than 20,000,000"),
        ("{{ ('a' * 10**7).translate({97: 'bbbbbb'}) }}", "longer than 20,000,000"),
        ("{{ 10 ** (10 ** 9) }}", "bits"),
        ("{{ 'a'|center(10**9) }}", "longer than 20,000,000"),
        ("{{ 'a'.ljust(1000000000) }}", "longer than 20,000,000"),
        ("{{ 'a'.zfill(10**9) }}", "longer than 20,000,000"),
        ("{{ ('a' * 10**7).replace('', 'bbbbbb') }}", "longer than 20,000,000"),
        ("{{ ('a' * 10**7)|replace('a', 'bbbbbb') }}", "longer than 20,000,000"),
        ("{{ ('\t' * 10**6).expandtabs(100) }}", "longer than 20,000,000"),
        ("{{ ('a\n' * 10**6)|indent(100) }}", "longer than 20,000,000"),
        ("{{ (['a' * 10**7] * 100)|join }}", "longer than 20,000,000"),
        ("{{ '-'.join(['a' * 10**7] * 100) }}", "longer than 20,000,000"),
        ("{{ range(5)|batch(10**9, 'x')|list }}", "longer than 20,000,000"),
        ("{{ range(5)|slice(10**9)|list }}", "longer than 20,000,000"),
        ("{{ ([1] * 20000001)|sum }}", "longer than 20,000,000"),  # refused before built
        ("{{ ([1] * 1000001)|sort|first }}", "sorts or groups more than 1,000,000"),
        ("{{ ([1] * 1000001)|groupby('real')|list }}", "sorts or groups more than 1,000,000"),
        ("{{ ('x' * 10**7)|wordwrap(1) }}", "wraps more than 2,000,000 characters"),
        ("{{ ('x' * 1500000)|wordwrap(1) }}", "cuts words of 1,500,000 characters"),
        ("{{ ('x' * 1500000)|wordwrap(width=2) }}", "cuts words of 1,500,000 characters"),
        ("{{ (('x' ~ '\u00a0') * 500000)|wordwrap(1) }}", "cuts words of 1,000,000"),
        ("{{ ((('x' * 222000) ~ ' ') * 9)|wordwrap(1) }}", "cuts words of 222,000"),
        ("{{ '{:>1000000000}'.format(1) }}", "format wider"),
        ("{{ '{:>{}}'.format(1, 10**9) }}", "longer than 20,000,000"),
        ("{{ '%1000000000s'|format(1) }}", "format wider"),
        ("{{ '%1000000000s' % 1 }}", "format wider"),
        ("{{ '%*s' % (10**9, 1) }}", "longer than 20,000,000"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "longer than 20,000,000",
        ),
        (
            "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}"
            "{{ d('ab', 40) }}",
            "longer than 20,000,000",
        ),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output passed"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"),
        ("{{ 1 << 10**9 }}", "unexpected '<'"),  # no shift in Jinja: a big number needs `*`
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "loops went round more than",
        ),
        (
            "{% set big = range(100000)|list %}{% for i in big %}{% for j in big %}"
            "{% endfor %}{% endfor %}",
            "loops went round more than",
        ),
    ],
)
def test_a_layout_that_would_hang_or_fill_memory_stops_on_one_line(
    export, monkeypatch, payload, message
):
    monkeypatch.setattr(limits, "TURN_LIMIT", 200_000)  # the real limit, reached sooner
    code, _, err = export(payload)
    assert code == 2 and message in err.lower(), err
    assert "evil.md.j2" in err, err


HUGE = "'x' * 19000000"
"""A value just under the size limit: a few of them kept at once fill the memory."""


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (  # each product doubles the bits: one multiplication the clock cannot interrupt
            "{% set ns = namespace(x=2**400000) %}{% for i in range(40) %}"
            "{% set ns.x = ns.x * ns.x %}{% endfor %}",
            "a number of more than 1,000,000 bits",
        ),
        ("{% set x = 3**300000 %}{{ x * x * x }}", "more than 1,000,000 bits"),
        (
            "{% set ns = namespace(x=3) %}{% for i in range(40) %}"
            "{% set ns.x = ns.x ** 2 %}{% endfor %}",
            "more than 1,000,000 bits",
        ),
        (  # a bit a turn, kept in a namespace
            "{% set x = 3**315000 %}{% set ns = namespace(x=x * x) %}"
            "{% for i in range(3000) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
            "more than 1,000,000 bits",
        ),
        (
            f"{{% set a = {HUGE} %}}{{% set b = a~a~a~a~a~a~a~a %}}"
            "{% set c = b~b~b~b~b~b~b~b %}{{ c|length }}",
            "longer than 20,000,000",
        ),
        (  # each under the size limit, together gigabytes
            f"{{% set a = {HUGE} %}}"
            + "".join(f"{{% set b{n} = a ~ {n} %}}" for n in range(40))
            + "{{ b0|length }}",
            "the values it built passed 200,000,000 characters in all",
        ),
        (
            "{% set ns = namespace(l=[]) %}{% for i in range(300) %}"
            "{% set ns.l = ns.l + [('x' ~ i) * 4000000] %}{% endfor %}{{ ns.l|length }}",
            "passed 200,000,000 characters in all",
        ),
        (  # copies made by slicing, kept in a list
            f"{{% set a = {HUGE} %}}{{% set ns = namespace(l=[]) %}}{{% for i in range(300) %}}"
            "{% set ns.l = ns.l + [a[i:]] %}{% endfor %}{{ ns.l|length }}",
            "passed 200,000,000 characters in all",
        ),
        (  # replaced in a namespace but still held in a list: not freed
            "{% set ns = namespace(t='', keep=[]) %}{% for i in range(300) %}"
            "{% set ns.t = ('x' ~ i) * 4000000 %}{% set ns.keep = ns.keep + [ns.t] %}"
            "{% endfor %}{{ ns.keep|length }}",
            "passed 200,000,000 characters in all",
        ),
        (  # a list replaced in a namespace is not freed: its items may be held still
            "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
            "{% set ns.l = ns.l + [{'a': i}] %}{% endfor %}{{ ns.l|length }}",
            "passed 200,000,000 characters in all",
        ),
        (  # captured output
            f"{{% set a = {HUGE} %}}{{% set x %}}{{% for i in range(100) %}}{{{{ a }}}}"
            "{% endfor %}{% endset %}{{ x|length }}",
            "longer than 20,000,000",
        ),
        (  # kept in the frames of a macro calling itself
            "{% macro f(n, s) %}{% set t = s ~ n %}{% if n < 60 %}{{ f(n + 1, t) }}{% endif %}"
            f"{{% endmacro %}}{{{{ f(0, {HUGE}) }}}}",
            "passed 200,000,000 characters in all",
        ),
        # A short list whose text is huge: one long string held ten million times
        ("{{ ['x' * 10**7] * 10**7 }}", "longer than 20,000,000"),
        ("{{ 'a' ~ ['x' * 10**7] * 10**7 }}", "longer than 20,000,000"),
        ("{{ (['x' * 10**7] * 10**7)|string }}", "longer than 20,000,000"),
        ("{{ (['x' * 10**7] * 10**7)|tojson }}", "longer than 20,000,000"),
        ("{{ '{}'.format(['x' * 10**7] * 10**7) }}", "longer than 20,000,000"),
        ("{{ '%s' % ([['x' * 10**7] * 10**7],) }}", "longer than 20,000,000"),
        ("{% set ns = namespace(l=['x' * 10**7] * 10**7) %}{{ ns }}", "longer than 20,000,000"),
        (
            "{% set a = ['x' * 10**6] %}{% set b = [a, a, a, a, a, a, a, a] %}"
            "{% set c = [b, b, b, b, b, b, b, b] %}{% set d = [c, c, c, c, c, c, c, c] %}{{ d }}",
            "longer than 20,000,000",
        ),
        ("{{ (1).to_bytes(10**9, 'big') }}", "longer than 20,000,000"),
        # A date's own formatting: each directive may write 1,270 characters, so a format of
        # a few megabytes took gigabytes before its result was measured.
        ("{{ incident.started_at.strftime('%1270Y' * 10**5)|length }}", "a time format longer"),
        ("{{ incident.started_at.date().strftime(format='%9Y' * 10**6) }}", "a time format"),
        ("{{ ('{:' ~ '%1270Y' * 10**5 ~ '}').format(incident.started_at) }}", "a time format"),
        ("{{ 'a'.encode().ljust(10**9) }}", "longer than 20,000,000"),
        ("{{ ('\t' * 10**7).encode().expandtabs(100) }}", "longer than 20,000,000"),
        (
            "{{ ('a' * 10**7).encode().replace(''.encode(), ('b' * 100).encode()) }}",
            "longer than 20,000,000",
        ),
    ],
)
def test_a_big_number_or_many_big_values_stop_on_one_line(export_in_a_child, payload, message):
    """Run apart, under a memory cap: without their limits these hang or take gigabytes."""
    code, _, err = export_in_a_child(payload)
    assert code == 2 and message in err, err


@pytest.mark.parametrize(
    "payload",
    [
        "{% macro m() %}x{% endmacro %}{{ m() }}",  # a call
        "{{ 7 // 2 }}",  # an operator: dividing huge numbers takes a while each time
        "{% set x = 6 %}{{ x * x }}",
        "{% set a = 'a' %}{{ a ~ a }}",  # building a value
    ],
)
def test_a_layout_past_its_time_stops_on_one_line_naming_the_template(export, monkeypatch, payload):
    monkeypatch.setattr(limits, "TIME_LIMIT", -1.0)  # already past it at the first look
    code, _, err = export(payload)
    assert code == 2 and "template evil: the layout ran longer than -1 s; stopped" in err, err


def test_text_built_up_in_a_namespace_costs_its_length_not_every_step(export):
    """Each step's text is freed when the next replaces it: 700 steps of a thousand
    characters cost 700,000, not the 245 million of all the steps together."""
    code, out, err = export(
        "{% set ns = namespace(t='', l=[]) %}{% for i in range(700) %}"
        "{% set ns.t = ns.t ~ ('x' * 1000) %}{% set ns.l = ns.l + [ns.t[:3]] %}{% endfor %}"
        "{{ ns.t|length }} {{ ns.l|length }} {{ 'abcdef'[1:] }}{{ 'hello'[::-1] }}"
    )
    assert code == 0 and out.startswith("700000 700 bcdefolleh"), err


def test_freeing_gives_back_only_what_was_counted_and_only_once():
    """Else freeing text that was never counted would make room to keep more."""
    budget = limits.Budget("t")
    counted = budget.built("x" * 1000)
    budget.hold(counted)
    uncounted = "y" * 5000
    budget.hold(uncounted)
    budget.freed(uncounted)
    assert budget.built_so_far == 1000
    budget.freed(counted)
    budget.freed(counted)
    assert budget.built_so_far == 0


def test_a_collection_written_out_reads_as_python_writes_it(export):
    code, out, _ = export("{{ [1, 'a\\n', {'b': (2,)}] }} {{ 'x' ~ [1.5, None] }} {{ (1,) }}")
    assert code == 0 and out.startswith("[1, 'a\\n', {'b': (2,)}] x[1.5, None] (1,)"), out


def test_a_layout_compiled_before_concatenation_was_checked_is_never_read_back():
    """A layout cache left by a pmtui whose `~` went unchecked must not skip the check."""
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(EVIL)
    (folder / "evil.md.j2").write_text("{% set a = 'x' * 19000000 %}{{ (a ~ a)|length }}")
    cache = locations.state_dir() / "layout-cache"
    cache.mkdir(parents=True)

    class Unchecked(sandbox.CountingCodeGenerator):
        visit_Concat = CodeGenerator.visit_Concat

    older = sandbox.LayoutEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache), "counted-1-%s.cache"),
    )
    older.code_generator_class = Unchecked
    older.get_template("evil.md.j2")
    assert list(cache.iterdir())
    sandbox.environment.cache_clear()  # a new process, as far as layouts are concerned
    with pytest.raises(limits.TemplateLimitError, match="a value longer than 20,000,000"):
        markdown.render(store.load(SAMPLE), templates.load_template("evil"))


def test_the_time_limit_is_checked_while_loops_turn():
    clock = iter(range(1_000_000))
    budget = limits.Budget("slow", clock=lambda: next(clock))
    budget.deadline = 5.0
    with pytest.raises(limits.TemplateLimitError, match="template slow: the layout ran longer"):
        for _ in budget.counted(range(100_000)):
            pass
    assert budget.turns == 6  # one look at the clock every turn: a turn can run long


def test_the_time_limit_is_checked_while_a_lazy_value_is_taken():
    clock = iter(range(1_000_000))
    budget = limits.Budget("slow", clock=lambda: next(clock))
    budget.deadline = 5.0
    taken = []
    with pytest.raises(limits.TemplateLimitError, match="template slow: the layout ran longer"):
        taken.extend(budget.paced(range(100_000)))
    assert len(taken) == 6 * 1024 - 1  # one look every 1,024 items, before the 1,024th
    assert budget.turns == 0  # items, not loop turns: only the time limit


LOOKS = 200
"""The time limit of `test_the_clock_is_looked_at_inside_what_one_call_takes`, in looks."""
CHAIN = "|select" * 40


@pytest.mark.parametrize(
    "payload",
    [
        # The reviewer's layout, smaller: `sum` takes the whole chain of 40 lazy filters in
        # one call; before, the clock was looked at only when that call was done.
        f"{{{{ ([1] * 20480){CHAIN}|sum }}}}",
        f"{{{{ ([1] * 20480){CHAIN}|join }}}}",
        f"{{{{ ([1] * 20480){CHAIN}|list|length }}}}",
        f"{{{{ ([1] * 20480){CHAIN}|reverse|first }}}}",
        # One filter going through a big value, giving back nothing for a long while
        "{{ ([1] * 307200)|reject|list }}",
        "{{ ([1] * 307200)|unique|list }}",
        "{{ ([1] * 307200)|max }}",
        "{{ ([1] * 307200)|selectattr('real', 'none')|list }}",
        # A loop whose turns each take long: `in` is no call, no operator the sandbox sees
        "{% set big = [1] * 1000 %}{% for i in range(300) %}{% if 2 in big %}{% endif %}"
        "{% endfor %}",
    ],
)
def test_the_clock_is_looked_at_inside_what_one_call_takes(export, monkeypatch, payload):
    """A clock that moves one second at each look: the limit is passed only if the clock is
    looked at while the items go by (hundreds of looks), not only between calls and every
    1,024 loop turns (a few dozen). The real layout, `[1] * 20000000` and 40 `select`s,
    ran 85 s past its 10 s before."""
    looks = itertools.count()
    monkeypatch.setattr(limits, "TIME_LIMIT", float(LOOKS))

    def budget(self: limits.spending, template: str) -> None:
        self.budget = limits.Budget(template, clock=lambda: next(looks))

    monkeypatch.setattr(limits.spending, "__init__", budget)
    code, _, err = export(payload)
    assert code == 2 and f"template evil: the layout ran longer than {LOOKS} s" in err, err


def test_paced_filters_give_what_jinja_gives(export):
    """Under the real clock, chains, big values and small ones give what they always did."""
    code, out, err = export(
        f"{{{{ ([1, 0, 2] * 500){CHAIN}|sum }}}} "
        "{{ range(2000)|reject('odd')|map('string')|reverse|join(',')|length }} "
        "{{ 'abcabc'|unique|join }} {{ [3, 1, 2]|sort|first }} {{ ([1] * 5000)|reject|list }} "
        "{{ ([2, 1] * 5000)|unique|list }} {{ (range(3000)|list)|max }}"
    )
    assert code == 0 and out.startswith("1500 4444 abc 1 [] [2, 1] 2999"), (out, err)


def test_wordwrap_within_its_limits_gives_what_jinja_gives(export):
    """Only a wrap too long to be stopped is refused: a long word kept whole (no cutting)
    and short text cut to narrow lines are as they always were."""
    code, out, err = export(
        "{{ 'ab cd ef'|wordwrap(2, wrapstring='|') }} "
        "{{ (('x' * 1500000)|wordwrap(1, false, '|'))|length }} "
        "{{ 'abcdef'|wordwrap(width=2, wrapstring='|') }}"
    )
    assert code == 0 and out.startswith("ab|cd|ef 1500000 ab|cd|ef"), (out, err)


def test_limits_apply_to_a_section_rendered_alone(monkeypatch):
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(EVIL)
    (folder / "evil.md.j2").write_text("{% block top %}{{ 'a' * 10**9 }}{% endblock %}")
    template = templates.load_template("evil")
    with pytest.raises(limits.TemplateLimitError, match="template evil: a value longer"):
        sections.render_section(store.load(SAMPLE), "top", template)


@pytest.mark.parametrize(
    "name",
    [
        "{folder}/evil.toml",
        "evil.toml",
        "./evil.toml",
        "../outside/evil.toml",
        "~/evil.toml",
        "..",
        "C:\\evil.toml",
    ],
)
def test_a_review_names_its_template_never_a_path(tmp_path, capsys, name):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.toml").write_text(EVIL)
    (outside / "evil.md.j2").write_text("{{ template.folder.joinpath('pwned').touch() }}")
    (Path.home() / "evil.toml").write_text(EVIL)
    (Path.home() / "evil.md.j2").write_text("PICKED THE PATH")
    review_file = outside / "r.toml"
    written = name.format(folder=outside)
    review_file.write_text(f"template = {written!r}\n[incident]\ntitle = 'x'\n")
    code = main(["export", str(review_file)])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1, (out, err)
    assert "a review names a template, never a path" in err and "--template" in err
    assert not (outside / "pwned").exists() and "PICKED" not in out
    text, problem = markdown.render_for_preview(store.load(review_file))
    assert text.startswith("# x\n") and "never a path" in problem
    assert templates.hints_for(written) == {}


def test_a_review_naming_its_template_by_a_page_long_path_gets_a_short_line(tmp_path, capsys):
    review_file = tmp_path / "r.toml"
    review_file.write_text(f"template = {'a/' * 50_000!r}\n[incident]\ntitle = 'x'\n")
    code = main(["export", str(review_file)])
    _, err = capsys.readouterr()
    assert code == 2 and "never a path" in err and len(err) < 600, err[:600]


def test_a_path_given_on_the_command_line_is_the_users_choice(tmp_path, capsys):
    (tmp_path / "evil.toml").write_text(EVIL)
    (tmp_path / "evil.md.j2").write_text("# Chosen layout {{ incident.title | inline }}\n")
    review_file = tmp_path / "r.toml"
    review_file.write_text("[incident]\ntitle = 'x'\n")
    assert main(["export", str(review_file), "--template", str(tmp_path / "evil.toml")]) == 0
    assert capsys.readouterr().out.startswith("# Chosen layout x\n")


@pytest.mark.parametrize(
    "layout", ["/tmp/evil.j2", "../evil.j2", "sub/evil.j2", "~/evil.j2", "..", "a\\b.j2", ""]
)
def test_a_template_selects_its_layout_by_name_never_by_path(tmp_path, capsys, layout):
    folder = locations.config_dir() / "templates"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(EVIL.replace('"evil.md.j2"', repr(layout)))
    review_file = tmp_path / "r.toml"
    review_file.write_text("template = 'evil'\n[incident]\ntitle = 'x'\n")
    assert main(["export", str(review_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{folder / 'evil.toml'}:4: layout: " in err, err
    assert "never a path" in err


def test_an_unread_field_still_goes_to_other_notes_with_plain_data():
    review = Review.model_validate(
        {"incident": {"title": "x", "mood": "tense"}, "people": [{"name": "Ann", "spoke": 3}]}
    )
    text = markdown.render(review, templates.load_template("rca"))
    assert "- **Incident**\n  - mood: tense" in text
    assert "spoke: 3" in text  # the rca layout shows no turns spoken


def test_a_layout_shows_an_event_s_time_and_source_with_at_and_source(export):
    """`at(e)` and `source(e)`, as the built-in layouts use them; given something that is
    not an event, the export stops on one line."""
    code, out, _ = export(
        "{{ at(timeline[1]) }}|{{ at(timeline[1], 'Asia/Tokyo') }}|{{ source(timeline[1]) }}"
    )
    assert (code, out.splitlines()[0]) == (0, "2026-11-14 09:10|2026-11-14 18:10|")
    code, out, err = export("{{ at('soon') }}")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_at_calls_the_when_a_loop_or_a_block_set(export):
    """`at()` looks `when` up where it is called, as Jinja's `pass_context` would: a `when`
    set inside the loop or the block is the one it calls."""
    mine = "{% macro mine(moment) %}MINE {{ kwargs | length }}{% endmacro %}"
    in_a_loop = "{% for e in timeline[:1] %}{% set when = mine %}{{ at(e) }}{% endfor %}"
    in_a_block = "{% block b %}{% set when = mine %}{{ at(timeline[0]) }}{% endblock %}"
    for payload in (in_a_loop, in_a_block):
        code, out, _ = export(mine + payload)
        assert (code, out.splitlines()[0]) == (0, "MINE 3")


def test_a_helper_s_result_counts_against_the_limits(export):
    """`source` is called straight away, not through Jinja's checks, but what it gives
    back is counted as any call's: a source under the size limit whose escaped text is
    over it stops."""
    code, _, err = export("{{ source({'source': '&' * 19000000})|length }}")
    assert code == 2 and "longer than 20,000,000" in err


def test_a_time_format_too_long_to_be_one_stops_before_strftime_writes_it(export):
    """strftime writes up to 256 characters for each of a format's: one of millions filled
    the memory before its result could be measured. A long format is refused first."""
    code, out, err = export("{{ when(timeline[0].at, '%c' * 100000)|length }}")
    assert code == 2 and "a time format longer than 200 characters" in err
    code, out, err = export("{{ when(timeline[0].at, '%A ' * 66) }}")
    assert code == 0 and out.startswith("Friday Friday ")


@pytest.mark.parametrize(
    "payload",
    [
        "{{ at(timeline[0], zone='x' * 1000000) }}",  # pmtui's own message
        "{{ review['a' * 1000000].x }}",  # Jinja's
        "{% include 'a' * 1000000 %}",
    ],
)
def test_an_error_that_quotes_what_the_layout_built_stays_short(export, payload):
    code, _, err = export(payload)
    assert code == 2 and len(err) < 400, err[:400]


def test_at_calls_a_when_the_layout_set_through_the_sandbox(export):
    """`at()` calls `when` as `{{ when(…) }}` would be called: a layout that set it to
    something of its own (here `str.format`) gets the sandbox's checks all the same."""
    payload = '{% set when = "{0.__class__}".format %}{{ at(timeline[0]) }}'
    code, out, err = export(payload)
    assert not any(leak in out + err for leak in LEAKS)
    assert code == 2 and len(err.strip().splitlines()) == 1
