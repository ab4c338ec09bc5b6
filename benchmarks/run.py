"""`make bench`: pmtui's speed, as ratios measured in one run on one machine.

Start-up is compared with a bare Textual app (header, static, footer); the large review
(the Pet Clinic sample plus 10,000 events and 1,000 actions) with the sample itself.
Times are medians; CPU per key is process time, so Pilot's deliberate waits do not count.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from workload import SAMPLE, large_review  # noqa: E402

from pmtui import store  # noqa: E402

SIZE = (120, 40)
NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def cold_start(*args: str, state: Path | None = None) -> tuple[float, float]:
    """Wall seconds to the first frame of a new process, and its peak memory in MiB.

    `state` is the user state folder (where large reviews' parses are cached); a new
    empty one each time measures a review never opened before.
    """
    state = state or Path(tempfile.mkdtemp())
    env = {**os.environ, "PMTUI_STATE_DIR": str(state)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(HERE / "first_frame.py"), *args], env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status:
        raise SystemExit(f"first_frame.py {' '.join(args)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def command_seconds(*args: str) -> float:
    """A whole `pmtui` command, on a review it has never parsed before."""
    env = {**os.environ, "PMTUI_STATE_DIR": tempfile.mkdtemp()}
    start = time.perf_counter()
    command = [sys.executable, "-m", "pmtui", *args]
    result = subprocess.run(command, capture_output=True, env=env)
    if result.returncode not in (0, 1):  # 1: `check` found something, which is not a failure
        raise SystemExit(f"{' '.join(args)}: {result.stderr.decode()}")
    return time.perf_counter() - start


async def key_costs(path: Path, keys: int = 40, events: int = 10) -> tuple[float, float]:
    """CPU ms per cursor move down the timeline, and per event added from the entry line."""
    from pmtui.tui.app import make_app

    app = make_app(path, clock=lambda: NOW, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.process_time()
        for _ in range(keys):
            await pilot.press("down")
        per_key = (time.process_time() - start) / keys
        start = time.process_time()
        for n in range(events):
            await pilot.press("ctrl+n")
            app.focused.insert_text_at_cursor(f"benchmark event {n}")
            await pilot.press("enter")
        per_event = (time.process_time() - start) / events
    return per_key * 1000, per_event * 1000


def save_seconds(path: Path, target: Path) -> float:
    review = store.load(path)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        store.save(review, target)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def median_of(runs: int, measure, *args):
    results = [measure(*args) for _ in range(runs)]
    if isinstance(results[0], tuple):
        return tuple(statistics.median(column) for column in zip(*results, strict=True))
    return statistics.median(results)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["PMTUI_STATE_DIR"] = str(folder / "state")  # parse cache: ours, not yours
        sample = Path(shutil.copy(SAMPLE, folder / "sample.toml"))
        large = large_review(folder)
        print(f"large review: {large.stat().st_size / 2**20:.1f} MiB")

        bare, bare_mem = median_of(5, cold_start, "bare")
        small, small_mem = median_of(5, cold_start, "pmtui", str(sample))
        first_open, big_mem = median_of(5, cold_start, "pmtui", str(large))
        reopened = partial(cold_start, state=folder / "state")
        reopened("pmtui", str(large))  # its first open fills the cache
        big, _ = median_of(5, reopened, "pmtui", str(large))
        small_key, small_add = asyncio.run(key_costs(sample))
        big_key, big_add = asyncio.run(key_costs(large))
        small_save = save_seconds(sample, folder / "out-small.toml")
        big_save = save_seconds(large, folder / "out-large.toml")
        small_export = median_of(3, command_seconds, "export", str(sample))
        big_export = median_of(3, command_seconds, "export", str(large))
        big_check = median_of(3, command_seconds, "check", str(large))

    rows = [
        ("first frame, new process (s)", bare, small, big),
        ("  large, never opened before (s)", None, small, first_open),
        ("peak memory (MiB)", bare_mem, small_mem, big_mem),
        ("CPU per cursor key (ms)", None, small_key, big_key),
        ("CPU per event added (ms)", None, small_add, big_add),
        ("save (s, in a worker)", None, small_save, big_save),
        ("pmtui export (s)", None, small_export, big_export),
        ("pmtui check (s)", None, None, big_check),
    ]
    print(f"\n{'':32}{'bare':>8}{'sample':>9}{'large':>9}  {'sample/bare':>11}{'large/sample':>13}")
    for name, b, s, g in rows:
        cells = [f"{v:8.3f}" if v is not None else " " * 8 for v in (b, s, g)]
        vs_bare = f"{s / b:11.2f}x" if b and s else " " * 12
        vs_sample = f"{g / s:12.2f}x" if s and g else ""
        print(f"{name:32}{cells[0]}{cells[1]:>9}{cells[2]:>9}  {vs_bare}{vs_sample}")


if __name__ == "__main__":
    main()
