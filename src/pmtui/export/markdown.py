"""Markdown from a review, through Jinja2 layouts rendered in a sandbox.

A template names its layout: a built-in one in `layouts/NAME.md.j2` beside this module, or
a `.j2` file beside a user's template. User text reaches the output only through the
escaping filters (`inline`, `block`, `cell`), which every layout uses. Each part of a layout
is a `{% block %}`, so one section can be rendered alone (`pmtui.export.sections`). Whatever
the layout did not read goes to a final "Other notes" section (`leftovers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import jinja2

from pmtui import templates
from pmtui.document.model import Review
from pmtui.errors import cut, quoted
from pmtui.export import leftovers, limits, plain, sandbox
from pmtui.templates import Template, TemplateError

_FAILURES = (
    jinja2.TemplateError,
    TypeError,
    ValueError,
    AttributeError,
    LookupError,
    ArithmeticError,
    RecursionError,
    MemoryError,
)
"""What a layout's own code can raise while it runs (a wrong call, deep macro recursion…)."""
PROBLEM_LENGTH = 200
"""Characters of such an error's message that its one line shows."""


def layout_name(template: Template) -> str:
    """The loader name of a template's layout: built-in `NAME.md.j2`, or its own file's name."""
    return template.layout if template.layout.endswith(".j2") else f"{template.layout}.md.j2"


def layout(template: Template) -> jinja2.Template:
    """The compiled layout of a template; a broken one raises `TemplateError` with its line.

    A user template's own layout is looked up in its folder only (the folder's environment)."""
    name = layout_name(template)
    own = template.layout.endswith(".j2")
    try:
        return sandbox.environment(template.folder if own else None).get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"template {template.name}: no layout {quoted(template.layout)}"
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename or name}:{error.lineno}: {error.message}") from None
    except sandbox.UncompilableLayout as error:
        raise TemplateError(str(error)) from None
    except UnicodeDecodeError:
        raise TemplateError(f"{quoted(name)}: cannot read (not UTF-8 text)") from None
    except OSError as error:
        raise TemplateError(f"{quoted(name)}: cannot read ({error.strerror})") from None


def template_for(review: Review) -> Template:
    """The template a review started from (by name only: never a path a review file gives);
    the default one when it is not installed here."""
    try:
        return templates.load_named(review.template)
    except TemplateError as error:
        if str(error).startswith("no template named"):
            return templates.load_template("default")
        raise


def render(review: Review, template: Template | None = None) -> str:
    """The review as Markdown in a template's layout (default: the review's own template)."""
    template = template or template_for(review)
    compiled = layout(template)
    data = plain.context(review, template)
    tracker = leftovers.Tracker()
    token = leftovers.current.set(tracker)
    try:
        text = guarded(
            compiled, template, lambda: compiled.root_render_func(compiled.new_context(data))
        )
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


_SNIPPET_OR_BLANK_LINES = re.compile(r"^( *)(`{3,})text\n(?:.*\n)*?\1\2$|\n{3,}", re.MULTILINE)
"""A snippet's fenced block (`escape.fenced`, its closing fence the one line of the block
that is the opening one), or a run of blank lines."""


def tidy(text: str) -> str:
    """At most one blank line in a row, but in a snippet, shown as typed; one newline at the
    end."""
    return _SNIPPET_OR_BLANK_LINES.sub(_tidied, text).strip() + "\n"


def _tidied(found: re.Match[str]) -> str:
    return found[0] if found[2] else "\n\n"


def guarded(
    compiled: jinja2.Template, template: Template, pieces: Callable[[], Iterable[str]]
) -> str:
    """Render within the template's limits; a layout that fails at run time or goes past a
    limit gets its file and line in one message."""
    with limits.spending(template.name) as budget:
        try:
            try:
                return budget.collect(pieces())
            except Exception:
                compiled.environment.handle_exception()  # the traceback in layout lines
        except limits.TemplateLimitError as error:
            raise limits.TemplateLimitError(f"{_where(compiled, error)}: {error}") from None
        except jinja2.TemplateNotFound as error:
            where = _where(compiled, error)
            raise TemplateError(
                f"{where}: no layout {quoted(error.name)} beside the template"
            ) from None
        except _FAILURES as error:
            # Python's and Jinja's messages can quote what the layout built, at any length
            problem = cut(str(error) or type(error).__name__, PROBLEM_LENGTH)
            raise TemplateError(f"{_where(compiled, error)}: {problem}") from None


def _where(compiled: jinja2.Template, error: BaseException) -> str:
    """`file:line` of the layout line that failed (Jinja maps frames to template lines)."""
    filename, line = compiled.filename or compiled.name, None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return f"{filename}:{line}" if line else str(filename)
