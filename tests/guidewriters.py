"""Writers of one guide running as processes of their own, for tests/test_concurrent_writes.py:

    python tests/guidewriters.py stamp GUIDE FIRST COUNT   # COUNT stamps from FIRST s, 0.2 s apart
    python tests/guidewriters.py edit GUIDE COUNT          # COUNT saves, each adding a line

`stamp` is ostguide's stamping (a `LiveGuide`), trying each stamp again after a refusal (the
guide is reloaded then, as the screen reloads it), and prints the stamps it was told were added,
as JSON. `edit` behaves like an editor saving every half millisecond: it reads the file, adds a
remark `edited N` to it and saves it, in place or by renaming a new file over it, in turn.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.guide.writer import tenth_stamp

TRIES = 50


def stamp(guide: Path, first: float, count: int) -> None:
    live = LiveGuide(GuideFile(guide))
    while not live.guide.tracks:  # read while an editor wrote it in place
        live = LiveGuide(GuideFile(guide))
    added: list[str] = []
    for number in range(count):
        seconds = first + number * 0.2
        for _ in range(TRIES):
            change = live.insert(live.guide.tracks[0], seconds, 60.0)
            if change.message.startswith("Remark added"):
                added.append(tenth_stamp(seconds))
                break
            time.sleep(0.01)
            live.reload_if_changed()  # as the screen does (once a second)
    print(json.dumps(added))


def edit(guide: Path, count: int) -> None:
    for number in range(count):
        text = _read(guide) + f"\n[0:59] edited {number}\n".encode()
        if number % 2:  # in place, as editors open a file to save it (made if missing)
            with guide.open("wb") as file:
                file.write(text)
        else:
            new = guide.with_name(f".{guide.name}.editor")
            new.write_bytes(text)
            os.replace(new, guide)
        time.sleep(0.0005)


def _read(guide: Path) -> bytes:
    """The file, read again if it was missing for the few microseconds a stamp leaves its name
    free (ostguide moved it aside to compare it: see `atomic.replace_if_unchanged`)."""
    while True:
        try:
            return guide.read_bytes()
        except FileNotFoundError:
            time.sleep(0.0001)


if __name__ == "__main__":
    if sys.argv[1] == "stamp":
        stamp(Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
    else:
        edit(Path(sys.argv[2]), int(sys.argv[3]))
