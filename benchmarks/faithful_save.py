"""How long a save takes that keeps the file's style, on the large review (10,000 events).

`python benchmarks/faithful_save.py`: the review is opened as the app opens it, then saved
after one edited field, after one added event, and (for comparison) written afresh in
pmtui's own format. Each figure is the median of a few saves, in seconds, on the worker
thread (edit, read-back check, atomic write with fsync); plus the lines each save changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import large_review

from pmtui.document.model import Event
from pmtui.files import store
from pmtui.files.session import ReviewSession


def edit_one_field(session: ReviewSession, n: int) -> None:
    session.review.timeline[5000].text = f"edited {n}"


def add_one_event(session: ReviewSession, n: int) -> None:
    at = session.review.timeline[5000].at + dt.timedelta(seconds=1)
    session.review.timeline.insert(5001, Event(at=at, text=f"added {n}"))


def timed(path: Path, change, afresh: bool = False, runs: int = 5) -> tuple[float, int]:
    """Median seconds of `runs` saves after `change`, and the lines the last one changed."""
    session = ReviewSession.open(path)
    seconds, changed = [], 0
    for n in range(runs):
        before = path.read_text(encoding="utf-8")
        change(session, n)
        session.changed()
        snapshot = session.snapshot()
        if afresh:
            session.base = None
        start = time.perf_counter()
        session.write(snapshot)
        seconds.append(time.perf_counter() - start)
        after = path.read_text(encoding="utf-8")
        diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        changed = sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
    return statistics.median(seconds), changed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        large = large_review(Path(folder))
        print(f"large review: {large.stat().st_size / 2**20:.2f} MiB")
        rows = [
            ("one field edited, style kept", timed(large, edit_one_field)),
            ("one event added, style kept", timed(large, add_one_event)),
            ("one field edited, written afresh", timed(large, edit_one_field, afresh=True)),
        ]
        for name, (seconds, changed) in rows:
            print(f"{name:36}{seconds:7.3f} s  {changed:6} lines changed")
        review = store.load(large)
        start = time.perf_counter()
        store.format_snapshot(store.snapshot(review))
        print(f"{'(format_snapshot alone)':36}{time.perf_counter() - start:7.3f} s")


if __name__ == "__main__":
    main()
