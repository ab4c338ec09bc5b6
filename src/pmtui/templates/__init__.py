"""Review templates: the sections a review shows, its prompts, presets and layout.

A template is a TOML file (`default.toml` beside this module is the complete one). A new
review starts from one: its questions, preset impact rows, agenda, sign-off roles and
follow-up checks are copied into the document, so the file stands on its own.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pmtui.model import (
    AgendaItem,
    FollowUp,
    ImpactRow,
    Incident,
    Question,
    Recipient,
    Review,
    Signoff,
)


class TemplateError(Exception):
    """A template that cannot be found or read; `str()` is one line."""


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    description: str
    goals: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    impact: list[ImpactRow] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    signoff: list[Signoff] = Field(default_factory=list)
    distribution: list[Recipient] = Field(default_factory=list)
    followups: list[FollowUp] = Field(default_factory=list)


def builtin_names() -> list[str]:
    folder = resources.files(__package__)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_template(name: str) -> Template:
    """A built-in template by name, or a template file by path."""
    if name in builtin_names():
        text = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
        return _parse(text, f"template {name}")
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return _parse(path.read_text("utf-8"), str(path))
    known = ", ".join(builtin_names())
    raise TemplateError(f"no template named {name!r} (built-in: {known})")


def _parse(text: str, origin: str) -> Template:
    try:
        return Template.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{origin}: {error}") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise TemplateError(f"{origin}: {where}: {first['msg']}") from None


def new_review(
    template: Template, *, title: str = "", severity: str = "", today: dt.date | None = None
) -> Review:
    """A fresh review from a template, dated `today` (the review date)."""
    return Review(
        template=template.name,
        incident=Incident(title=title, severity=severity, review_date=today, goals=template.goals),
        questions=[q.model_copy() for q in template.questions],
        impact=[row.model_copy() for row in template.impact],
        meeting={"agenda": [item.model_copy() for item in template.agenda]},
        signoff=[row.model_copy() for row in template.signoff],
        distribution=[row.model_copy() for row in template.distribution],
        followups=[row.model_copy() for row in template.followups],
    )
