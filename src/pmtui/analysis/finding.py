"""A finding: one thing a review should look at.

A finding can be dismissed: its `key` goes into the review's `dismissed` list and it is
not reported again. Keys name what was found, not where in a list it sits, so they
survive rows added or deleted elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Finding:
    check: str
    where: str
    message: str
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", f"{self.check}: {self.where}")

    @property
    def line(self) -> str:
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


_AT_A_TIME = re.compile(r"(?P<head>.*: timeline ~?)(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d)")
"""A key naming a timeline moment as the review's zone shows it: `order: timeline 2026-…`."""


def keys_in_zone(keys: list[str], before: ZoneInfo, after: ZoneInfo) -> list[str]:
    """Dismissed keys naming a moment in the `before` zone, named as the `after` zone shows
    the same moment: a new timezone would otherwise bring back every such finding."""

    def moved(key: str) -> str:
        match = _AT_A_TIME.fullmatch(key)
        if match is None:
            return key
        at = dt.datetime.strptime(match["when"], "%Y-%m-%d %H:%M").replace(tzinfo=before)
        return f"{match['head']}{at.astimezone(after):%Y-%m-%d %H:%M}"

    return [moved(key) for key in keys]
