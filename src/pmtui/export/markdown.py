"""Markdown from a review, through Jinja2 layouts rendered in a sandbox.

Layouts live beside this module in `layouts/NAME.md.j2`. User text reaches the output only
through the escaping filters (`inline`, `block`, `cell`), which every layout uses.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pmtui.analysis import durations
from pmtui.export import escape
from pmtui.model import Review


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(
        loader=PackageLoader("pmtui.export", "layouts"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters.update(inline=escape.inline, block=escape.block, cell=escape.cell)
    return environment


def render(review: Review, layout: str = "default") -> str:
    """The review as Markdown in the named layout."""
    template = _environment().get_template(f"{layout}.md.j2")
    text = template.render(
        review=review,
        incident=review.incident,
        when=_when(review),
        durations=durations.measured_rows(durations.of_review(review)),
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _when(review: Review):
    """A filter-like helper: a datetime shown in the review's own timezone."""
    zone = review.zone

    def show(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return moment.astimezone(zone).strftime(fmt) if moment else ""

    return show
