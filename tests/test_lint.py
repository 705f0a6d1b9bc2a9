"""What `check` says about text that would otherwise vanish or move without a word: each case with
its exact `file:line:col: severity: message` and the help that says what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.guide.model import TrackId
from ostguide.guide.parser import parse_text

PATH = Path("g.md")
GENERIC = (
    "write a track as ## 01. Title (number, full stop, title); "
    "start any other heading with a word, e.g. ## Afterword"
)
AFTERWORD = "starts the afterword, so it and everything after it are read as closing text"
LIST_HELP = "start the line with the stamp, without the marker: [0:30] …"
UNORDERED = "without the track's length they cannot be put in order"
UNORDERED_HELP = (
    "give the track a length (- Length: 3:10 in its fields), "
    "or write both stamps as times or both as fractions"
)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.headline(), d.help) for d in parse_text(text, PATH).diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## 01. A\n\n## 2) Storm\n",
            [
                (
                    f"g.md:3:4: warning: heading '2) Storm' looks like a track but {AFTERWORD}",
                    "write ## 2. Storm",
                )
            ],
            id="parenthesis",
        ),
        pytest.param(
            "## 01. A\n\n## Notes\n\n## 03: Calm\n",
            [
                (
                    "g.md:5:4: warning: heading '03: Calm' looks like a track but is read as "
                    "text of the afterword",
                    "write ## 03. Calm",
                )
            ],
            id="colon-inside-the-afterword",
        ),
        pytest.param(
            "## 01. A\n\n# 02. B\n",
            [
                (
                    f"g.md:3:3: warning: heading '02. B' looks like a track but {AFTERWORD}",
                    "write ## 02. B",
                )
            ],
            id="level-one-after-the-tracks",
        ),
        pytest.param(
            "## Track 4: Home\n\n## 05. A\n",
            [
                (
                    "g.md:1:4: warning: heading 'Track 4: Home' looks like a track but is read "
                    "as part of the introduction",
                    "write ## 4. Home",
                )
            ],
            id="track-word-before-the-tracks",
        ),
        pytest.param(
            "## 01. A\n\n##  No. 2 Storm\n",
            [
                (
                    f"g.md:3:5: warning: heading 'No. 2 Storm' looks like a track but {AFTERWORD}",
                    "write ## 2. Storm",
                )
            ],
            id="no-abbreviation",
        ),
        pytest.param(
            "## 01. A\n\n## Track notes\n",
            [
                (
                    f"g.md:3:4: warning: heading 'Track notes' looks like a track but {AFTERWORD}",
                    GENERIC,
                )
            ],
            id="track-word-without-number",
        ),
        pytest.param(
            "## 01. A\n\n## 1990s echoes\n",
            [
                (
                    f"g.md:3:4: warning: heading '1990s echoes' looks like a track but {AFTERWORD}",
                    GENERIC,
                )
            ],
            id="number-at-the-start-of-the-afterword",
        ),
        pytest.param(
            "## 01. A\n\n## 2:\n",
            [
                (
                    f"g.md:3:4: warning: heading '2:' looks like a track but {AFTERWORD}",
                    "write ## 2. Title",
                )
            ],
            id="number-without-title",
        ),
        pytest.param("## Before\n\n## 01. A\n\n## Afterword\n\n## Tracking down\n", [], id="words"),
        pytest.param("## 01. A\n\n### 2) Part two\n", [], id="level-three-is-text"),
    ],
)
def test_headings_that_look_like_tracks(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "heading",
    ["## 01 - Harbour", "## 01 – Harbour", "## 01 — Harbour", "## 01 Harbour", "## 01. Harbour"],
)
def test_rip_style_headings_are_tracks(heading: str) -> None:
    result = parse_text(heading + "\n", PATH)
    assert result.diagnostics == ()
    assert result.guide is not None
    assert [(t.id, t.title) for t in result.guide.tracks] == [(TrackId(1, 1), "Harbour")]


def test_a_dash_that_belongs_to_the_title_stays() -> None:
    result = parse_text("## 05 -273°C\n", PATH)
    assert result.guide is not None
    assert result.guide.tracks[0].title == "-273°C"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## 02. B\n\n## 01. A\n",
            [
                (
                    "g.md:3:4: warning: track 01 comes after track 02 (line 1)",
                    "put the tracks in album order: disc by disc, each by number",
                )
            ],
            id="numbers",
        ),
        pytest.param(
            "+++\ndiscs = 2\n+++\n## 2-01. B\n\n## 1-03. A\n",
            [
                (
                    "g.md:6:4: warning: track 03 comes after track 2-01 (line 4)",
                    "put the tracks in album order: disc by disc, each by number",
                )
            ],
            id="discs",
        ),
        pytest.param(
            "+++\ndiscs = 1\n+++\n## 01. A\n\n## 2-01. B\n",
            [
                (
                    "g.md:6:4: warning: track 2-01 is on disc 2, but the album has discs = 1",
                    "set discs = 2 in the front matter, or number the track ## 01. on a single "
                    "disc",
                )
            ],
            id="disc-beyond-discs",
        ),
        pytest.param(
            "## 01. A\n\n## 2-01. B\n",
            [
                (
                    "g.md:3:4: warning: track 2-01 is on disc 2, but the album has 1 disc "
                    "(no discs = in the front matter)",
                    "set discs = 2 in the front matter, or number the track ## 01. on a single "
                    "disc",
                )
            ],
            id="discs-not-given-means-one",
        ),
        pytest.param("+++\ndiscs = 2\n+++\n## 1-02. A\n\n## 2-01. B\n", [], id="in-order"),
    ],
)
def test_track_order_and_discs(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "- [0:30] text",
            [
                (
                    "g.md:3:3: warning: stamp [0:30] in a list item is read as text, not as a "
                    "timed remark",
                    LIST_HELP,
                )
            ],
            id="bullet",
        ),
        pytest.param(
            "1. [0:30] text",
            [
                (
                    "g.md:3:4: warning: stamp [0:30] in a list item is read as text, not as a "
                    "timed remark",
                    LIST_HELP,
                )
            ],
            id="numbered",
        ),
        pytest.param(
            "> [0:30] text",
            [
                (
                    "g.md:3:3: warning: stamp [0:30] in a quote is read as text, not as a "
                    "timed remark",
                    LIST_HELP,
                )
            ],
            id="quote",
        ),
        pytest.param(
            "**[0:30]** text",
            [
                (
                    "g.md:3:3: warning: stamp [0:30] in bold is read as text, not as a timed "
                    "remark",
                    "put the stamp first, outside the emphasis: [0:30] **…",
                )
            ],
            id="bold",
        ),
        pytest.param(
            "*[~1:00] text*",
            [
                (
                    "g.md:3:2: warning: stamp [~1:00] in italics is read as text, not as a timed "
                    "remark",
                    "put the stamp first, outside the emphasis: [~1:00] *…",
                )
            ],
            id="italics",
        ),
        pytest.param(
            "[0:00] Start.\n\n  [0:30] text",
            [
                (
                    "g.md:5:3: warning: indented stamp [0:30] is read as text, not as a timed "
                    "remark",
                    "start the line with the stamp, without spaces before it: [0:30] …",
                )
            ],
            id="indented",
        ),
        pytest.param(
            "Some text\n    [50%] more",
            [
                (
                    "g.md:4:5: warning: indented stamp [50%] is read as text, not as a timed "
                    "remark",
                    "start the line with the stamp, without spaces before it: [50%] …",
                )
            ],
            id="indented-inside-a-paragraph",
        ),
        pytest.param("- [the second half](#02) returns", [], id="link-in-a-bullet"),
        pytest.param("- [12] a footnote", [], id="not-a-stamp"),
        pytest.param("- Also: [0:30]", [], id="field-value"),
    ],
)
def test_stamps_read_as_text(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(f"## 01. A\n\n{body}\n\n## 02. B\n") == expected


def test_stamps_outside_tracks_are_not_reported() -> None:
    assert found("Intro.\n\n- [0:30] a list before the tracks\n\n## 01. A\n") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "[~50%] a\n\n[1:30] b",
            [
                (
                    f"g.md:5:1: warning: remark at 1:30 follows one at ~50%: {UNORDERED}",
                    UNORDERED_HELP,
                )
            ],
            id="fraction-then-time",
        ),
        pytest.param(
            "[1:30] a\n[75%] b",
            [
                (
                    f"g.md:4:1: warning: remark at 75% follows one at 1:30: {UNORDERED}",
                    UNORDERED_HELP,
                )
            ],
            id="time-then-fraction",
        ),
        pytest.param("- Length: 4:00\n\n[~50%] a\n\n[2:30] b", [], id="length-given"),
        pytest.param("[0:00] a\n\n[~50%] b\n\n[~95%] c", [], id="start-then-fractions"),
        pytest.param("[0:10] a\n\n[0:20] b", [], id="times-only"),
    ],
)
def test_stamps_that_cannot_be_placed(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(f"## 01. A\n\n{body}\n") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "##01. Harbour\n",
            [
                (
                    "g.md:1:3: warning: '##01. Harbour' is read as text, not as a heading: a "
                    "space must follow ##",
                    "write ## 01. Harbour",
                )
            ],
            id="first-track",
        ),
        pytest.param(
            "## 01. A\n\nText.\n##Track 2: B\n",
            [
                (
                    "g.md:4:3: warning: '##Track 2: B' is read as text, not as a heading: a "
                    "space must follow ##",
                    "write ## 2. B",
                )
            ],
            id="inside-a-paragraph",
        ),
        pytest.param("## 01. A\n\n###03. c\n\n##x\n", [], id="not-track-like"),
    ],
)
def test_headings_without_a_space(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Intro.\n\n- Length: 4:12\n- Themes: x",
            [(5, 3, "Length"), (6, 3, "Themes")],
            id="after-the-introduction",
        ),
        pytest.param("[0:00] A remark.\n\n- Also: B", [(5, 3, "Also")], id="after-a-remark"),
        pytest.param("- Also: B\n\n- File: b.flac", [(5, 3, "File")], id="a-second-list"),
        pytest.param("Intro.\n\n- a list\n- of words", [], id="a-list-of-commentary"),
    ],
)
def test_track_fields_read_as_commentary(body: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(f"## 01. A\n\n{body}\n") == [
        (
            f"g.md:{line}:{column}: warning: field '{name}' is read as commentary: track fields "
            "must come right after the track's heading",
            "move the list up, just under the heading on line 1",
        )
        for line, column, name in expected
    ]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("- File: 01 Shangri-La.m4a", []),
        ("- File: 01 Shangri-La.flac; rip/01.mp3", []),
        (
            "- File: 01 Shangri-La.flac; rip/01 Shangri-La.wma",
            [
                (
                    "g.md:3:29: warning: rip/01 Shangri-La.wma is WMA, which ostguide cannot "
                    "play; convert it to MP3, OGG, Opus, FLAC, WAV, AAC/ALAC (.m4a), WavPack "
                    "or APE",
                    "name that file instead",
                )
            ],
        ),
    ],
)
def test_a_file_field_in_a_format_that_cannot_play(
    field: str, expected: list[tuple[str, str]]
) -> None:
    assert found(f"## 01. Shangri-La\n\n{field}\n") == expected
