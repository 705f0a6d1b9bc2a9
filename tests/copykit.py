"""The whole-album truth test's cases for issue 23 (tests/test_truth_copies.py): a guide timed on
one copy plays in sync on another. The author's copy of a generated album (songs: melodies, chords,
drums) gives the guide's sidecar; the listener's copy is that album transformed
(`tests/transforms.py`), tagged, and played through the real app on SDL's `disk` driver by the
truth test's runner (`tests/truth.py`). Each track is found in the capture by correlating its own
audio, and at every 5 ms of it the remark the screen highlights is compared with the one the author
meant: the last whose moment the copy has already played (`Copy.where` of its stamp). They may
disagree for at most 100 ms at a time.

Remarks within 1.5 s of a cut are left out of the guide: the alignment marks them unsure (`≈`). Run
one case and see its figures: `python -m pytest tests/test_truth_copies.py -k once -s`. `prepare`
writes a case, `worst_lag` reads what it played.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

import numpy as np
import songgen
import soundfile
import transforms
from audiogen import locate, write_tags
from truthkit import RATE, WINDOW, AudioClock, capture, home_in, write_case

from ostguide.analysis.features import analyse
from ostguide.guide.model import TrackId
from ostguide.sync.sidecar import SyncedTrack, write_sidecar
from ostguide.sync.sound import describe

SONGS = (61, 62)
"""The album: a song of each seed."""
SECONDS = 12.0
"""Long enough for a 3 s lead-in, a 1 s cut and a 1 s insert around the remarks."""
SHARES = (0.2, 0.4, 0.6, 0.8)
"""Where the guide's remarks are, as shares of each song."""
LAG_MS = 100.0
"""The longest the highlighted remark may differ from the author's moment heard."""
NEAR_CUT = 1.5
"""Seconds either side of a cut in which no remark is written."""
FOUND_FROM = 5.0
"""Seconds into a track from which its audio is looked for in the capture."""


def _stamp(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:06.3f}"


def prepare(name: str, folder: Path) -> dict[str, str]:
    """The author's album (its sidecar), the listener's copy `name` of it, the guide and a home
    in `folder` (each track's remarks on the listener's clock in `moments.json`); the settings
    folders."""
    music = folder / "music"
    lines = ["+++", 'title = "Copies"', "+++", ""]
    sounds: dict[TrackId, SyncedTrack] = {}
    moments: list[list[float]] = []
    for number, seed in enumerate(SONGS, 1):
        song = songgen.song(seed, SECONDS)
        same = transforms.TRANSFORMS["same file"](song.samples, songgen.RATE)
        mine = transforms.write(same, songgen.RATE, folder / "mine" / f"{number:02d}")
        sounds[TrackId(1, number)] = SyncedTrack(mine.name, describe(analyse(mine)))
        copy = transforms.TRANSFORMS[name](song.samples, songgen.RATE)
        theirs = transforms.write(copy, songgen.RATE, music / f"{number:02d} Song {number}")
        write_tags(
            theirs, {"title": f"Song {number}", "album": "Copies", "tracknumber": str(number)}
        )
        lines += [f"## {number:02d}. Song {number}", ""]
        moments.append([])
        for share in SHARES:
            at = round(share * song.seconds, 3)
            before, heard, after = (copy.where(at + d) for d in (-NEAR_CUT, 0.0, NEAR_CUT))
            if before is None or heard is None or after is None:
                continue
            if abs(after - before - 2 * NEAR_CUT) > 0.2:
                continue  # at a cut: unsure, shown ≈
            lines += [f"[{_stamp(at)}] At {share:.0%} of the song.", ""]
            moments[-1].append(heard)
    guide = folder / "truth.md"
    guide.write_text("\n".join(lines), encoding="utf-8")
    write_sidecar(guide.with_suffix(".sync"), sounds)
    env = home_in(folder)
    write_case(folder, [], 4 * SECONDS + 10)
    (folder / "moments.json").write_text(json.dumps(moments))
    return env


def moments_of(folder: Path) -> list[list[float]]:
    """Each track's remarks on the listener's clock, as `prepare` wrote them."""
    written = json.loads((folder / "moments.json").read_text())
    return [[float(t) for t in times] for times in written]


def worst_lag(folder: Path, moments: list[list[float]]) -> tuple[float, str]:
    """The longest run (ms) of 5 ms windows in which the screen highlighted another remark than
    the author's moment heard, and where it was."""
    log = json.loads((folder / "log.json").read_text())
    clock = AudioClock(log["clock"])
    samples = [[clock.sample_at(t), *rest] for t, *rest in log["samples"]]
    at = [s[0] for s in samples]
    heard = capture(folder).astype(np.float64) / 32768
    files = sorted((folder / "music").iterdir())
    worst, where, run = 0.0, "", 0.0
    for track, (path, times) in enumerate(zip(files, moments, strict=True)):
        own = soundfile.read(path, dtype="float64", always_2d=True)[0][:, 0]
        snippet = own[int(FOUND_FROM * RATE) : int((FOUND_FROM + 2) * RATE)]
        start = locate(snippet, heard) - int(FOUND_FROM * RATE)
        for w in range((start + RATE // 5) // WINDOW, (start + len(own) - RATE // 5) // WINDOW):
            time = (w * WINDOW - start) / RATE
            meant = bisect_right(times, time) - 1
            k = bisect_right(at, w * WINDOW + WINDOW // 2) - 1
            said = samples[k] if k >= 0 else [0, None, None, None, "", None, 0]
            right = said[3] == track and said[5] == (meant if meant >= 0 else None)
            run = 0.0 if right else run + 1000 * WINDOW / RATE
            if run > worst:
                worst, where = run, f"track {track + 1} at {time:.2f} s: {said[1:]}, meant {meant}"
    return worst, where
