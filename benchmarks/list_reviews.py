"""How long `pmtui list` takes over a generated folder of reviews (default 10,000).

Usage: python benchmarks/list_reviews.py [COUNT]. Each review is the Pet Clinic sample
(about 10 KB, 6 actions) with its own ID, title, severity and date, 100 per subfolder.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from pmtui.files import catalog

SAMPLE = Path(__file__).resolve().parents[1] / "sample_incidents" / "pet-clinic-dojo.toml"
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")


def generate(folder: Path, count: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(count):
        sub = folder / f"team-{n // 100:03d}"
        sub.mkdir(exist_ok=True)
        review = re.sub(r'(?m)^id = "DOJO-PIP-1"', f'id = "INC-{n}"', text, count=1)
        review = review.replace('severity = "SEV1"', f'severity = "{SEVERITIES[n % 4]}"', 1)
        review = review.replace("2026-11-14 09:10", f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d} 09:10")
        (sub / f"review-{n}.toml").write_text(review, encoding="utf-8")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        generate(folder, count)
        start, cpu = time.perf_counter(), time.process_time()
        entries = catalog.reviews_under(folder)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert len(entries) == count
    print(
        f"listed {count} reviews in {took:.2f} s wall, {cpu:.2f} s CPU "
        f"({cpu / count * 1e6:.0f} µs each; wall is higher on a busy machine)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
