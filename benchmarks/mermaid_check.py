"""Optional: the export's Mermaid charts read by Mermaid itself, and what a chart costs.

Not part of the suite (it needs Node and the npm registry once). Install Mermaid's parser
beside its reader, then run:

    npm install --prefix /tmp/mermaid-check mermaid@11 jsdom
    cp benchmarks/mermaid_check.mjs /tmp/mermaid-check/
    .venv/bin/python benchmarks/mermaid_check.py /tmp/mermaid-check/mermaid_check.mjs

It writes the chart of every sample, of an incident over midnight and days and of one
full of hostile text, has Mermaid parse each (a failure is printed with its reason), and
times the chart of a 10,000-event timeline.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

from pmtui.document.model import Event, Review
from pmtui.export.mermaid import timeline_diagram
from pmtui.files import store

ROOT = Path(__file__).resolve().parents[1]
PIECES = [":", ";", "#", "%%{init: {}}%%", "```", "\n", "click x", "section y", "call z()",
          "<b>", "{", "`", "\u2028", "2026-11-14"]  # fmt: skip
HOSTILE = [f"{first} event {then}" for first, then in zip(PIECES[::2], PIECES[1::2], strict=True)]
MARKS = ["impact started", "detected", "acknowledged", "declared", "first mitigation",
         "mitigated", "resolved"]  # fmt: skip


def review(events: list[tuple[dt.datetime, str, list[str]]], zone: str = "UTC") -> Review:
    return Review.model_validate(
        {
            "incident": {"title": "x", "timezone": zone},
            "timeline": [Event(at=at, text=text, milestone=marks) for at, text, marks in events],
        }
    )


def cases() -> dict[str, Review]:
    start = dt.datetime(2026, 11, 14, 22, 30, tzinfo=dt.UTC)
    found = {
        path.stem: store.load(path) for path in sorted((ROOT / "sample_incidents").glob("*.toml"))
    }
    spans = zip((0, 1, 2, 58), ("impact started", "detected", "mitigated", "resolved"), strict=True)
    found["midnight and days"] = review(
        [(start + dt.timedelta(hours=hours), f"event {hours}", [m]) for hours, m in spans],
        "Asia/Tokyo",
    )
    found["hostile"] = review(
        [(start + dt.timedelta(minutes=10 * n), text, [MARKS[n]]) for n, text in enumerate(HOSTILE)]
    )
    return found


def main(reader: str) -> None:
    charts = cases()
    text = "".join(f"```mermaid\n{timeline_diagram(r)}\n```\n" for r in charts.values())
    result = subprocess.run(["node", reader], input=text, capture_output=True, text=True)
    for name, line in zip(charts, result.stdout.splitlines(), strict=False):
        print(f"{name}: {line}")
    print(result.stdout.splitlines()[-1] if result.stdout else result.stderr)
    start = dt.datetime(2026, 11, 14, tzinfo=dt.UTC)
    big = review(
        [
            (start + dt.timedelta(minutes=n), f"event {n}", [MARKS[n % 7]] if n % 500 == 0 else [])
            for n in range(10_000)
        ]
    )
    began = time.perf_counter()
    chart = timeline_diagram(big)
    took = time.perf_counter() - began
    print(f"10,000 events: chart of {len(chart.splitlines())} lines in {took * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
