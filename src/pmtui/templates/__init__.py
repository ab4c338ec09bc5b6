"""Review templates: the tabs a review shows, its prompts and hints, presets and layout.

A template is a TOML file: the built-ins sit beside this module (`default.toml` is the
complete one), a person's own in `<config folder>/templates/`, or anywhere given by path.
A new review starts from one: its questions, preset impact rows, agenda, sign-off roles,
related documents' purposes, distribution list and follow-up checks are copied into the
document, so the file stands on its own. Its `layout` names the Markdown layout exports use
(a built-in layout name, or a `.j2` file beside the template).
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pmtui.document.model import (
    AgendaItem,
    Document,
    FollowUp,
    ImpactRow,
    Incident,
    Milestone,
    Question,
    Recipient,
    Review,
    Signoff,
)
from pmtui.errors import OneLineError, quoted
from pmtui.files import locations, problems, store

TABS = ("summary", "timeline", "impact", "whys", "actions", "wrapup")
_LAYOUT_NAME = re.compile(r"[\w-]+(\.[\w-]+)*")
"""A built-in layout's name, or a file name beside the template: no folder, no `..`, no `~`."""


class TemplateError(OneLineError):
    """A template that cannot be found or read; `str()` is one line."""


class MilestoneLabel(BaseModel):
    """A milestone the template asks for, under the template's own words."""

    model_config = ConfigDict(extra="forbid")

    milestone: Milestone
    label: str


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    description: str
    layout: str = "default"
    tabs: list[str] = Field(default_factory=lambda: list(TABS))
    hints: dict[str, str] = {}
    milestones: list[MilestoneLabel] = []
    goals: list[str] = []
    questions: list[Question] = []
    impact: list[ImpactRow] = []
    agenda: list[AgendaItem] = []
    signoff: list[Signoff] = []
    related: list[Document] = []
    """Related documents by purpose (an incident log, a chat thread…), links left to fill."""
    distribution: list[Recipient] = []
    followups: list[FollowUp] = []
    folder: Path | None = Field(default=None, exclude=True)
    """Where a user template's file is, for a layout file beside it; None for built-ins."""

    @field_validator("layout")
    @classmethod
    def _layout_is_a_name(cls, layout: str) -> str:
        if not _LAYOUT_NAME.fullmatch(layout):
            raise ValueError(
                f"{quoted(layout)} is not a layout name (a built-in one such as 'p0p1', or a .j2 "
                "file name beside the template; never a path)"
            )
        return layout

    @field_validator("tabs")
    @classmethod
    def _known_tabs(cls, tabs: list[str]) -> list[str]:
        unknown = [tab for tab in tabs if tab not in TABS]
        if unknown:
            raise ValueError(f"unknown tab {quoted(unknown[0])} (tabs: {', '.join(TABS)})")
        return tabs

    def label(self, milestone: Milestone) -> str:
        """The template's name for a milestone, or the standard one."""
        standard = milestone.value.capitalize()
        return next((m.label for m in self.milestones if m.milestone == milestone), standard)


def builtin_names() -> list[str]:
    """The built-in templates, `default` first."""
    folder = resources.files(__package__)
    names = sorted(p.stem for p in map(Path, map(str, folder.iterdir())) if p.suffix == ".toml")
    return sorted(names, key=lambda name: name != "default")


def user_folder() -> Path:
    return locations.config_dir() / "templates"


def user_templates() -> dict[str, Path]:
    """The person's own template files by name (file name without `.toml`)."""
    folder = user_folder()
    try:
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    except OSError as error:  # a config folder this user may not look in
        raise TemplateError(f"{folder}: cannot read ({store.reason(error)})") from None
    return {path.stem: path for path in files if path.stem not in builtin_names()}


def load_template(name: str) -> Template:
    """A template the person running pmtui chose: a built-in or one of their own by name, or
    a template file by path (`--template`). A review file names its own with `load_named`."""
    path = Path(name).expanduser()
    if name in builtin_names() or name in user_templates():
        return load_named(name)
    if path.suffix == ".toml" and store.is_file(path):
        return _read(path)
    if _is_path(name):
        raise TemplateError(f"template file {name}: {_not_a_template_file(path)}")
    return load_named(name)


def _not_a_template_file(path: Path) -> str:
    """Why `--template PATH` names no template file."""
    try:
        info = path.stat()
    except OSError:
        return "no such file"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder; name a template's .toml file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe or a device)"
    return "a template file ends in .toml"


def load_named(name: str) -> Template:
    """A template as a review file names it: a built-in or one in the user's own templates
    folder, never a path (a review may come from anyone; it must not pick code to run)."""
    if name in builtin_names():
        text = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
        return _parse(text, f"template {name}", None)
    if path := user_templates().get(name):
        return _read(path)
    if _is_path(name):
        raise TemplateError(
            f"template {quoted(name)}: a review names a template, never a path; use a built-in "
            f"one or one in {user_folder()}, or choose a file with --template"
        )
    known = ", ".join([*builtin_names(), *user_templates()])
    raise TemplateError(f"no template named {quoted(name)} (known: {known})")


def _is_path(name: str) -> bool:
    return (
        any(mark in name for mark in "/\\") or name.startswith(("~", ".")) or name.endswith(".toml")
    )


def _read(path: Path) -> Template:
    """A template file, read as a review is (a byte-order mark, one line for what is not
    UTF-8); a pipe or a device among the templates is refused, never waited on."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise TemplateError(f"{path}: {_not_a_template_file(path)}")
        text = store.read_text(path, "template file")
    except store.ReviewFileError as error:
        raise TemplateError(str(error)) from None
    except OSError as error:
        raise TemplateError(f"{path}: cannot read ({store.reason(error)})") from None
    return _parse(text, str(path), path.parent)


def _parse(text: str, origin: str, folder: Path | None) -> Template:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(problems.toml_line(origin, text, error)) from None
    except ValueError:  # a whole number of more digits than Python converts
        raise TemplateError(problems.long_number_line(origin, text)) from None
    except RecursionError:
        raise TemplateError(f"{origin}: arrays or tables nested too deeply") from None
    if problem := problems.number_outside_64_bits(origin, text, data):
        raise TemplateError(problem)
    try:
        return Template.model_validate({**data, "folder": folder})
    except ValidationError as error:
        raise TemplateError(problems.schema_line(origin, text, error)) from None


def hints_for(name: str) -> dict[str, str]:
    """The guidance a review's template gives per tab or question section; none when that
    template is not installed here or does not load (the review itself still opens)."""
    try:
        return load_named(name).hints
    except TemplateError:
        return {}


def milestone_names(name: str) -> dict[str, str]:
    """The names a review's template gives milestones (`acknowledged` → "Responded to"),
    by milestone; none when that template is not installed here or does not load."""
    try:
        return {m.milestone.value: m.label for m in load_named(name).milestones}
    except TemplateError:
        return {}


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
        related=[row.model_copy() for row in template.related],
        distribution=[row.model_copy() for row in template.distribution],
        followups=[row.model_copy() for row in template.followups],
    )


def presets_of(review: Review) -> Review:
    """What a review's own template copied into it when it was new, by which an export tells a
    preset row nobody filled from one the room wrote. An empty review when that template
    cannot be read here, so that no row is taken for a preset."""
    try:
        return new_review(load_named(review.template))
    except TemplateError:
        return Review()
