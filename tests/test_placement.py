"""The pure functions over an analysis: the loudness overview, approximate remarks placed on the
music's changes, and stamps snapped back to onsets."""

from __future__ import annotations

import pytest

from ostguide.analysis.model import Analysis
from ostguide.analysis.overview import overview_row
from ostguide.analysis.placement import place, place_remarks, snap, stamp_time
from ostguide.guide.model import Cue, Stamp, Timeline

STEP = 0.1


def curve(length: float, bumps: dict[float, float], width: float = 4.0) -> Analysis:
    """An analysis of `length` seconds whose novelty has a triangular bump of each height at
    each time (seconds), `width` seconds either side, over a floor of 0.2."""
    count = round(length / STEP)
    novelty = [0.2] * count
    for at, height in bumps.items():
        for k in range(count):
            novelty[k] = max(novelty[k], height * max(0.0, 1 - abs(k * STEP - at) / width))
    return Analysis(length, STEP, (-20.0,) * count, tuple(novelty), (), ())


def onsets(pairs: list[tuple[float, float]]) -> Analysis:
    """An analysis of ten seconds with these (time, strength) onsets."""
    return Analysis(
        10.0,
        STEP,
        (-20.0,) * 100,
        (0.0,) * 100,
        tuple(t for t, _ in pairs),
        tuple(s for _, s in pairs),
    )


@pytest.mark.parametrize(
    ("bumps", "nominal", "expected"),
    [
        ({37.0: 5.0}, 50.0, 37.0),  # "around the middle" of 100 s, the change is at 37 %
        ({63.0: 5.0}, 50.0, 63.0),
        ({30.0: 5.0}, 50.0, None),  # 20 % away: out of reach
        ({50.0: 1.0}, 50.0, None),  # too slight to count as a change
        ({40.0: 5.0, 60.0: 4.0}, 50.0, None),  # two changes of like strength: no telling
        ({40.0: 5.0, 60.0: 2.0}, 50.0, 40.0),  # one stands out
        ({33.0: 9.0, 36.0: 2.0}, 50.0, None),  # the slope of a change out of reach
        ({}, 50.0, None),  # nothing changes
    ],
)
def test_place(bumps: dict[float, float], nominal: float, expected: float | None) -> None:
    found = place(nominal, 100.0, curve(100.0, bumps))
    assert found == (None if expected is None else pytest.approx(expected, abs=0.05))


def test_a_flat_topped_change_is_placed_in_its_middle() -> None:
    """A gradual change makes a broad hump; its middle counts, not its highest wobble."""
    novelty = [0.2] * 1000
    for k in range(420, 581):  # rising from 42 s, flat from 47 s to 53 s, down by 58 s
        novelty[k] = min(3.0, 0.2 + (k - 420) * 0.056, 0.2 + (580 - k) * 0.056)
    novelty[470] = 3.3  # a wobble at the start of the flat top
    analysis = Analysis(100.0, STEP, (-20.0,) * 1000, tuple(novelty), (), ())
    assert place(50.0, 100.0, analysis) == pytest.approx(50.0, abs=0.3)


@pytest.mark.parametrize(
    ("pairs", "press", "expected"),
    [
        ([(3.0, 30.0)], 3.6, 3.0),  # the chord at 3.000 s, the key half a second late
        ([(3.0, 30.0)], 4.6, None),  # more than 1.5 s back
        ([(3.0, 30.0)], 2.9, None),  # onsets after the press are not taken
        ([(2.5, 6.0), (3.0, 30.0), (3.4, 5.0)], 3.6, 3.0),  # one stands out among weak ones
        ([(2.5, 20.0), (3.0, 30.0)], 3.6, None),  # two strong ones: no telling
        ([(3.0, 1.0)], 3.6, None),  # too faint
        ([], 3.6, None),
    ],
)
def test_snap(pairs: list[tuple[float, float]], press: float, expected: float | None) -> None:
    assert snap(press, onsets(pairs)) == expected


def _cues(*stamps: Stamp) -> tuple[Cue, ...]:
    return tuple(Cue(stamp, f"remark {i}", line=i + 1) for i, stamp in enumerate(stamps))


def test_only_approximate_remarks_move_and_the_timeline_stays_sorted() -> None:
    cues = _cues(
        Stamp(None, 0.5, approximate=True),  # [~50%] of 100 s: the change is at 37 s
        Stamp(40.0, None),  # [0:40] stays, though it is near the change
        Stamp(30.0, None),  # [0:30]
        Stamp(90.0, None, approximate=True),  # [~1:30]: nothing stands out there
    )
    timeline = Timeline.build(cues, 100.0)
    placed = place_remarks(timeline, cues, 100.0, curve(100.0, {37.0: 5.0}), offset=0.0)
    assert placed.placed == frozenset({0})
    assert placed.order == (2, 0, 1, 3)
    assert placed.times == pytest.approx((30.0, 37.0, 40.0, 90.0), abs=0.05)
    assert place_remarks(timeline, cues, 100.0, curve(100.0, {}), 0.0) is timeline


def test_placing_works_on_the_files_clock_when_the_guide_has_an_offset() -> None:
    """The guide is 2 s early for this release: the change heard at 37 s is at 35 s on the
    guide's clock, which the session shifts by the offset again."""
    cues = _cues(Stamp(None, 0.5, approximate=True))
    timeline = Timeline.build(cues, 100.0)
    placed = place_remarks(timeline, cues, 100.0, curve(100.0, {37.0: 5.0}), offset=2.0)
    assert placed.times == pytest.approx((35.0,), abs=0.05)


LOUD_MIDDLE = Analysis(
    10.0, 1.0, (-60.0, -60.0, -40.0, -20.0, -10.0, -10.0, -20.0, -40.0, -60.0, -60.0), (), (), ()
)


@pytest.mark.parametrize(
    ("length", "width", "expected"),
    [
        (10.0, 10, "▁▁▂▆██▆▂▁▁"),
        (10.0, 5, "▁▆█▆▁"),  # each column the loudest of its stretch
        (20.0, 10, "▁▆██▂     "),  # the file decodes shorter than the track plays: blank after
        (10.0, 1, "█"),
        (10.0, 0, ""),
    ],
)
def test_overview_row(length: float, width: int, expected: str) -> None:
    assert overview_row(LOUD_MIDDLE, length, width) == expected


@pytest.mark.parametrize(
    ("press", "pairs", "offset", "expected"),
    [
        (3.6, [(3.0, 30.0)], 0.0, (3.0, "stamped 0:03.0 (snapped −0.6 s)")),
        (3.6, [], 0.0, (3.6, "stamped 0:03.6")),
        (3.1, [(3.0, 30.0)], 0.5, (2.5, "stamped 0:02.5 (snapped −0.6 s)")),  # file 0.5 s later
        (3.6, None, 0.0, (3.6, "stamped 0:03.6")),  # no analysis, or snapping turned off
        (3.02, [(3.0, 30.0)], 0.0, (3.0, "stamped 0:03.0")),  # too close to call it a snap
    ],
)
def test_stamp_time(
    press: float,
    pairs: list[tuple[float, float]] | None,
    offset: float,
    expected: tuple[float, str],
) -> None:
    seconds, said = stamp_time(press, None if pairs is None else onsets(pairs), offset)
    assert (round(seconds, 3), said) == expected
