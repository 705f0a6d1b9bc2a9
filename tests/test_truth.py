"""The whole-album truth test: what is heard and what is shown are the same.

Each case plays a generated album through the real app (`ui.run.build_app`, the listener's own
code path: the guide file, the music found and matched, the audio device opened after the first
frame) on SDL's `disk` driver, pressing keys as its script says. The capture says which track
sounded when (each track a tone of its own frequency); the runner's log says what the controller
and the screen said at each moment. A case passes when every track sounds once, in order (or as
its keys say), for its own length; a gapless change leaves at most one mixing buffer of silence
(none inside an image); the controller and the screen (the ▶ track, the heading, the highlighted
remark) never disagree with the sound for more than 50 ms; and `i` stamps the moment heard.

This is the definition of done for any change to playback, the clock, the session, the
controller or the screen. The cases run three at a time (each mostly waits on its sound). The
track is compared from the first sound. The highlighted remark is compared from 150 ms after the
screen draws a track's commentary (at the start and at each change: it is rebuilt first), and a
remark written with `i` from when the screen first shows it (the stamp's time and track are
checked on their own).

Run one case and see its figures: `python -m pytest tests/test_truth.py -k flac -s`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from truthkit import Case, Hear, Mark, judge

from ostguide.guide.parser import load_guide

FORMATS = (".flac", ".ogg", ".mp3", ".opus", ".wav", ".m4a", ".wv")
"""`.m4a` is AAC and `.wv` WavPack: decoded to FLAC copies before the mixer plays them."""

CASES = [
    *(
        Case(
            suffix[1:],
            [suffix] * 3,
            (1.2, 1.0, 1.4),
            [Hear(n) for n in range(3)],
            script=[("at", 1, 0.6), ("press", "i")],
        )
        for suffix in FORMATS
    ),
    Case(
        "mixed",
        [".mp3", ".ogg", ".flac", ".opus", ".wav", ".mp3"],
        (1.0, 1.2, 1.0, 1.4, 1.2, 1.0),
        [Hear(n) for n in range(6)],
        script=[("at", 4, 0.5), ("press", "i")],
    ),
    Case(
        "pause",
        [".flac"] * 3,
        (1.4, 1.2, 1.2),
        [Hear(0), Hear(1), Hear(2)],
        script=[("at", 0, 1.2), ("press", "space"), ("sleep", 0.6), ("press", "space")],
    ),
    Case(
        "seek-end",
        [".ogg"] * 3,
        (1.6, 1.2, 1.2),
        [Hear(0), Hear(0, 1.1, key=0), Hear(1), Hear(2)],
        script=[("at", 0, 0.3), ("press", "right")],  # 5 s on: stops half a second before the end
    ),
    Case(
        "next-prev",
        [".ogg", ".flac", ".ogg", ".flac"],
        (1.2, 1.2, 1.2, 1.2),
        [Hear(0), Hear(1, key=0), Hear(0, key=1), Hear(1), Hear(2), Hear(3)],
        script=[("at", 0, 0.4), ("press", "n"), ("at", 1, 0.4), ("press", "p")],
    ),
    Case(
        "tour",
        [".mp3"] * 6,
        (1.0,) * 6,
        [Hear(0), Hear(1, key=1), Hear(3), Hear(4)],
        script=[("at", 0, 0.2), ("press", "t"), ("sleep", 0.2), ("press", "enter")],
        themes=(1, 3, 4),
    ),
    Case(
        "link",
        [".flac"] * 5,
        (1.2,) * 5,
        [Hear(0), Hear(1), Hear(3, 0.5, key=1), Hear(4)],
        script=[("at", 1, 0.7), ("press", "tab", "enter")],
        links={1: (3, 0.5)},
    ),
    Case(
        "resume",
        [".ogg"] * 4,
        (1.2, 1.4, 1.2, 1.0),
        [Hear(1, 0.6), Hear(2), Hear(3)],
        resume=(1, 0.6),
    ),
    Case(
        "image",
        [".flac"] * 4,
        (1.2, 1.0, 1.4, 1.2),
        [Hear(n) for n in range(4)],
        script=[("at", 1, 0.5), ("press", "i")],
        image=True,
    ),
    Case(
        "pause-kept",
        [".flac"] * 4,
        (1.2,) * 4,
        [Hear(0), Hear(1, key=2), Hear(3, 0.5, key=6)],
        script=[
            ("at", 0, 0.5),
            ("press", "space"),
            ("sleep", 0.3),
            ("press", "n"),  # the next track, still paused: nothing sounds
            ("sleep", 0.4),
            ("press", "space"),
            ("at", 1, 0.7),
            ("press", "space"),
            ("sleep", 0.2),
            ("press", "tab", "enter"),  # the link, paused
            ("sleep", 0.4),
            ("press", "space"),
        ],
        links={1: (3, 0.5)},
        ramp=True,
    ),
    Case(
        "repeat",
        [".flac"] * 3,
        (1.0, 1.2, 1.0),
        [Hear(1), Hear(1), Hear(2)],  # twice, then on to the next track
        script=[("at", 1, 0.3), ("press", "L"), ("sleep", 1.2), ("press", "L")],
        resume=(1, 0.0),
        ramp=True,
    ),
    Case(
        "ab-loop",
        [".flac"] * 2,
        (2.4, 1.0),
        [
            Hear(0, end=Mark(1)),
            Hear(0, Mark(0), end=Mark(1), again=True),
            Hear(0, Mark(0)),
            Hear(1),
        ],
        script=[  # A, B, passes of A–B, then off: the last pass plays on to the end
            *[("at", 0, 0.5), ("press", "b"), ("at", 0, 1.3), ("press", "b")],
            *[("sleep", 2.0), ("press", "b")],
        ],
        ramp=True,
    ),
    Case(
        "last-track",
        [".flac"] * 4,
        (1.2,) * 4,
        [Hear(3, 0.7)],
        resume=(3, 0.7),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_what_is_heard_is_what_is_shown(case: Case, whole_albums: dict[str, Path]) -> None:
    folder = whole_albums[case.name]
    runner = (folder / "runner.txt").read_text()
    assert runner.startswith("exit 0"), runner
    guide = load_guide(folder / "truth.md").guide
    assert guide is not None
    stamps = {n: [cue.stamp.resolve(None) for cue in t.cues] for n, t in enumerate(guide.tracks)}
    verdict = judge(case, folder, stamps)
    print(verdict.line(case.name))
    assert not verdict.problems, (verdict.line(case.name), verdict.problems, runner[-2000:])
