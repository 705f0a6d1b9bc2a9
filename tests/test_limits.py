"""What a guide may hold: each limit refused just past it with a message naming the line, and
accepted at it; the shapes that froze the screen are refused by `check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.guide.diagnostics import Diagnostic, Severity
from ostguide.guide.limits import (
    MAX_LINES,
    MAX_PIECE_CHARS,
    MAX_PIECE_LINES,
    MAX_REMARKS,
    MAX_TRACKS,
)
from ostguide.guide.parser import parse_text

PATH = Path("g.md")
HEAD = "## 01. A\n\n"
SPLIT_REMARK = (
    "shorten it, or split it into several remarks, each starting with its own stamp such as "
    "[1:23] (see 'Limits' in `ostguide help format`)"
)


def errors(text: str) -> list[str]:
    return [d.headline() for d in parse_text(text, PATH).errors]


def paragraphs(count: int) -> str:
    """`count` one-line paragraphs: 2 × count - 1 lines of text."""
    return "\n\n".join(f"Paragraph {n}." for n in range(count))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            HEAD + "[0:10] " + paragraphs(5_000) + "\n",
            "g.md:3:1: error: remark is 9,999 lines long; at most 200 are allowed",
            id="5,000 paragraphs",
        ),
        pytest.param(
            HEAD + "[0:10] Start.\n" + "".join(f"- item {n}\n" for n in range(5_000)),
            "g.md:3:1: error: remark is 5,001 lines long; at most 200 are allowed",
            id="5,000 list items",
        ),
        pytest.param(
            HEAD + "[0:10] Code:\n\n```\n" + "x = 1\n" * 20_000 + "```\n",
            "g.md:3:1: error: remark is 20,004 lines long; at most 200 are allowed",
            id="20,000 fence lines",
        ),
        pytest.param(
            HEAD + "[0:10] " + "x" * (MAX_PIECE_CHARS + 1) + "\n",
            "g.md:3:1: error: remark is 20,001 characters long; at most 20,000 are allowed",
            id="one long line",
        ),
        pytest.param(
            HEAD + paragraphs(101) + "\n\n[0:10] Fine.\n",
            "g.md:1:1: error: the introduction of track 01 is 201 lines long; at most 200 are "
            "allowed",
            id="track introduction",
        ),
        pytest.param(
            "Intro.\n\n" + paragraphs(101) + "\n\n" + HEAD,
            "g.md:1:1: error: the guide's introduction is 203 lines long; at most 200 are allowed",
            id="guide introduction",
        ),
        pytest.param(
            HEAD + "## Afterword\n\n" + paragraphs(101) + "\n",
            "g.md:3:1: error: the afterword is 201 lines long; at most 200 are allowed",
            id="afterword",
        ),
    ],
)
def test_commentary_longer_than_the_screen_shows_is_an_error(text: str, expected: str) -> None:
    (diagnostic,) = parse_text(text, PATH).errors
    assert (diagnostic.headline(), diagnostic.help) == (expected, SPLIT_REMARK)


def test_commentary_at_the_limits_is_accepted() -> None:
    longest = paragraphs(MAX_PIECE_LINES // 2) + "\nThe last paragraph goes on."
    assert longest.count("\n") + 1 == MAX_PIECE_LINES
    widest = "x" * (MAX_PIECE_CHARS - len("\n\nLast."))
    text = HEAD + f"[0:10] {longest}\n\n[0:20] {widest}\n\nLast.\n"
    assert errors(text) == []
    assert errors(text.replace("Last.", "Last!!")) == [
        "g.md:204:1: error: remark is 20,001 characters long; at most 20,000 are allowed"
    ]


def test_tracks_beyond_the_limit() -> None:
    text = "".join(f"## {n}. T\n\n[0:10] r\n\n" for n in range(1, MAX_TRACKS + 2))
    line = 4 * MAX_TRACKS + 1
    assert errors(text) == [f"g.md:{line}:1: error: more than 1,000 tracks in one guide"]
    assert errors(text[: text.index(f"## {MAX_TRACKS + 1}.")]) == []


def test_remarks_beyond_the_limit() -> None:
    remarks = "".join(f"[{n // 60}:{n % 60:02d}] r\n" for n in range(MAX_REMARKS + 1))
    assert errors(HEAD + remarks) == [
        f"g.md:{MAX_REMARKS + 3}:1: error: track 01 has more than 1,000 remarks"
    ]
    assert errors(HEAD + remarks[: remarks.rindex("[")]) == []


def test_lines_beyond_the_limit_are_refused_before_parsing() -> None:
    result = parse_text(HEAD + "\n" * MAX_LINES, PATH)
    assert [d.headline() for d in result.diagnostics] == [
        f"g.md:{MAX_LINES + 1}:1: error: guide has 50,003 lines; at most 50,000 are supported"
    ]
    assert result.lines == ()
    assert errors(HEAD + "\n" * (MAX_LINES - 3)) == []


@pytest.mark.parametrize(
    ("column", "shown", "caret"),
    [
        (3, "ab" + "c" * 98 + "…", 2),
        (301, "…" + "x" * 50 + "BAD" + "y" * 47 + "…", 51),
        (604, "…" + "y" * 100, 101),
    ],
)
def test_a_long_source_line_is_shown_cut_around_the_column(
    column: int, shown: str, caret: int
) -> None:
    line = "ab" + "c" * 298 + "BAD" + "y" * 300 if column == 3 else "x" * 300 + "BAD" + "y" * 300
    rendered = Diagnostic(PATH, 1, column, Severity.ERROR, "m").render([line]).splitlines()
    assert rendered[1:] == [f" 1 | {shown}", "   | " + " " * caret + "^"]
