"""Full-text search over a guide: what is found, in which order, where a hit leads, and the
excerpt with the match marked; and the plain, folded text it searches."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.guide.glossary import general
from ostguide.guide.model import Guide
from ostguide.guide.parser import parse_text
from ostguide.guide.readable import as_read, fold
from ostguide.guide.search import Hit, Kind, Match, SearchIndex, Target

GUIDE = """\
+++
title = "Search Sample"

[themes]
arch = { name = "The Arch Theme", description = "A tune that rises and falls like an arch." }

[glossary]
"La’cryma" = "The ruined future world of the story."
+++

An introduction that mentions the Café Orff.

## 01. Opening
- Also: オープニング; Overture

[0:00] The archer draws: *strings* alone.

[0:30] Then the [Arch Theme](#arch) over a choir.

## 02. Research

Untimed words: a search for the tune, and La’cryma.

[0:10] Nothing here but a long remark that goes on and on about the orchestra, the brass and the
percussion, until at last, much later, the word monarch appears near its very end, after all.

## Afterword

Closing words about Carl Orff.
"""


@pytest.fixture(scope="module")
def guide() -> Guide:
    result = parse_text(GUIDE, Path("search.md"))
    assert result.guide is not None, result.diagnostics
    return result.guide


@pytest.fixture(scope="module")
def index(guide: Guide) -> SearchIndex:
    return SearchIndex(guide)


def own(hits: list[Hit]) -> list[Hit]:
    """The hits in the guide, without the general glossary's terms (tested on their own)."""
    return [hit for hit in hits if hit.target.kind is not Kind.TERM or hit.label.endswith("cryma")]


def summary(hits: list[Hit]) -> list[tuple[str, Match]]:
    return [(hit.label, hit.match) for hit in own(hits)]


def marked(hit: Hit) -> str:
    """The excerpt with each span in brackets."""
    text, done = "", 0
    for start, end in hit.spans:
        text += f"{hit.excerpt[done:start]}[{hit.excerpt[start:end]}]"
        done = end
    return text + hit.excerpt[done:]


WHOLE, START, INSIDE = Match.WHOLE_WORD, Match.WORD_START, Match.INSIDE_WORD


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # whole words, then word starts, then inside words; names before commentary
        (
            "arch",
            [
                ("Theme: The Arch Theme", WHOLE),
                ("01 Opening [0:30]", WHOLE),
                ("01 Opening [0:00]", START),
                ("02 Research", INSIDE),
                ("02 Research", INSIDE),
                ("02 Research [0:10]", INSIDE),
            ],
        ),
        # case and accents are ignored, both ways
        ("orff", [("Introduction", WHOLE), ("Afterword", WHOLE)]),
        ("CAFE", [("Introduction", WHOLE)]),
        ("café", [("Introduction", WHOLE)]),
        # every word of the query must be in the hit
        ("choir theme", [("01 Opening [0:30]", WHOLE)]),
        ("choir tune", []),
        # other titles, and the guide's own glossary
        ("overture", [("01 Opening", WHOLE)]),
        ("02", [("02 Research", WHOLE)]),
        ("オープニング", [("01 Opening", WHOLE)]),
        ("la’cryma", [("Glossary: La’cryma", WHOLE), ("02 Research", WHOLE)]),
        # one letter finds whole words and word starts only
        (
            "w",
            [
                ("02 Research", START),
                ("02 Research [0:10]", START),
                ("Afterword", START),
                ("Glossary: La’cryma", START),  # definitions come last
            ],
        ),
        ("", []),
        ("  ...  ", []),
    ],
)
def test_what_is_found_and_in_which_order(
    index: SearchIndex, query: str, expected: list[tuple[str, Match]]
) -> None:
    assert summary(index.search(query)) == expected


def test_a_remark_hit_leads_to_its_track_and_remark(index: SearchIndex, guide: Guide) -> None:
    [hit] = own(index.search("choir"))
    assert hit.target == Target(Kind.REMARK, track=0, cue=1)
    assert guide.tracks[0].cues[1].text.endswith("over a choir.")


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("overture", Target(Kind.TRACK, track=0)),
        ("untimed", Target(Kind.TRACK_INTRO, track=1)),
        ("rises", Target(Kind.THEME, theme="arch")),
        ("closing", Target(Kind.ABOUT, section="afterword")),
        ("introduction", Target(Kind.ABOUT, section="introduction")),
    ],
)
def test_where_other_hits_lead(index: SearchIndex, query: str, target: Target) -> None:
    assert index.search(query)[0].target == target


def test_a_theme_found_by_its_name_and_description_is_one_hit(index: SearchIndex) -> None:
    hits = [hit for hit in index.search("arch") if hit.target.kind is Kind.THEME]
    assert len(hits) == 1 and hits[0].match is WHOLE


def test_the_general_glossary_is_searched_too(index: SearchIndex) -> None:
    [hit] = [h for h in index.search("ostinato") if h.target.kind is Kind.TERM]
    assert hit.target.term == general().term("ostinato")
    assert hit.label == "Glossary: ostinato"


@pytest.mark.parametrize(
    ("query", "excerpt"),
    [
        ("choir", "Then the Arch Theme over a [choir]."),
        ("strings", "The archer draws: [strings] alone."),
        ("archer", "The [archer] draws: strings alone."),
        ("choir arch", "Then the [Arch] Theme over a [choir]."),
        (
            "monarch",
            "…until at last, much later, the word [monarch] appears near its very end, after all.",
        ),
        (
            "orchestra",
            "…goes on and on about the [orchestra], the brass and the percussion, until at last,"
            " much…",
        ),
    ],
)
def test_the_excerpt_shows_the_match_marked(index: SearchIndex, query: str, excerpt: str) -> None:
    hit = own(index.search(query))[0]
    assert marked(hit) == excerpt


def test_marks_only_what_matches_as_well_as_the_hit(index: SearchIndex) -> None:
    """A whole-word hit marks whole words, not the same letters inside others."""
    hit = own(index.search("arch"))[1]
    assert marked(hit) == "Then the [Arch] Theme over a choir."
    inside = own(index.search("arch"))[-1]
    assert inside.match is INSIDE and "[arch]" in marked(inside)


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("arch", limit=2)) == 2
    assert len(own(index.search("arch", limit=100))) == 6
    # and the general glossary's "compound time" and "funeral march"
    assert len(index.search("arch", limit=100)) == 8


@pytest.mark.parametrize(
    ("markdown", "read"),
    [
        ("The [Arch Theme](#arch) *returns*.", "The Arch Theme returns."),
        ("**Loud** and `code` and __bold__ and _soft_.", "Loud and code and bold and soft."),
        ("a snake_case name", "a snake_case name"),
        ("> quoted\n> twice", "quoted twice"),
        ("### A heading\ntext", "A heading text"),
        ("an ![image](x.png) here", "an image here"),
        ("lines\n  wrap   here", "lines wrap here"),
    ],
)
def test_as_read(markdown: str, read: str) -> None:
    assert as_read(markdown) == read


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café Orff", "cafe orff"),
        ("ÆRØ", "ærø"),
        ("İstanbul", "istanbul"),
        ("Straße", "straße"),
        ("シャングリラ", "シャングリラ"),
        ("Ὀδυσσεύς", "ὀδυσσεύς"),
        ("La’cryma", "la’cryma"),
    ],
)
def test_fold_keeps_every_character_in_its_place(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("query", "expected", "excerpt"),
    [
        (
            "lacryma",
            [("Glossary: La’cryma", Match.JOINED), ("02 Research", Match.JOINED)],
            "[La’cryma]",
        ),
        (
            "thearch",
            [
                ("Theme: The Arch Theme", Match.JOINED),
                ("01 Opening [0:00]", Match.JOINED),  # "The archer"
                ("01 Opening [0:30]", Match.JOINED),
            ],
            "[The Arch] Theme",
        ),
        ("monarchappears", [("02 Research [0:10]", Match.JOINED)], "…until at last"),
        ("arch theme", [("Theme: The Arch Theme", WHOLE), ("01 Opening [0:30]", WHOLE)], None),
        ("zzzz", [], None),
        ("rchx", [], None),
        ("lac", [], None),  # too few letters to be run together
    ],
)
def test_letters_run_together_find_what_the_words_do_not(
    index: SearchIndex, query: str, expected: list[tuple[str, Match]], excerpt: str | None
) -> None:
    hits = index.search(query)
    assert summary(hits) == expected
    if excerpt is not None:
        assert marked(own(hits)[0]).startswith(excerpt)


def test_the_listeners_title_tags_find_their_tracks(guide: Guide) -> None:
    tagged = SearchIndex(guide, {guide.tracks[1].id: "時空転移"})
    assert summary(tagged.search("時空転移")) == [("02 Research", WHOLE)]
    assert summary(tagged.search("時空")) == [("02 Research", START)]
    assert SearchIndex(guide).search("時空転移") == []
