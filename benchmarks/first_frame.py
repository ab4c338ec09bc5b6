"""One cold start, for `run.py` to time from outside: exits the moment the first frame is
ready (Textual's Ready event: the screen laid out and drawn once).

    python benchmarks/first_frame.py bare
    python benchmarks/first_frame.py pmtui REVIEW.toml
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = (120, 40)


def hook(message) -> None:
    from textual import events

    if isinstance(message, events.Ready):
        sys.stdout.flush()
        os._exit(0)


async def run(kind: str, path: str | None) -> None:
    if kind == "bare":
        from workload import bare_app

        app = bare_app()
    else:
        from pmtui.tui.app import make_app

        app = make_app(Path(path), autosave_delay=3600)
    async with app.run_test(size=SIZE, message_hook=hook):
        raise SystemExit("the first frame never came")


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
