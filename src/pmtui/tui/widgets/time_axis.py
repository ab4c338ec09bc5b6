"""The timeline's axis strip: where the phases begin and end, and the long quiet stretches,
on one bar across the pane, with a line of what each colour is (the undetected impact
first: the gap the room should see first). Two lines, at any width and in any theme."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from pmtui.analysis.phases import Axis, Stretch

STYLE = {
    "undetected": "$error",
    "to response": "$warning",
    "response": "$accent",
    "to resolution": "$success",
}
"""Theme colours, so the strip reads in a light, a dark and the high-contrast theme."""
QUIET = "$text-muted"
WHEN = "%a %H:%M"
WHEN_DATED = "%a %d %b %H:%M"
"""The ends of a strip over six days or more: a weekday alone read as the same week
("Tue 10:00 … Tue 12:00" for two weeks)."""


def _format_over(span: dt.timedelta) -> str:
    """How the ends of a stretch of `span` are written (`WHEN_DATED`)."""
    return WHEN_DATED if span >= dt.timedelta(days=6) else WHEN


class TimeAxis(Widget):
    DEFAULT_CSS = """
    TimeAxis { height: 2; margin-bottom: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """  # a fixed height: no reflow when it changes

    def __init__(self, zone: ZoneInfo, **kwargs) -> None:
        super().__init__(**kwargs)
        self.zone = zone
        self.axis: Axis | None = None
        self.display = False  # until the first measure says there is something to draw

    def show(self, axis: Axis | None, zone: ZoneInfo) -> None:
        """Draw `axis`; with none (fewer than two moments) the strip gives its room back."""
        self.axis, self.zone = axis, zone
        self.display = axis is not None
        self.refresh()

    def render(self) -> Content:
        if self.axis is None:
            return Content("")
        width = self.content_region.width or self.size.width
        return strip(self.axis, self.zone, width)


def strip(axis: Axis, zone: ZoneInfo, width: int) -> Content:
    """The bar with the start and end times at its ends, and under it the legend."""
    when = _format_over(axis.end - axis.start)
    first = axis.start.astimezone(zone).strftime(when)
    last = axis.end.astimezone(zone).strftime(when)
    room = max(10, width - len(first) - len(last) - 2)
    return Content.assemble(
        (first, "dim"), " ", *bar(axis, room), " ", (last, "dim"), "\n", *legend(axis, zone)
    )


def bar(axis: Axis, width: int) -> list[tuple[str, str]]:
    """One character per slice of time: the phase it falls in, else quiet, else a rule.
    Every phase gets at least one character, however short (15 minutes in a day is less
    than a character): shorter phases are drawn last, over longer ones."""
    cells = [("─", QUIET)] * width
    for quiet in axis.quiet:
        _paint(cells, _columns(axis, quiet, width), ("┄", QUIET))
    for phase in sorted(axis.phases, key=lambda p: p.span, reverse=True):
        _paint(cells, _columns(axis, phase, width), ("━", STYLE[phase.name]))
    return cells


def _columns(axis: Axis, stretch: Stretch, width: int) -> range:
    whole = axis.end - axis.start
    first = min(width - 1, int((stretch.start - axis.start) / whole * width))
    last = round((stretch.end - axis.start) / whole * width)
    return range(first, max(first + 1, min(width, last)))


def _paint(cells: list[tuple[str, str]], columns: range, cell: tuple[str, str]) -> None:
    for column in columns:
        cells[column] = cell


def legend(axis: Axis, zone: ZoneInfo) -> list[tuple[str, str] | str]:
    from pmtui.analysis.durations import span_text  # loaded by the first measure (`insights`)

    parts: list[tuple[str, str] | str] = []
    for phase in axis.phases:
        style = STYLE[phase.name]
        bold = f"bold {style}" if phase.name == "undetected" else style
        parts += [("■ ", style), (f"{phase.name} {span_text(phase.span)}", bold), "  "]
    if axis.quiet:
        longest = axis.quiet[0]
        when = _format_over(longest.span)
        start = longest.start.astimezone(zone).strftime(when)
        end = longest.end.astimezone(zone).strftime(when)
        parts.append((f"┄ quiet {span_text(longest.span)} ({start} → {end})", QUIET))
    return parts
