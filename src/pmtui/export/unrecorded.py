"""A seed's milestones that no event marks, placed where they belong in the timeline.

Seed 004 lists the milestones every timeline should show; one the review never recorded is
a row "(not recorded)" in its place, not at the end. Its place is right after the event
holding the nearest earlier milestone in the standard order (`Milestone`), before any later
event: an unrecorded "mitigated" follows the first mitigation, however late the root cause
was found; an unrecorded "all clear" follows the resolution, not a later note such as
"post-mortem published".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmtui.document.model import Milestone

_ORDER = list(Milestone)


def with_unrecorded(
    timeline: Sequence[Mapping[str, Any]], wanted: Iterable[str]
) -> list[Mapping[str, Any] | Milestone]:
    """The events in order, with each milestone of `wanted` that no event marks inserted as
    a `Milestone` in its place (before every event when no earlier milestone is recorded)."""
    holder: dict[Milestone, int] = {}
    for index, event in enumerate(timeline):
        for milestone in event["milestone"]:
            holder.setdefault(Milestone(milestone), index)  # the earliest event claiming it
    wanted = {Milestone(milestone) for milestone in wanted}
    placed: dict[int, list[Milestone]] = {}
    for rank, milestone in enumerate(_ORDER):
        if milestone in wanted and milestone not in holder:
            earlier = [holder[m] for m in _ORDER[:rank] if m in holder]
            placed.setdefault(earlier[-1] if earlier else -1, []).append(milestone)
    rows: list[Mapping[str, Any] | Milestone] = list(placed.get(-1, []))
    for index, event in enumerate(timeline):
        rows.append(event)
        rows += placed.get(index, [])
    return rows
