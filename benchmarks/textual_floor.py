"""What Textual alone takes to put up a screen like the meeting screen (`meeting_like.py`),
with no pmtui code and no document model.

`make bench` times it beside the bare app and pmtui: the ratio of this one to the bare app
is the floor of the meeting screen's start-up on this machine and this Textual, whatever
pmtui does. It starts as `pmtui FILE` does, with the cycle collector off before Textual is
imported (with it on, the same screen takes about 15% longer).

With `--model`, it first does what any design that validates the review before drawing it
must: import pydantic and pmtui's document model, and read the Pet Clinic sample with it.
The difference between the two is what the model costs the meeting screen.
"""

import gc
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample_incidents" / "pet-clinic-dojo.toml"


def main() -> None:
    gc.disable()  # as `pmtui FILE` starts (`cli.commands.run_open`)
    if "--model" in sys.argv[1:]:
        from pmtui.files import store

        store.load(SAMPLE)
    from meeting_like import MeetingLike

    MeetingLike().run()


if __name__ == "__main__":
    main()
