"""A finding: one thing a review should look at.

A finding can be dismissed: its `key` goes into the review's `dismissed` list and it is
not reported again. Keys name what was found, not where in a list it sits, so they
survive rows added or deleted elsewhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
