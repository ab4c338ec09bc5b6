"""The incident at a glance: its timeline as a Mermaid gantt chart, which GitHub and GitLab
draw from a ```mermaid block of the Markdown export.

A gantt rather than Mermaid's `timeline`: a gantt puts every bar on a real time axis, so the
length of each phase shows (the undetected impact first), not only the order of events. The
phases and quiet stretches are the timeline strip's (`analysis.phases`), the milestones the
earliest event marked with each, as the durations read them (`analysis.durations`). An event
known only to the day is not drawn: the chart is in minutes.

Review text is data, never Mermaid: a name keeps none of the characters the gantt grammar
reads (`:` `#` `;` `%` braces, angle brackets, backticks, line breaks and other control
characters), so it can neither end its line, open a directive (`%%{init}%%`) nor end the
Markdown fence; `%` and `#` become their full-width look-alikes (`％` `＃`), which the
grammar does not read, so "disk 100%" keeps its meaning. A name never starts with a word the
grammar takes for a statement (`section`, `click`, `title`…), and is cut to `NAME_LIMIT`
characters.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from pmtui.analysis import durations, phases
from pmtui.analysis.durations import span_text
from pmtui.document.model import Event, Milestone, Review

DATE_FORMAT = "YYYY-MM-DD HH:mm"
"""The chart's `dateFormat` (Mermaid's, dayjs tokens), the same moments as `_WHEN` writes."""
_WHEN = "%Y-%m-%d %H:%M"
NAME_LIMIT = 60

PHASE_NAMES = {
    "undetected": "Impact, undetected",
    "to response": "Detected, waiting for a response",
    "response": "Response, until service restored",
    "to resolution": "Mitigated, until resolved",
}
"""How the chart names each phase of `analysis.phases.PHASES`."""

_BREAKING = re.compile(r"[#%{}<>`\\]")
_LOOK_ALIKES = str.maketrans("%#", "％＃")
"""Characters the grammar reads that carry meaning in a name ("100%", "runaway #1")."""
_PAUSE = re.compile(r"\s*[:;]+")
"""`:` and `;` part a sentence: a comma keeps it readable where the grammar has no room."""
_STATEMENT = re.compile(
    r"(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|title|acc|section|click|href|call|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)
"""What Mermaid's gantt lexer reads as a statement (or a date) where a task's name starts."""


def standard_label(milestone: Milestone) -> str:
    return milestone.value.capitalize()


def timeline_diagram(review: Review, label: Callable[[Milestone], str] = standard_label) -> str:
    """The gantt chart of `review`'s timeline, without the fence; empty when fewer than two
    events have a time of day. Milestones are named by `label` (a template's own names:
    the dojo's "Responded to" where the standard says "Acknowledged")."""
    timed = [event for event in review.sorted_timeline() if not event.day_only]
    axis = phases.axis_of(review)
    if len(timed) < 2 or axis is None:
        return ""
    zone = review.zone
    same_day = axis.start.astimezone(zone).date() == axis.end.astimezone(zone).date()
    lines = [
        "gantt",
        f"    dateFormat {DATE_FORMAT}",
        f"    axisFormat {'%H:%M' if same_day else '%m-%d %H:%M'}",
        "    todayMarker off",
    ]
    bars = [
        (PHASE_NAMES[p.name], "crit, " if p.name == "undetected" else "", p.start, p.end)
        for p in axis.phases
    ]
    lines += _section("Phases", "phase", bars, zone)
    marks = [(name, "milestone, ", at, at) for name, at in _milestones(timed, label)]
    lines += _section("Milestones", "mark", marks, zone)
    quiet = [(f"No event for {span_text(q.span)}", "done, ", q.start, q.end) for q in axis.quiet]
    lines += _section("Quiet stretches", "quiet", quiet, zone)
    return "\n".join(lines)


def _section(
    title: str, prefix: str, tasks: list[tuple[str, str, dt.datetime, dt.datetime]], zone: dt.tzinfo
) -> list[str]:
    """`section title` and one task line per task: `name :tags, id, start, end`."""
    if not tasks:
        return []
    lines = [f"    section {title}"]
    for number, (name, tags, start, end) in enumerate(tasks, 1):
        when = f"{_at(start, zone)}, {_at(end, zone) if end > start else '0m'}"
        lines.append(f"    {safe_name(name)} :{tags}{prefix}{number}, {when}")
    return lines


def _milestones(
    timed: list[Event], label: Callable[[Milestone], str]
) -> list[tuple[str, dt.datetime]]:
    """(name, when) of each event that is the first marked with a milestone, in time order;
    one line for an event that marks several ("Detected, acknowledged — …")."""
    moments = durations.timeline_moments(timed)
    marked: dict[int, tuple[Event, list[str]]] = {}
    for milestone in Milestone:
        if milestone not in moments:
            continue
        event = next(e for e in timed if milestone in e.milestone)  # timed is in time order
        names = marked.setdefault(id(event), (event, []))[1]
        name = label(milestone)
        names.append(name[:1].lower() + name[1:] if names else name)
    return [
        (f"{', '.join(names)} — {event.text}", event.at)
        for event, names in sorted(marked.values(), key=lambda pair: pair[0].at)
    ]


def _at(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return moment.astimezone(zone).strftime(_WHEN)


def safe_name(text: str) -> str:
    """`text` as a task name Mermaid reads as plain text, on one line, at most `NAME_LIMIT`
    characters."""
    text = _PAUSE.sub(",", text).translate(_LOOK_ALIKES)
    kept = "".join(" " if _breaks(char) else char for char in text)
    name = " ".join(kept.split())
    if _STATEMENT.match(name):
        name = f"› {name}"
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1].rstrip() + "…"
    return name or "›"


def _breaks(char: str) -> bool:
    return bool(_BREAKING.match(char)) or unicodedata.category(char) in _INVISIBLE


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Control, format (zero-width, bidi), unassigned characters and line separators."""
