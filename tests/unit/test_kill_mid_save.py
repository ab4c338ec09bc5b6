"""kill -9 in the middle of saving never leaves a truncated or unreadable review.

A child process saves a large review again and again, telling the parent through a pipe
each time a save begins; the parent lets it begin one to four saves, then kills it with
SIGKILL, mid-write, and loads the file. Thirty times over the same file.
"""

import os
import signal
import time

from pmtui.files import store

KILLS = 30
BIG = "x" * 500_000


def version(n: int) -> str:
    return f'schema_version = 1\n\n[incident]\ntitle = "v{n}"\nsummary = "{BIG}"\n'


def save_forever(path, pipe: int, start: int) -> None:
    n = start
    while True:
        text = version(n)
        os.write(pipe, b"s")
        store.write_atomically(path, text)
        n += 1


def test_a_review_survives_kill_9_mid_save_every_time(tmp_path):
    path = tmp_path / "r.toml"
    store.write_atomically(path, version(0))
    started = 0
    for kill in range(KILLS):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child never returns
            try:
                os.close(read_end)
                save_forever(path, write_end, started + 1)
            finally:
                os._exit(0)
        os.close(write_end)
        begun = 0
        for _ in range(kill % 4 + 1):
            begun += len(os.read(read_end, 1))
        time.sleep(kill % 3 / 1000)  # spread the kills over writing, syncing, renaming
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        while signals := os.read(read_end, 4096):  # saves it began before the kill landed
            begun += len(signals)
        os.close(read_end)
        review = store.load(path)  # never raises: the old or the new file, whole
        number = int(review.incident.title.removeprefix("v"))
        assert number <= started + begun
        assert review.incident.summary == BIG
        started += begun
    # Evidence that kills landed mid-write: their temp files, left for the next open to clear.
    assert any(p.suffix == ".tmp" for p in tmp_path.iterdir())


def test_leftover_temp_files_of_that_review_are_cleared(tmp_path):
    path = tmp_path / "r[1].toml"
    store.write_atomically(path, version(0))
    for name in (".r[1].toml.abc123.tmp", ".other.toml.abc123.tmp", "notes.tmp"):
        (tmp_path / name).write_text("partial")
    store.clear_leftover_temps(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.toml.abc123.tmp",
        "notes.tmp",
        "r[1].toml",
    ]
