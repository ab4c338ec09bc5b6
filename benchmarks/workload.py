"""The files the benchmark measures, built the same way every run.

The large
review is the Pet Clinic sample plus 10,000 timeline events and 1,000 actions, seeded so
every run measures the same document.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from pmtui.document.model import Action, Event
from pmtui.files import store

SAMPLE = Path(__file__).resolve().parents[1] / "sample_incidents" / "pet-clinic-dojo.toml"
WORDS = [
    "db",
    "cache",
    "deploy",
    "rollback",
    "pager",
    "alert",
    "latency",
    "queue",
    "node",
    "disk",
    "restart",
    "patch",
]


def large_review(folder: Path, events: int = 10_000, actions: int = 1_000) -> Path:
    """Write the large review into `folder` and return its path."""
    review = store.load(SAMPLE)
    chooser = random.Random(20261120)
    start = review.timeline[0].at if review.timeline else dt.datetime(2026, 11, 14, tzinfo=dt.UTC)
    people = [person.name for person in review.people] or ["Adam"]
    for n in range(events):
        text = " ".join(chooser.choice(WORDS) for _ in range(8))
        review.timeline.append(
            Event(at=start + dt.timedelta(seconds=17 * n), text=text, who=chooser.choice(people))
        )
    for n in range(actions):
        review.actions.append(
            Action(id=f"B{n + 1}", title=f"Follow up {n + 1}", owner=chooser.choice(people))
        )
    path = folder / "large-review.toml"
    store.save(review, path)
    return path
