"""`make bench`: pmtui's speed, as ratios measured in one run on one machine.

Start-up is compared with a bare Textual app (header, static, footer), both started as new
processes in a 120x40 pseudo-terminal, run alternately, and timed until their text is on
screen (pmtui's meeting screen: "Chun", the first name in the participants sidebar); beside
them, Textual alone putting up a screen like the meeting screen (`textual_floor.py`), the
floor of that figure, and the same once pydantic and the document model have read the
sample, the floor of any design that validates the review before drawing it; pmtui on the
sample both never opened before and opened before (then read from `review_cache`), and with
the screen its last run kept painted at launch (`kept_frames`), also after a run that saved
it (painted by `cli.paint_ahead` as that run ended); with that frame and without,
a key typed at launch (ctrl+pagedown) timed until its tab is on screen. The large
review (the Pet Clinic sample plus 10,000 events and 1,000 actions) is compared with the
sample itself, and its `export` and `check`, never parsed, with the bare app alternately
(their 1 s target read against the machine's speed at the time). `pmtui replay` of the
bundled Pet Clinic scenario into a new file is timed to its meeting screen the same way,
its scenario both never read before and read before.
Times are medians; CPU per key is process time, so Pilot's deliberate waits do not count.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from first_frame import Terminal, shown, user_env  # noqa: E402
from workload import SAMPLE, large_review  # noqa: E402

from pmtui.files import kept_frames  # noqa: E402
from pmtui.files.session import ReviewSession  # noqa: E402

SIZE = (120, 40)
BARE_TEXT = "bare Textual app"
SIDEBAR_TEXT = "Chun"  # the participants sidebar: the meeting screen is up
READY_TEXT = "Event now"  # the meeting screen's footer: the review is there, keys work
FLOOR_TEXT = "Chun"
SCENARIO = "pet-clinic-dojo"  # bundled: the dojo's replay
DOWN, CTRL_S, CTRL_Q, CTRL_PAGEDOWN = b"\x1b[B", b"\x13", b"\x11", b"\x1b[6;5~"
IMPACT_TEXT = "Users affected"  # the sample's Impact tab, where ctrl+pagedown goes
NOW = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def cold_start(kind: str, review: Path | None = None, state: Path | None = None):
    """A new process in a 120x40 terminal: seconds to its first frame, seconds until the
    review is on screen with its keys (pmtui only), and peak memory in MiB.

    `state` is the user state folder (where large reviews' parses are cached); a new empty
    one each time measures a review never opened before.
    """
    if kind == "bare":
        (first,), memory = shown([sys.executable, str(HERE / "bare.py")], [BARE_TEXT], user_env())
        return first, None, memory
    if kind in ("floor", "floor+model"):
        floor = [sys.executable, str(HERE / "textual_floor.py")]
        floor += ["--model"] if kind == "floor+model" else []
        (first,), memory = shown(floor, [FLOOR_TEXT], user_env())
        return first, None, memory
    command = [sys.executable, "-m", "pmtui", str(review)]
    (first, ready), memory = shown(command, [first_frame_text(review), READY_TEXT], user_env(state))
    return first, ready, memory


def first_frame_text(review: Path) -> str:
    """What pmtui's first frame shows: the header with the file's name, over the meeting
    screen (a small review) or over "Opening FILE" (a large one, read after that frame)."""
    return review.name


def to_sidebar(review: Path, state: Path | None = None) -> float:
    """Seconds from launch until the meeting screen's participants sidebar is on screen
    (`state`: as for `cold_start`; a review opened before comes from its cache)."""
    command = [sys.executable, "-m", "pmtui", str(review)]
    (_, sidebar), _ = shown(command, [first_frame_text(review), SIDEBAR_TEXT], user_env(state))
    return sidebar


def keep_its_screen(review: Path, state: Path) -> None:
    """Open `review` once and let its meeting screen settle: the screen is kept in `state`
    for the next launch to paint."""
    terminal = Terminal([sys.executable, "-m", "pmtui", str(review)], user_env(state))
    try:
        terminal.wait_for([SIDEBAR_TEXT])
        terminal.settle()
    finally:
        terminal.end()


def key_at_launch(review: Path, state: Path, painted: bool) -> float:
    """Seconds from launch, ctrl+pagedown typed at once, until the tab it goes to (Impact)
    is on screen: the screen kept in `state` painted first, or (`painted` False) none."""
    if not painted:
        shutil.rmtree(state / kept_frames.FOLDER, ignore_errors=True)
    terminal = Terminal([sys.executable, "-m", "pmtui", str(review)], user_env(state))
    try:
        os.write(terminal.leader, CTRL_PAGEDOWN)
        (answered,) = terminal.wait_for([IMPACT_TEXT])
    finally:
        terminal.end()
    return answered


def saved_then_opened(review: Path, state: Path) -> float:
    """Seconds to the participants sidebar of a launch that follows one which added an
    event, saved and quit: its screen painted from the frame the painter that run started
    as it ended kept (`cli.paint_ahead`), waited for first, and its end. Each adds the same
    event again: nine more rows by the last."""
    kept_before = kept_keys(review, state)
    terminal = Terminal([sys.executable, "-m", "pmtui", str(review)], user_env(state))
    terminal.wait_for([SIDEBAR_TEXT])
    os.write(terminal.leader, b"\t10:41 prepared before the meeting\r" + CTRL_S + CTRL_Q)
    while terminal.process.poll() is None:
        terminal.read(0.05)
    os.close(terminal.leader)
    deadline = time.monotonic() + 30
    while kept_keys(review, state) <= kept_before or painters_running():
        if time.monotonic() > deadline:
            raise SystemExit(f"{review}: no frame painted after a save")
        time.sleep(0.05)
    return to_sidebar(review, state)


def painters_running() -> bool:
    """Whether a painter is still running (it ends a moment after keeping its frame): the
    launch timed next has the machine to itself."""
    for process in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"pmtui.cli.paint_ahead" in process.read_bytes():
                return True
        except OSError:  # it ended meanwhile
            pass
    return False


def kept_keys(review: Path, state: Path) -> set[bytes]:
    """The keys (first lines) of the frames kept for `review` in `state`."""
    return {
        frame.read_bytes().partition(b"\n")[0]
        for frame in (state / kept_frames.FOLDER).glob(f"{review.stem}-*.frame")
    }


def replay_to_sidebar(folder: Path, state: Path | None = None) -> float:
    """Seconds from launch until `pmtui replay` of the bundled Pet Clinic scenario, into a
    file not there yet, has its meeting screen's participants sidebar on screen (`state`: a
    scenario replayed before comes from its cache)."""
    new = Path(tempfile.mkdtemp(dir=folder)) / "replayed.toml"
    command = [sys.executable, "-m", "pmtui", "replay", "--scenario", SCENARIO, str(new)]
    (_, sidebar), _ = shown(command, [new.name, SIDEBAR_TEXT], user_env(state))
    return sidebar


def alternately(runs: int, *measures) -> list:
    """The median of each measure, run in turn (A B C A B C ...) so that whatever else the
    machine does weighs on each alike."""
    results = [[] for _ in measures]
    for _ in range(runs):
        for got, measure in zip(results, measures, strict=True):
            got.append(measure())
    return [statistics.median(column) for column in results]


def key_to_frame(review: Path, keys: int = 30, saves: int = 5) -> tuple[float, float]:
    """Median ms from a key written to the terminal to pmtui's next frame: cursor down the
    timeline; and the same keys pressed right after ctrl+s, while the save runs."""
    terminal = Terminal([sys.executable, "-m", "pmtui", str(review)], user_env())
    try:
        terminal.wait_for([READY_TEXT])
        terminal.settle()
        plain = [terminal.key_to_frame(DOWN) for _ in range(keys)]
        saving = []
        for _ in range(saves):
            terminal.key_to_frame(b"s")  # star the event under the cursor: something to save
            terminal.settle()
            saving.append(terminal.key_to_frame(CTRL_S))
            saving += [terminal.key_to_frame(DOWN) for _ in range(keys // saves)]
            terminal.settle()
    finally:
        terminal.end()
    return statistics.median(plain) * 1000, statistics.median(saving) * 1000


def command_seconds(*args: str, layouts_compiled: bool = False) -> float:
    """A whole `pmtui` command, on a review it has never parsed before: the first since
    pmtui was installed, or, `layouts_compiled`, after an export of the sample compiled
    the layouts (as any export finds them after the first one)."""
    env = user_env()  # as the bare app it is compared with runs: folders of its own
    if layouts_compiled:
        export = [sys.executable, "-m", "pmtui", "export", str(SAMPLE), "-o", "-"]
        subprocess.run(export, capture_output=True, env=env, check=True)
    start = time.perf_counter()
    command = [sys.executable, "-m", "pmtui", *args]
    result = subprocess.run(command, capture_output=True, env=env)
    if result.returncode not in (0, 1):  # 1: `check` found something, which is not a failure
        raise SystemExit(f"{' '.join(args)}: {result.stderr.decode()}")
    return time.perf_counter() - start


async def key_costs(path: Path, keys: int = 60, events: int = 30) -> tuple[float, float]:
    """CPU ms per cursor move down the timeline, and per event added from the entry line.

    Started as `pmtui FILE` starts (cycle collector off until the review is on screen, then
    start-up's objects frozen), in a process of its own: the ratio is the review's alone.
    """
    from pmtui.tui.app import make_app

    gc.disable()
    app = make_app(path, clock=lambda: NOW, autosave_delay=3600, as_command=True)
    async with app.run_test(size=SIZE) as pilot:
        while app.session is None or not gc.isenabled():
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        per_key = []
        for _ in range(keys):
            start = time.process_time()
            await pilot.press("down")
            per_key.append(time.process_time() - start)
        per_event = []
        for n in range(events):
            start = time.process_time()
            await pilot.press("ctrl+n")
            app.focused.insert_text_at_cursor(f"benchmark event {n}")
            await pilot.press("enter")
            per_event.append(time.process_time() - start)
    # Medians: a collection or the checks' thread landing in one step does not skew them.
    per_key, per_event = statistics.median(per_key), statistics.median(per_event)
    return per_key * 1000, per_event * 1000


def _key_costs(path: Path) -> tuple[float, float]:
    return asyncio.run(key_costs(path))


def save_seconds(path: Path, target: Path) -> tuple[float, float]:
    """A save as the app makes it, of one edited event: ms on the UI thread (the snapshot
    that detaches the document), then s in the worker (the changed tables written into the
    file's text and read back to check them, atomic write with fsync)."""
    shutil.copy(path, target)
    session = ReviewSession.open(target)
    middle = session.review.timeline[len(session.review.timeline) // 2]
    snapshots, writes = [], []
    for n in range(3):
        middle.text = f"edited {n}"
        session.changed()
        start = time.perf_counter()
        snapshot = session.snapshot()
        snapshots.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        session.write(snapshot)
        writes.append(time.perf_counter() - start)
    return statistics.median(snapshots), statistics.median(writes)


def median_of(runs: int, measure, *args):
    """The median of each figure `measure` returns (None stays None)."""
    results = [measure(*args) for _ in range(runs)]
    if isinstance(results[0], tuple):
        return tuple(
            None if column[0] is None else statistics.median(column)
            for column in zip(*results, strict=True)
        )
    return statistics.median(results)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["PMTUI_STATE_DIR"] = str(folder / "state")  # parse cache: ours, not yours
        sample = Path(shutil.copy(SAMPLE, folder / "sample.toml"))
        large = large_review(folder)
        print(f"large review: {large.stat().st_size / 2**20:.1f} MiB")

        bare, _, bare_mem = median_of(7, cold_start, "bare")
        small, small_ready, small_mem = median_of(7, cold_start, "pmtui", sample)
        to_sidebar(sample, folder / "state")  # opened once: the review is in its cache
        meeting_bare, meeting_floor, meeting_model_floor, meeting, meeting_again = alternately(
            9,
            lambda: cold_start("bare")[0],
            lambda: cold_start("floor")[0],
            lambda: cold_start("floor+model")[0],
            partial(to_sidebar, sample),
            partial(to_sidebar, sample, folder / "state"),
        )
        painting = folder / "painting"
        keep_its_screen(sample, painting)
        prepared = Path(shutil.copy(SAMPLE, folder / "prepared.toml"))
        painted_bare, painted, painted_after_saving, key_live, key_painted = alternately(
            9,
            lambda: cold_start("bare")[0],
            partial(to_sidebar, sample, painting),
            partial(saved_then_opened, prepared, painting),
            partial(key_at_launch, sample, folder / "state", painted=False),
            partial(key_at_launch, sample, painting, painted=True),
        )
        replay_to_sidebar(folder, folder / "state")  # replayed once: the scenario is cached
        replay_bare, replay, replay_again = alternately(
            9,
            lambda: cold_start("bare")[0],
            partial(replay_to_sidebar, folder),
            partial(replay_to_sidebar, folder, folder / "state"),
        )
        first_open, first_open_ready, big_mem = median_of(5, cold_start, "pmtui", large)
        reopened = partial(cold_start, state=folder / "state")
        reopened("pmtui", large)  # its first open fills the cache
        big, big_ready, _ = median_of(5, reopened, "pmtui", large)
        small_frame, small_frame_saving = key_to_frame(Path(shutil.copy(sample, folder / "s.toml")))
        big_frame, big_frame_saving = key_to_frame(Path(shutil.copy(large, folder / "l.toml")))
        with ProcessPoolExecutor(1) as pool:
            small_key, small_add = pool.submit(_key_costs, sample).result()
        with ProcessPoolExecutor(1) as pool:
            big_key, big_add = pool.submit(_key_costs, large).result()
        small_snap, small_save = save_seconds(sample, folder / "out-small.toml")
        big_snap, big_save = save_seconds(large, folder / "out-large.toml")
        small_export = median_of(3, command_seconds, "export", str(sample))
        big_export = median_of(3, command_seconds, "export", str(large))
        compiled = partial(command_seconds, layouts_compiled=True)
        small_export_compiled = median_of(3, compiled, "export", str(sample))
        small_check = median_of(3, command_seconds, "check", str(sample))
        reports_bare, big_export_compiled, big_check = alternately(
            9,
            lambda: cold_start("bare")[0],
            partial(compiled, "export", str(large)),
            partial(command_seconds, "check", str(large)),
        )

    rows = [
        ("first frame, new process (s)", bare, small, big),
        ("  large never opened before (s)", None, small, first_open),
        ("review on screen, keys shown (s)", None, small_ready, big_ready),
        ("  large never opened before (s)", None, small_ready, first_open_ready),
        ("peak memory (MiB)", bare_mem, small_mem, big_mem),
        ("key to frame, cursor down (ms)", None, small_frame, big_frame),
        ("  the same, while saving (ms)", None, small_frame_saving, big_frame_saving),
        ("CPU per cursor key (ms)", None, small_key, big_key),
        ("CPU per event added (ms)", None, small_add, big_add),
        ("save: UI thread (ms)", None, small_snap, big_snap),
        ("save: worker thread (s)", None, small_save, big_save),
        ("pmtui export, first one (s)", None, small_export, big_export),
        ("  layouts compiled before (s)", None, small_export_compiled, big_export_compiled),
        ("pmtui check (s)", None, small_check, big_check),
    ]
    print("\nTo the meeting screen (participants sidebar on screen), alternated, 9 runs:")
    for name, seconds in (
        ("bare Textual app, first frame", meeting_bare),
        ("Textual alone, a meeting-like screen", meeting_floor),
        ("  the same, after the model read the sample", meeting_model_floor),
        ("pmtui on the sample, never opened before", meeting),
        ("  the same, opened before", meeting_again),
    ):
        print(f"  {name:44}{seconds:7.3f} s {seconds / meeting_bare:6.2f}x the bare app")
    print("\nThe screen its last run kept, painted at launch, alternated, 9 runs:")
    for name, seconds in (
        ("bare Textual app, first frame", painted_bare),
        ("pmtui on the sample, painted", painted),
        ("  the same, saved in the run before", painted_after_saving),
    ):
        print(f"  {name:44}{seconds:7.3f} s {seconds / painted_bare:6.2f}x the bare app")
    print("  a key typed at launch, until its tab is on screen:")
    for name, seconds in (("  opened before", key_live), ("  the screen painted", key_painted)):
        print(f"  {name:44}{seconds:7.3f} s {seconds / painted_bare:6.2f}x the bare app")
    print("\n`pmtui replay` into a new file, to its meeting screen, alternated, 9 runs:")
    for name, seconds in (
        ("bare Textual app, first frame", replay_bare),
        ("the Pet Clinic scenario, never read before", replay),
        ("  the same, read before", replay_again),
    ):
        print(f"  {name:44}{seconds:7.3f} s {seconds / replay_bare:6.2f}x the bare app")
    print("\nThe large review's reports, never parsed (layouts compiled), alternated, 9 runs:")
    for name, seconds in (
        ("bare Textual app, first frame", reports_bare),
        ("pmtui export", big_export_compiled),
        ("pmtui check", big_check),
    ):
        print(f"  {name:44}{seconds:7.3f} s {seconds / reports_bare:6.2f}x the bare app")
    print(f"\n{'':34}{'bare':>8}{'sample':>9}{'large':>9}  {'sample/bare':>11}{'large/sample':>13}")
    for name, b, s, g in rows:
        cells = [f"{v:8.3f}" if v is not None else " " * 8 for v in (b, s, g)]
        vs_bare = f"{s / b:11.2f}x" if b and s else " " * 12
        vs_sample = f"{g / s:12.2f}x" if s and g else ""
        print(f"{name:34}{cells[0]}{cells[1]:>9}{cells[2]:>9}  {vs_bare}{vs_sample}")


if __name__ == "__main__":
    main()
