"""Where an export may be written, for `pmtui export -o` and the app's export dialog alike:
a regular file or a new path, never a pipe, a device or a folder (nor through a link to
one, nor a link to nothing), and never the review it is made from (by its name, a link or a
hard link). Another file already there is replaced only when the person says so."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from pmtui.files import store


class AlreadyThere(store.ReviewFileError):
    """Another regular file is there: each caller says how to replace it."""


def check(output: Path, source: Path | None, *, replace: bool, instead: str) -> None:
    """Refuse `output` with its one line (`instead`: what to do then, as the caller can
    do it), or let it be written."""
    try:
        found = output.stat()
    except FileNotFoundError:
        store.write_target(output)  # refuses a link to nothing
        return  # a new path: the export makes a file there
    except OSError as error:
        raise store.ReviewFileError(f"{output}: cannot write there ({error.strerror})") from None
    if source is not None:
        with contextlib.suppress(OSError):  # a review that cannot be read says so next
            if os.path.samestat(found, source.stat()):
                raise store.ReviewFileError(f"{output}: is the review being exported; {instead}")
    if not stat.S_ISREG(found.st_mode):
        raise store.ReviewFileError(
            f"{output}: not a regular file (a folder, a device or a pipe); {instead}"
        )
    if not replace:
        raise AlreadyThere(f"{output}: already exists")
