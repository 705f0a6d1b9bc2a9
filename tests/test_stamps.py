"""Time stamps: every form the format allows, every error with its message and column, and the
timeline that places resolved stamps in time."""

from __future__ import annotations

import pytest

from ostguide.guide.model import Cue, Stamp, Timeline, Track, TrackId, format_time
from ostguide.guide.stamps import FORMS_HELP, StampError, leading_stamp, parse_stamp


@pytest.mark.parametrize(
    ("line", "stamp", "end"),
    [
        ("[1:05] text", Stamp(65.0, None), 6),
        ("[01:05.250] text", Stamp(65.25, None), 11),
        ("[0:07.5]", Stamp(7.5, None), 8),
        ("[1:02:03] text", Stamp(3723.0, None), 9),
        ("[50%] text", Stamp(None, 0.5), 5),
        ("[12.5%] text", Stamp(None, 0.125), 7),
        ("[100%]", Stamp(None, 1.0), 6),
        ("[~1:30] text", Stamp(90.0, None, approximate=True), 7),
        ("[~50%] text", Stamp(None, 0.5, approximate=True), 6),
        ("[0:00] text", Stamp(0.0, None), 6),
        ("[125:00]", Stamp(7500.0, None), 8),
        ("[１:０５] full-width digits", Stamp(65.0, None), 6),
    ],
)
def test_leading_stamp_forms(line: str, stamp: Stamp, end: int) -> None:
    assert leading_stamp(line) == (stamp, end)


@pytest.mark.parametrize(
    ("line", "message", "column", "help_text"),
    [
        (
            "[5:75] The choir enters.",
            "seconds must be below 60 in [5:75]",
            4,
            "write the time as minutes:seconds, e.g. [6:15]",
        ),
        (
            "[~5:75]",
            "seconds must be below 60 in [~5:75]",
            5,
            "write the time as minutes:seconds, e.g. [6:15]",
        ),
        ("[1:5] x", "seconds need two digits in [1:5]", 4, "write [1:05]"),
        ("[1:050] x", "seconds need two digits in [1:050]", 4, "write [1:50]"),
        ("[1:7] x", "seconds need two digits in [1:7]", 4, "write [1:07]"),
        (
            "[1:60:00] x",
            "minutes must be two digits below 60 after the hours in [1:60:00]",
            4,
            "write hours:minutes:seconds, e.g. [1:02:03]",
        ),
        (
            "[1:5:00] x",
            "minutes must be two digits below 60 after the hours in [1:5:00]",
            4,
            "write hours:minutes:seconds, e.g. [1:02:03]",
        ),
        (
            "[120%] x",
            "a fraction must be between 0% and 100% in [120%]",
            2,
            "a fraction stamp is a share of the track, such as [50%]",
        ),
        (
            "[~100.5%] x",
            "a fraction must be between 0% and 100% in [~100.5%]",
            3,
            "a fraction stamp is a share of the track, such as [50%]",
        ),
        (
            "[1:05.2500] x",
            "at most three decimals (milliseconds) in [1:05.2500]",
            7,
            "write milliseconds as .250",
        ),
        ("[45] x", "a time needs minutes and seconds in [45]", 2, "write [0:45] for 45 seconds"),
        ("[90] x", "a time needs minutes and seconds in [90]", 2, FORMS_HELP),
        ("[1:xx] x", "malformed time stamp [1:xx]", 2, FORMS_HELP),
        ("[~abc] x", "malformed time stamp [~abc]", 3, FORMS_HELP),
        ("[~] x", "malformed time stamp [~]", 3, FORMS_HELP),
        ("[1 in the booklet] x", "malformed time stamp [1 in the booklet]", 2, FORMS_HELP),
        (
            "[1:05 the choir",
            "unterminated time stamp [1:05: missing ']'",
            1,
            "close the stamp with ], e.g. [1:05]",
        ),
    ],
)
def test_leading_stamp_errors(line: str, message: str, column: int, help_text: str) -> None:
    with pytest.raises(StampError) as caught:
        leading_stamp(line)
    assert caught.value.message == message
    assert str(caught.value) == message
    assert caught.value.offset + 1 == column
    assert caught.value.help == help_text


@pytest.mark.parametrize(
    ("body", "message", "offset"),
    [
        ("²", "malformed time stamp [²]", 0),
        ("1:²⁵", "malformed time stamp [1:²⁵]", 0),
        ("9" * 5000, "a time needs minutes and seconds in [" + "9" * 5000 + "]", 0),
        ("1:" + "0" * 5000, "seconds need two digits in [1:" + "0" * 5000 + "]", 2),
        ("9" * 400 + ":00", "the time is too large in [" + "9" * 400 + ":00]", 0),
        ("9" * 400 + ":00:00", "the time is too large in [" + "9" * 400 + ":00:00]", 0),
    ],
    ids=["superscript", "superscript-seconds", "huge-bare", "huge-seconds", "huge-m", "huge-h"],
)
def test_parse_stamp_refuses_numbers_it_cannot_convert(
    body: str, message: str, offset: int
) -> None:
    with pytest.raises(StampError) as caught:
        parse_stamp(body)
    assert caught.value.message == message
    assert caught.value.offset == offset


def test_parse_stamp_offset_places_the_column_in_the_line() -> None:
    with pytest.raises(StampError) as caught:
        parse_stamp("~5:75", offset=10)
    assert caught.value.offset == 13


@pytest.mark.parametrize(
    "line",
    [
        "[1984](https://example.com/1984) by Orwell",
        "[1:05](#3) is where it starts",
        "[1:05][ref] a reference link",
        "[a] not a number",
        "plain text [1:05]",
        " [1:05] indented",
        "[",
        "",
    ],
)
def test_not_a_stamp(line: str) -> None:
    assert leading_stamp(line) is None


@pytest.mark.parametrize(
    ("stamp", "length", "seconds"),
    [
        (Stamp(65.0, None), None, 65.0),
        (Stamp(65.0, None), 30.0, 65.0),
        (Stamp(None, 0.5), 200.0, 100.0),
        (Stamp(None, 0.5, approximate=True), 200.0, 100.0),
        (Stamp(None, 0.5), None, 0.0),
        (Stamp(None, 0.5), 0.0, 0.0),
        (Stamp(None, 1.0), 61.0, 61.0),
    ],
)
def test_stamp_resolve(stamp: Stamp, length: float | None, seconds: float) -> None:
    assert stamp.resolve(length) == seconds


@pytest.mark.parametrize(
    ("stamp", "length", "label"),
    [
        (Stamp(65.0, None), None, "1:05"),
        (Stamp(65.25, None), None, "1:05"),
        (Stamp(90.0, None, approximate=True), None, "~1:30"),
        (Stamp(3723.0, None), None, "1:02:03"),
        (Stamp(None, 0.5), None, "50%"),
        (Stamp(None, 0.125, approximate=True), None, "~12.5%"),
        (Stamp(None, 0.5), 200.0, "1:40"),
        (Stamp(None, 0.5, approximate=True), 200.0, "~1:40"),
        (Stamp(None, 0.3), None, "30%"),
    ],
)
def test_stamp_label(stamp: Stamp, length: float | None, label: str) -> None:
    assert stamp.label(length) == label


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "0:00"),
        (5.0, "0:05"),
        (59.999, "0:59"),
        (65.25, "1:05"),
        (599.0, "9:59"),
        (3599.0, "59:59"),
        (3600.0, "1:00:00"),
        (3723.0, "1:02:03"),
        (36000.0, "10:00:00"),
        (-5.0, "0:00"),
    ],
)
def test_format_time(seconds: float, text: str) -> None:
    assert format_time(seconds) == text


def _cues(*stamps: Stamp) -> tuple[Cue, ...]:
    return tuple(Cue(stamp, f"remark {index}", index + 1) for index, stamp in enumerate(stamps))


OUT_OF_ORDER = _cues(Stamp(0.0, None), Stamp(60.0, None), Stamp(30.0, None), Stamp(None, 0.5))


def test_timeline_sorts_out_of_order_cues() -> None:
    timeline = Timeline.build(OUT_OF_ORDER, 200.0)
    assert timeline.times == (0.0, 30.0, 60.0, 100.0)
    assert timeline.order == (0, 2, 1, 3)


@pytest.mark.parametrize(
    ("seconds", "index"),
    [(-1.0, None), (0.0, 0), (29.9, 0), (30.0, 2), (45.0, 2), (60.0, 1), (99.0, 1), (1e6, 3)],
)
def test_timeline_index_at(seconds: float, index: int | None) -> None:
    assert Timeline.build(OUT_OF_ORDER, 200.0).index_at(seconds) == index


@pytest.mark.parametrize(
    ("seconds", "index"),
    [(-1.0, 0), (0.0, 2), (30.0, 1), (59.0, 1), (60.0, 3), (100.0, None), (1e6, None)],
)
def test_timeline_next_after(seconds: float, index: int | None) -> None:
    assert Timeline.build(OUT_OF_ORDER, 200.0).next_after(seconds) == index


@pytest.mark.parametrize(("cue", "seconds"), [(0, 0.0), (1, 60.0), (2, 30.0), (3, 100.0)])
def test_timeline_time_of(cue: int, seconds: float) -> None:
    assert Timeline.build(OUT_OF_ORDER, 200.0).time_of(cue) == seconds


def test_timeline_equal_times_keep_the_written_order() -> None:
    timeline = Timeline.build(_cues(Stamp(10.0, None), Stamp(None, 0.1), Stamp(5.0, None)), 100.0)
    assert timeline.order == (2, 0, 1)
    assert timeline.index_at(10.0) == 1
    assert timeline.next_after(5.0) == 0


def test_empty_timeline() -> None:
    timeline = Timeline.build((), 100.0)
    assert timeline.index_at(50.0) is None
    assert timeline.next_after(0.0) is None


def test_track_timeline_falls_back_to_the_known_length() -> None:
    track = Track(TrackId(1, 1), "A", 1, length=100.0, cues=_cues(Stamp(None, 0.5)))
    assert track.timeline(None).times == (50.0,)
    assert track.timeline(0.0).times == (50.0,)
    assert track.timeline(200.0).times == (100.0,)
    assert Track(TrackId(1, 2), "B", 2, cues=_cues(Stamp(None, 0.5))).timeline(None).times == (0.0,)
