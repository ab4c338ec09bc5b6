"""Markdown from a review, through Jinja2 layouts rendered in a sandbox.

A template names its layout: a built-in one in `layouts/NAME.md.j2` beside this module, or
a `.j2` file beside a user's template. User text reaches the output only through the
escaping filters (`inline`, `block`, `cell`), which every layout uses. Each part of a layout
is a `{% block %}`, so one section can be rendered alone (`pmtui.export.sections`). Whatever
the layout did not read goes to a final "Other notes" section (`leftovers`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pmtui import locations, templates
from pmtui.analysis import durations
from pmtui.export import escape, leftovers
from pmtui.export.derived import Derived
from pmtui.model import Part, Review, field_names
from pmtui.templates import Template, TemplateError


class TrackingEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox that tells the current `leftovers.Tracker` every field a layout reads."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if tracker := leftovers.current.get():
            tracker.saw(obj, attribute)
        if isinstance(obj, Part) and attribute in field_names(type(obj)):
            return getattr(obj, attribute)  # a document field is data: no sandbox check needed
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if (tracker := leftovers.current.get()) and isinstance(argument, str):
            tracker.saw(obj, argument)
        return super().getitem(obj, argument)


def _user_layout(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """A layout file named by absolute path (a user template's own layout)."""
    path = Path(name)
    if not path.is_absolute() or not path.is_file():
        return None
    try:
        return path.read_text("utf-8"), str(path), lambda: False
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{path}: cannot read the layout ({error})") from None


class LayoutCache(jinja2.FileSystemBytecodeCache):
    """Compiled layouts kept between runs in the state folder (compiling one costs about
    0.1 s a run). The cache is only an optimisation: any failure just compiles again."""

    def __init__(self) -> None:
        folder = locations.state_dir() / "layout-cache"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign cache file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def _environment() -> TrackingEnvironment:
    environment = TrackingEnvironment(
        bytecode_cache=LayoutCache(),
        loader=jinja2.ChoiceLoader(
            [jinja2.PackageLoader("pmtui.export", "layouts"), jinja2.FunctionLoader(_user_layout)]
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters.update(inline=escape.inline, block=escape.block, cell=escape.cell)
    environment.tests["containing"] = lambda items, value: value in items
    for name in ("selectattr", "rejectattr"):
        environment.filters[name] = _placing(environment.filters[name])
    return environment


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


def layout_name(template: Template) -> str:
    """The loader name of a template's layout: built-in `NAME.md.j2`, or a file's path."""
    if template.layout.endswith(".j2"):
        folder = template.folder or Path.cwd()
        return str((folder / template.layout).resolve())
    return f"{template.layout}.md.j2"


def layout(template: Template) -> jinja2.Template:
    """The compiled layout of a template; a broken one raises `TemplateError` with its line."""
    name = layout_name(template)
    try:
        return _environment().get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {template.name}: no layout {template.layout!r}") from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename or name}:{error.lineno}: {error.message}") from None


def template_for(review: Review) -> Template:
    """The template a review started from; the default one when it is not installed here."""
    try:
        return templates.load_template(review.template)
    except TemplateError as error:
        if str(error).startswith("no template named"):
            return templates.load_template("default")
        raise


def context(review: Review, template: Template) -> dict[str, Any]:
    """What a layout can use: the document, its parts, derived values and helpers."""
    return {
        "review": review,
        "incident": review.incident,
        "timeline": review.sorted_timeline(),
        "template": template,
        "derived": Derived(review),
        "durations": durations.measured_rows(durations.of_review(review)),
        "when": _when(review),
    }


def render(review: Review, template: Template | None = None) -> str:
    """The review as Markdown in a template's layout (default: the review's own template)."""
    template = template or template_for(review)
    compiled = layout(template)
    tracker = leftovers.Tracker()
    token = leftovers.current.set(tracker)
    try:
        text = guarded(compiled, lambda: compiled.render(context(review, template)))
    finally:
        leftovers.current.reset(token)
    return tidy(text + "\n\n" + leftovers.notes(review, tracker))


def render_for_preview(review: Review) -> tuple[str, str]:
    """The review in its own template's layout for the app, and "" as the problem; when that
    template or its layout is broken, the default layout and the one-line problem."""
    try:
        return render(review), ""
    except TemplateError as error:
        return render(review, templates.load_template("default")), str(error)


def tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def guarded(compiled: jinja2.Template, rendering: Callable[[], str]) -> str:
    """Render; a layout that fails at run time gets its file and line in one message."""
    try:
        return rendering()
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as error:
        raise TemplateError(f"{_where(compiled, error)}: {error}") from None


def _where(compiled: jinja2.Template, error: BaseException) -> str:
    """`file:line` of the layout line that failed (Jinja maps frames to template lines)."""
    filename, line = compiled.filename or compiled.name, None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return f"{filename}:{line}" if line else str(filename)


def _when(review: Review) -> Callable[..., str]:
    """A datetime shown in the review's own timezone."""
    zone = review.zone

    def show(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return moment.astimezone(zone).strftime(fmt) if moment else ""

    return show
