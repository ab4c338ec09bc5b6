"""Time `pmtui stats` over a folder of generated reviews: `python benchmarks/stats_folder.py 10000`.

Each review is realistic in size: eight people, a dozen timeline events with the standard
milestones, impact rows, whys, factors and six actions.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pmtui.document.model import Action, Event, ImpactRow, Milestone, Participant, Review, Why
from pmtui.files import store

PEOPLE = ("Chun", "Paulo", "Santhosh", "Brenda", "Selma", "Adam", "Dan", "Tina")


def review(number: int) -> Review:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=7 * number)
    steps = [(0, Milestone.IMPACT_STARTED), (20 + number % 40, Milestone.DETECTED)]
    steps += [(70, Milestone.ACKNOWLEDGED), (90, Milestone.DECLARED)]
    steps += [(150, Milestone.ROOT_CAUSE), (200, Milestone.MITIGATED)]
    steps += [(260, Milestone.RESOLVED), (300, Milestone.ALL_CLEAR)]
    timeline = [
        Event(at=start + dt.timedelta(minutes=m), text=f"step {n} of the incident", milestone=s)
        for n, (m, s) in enumerate(steps)
    ]
    timeline += [Event(at=start + dt.timedelta(minutes=5 * n), text="note") for n in range(4)]
    return Review.model_validate(
        {
            "incident": {
                "id": f"INC-{number}",
                "title": f"Generated incident {number}",
                "severity": f"SEV{1 + number % 4}",
                "summary": "A generated review for timing. " * 5,
            },
            "people": [Participant(name=name, role="team") for name in PEOPLE],
            "timeline": timeline,
            "impact": [ImpactRow(metric="Users affected", value=str(number))],
            "whys": [Why(answer="because", systemic=n == 3) for n in range(4)],
            "actions": [
                Action(
                    id=f"A{n}",
                    title="Do a thing",
                    owner=PEOPLE[(number + n) % 8],
                    due=dt.date(2026, 1, 1) + dt.timedelta(days=number % 300),
                )
                for n in range(1, 7)
            ],
        }
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        text = [store.dumps(review(n)) for n in range(100)]
        for n in range(count):
            sub = base / f"team{n % 10}"
            sub.mkdir(exist_ok=True)
            (sub / f"review-{n}.toml").write_text(text[n % 100])
        began = time.perf_counter()
        subprocess.run(["pmtui", "stats", folder], check=True, stdout=subprocess.DEVNULL)
        took = time.perf_counter() - began
    print(f"pmtui stats over {count} reviews: {took:.2f} s")


if __name__ == "__main__":
    main()
