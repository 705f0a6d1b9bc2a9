"""The guide parser over small guide texts: what it builds, and every diagnostic with its exact
`file:line:col: severity: message` headline."""

from __future__ import annotations

import gc
import re
import textwrap
from pathlib import Path

import pytest

from ostguide.guide import parser
from ostguide.guide.diagnostics import Severity
from ostguide.guide.model import Album, CrossRef, Cue, Guide, Stamp, Theme, TrackId
from ostguide.guide.parser import ParseResult, load_guide, parse_bytes, parse_text

PATH = Path("g.md")


def parse(text: str) -> ParseResult:
    return parse_text(textwrap.dedent(text).lstrip("\n"), PATH)


def guide_of(text: str) -> Guide:
    result = parse(text)
    assert result.diagnostics == (), [d.headline() for d in result.diagnostics]
    assert result.guide is not None
    return result.guide


def headlines(result: ParseResult) -> list[str]:
    return [d.headline() for d in result.diagnostics]


# Front matter -------------------------------------------------------------------------------

FULL_FRONT_MATTER = """
    +++
    title = "Noein OST"
    composer = "Nanase Hikaru"
    label = "Lantis"
    catalogue = "LACA-5460"
    released = 2006-01-12
    discs = 2
    also = ["ノエイン OST", " Noein Vol. 1 "]
    source = "A review"
    author = "A reviewer"
    url = "https://example.org/review"
    arranger = "Someone"
    notes = { liner = "Booklet", pages = [1, 2] }

    [themes]
    haruka = "The Haruka melody"
    friendship = { name = "The Friendship Theme", description = "A gigue." }
    bare = { description = "Only a description." }
    +++

    # Ignored heading
"""


def test_an_extra_field_of_a_number_too_long_for_decimal_is_shown_in_hex() -> None:
    guide = guide_of("+++\nserial = 0x" + "f" * 4000 + "\n+++\n\n## 01. A\n")
    assert guide.album.extra == (("serial", "0x" + "f" * 4000),)


def test_front_matter_all_fields() -> None:
    guide = guide_of(FULL_FRONT_MATTER)
    assert guide.album == Album(
        title="Noein OST",
        composer="Nanase Hikaru",
        label="Lantis",
        catalogue="LACA-5460",
        released="2006-01-12",
        discs=2,
        source="A review",
        author="A reviewer",
        url="https://example.org/review",
        extra=(("arranger", "Someone"), ("notes.liner", "Booklet"), ("notes.pages", "1, 2")),
        also=("ノエイン OST", "Noein Vol. 1"),
    )
    assert guide.album.year == "2006"
    assert guide.album.titles == ("Noein OST", "ノエイン OST", "Noein Vol. 1")
    assert guide.themes == (
        Theme("haruka", "The Haruka melody"),
        Theme("friendship", "The Friendship Theme", "A gigue."),
        Theme("bare", "bare", "Only a description."),
    )
    assert guide.theme("friendship") == guide.themes[1]
    assert guide.theme("nope") is None


@pytest.mark.parametrize(
    ("released", "text", "year"),
    [('"2006"', "2006", "2006"), ("2006", "2006", "2006"), ('"spring"', "spring", "")],
)
def test_released_as_string_or_year(released: str, text: str, year: str) -> None:
    album = guide_of(f"+++\nreleased = {released}\n+++\n").album
    assert (album.released, album.year) == (text, year)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Just an introduction.\n", "g"),
        ("# Heading Title\n\nIntro.\n", "Heading Title"),
        ('+++\ntitle = "Field Title"\n+++\n# Heading Title\n', "Field Title"),
        ('+++\ncomposer = "C"\n+++\n# Heading Title\n', "Heading Title"),
        ("## 01. A\n\n# Too late\n", "g"),
    ],
)
def test_album_title_sources(text: str, title: str) -> None:
    assert guide_of(text).album.title == title


def test_no_front_matter_gives_defaults() -> None:
    guide = guide_of("## 01. A\n")
    assert guide.album == Album(title="g")
    assert guide.themes == ()


BROKEN_FRONT_MATTER = [
    pytest.param(
        '+++\ntitle = "x"\n\n## 01. A\n',
        ["g.md:1:1: error: front matter is never closed"],
        id="unclosed",
    ),
    pytest.param(
        '+++\ntitle = "T"\ncomposer = C\n+++\n',
        ["g.md:3:12: error: front matter is not valid TOML: invalid value"],
        id="toml-line-mapped-to-file",
    ),
    pytest.param(
        '\n+++\ntitle = "T"\n',
        [],
        id="fence-not-on-first-line-is-text",
    ),
    pytest.param(
        '+++\ntitle = "T"\ntitle = "U"\n+++\n',
        ["g.md:4:1: error: front matter is not valid TOML: cannot overwrite a value"],
        id="toml-duplicate-key-at-end-of-block",
    ),
    pytest.param(
        '+++\ntitle = "T\ncomposer = "C"\n+++\n',
        ["g.md:2:11: error: front matter is not valid TOML: illegal character '\\n'"],
        id="toml-unterminated-string",
    ),
    pytest.param(
        "+++\ntags = [1,\n+++\n\n## 01. A\n",
        ["g.md:3:1: error: front matter is not valid TOML: invalid value"],
        id="toml-end-of-block-points-at-closing-fence",
    ),
    pytest.param(
        "+++\ntitle = 5\ncomposer = []\n+++\n",
        ["g.md:2:1: error: title must be a string", "g.md:3:1: error: composer must be a string"],
        id="text-fields-wrong-type",
    ),
    pytest.param(
        '+++\nlabel = 1\ncatalogue = true\nsource = 1.5\nauthor = ["A"]\nurl = 2\n+++\n',
        [
            "g.md:2:1: error: label must be a string",
            "g.md:3:1: error: catalogue must be a string",
            "g.md:4:1: error: source must be a string",
            "g.md:5:1: error: author must be a string",
            "g.md:6:1: error: url must be a string",
        ],
        id="more-text-fields",
    ),
    pytest.param(
        "+++\nreleased = 1.5\n+++\n",
        ["g.md:2:1: error: released must be a date or a year"],
        id="released-float",
    ),
    pytest.param(
        "+++\nreleased = 0x" + "f" * 4000 + "\n+++\n",
        ["g.md:2:1: error: released must be a date or a year"],
        id="released-beyond-python-int-to-str-limit",
    ),
    pytest.param(
        "+++\nreleased = -5\n+++\n",
        ["g.md:2:1: error: released must be a date or a year"],
        id="released-negative",
    ),
    pytest.param(
        "+++\nreleased = true\n+++\n",
        ["g.md:2:1: error: released must be a date or a year"],
        id="released-bool",
    ),
    pytest.param(
        "+++\ndiscs = 0\n+++\n",
        ["g.md:2:1: error: discs must be a whole number of at least 1"],
        id="discs-zero",
    ),
    pytest.param(
        '+++\ndiscs = "2"\n+++\n',
        ["g.md:2:1: error: discs must be a whole number of at least 1"],
        id="discs-string",
    ),
    pytest.param(
        "+++\ndiscs = true\n+++\n",
        ["g.md:2:1: error: discs must be a whole number of at least 1"],
        id="discs-bool",
    ),
    pytest.param(
        "+++\nalso = [1, 2]\n+++\n",
        ["g.md:2:1: error: also must be a list of the album's other titles"],
        id="also-numbers",
    ),
    pytest.param(
        '+++\nthemes = "shangri-la"\n+++\n',
        ["g.md:2:1: error: themes must be a table"],
        id="themes-not-a-table",
    ),
    pytest.param(
        '+++\n[themes]\nok = "Fine"\n"12" = "Digits"\n"a b" = "Space"\n+++\n',
        [
            "g.md:4:1: error: theme id '12' must be letters, digits, - or _, not only digits",
            "g.md:5:1: error: theme id 'a b' must be letters, digits, - or _, not only digits",
        ],
        id="bad-theme-ids",
    ),
    pytest.param(
        "+++\n[themes]\nx = 5\ny = { name = 1 }\nz = { description = [] }\n+++\n",
        [
            "g.md:3:1: error: theme 'x' must be a name or a table with name and description",
            "g.md:4:1: error: theme 'y' must be a name or a table with name and description",
            "g.md:5:1: error: theme 'z' must be a name or a table with name and description",
        ],
        id="bad-theme-values",
    ),
    pytest.param(
        '+++\n[themes]\nx = { name = "A", descripton = "B" }\n[themes.y]\nname = "Y"\n'
        'colour = "red"\n+++\n',
        [
            "g.md:3:19: error: theme 'x' has an unknown key 'descripton'",
            "g.md:6:1: error: theme 'y' has an unknown key 'colour'",
        ],
        id="unknown-theme-keys",
    ),
    pytest.param(
        "+++\na = " + "[" * 2000 + "]" * 2000 + "\n+++\n",
        ["g.md:2:1: error: front matter is nested too deeply"],
        id="nested-too-deeply",
    ),
    pytest.param(
        '+++\ntitle = "x"\ndiscs = ' + "1" * 5000 + "\n+++\n",
        ["g.md:3:1: error: front matter has a number too long to read (thousands of digits)"],
        id="number-beyond-python-int-limit",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN_FRONT_MATTER)
def test_front_matter_diagnostics(text: str, expected: list[str]) -> None:
    result = parse_text(text, PATH)
    assert headlines(result) == expected
    assert (result.guide is None) == bool(expected)


FORMAT_DOC = Path(parser.__file__).parent / "format.md"


def test_a_year_and_a_single_other_title_are_documented_forms() -> None:
    guide = guide_of('+++\nreleased = 2006\nalso = "ノエイン"\n+++\n## 01. A\n')
    album = guide.album
    assert (album.released, album.year, album.also) == ("2006", "2006", ("ノエイン",))
    documented = FORMAT_DOC.read_text(encoding="utf-8")
    assert "a year (`released = 2006`)" in documented
    assert 'a single one as a string (`also = "…"`)' in documented


def test_the_formats_own_examples_check_clean() -> None:
    examples = re.findall(r"```markdown\n(.*?)```", FORMAT_DOC.read_text(encoding="utf-8"), re.S)
    assert len(examples) >= 2
    for example in examples:
        assert headlines(parse_text(example, PATH)) == [], example


def test_unclosed_front_matter_swallows_the_file() -> None:
    result = parse_text("+++\ntitle = 'x'\n\n## 01. A\n\n[5:75] never read\n", PATH)
    assert headlines(result) == ["g.md:1:1: error: front matter is never closed"]


# Introduction and afterword -----------------------------------------------------------------


def test_intro_title_and_afterword() -> None:
    guide = guide_of(
        """
        # My Album

        Intro paragraph,
        on two lines.

        ## Before the tracks

        More introduction.

        ## 01. A

        ## Afterword

        Closing words.

        ### A subsection

        - a list
        """
    )
    assert guide.album.title == "My Album"
    assert guide.intro == (
        "Intro paragraph,\non two lines.\n\n## Before the tracks\n\nMore introduction."
    )
    assert [t.title for t in guide.tracks] == ["A"]
    assert guide.afterword_title == "Afterword"
    assert guide.afterword == "Closing words.\n\n### A subsection\n\n- a list"


def test_a_level_one_heading_after_the_tracks_starts_the_afterword() -> None:
    guide = guide_of("## 01. A\n\n[0:00] Remark.\n\n# Afterword\n\nClosing words.\n\n# More\n")
    assert guide.tracks[0].cues[0].text == "Remark."
    assert (guide.afterword_title, guide.afterword) == ("Afterword", "Closing words.\n\n# More")


def test_second_h1_is_part_of_the_intro() -> None:
    guide = guide_of("# One\n\n# Two\n")
    assert (guide.album.title, guide.intro) == ("One", "# Two")


# Track headings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "track_id", "title"),
    [
        ("## 01. Shangri-La", TrackId(1, 1), "Shangri-La"),
        ("## 1 Shangri-La", TrackId(1, 1), "Shangri-La"),
        ("## 1. Shangri-La", TrackId(1, 1), "Shangri-La"),
        ("## 01.Shangri-La", TrackId(1, 1), "Shangri-La"),
        ("## 2-05. Hizashi no Naka de", TrackId(2, 5), "Hizashi no Naka de"),
        ("## 2-5 Hizashi no Naka de", TrackId(2, 5), "Hizashi no Naka de"),
        ("## 12. Closing hashes ##", TrackId(1, 12), "Closing hashes"),
        ("## 12. C# minor", TrackId(1, 12), "C# minor"),
        ("##\t07.\tTabs", TrackId(1, 7), "Tabs"),
        ("   ## 03. Indented", TrackId(1, 3), "Indented"),
        ("## 04. La’cryma, Chika Sekai", TrackId(1, 4), "La’cryma, Chika Sekai"),
    ],
)
def test_track_headings(heading: str, track_id: TrackId, title: str) -> None:
    (track,) = guide_of("+++\ndiscs = 2\n+++\n" + heading + "\n").tracks
    assert (track.id, track.title, track.line) == (track_id, title, 4)
    assert str(track.id) == ("2-05" if track_id.disc == 2 else f"{track_id.number:02d}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## 01. A\n\n## 05.\n",
            ["g.md:3:1: warning: track 05 has no title"],
            id="no-title",
        ),
        pytest.param(
            "## 01. A\n\n## 1. B\n",
            ["g.md:3:4: warning: two tracks numbered 01 (the first on line 1)"],
            id="duplicate",
        ),
        pytest.param(
            "## 01. A\n\n## Afterword\n\n## 02. B\n",
            ["g.md:5:1: error: track heading after the afterword"],
            id="track-after-afterword",
        ),
        pytest.param(
            "## 01. A\n\n## 1" + "0" * 5000 + " B\n",
            ["g.md:3:4: error: track number is too large"],
            id="huge-number",
        ),
    ],
)
def test_track_heading_diagnostics(text: str, expected: list[str]) -> None:
    assert headlines(parse_text(text, PATH)) == expected


def test_untitled_and_duplicate_tracks_still_load() -> None:
    result = parse_text("## 01. A\n\n## 01.\n", PATH)
    assert result.guide is not None
    assert [(t.id, t.title) for t in result.guide.tracks] == [
        (TrackId(1, 1), "A"),
        (TrackId(1, 1), ""),
    ]
    assert result.guide.track(TrackId(1, 1)) is result.guide.tracks[0]


def test_level_three_heading_inside_a_track_is_commentary() -> None:
    (track,) = guide_of("## 01. A\n\n### Part one\n\nText.\n").tracks
    assert track.intro == "### Part one\n\nText."


# Track fields -------------------------------------------------------------------------------


def test_track_fields() -> None:
    guide = guide_of(
        """
        +++
        [themes]
        x = "X"
        y = "Y"
        +++

        ## 01. A

        - Also: シャングリラ; Shangri La, Part 1;
        - files: a.mp3; b, c.mp3
        - THEMES: x, y
        - Length: 4:12

        Intro.
        """
    )
    (track,) = guide.tracks
    assert track.alt_titles == ("シャングリラ", "Shangri La, Part 1")
    assert track.files == ("a.mp3", "b, c.mp3")
    assert track.themes == ("x", "y")
    assert track.length == 252.0
    assert track.intro == "Intro."
    assert guide.tracks_stating("x") == (0,)
    assert guide.statements("x") == ((0, None),)


@pytest.mark.parametrize(
    ("items", "field", "value"),
    [
        ("- File: one.flac", "files", ("one.flac",)),
        ("* Also : Other", "alt_titles", ("Other",)),
        ("+ Themes: x; y", "themes", ("x", "y")),
        ("- Length: 1:02:03.5", "length", 3723.5),
        ("- Length: ~4:00", "length", 240.0),
    ],
)
def test_single_fields(items: str, field: str, value: object) -> None:
    text = f'+++\n[themes]\nx = "X"\ny = "Y"\n+++\n## 01. A\n{items}\n'
    (track,) = guide_of(text).tracks
    assert getattr(track, field) == value


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(
            "- Also: x\n- Composer: y",
            ["g.md:4:3: error: unknown track field 'Composer'"],
            id="unknown-field",
        ),
        pytest.param(
            "- File: a\n- Files: b",
            ["g.md:4:3: error: field 'Files' is given twice (first on line 3)"],
            id="duplicate-field",
        ),
        pytest.param(
            "- Also: x\n- just a bullet",
            ["g.md:4:1: error: expected a track field as 'Field: value'"],
            id="not-a-field",
        ),
        pytest.param(
            "- Length: 4:75",
            ["g.md:3:13: error: seconds must be below 60 in 4:75"],
            id="bad-length",
        ),
        pytest.param(
            "- Length: 50%",
            ["g.md:3:11: error: a track's length must be a time, not a fraction"],
            id="fraction-length",
        ),
        pytest.param(
            "- Themes: he",
            ["g.md:3:11: warning: theme 'he' is not defined"],
            id="undefined-theme-column-is-in-the-value",
        ),
        pytest.param(
            "- Themes: x, nope",
            [
                "g.md:3:11: warning: theme 'x' is not defined",
                "g.md:3:14: warning: theme 'nope' is not defined",
            ],
            id="undefined-theme",
        ),
        pytest.param(
            "- Themes: ab, b",
            [
                "g.md:3:11: warning: theme 'ab' is not defined",
                "g.md:3:15: warning: theme 'b' is not defined",
            ],
            id="undefined-theme-inside-another-id",
        ),
    ],
)
def test_field_diagnostics(items: str, expected: list[str]) -> None:
    result = parse_text(f"## 01. A\n\n{items}\n", PATH)
    assert headlines(result) == expected


def test_a_list_without_known_fields_is_commentary() -> None:
    (track,) = guide_of("## 01. A\n\n- Mood: calm\n- Tempo: slow\n").tracks
    assert (track.intro, track.alt_titles) == ("- Mood: calm\n- Tempo: slow", ())


def test_fields_only_right_after_the_heading() -> None:
    result = parse("## 01. A\n\nIntro.\n\n- Also: Not a field\n")
    assert result.guide is not None
    (track,) = result.guide.tracks
    assert track.alt_titles == ()
    assert track.intro == "Intro.\n\n- Also: Not a field"
    assert headlines(result) == [
        "g.md:5:3: warning: field 'Also' is read as commentary: track fields must come right "
        "after the track's heading"
    ]


# Remarks ------------------------------------------------------------------------------------


def test_remarks() -> None:
    guide = guide_of(
        """
        ## 01. A

        Untimed intro.

        [0:00] First remark
        continues the paragraph.

        Second paragraph of the first remark.

        - a list in it
        > and a quote

        [1:00] Second.
        [1:30] Third, LRC style.
        [2:00]
        [~2:30] Fifth.
        """
    )
    (track,) = guide.tracks
    assert track.intro == "Untimed intro."
    assert track.has_commentary
    assert [(c.stamp, c.text, c.line) for c in track.cues] == [
        (
            Stamp(0.0, None),
            "First remark\ncontinues the paragraph.\n\nSecond paragraph of the first remark."
            "\n\n- a list in it\n> and a quote",
            5,
        ),
        (Stamp(60.0, None), "Second.", 13),
        (Stamp(90.0, None), "Third, LRC style.", 14),
        (Stamp(120.0, None), "", 15),
        (Stamp(150.0, None, approximate=True), "Fifth.", 16),
    ]


def test_track_without_commentary() -> None:
    (track,) = guide_of("## 01. A\n\n- Also: B\n").tracks
    assert not track.has_commentary


def test_a_line_starting_with_a_link_does_not_split_the_paragraph() -> None:
    (track,) = guide_of(
        "## 01. A\n\n[0:00] It quotes the film\n[1984](https://example.com) here.\n"
    ).tracks
    assert [c.text for c in track.cues] == ["It quotes the film\n[1984](https://example.com) here."]


def test_stamp_like_link_starts_no_remark() -> None:
    (track,) = guide_of("## 01. A\n\n[1:05](#1) is a link, not a remark.\n").tracks
    assert track.cues == ()
    assert track.intro == "[1:05](#1) is a link, not a remark."


def test_stamps_outside_tracks_are_text() -> None:
    guide = guide_of("Intro [5:75].\n\n[5:75] still intro\n\n## 01. A\n\n## Notes\n\n[9:99] end\n")
    assert guide.intro == "Intro [5:75].\n\n[5:75] still intro"
    assert guide.afterword == "[9:99] end"


def test_fenced_code_is_left_alone() -> None:
    guide = guide_of(
        """
        ```
        ## 99. Not a track
        ```

        ## 01. A

        [0:00] Look:

        ~~~markdown
        [5:75] not a stamp
        [x](#99) not a link

        ## 02. Not a track either
        ~~~

        After the code.
        """
    )
    (track,) = guide.tracks
    assert guide.intro == "```\n## 99. Not a track\n```"
    (cue,) = track.cues
    assert cue.text == (
        "Look:\n\n~~~markdown\n[5:75] not a stamp\n[x](#99) not a link\n\n"
        "## 02. Not a track either\n~~~\n\nAfter the code."
    )
    assert cue.refs == ()


def test_unclosed_fence_runs_to_the_end() -> None:
    (track,) = guide_of("## 01. A\n\n```\n[5:75]\n## 02. B\n").tracks
    assert track.intro == "```\n[5:75]\n## 02. B\n"


# Cross-references ---------------------------------------------------------------------------


def test_cross_references() -> None:
    guide = guide_of(
        """
        +++
        discs = 2
        [themes]
        friendship = "The Friendship Theme"
        +++

        See [the theme](#friendship) early on.

        ## 01. A

        Compare [B](#2).

        [0:00] [At](#2@0:40), [disc two](#2-05), [approx](#2@~50%) and [it](#friendship).

        ## 02. B

        ## 2-05. C
        """
    )
    first = guide.tracks[0]
    assert first.intro_refs == (CrossRef("B", 11, 9, track=TrackId(1, 2)),)
    (cue,) = first.cues
    assert cue.refs == (
        CrossRef("At", 13, 8, track=TrackId(1, 2), stamp=Stamp(40.0, None)),
        CrossRef("disc two", 13, 23, track=TrackId(2, 5)),
        CrossRef("approx", 13, 42, track=TrackId(1, 2), stamp=Stamp(None, 0.5, approximate=True)),
        CrossRef("it", 13, 64, theme="friendship"),
    )
    assert cue.themes == ("friendship",)
    assert guide.tracks_stating("friendship") == (0,)
    assert guide.statements("friendship") == ((0, 0),)
    assert guide.track(TrackId(2, 5)) is guide.tracks[2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "[x](#19)",
            ["g.md:3:1: warning: link to track 19 points nowhere: the guide has no such track"],
            id="dangling-track",
        ),
        pytest.param(
            "Go to [x](#2-01@1:00).",
            ["g.md:3:7: warning: link to track 2-01 points nowhere: the guide has no such track"],
            id="dangling-disc-track",
        ),
        pytest.param(
            "[x](#nothing)",
            ["g.md:3:1: warning: link to theme 'nothing' points nowhere"],
            id="dangling-theme",
        ),
        pytest.param(
            "[x](#a.b)", ["g.md:3:5: warning: link #a.b points nowhere"], id="not-a-target"
        ),
        pytest.param(
            "[x](#1" + "0" * 5000 + ")",
            ["g.md:3:5: warning: link #1" + "0" * 5000 + " points nowhere"],
            id="huge-number",
        ),
        pytest.param(
            "[0:00] see [x](#1@5:75)",
            ["g.md:3:21: error: seconds must be below 60 in [5:75]"],
            id="bad-stamp-after-at",
        ),
        pytest.param(
            "see [x](#1@)",
            ["g.md:3:12: error: malformed time stamp []"],
            id="empty-stamp-after-at",
        ),
        pytest.param(
            "[wrapped\nlink](#19)",
            ["g.md:3:1: warning: link to track 19 points nowhere: the guide has no such track"],
            id="wrapped-dangling-track",
        ),
        pytest.param(
            "see [wrapped\nlink](#a.b)",
            ["g.md:4:7: warning: link #a.b points nowhere"],
            id="wrapped-not-a-target",
        ),
        pytest.param(
            "[0:00] see [x\ny](#1@5:75)",
            ["g.md:4:9: error: seconds must be below 60 in [5:75]"],
            id="wrapped-bad-stamp-after-at",
        ),
        pytest.param("[x](https://example.com/#19)", [], id="external-link"),
        pytest.param("[x](#1) [y](#1@~10%)", [], id="existing"),
    ],
)
def test_cross_reference_diagnostics(line: str, expected: list[str]) -> None:
    assert headlines(parse_text(f"## 01. A\n\n{line}\n", PATH)) == expected


def test_a_link_wrapped_over_lines_is_read() -> None:
    """Editors wrap paragraphs wherever a line gets long, links included."""
    guide = guide_of(
        """
        +++
        [themes]
        sl = "S"
        +++

        ## 01. A

        [0:00] First [the Shangri-La
        melody](#sl), then [Track
        one](#1).
        """
    )
    (cue,) = guide.tracks[0].cues
    assert cue.refs == (
        CrossRef("the Shangri-La melody", 8, 14, theme="sl"),
        CrossRef("Track one", 9, 20, track=TrackId(1, 1)),
    )
    assert guide.statements("sl") == ((0, 0),)


def test_dangling_links_outside_tracks_are_reported() -> None:
    result = parse_text("Intro [x](#7).\n\n## 01. A\n\n## End\n\n[y](#gone)\n", PATH)
    assert headlines(result) == [
        "g.md:1:7: warning: link to track 07 points nowhere: the guide has no such track",
        "g.md:7:1: warning: link to theme 'gone' points nowhere",
    ]


# Warnings about remarks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "[1:00] a\n\n[0:30] b",
            ["g.md:5:1: warning: remark at 0:30 comes after a later one"],
            id="out-of-order",
        ),
        pytest.param(
            "[50%] a\n[~25%] b",
            ["g.md:4:1: warning: remark at ~25% comes after a later one"],
            id="fractions-out-of-order",
        ),
        pytest.param("[0:00] a\n[10%] b\n[~90%] c", [], id="fractions-after-the-start"),
        pytest.param(
            "- Length: 1:00\n\n[0:30] a\n\n[1:30] b",
            ["g.md:7:1: warning: remark at 1:30 is past the track's length (1:00)"],
            id="past-length",
        ),
        pytest.param(
            "- Length: 2:00\n\n[1:30] a\n\n[50%] b",
            ["g.md:7:1: warning: remark at 1:00 comes after a later one"],
            id="fraction-resolved-against-known-length",
        ),
    ],
)
def test_remark_warnings(body: str, expected: list[str]) -> None:
    result = parse_text(f"## 01. A\n\n{body}\n", PATH)
    assert headlines(result) == expected
    assert result.guide is not None


def test_out_of_order_remark_is_still_placed_at_its_time() -> None:
    result = parse_text("## 01. A\n\n[1:00] a\n\n[0:30] b\n", PATH)
    assert result.guide is not None
    timeline = result.guide.tracks[0].timeline(None)
    assert timeline.index_at(45.0) == 1


# Errors in general --------------------------------------------------------------------------


def test_every_error_is_reported_in_line_order() -> None:
    text = (
        "+++\ndiscs = 0\n+++\n"
        "## 01. A\n\n- Also: x\n- Mood: calm\n\n"
        "[5:75] a\n\n[1:5] b\n\n[0:10] see [x](#1@120%)\n"
    )
    result = parse_text(text, PATH)
    assert headlines(result) == [
        "g.md:2:1: error: discs must be a whole number of at least 1",
        "g.md:7:3: error: unknown track field 'Mood'",
        "g.md:9:4: error: seconds must be below 60 in [5:75]",
        "g.md:11:4: error: seconds need two digits in [1:5]",
        "g.md:13:19: error: a fraction must be between 0% and 100% in [120%]",
    ]
    assert result.guide is None
    assert result.errors == result.diagnostics


def test_warnings_alone_keep_the_guide() -> None:
    result = parse_text("## 01. A\n\n[x](#9)\n", PATH)
    assert result.guide is not None
    assert result.errors == ()
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING]


def test_render_shows_the_line_and_a_caret() -> None:
    result = parse_text("## 01. A\n\n[5:75] The choir enters.\n", PATH)
    (diagnostic,) = result.diagnostics
    assert diagnostic.render(result.lines) == (
        "g.md:3:4: error: seconds must be below 60 in [5:75]\n"
        " 3 | [5:75] The choir enters.\n"
        "   |    ^\n"
        "   = help: write the time as minutes:seconds, e.g. [6:15]"
    )


# Bytes, encodings and files -----------------------------------------------------------------

SIMPLE = '+++\ntitle = "T"\n+++\n## 01. A\n\n[0:00] x\n\n[1:5] y\n'


def test_utf8_bom_is_allowed() -> None:
    plain = parse_bytes(SIMPLE.encode(), PATH)
    with_bom = parse_bytes(b"\xef\xbb\xbf" + SIMPLE.encode(), PATH)
    assert (
        headlines(with_bom)
        == headlines(plain)
        == ["g.md:8:4: error: seconds need two digits in [1:5]"]
    )


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_read_like_lf(newline: str) -> None:
    text = SIMPLE.replace("\n", newline)
    assert headlines(parse_bytes(text.encode(), PATH)) == headlines(parse_text(SIMPLE, PATH))
    good = parse_text("## 01. A\n\n[0:00] x\ny\n".replace("\n", newline), PATH)
    assert good.guide is not None
    assert good.guide.tracks[0].cues[0].text == "x\ny"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"## 01. A\n\nab\xffc\n",
            "g.md:3:3: error: the file is not UTF-8 text (byte 0xff)",
            id="lf",
        ),
        pytest.param(
            "## 01. É\n\nçé\xe9".encode("latin-1"),
            "g.md:1:8: error: the file is not UTF-8 text (byte 0xc9)",
            id="latin-1",
        ),
        pytest.param(
            "é\nàb\xff".encode().replace(b"\xc3\xbf", b"\xff"),
            "g.md:2:3: error: the file is not UTF-8 text (byte 0xff)",
            id="column-in-characters",
        ),
        pytest.param(
            b"\xef\xbb\xbfabc\xffdef",
            "g.md:1:4: error: the file is not UTF-8 text (byte 0xff)",
            id="after-a-bom",
        ),
        pytest.param(
            b"a\r\nb\rcc\xff",
            "g.md:3:3: error: the file is not UTF-8 text (byte 0xff)",
            id="cr-line-endings",
        ),
        pytest.param(
            b"ab\ncd\0ef",
            "g.md:2:1: error: this looks like a binary file, not a guide",
            id="nul-byte",
        ),
        pytest.param(
            b"a\rb\r\0",
            "g.md:3:1: error: this looks like a binary file, not a guide",
            id="nul-after-cr",
        ),
    ],
)
def test_undecodable_bytes(data: bytes, expected: str) -> None:
    result = parse_bytes(data, PATH)
    assert headlines(result) == [expected]
    assert result.guide is None


def test_oversized_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser, "MAX_BYTES", 100)
    assert parse_bytes(b"x" * 100, PATH).guide is not None
    result = parse_bytes(b"x" * 101, PATH)
    assert result.guide is None
    assert [(d.line, d.column, d.severity) for d in result.diagnostics] == [(1, 1, Severity.ERROR)]
    assert result.diagnostics[0].message == "guide is 0.0 MB; at most 0.0001 MB is supported"


def test_oversized_file_is_refused_before_reading(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"## 01. A\n" * 20)
    monkeypatch.setattr(parser, "MAX_BYTES", 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file too large"))
    result = load_guide(path)
    assert result.guide is None
    (diagnostic,) = result.diagnostics
    assert (
        diagnostic.headline()
        == f"{path}:1:1: error: guide is 0.0 MB; at most 0.0001 MB is supported"
    )


def test_load_guide_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("## 01. A\n\n[0:00] x\n", encoding="utf-8")
    result = load_guide(path)
    assert result.guide is not None
    assert result.guide.name == "mine"
    assert result.guide.path == path
    assert result.lines == ("## 01. A", "", "[0:00] x", "")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.md", "No such file or directory"), ("folder.md", "Is a directory")],
)
def test_unreadable_path(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "folder.md").mkdir()
    path = tmp_path / name
    result = load_guide(path)
    assert result.guide is None
    assert headlines(result) == [f"{path}:1:1: error: cannot read the guide: {reason}"]


def test_load_guide_parses_the_cue_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "cue.md"
    path.write_bytes("## 01. Ä\n\n[0:05] ü\n".encode())
    result = load_guide(path)
    assert result.guide is not None
    assert result.guide.tracks[0].cues == (Cue(Stamp(5.0, None), "ü", 3),)


def test_each_link_is_reported_even_when_its_target_repeats() -> None:
    result = parse_text(
        "## 01. A\n\n[x](#9) [y](#9) [z](#1@5:75) [w](#1@5:75) [v](#a.b) [u](#a.b)\n", PATH
    )
    assert headlines(result) == [
        "g.md:3:1: warning: link to track 09 points nowhere: the guide has no such track",
        "g.md:3:9: warning: link to track 09 points nowhere: the guide has no such track",
        "g.md:3:26: error: seconds must be below 60 in [5:75]",
        "g.md:3:39: error: seconds must be below 60 in [5:75]",
        "g.md:3:47: warning: link #a.b points nowhere",
        "g.md:3:57: warning: link #a.b points nowhere",
    ]


def test_parsing_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    parse_text("## 01. A\n\n[0:00] x\n", PATH)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text("## 01. A\n\n[0:00] x\n", PATH)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("## 01. A\n\n[0:00] a\n\n## 02. B\n\n[0:00] b\n", (4, 8)),
        ("## 01. A\n\n```\n## not a heading\n```\n\n## Afterword\n\nwords\n", (6,)),
        ("## 01. A\n\n### a subheading\n\n## 02. B", (4, 5)),
    ],
)
def test_each_track_knows_where_its_text_ends(text: str, ends: tuple[int, ...]) -> None:
    result = parse_text(text, Path("ends.md"))
    assert result.guide is not None, result.diagnostics
    assert tuple(track.end for track in result.guide.tracks) == ends
