"""How long the quick reading of a large review takes: its header (what the opening frame
shows) and its list entry (open actions too), against parsing the whole file.

Usage: python benchmarks/header_read.py. The large review is read as written, and again
with every event's text on two lines (multi-line strings, which the reading steps over).
"""

from __future__ import annotations

import re
import tempfile
import time
import tomllib
from pathlib import Path

from workload import large_review

from pmtui.files import catalog


def best_ms(measure, *args, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        measure(*args)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        written = large_review(Path(name))
        two_lines = written.with_name("two-line-events.toml")
        text = written.read_text(encoding="utf-8")
        two_lines.write_text(re.sub(r'\ntext = "([^"\n]*)"\n', r'\ntext = """\1\nmore"""\n', text))
        for path in (written, two_lines):
            content = path.read_text(encoding="utf-8")
            print(
                f"{path.name}: header {best_ms(catalog.describe, path, False):.1f} ms, "
                f"list entry {best_ms(catalog.describe, path):.1f} ms, "
                f"whole parse {best_ms(tomllib.loads, content):.0f} ms"
            )


if __name__ == "__main__":
    main()
