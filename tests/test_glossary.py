"""The glossary: the general one shipped with ostguide, a guide's own terms, and finding and
marking terms in commentary."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.guide.glossary import Glossary, for_guide, general
from ostguide.guide.model import Term
from ostguide.guide.parser import parse_text

PATH = Path("g.md")
ASKED_FOR = (
    "tremolo",
    "ostinato",
    "counterpoint",
    "tutti",
    "cadence",
    "ternary form",
    "gigue",
    "sarabande",
    "appoggiatura",
    "acciaccatura",
    "Picardy third",
    "chromatic",
    "modulation",
    "open fifth",
    "compound time",
    "leitmotif",
    "pizzicato",
    "col legno",
    "pedal point",
    "common-practice period",
)


def test_the_general_glossary() -> None:
    terms = general().terms
    assert len(terms) >= 40
    assert [t.name.lower() for t in terms] == sorted(t.name.lower() for t in terms)
    for name in ASKED_FOR:
        assert general().term(name) is not None, name
    for term in terms:
        assert 60 <= len(term.definition) <= 360, term.name
        assert term.definition.endswith("."), term.name


NOEIN_ASKS_FOR = (
    "oboe",
    "clarinet",
    "cello",
    "harp",
    "whistle",
    "tambura",
    "cue",
    "funeral march",
    "early music",
    "key",
    "chord",
    "texture",
    "solo",
    "choir",
    "pulse",
    "voicing",
)


@pytest.mark.parametrize("name", NOEIN_ASKS_FOR)
def test_the_terms_the_noein_guide_asks_listeners_to_hear(name: str) -> None:
    """The instruments it asks you to pick out, and the plain words a newcomer needs."""
    term = general().term(name)
    assert term is not None and term.name == name
    assert "Listen for" in term.definition


@pytest.mark.parametrize(
    ("name", "says", "never"),
    [
        pytest.param(
            "Picardy third", "A major chord", "A piece in a minor key", id="the-chord-not-the-piece"
        ),
        pytest.param("binary form", "B grows out of A", "matching halves", id="binary-halves"),
        pytest.param(
            "time signature", "its customary one", "irregular", id="unusual-not-irregular"
        ),
        pytest.param("grace note", "quick flick", "printed", id="grace-note-as-heard"),
        pytest.param("minor key", "Greensleeves", "lowered third", id="a-cue-a-newcomer-can-use"),
        pytest.param("sarabande", "second beat", "held over the beat", id="sarabande-weight"),
    ],
)
def test_definitions_corrected_after_review(name: str, says: str, never: str) -> None:
    term = general().term(name)
    assert term is not None
    assert says in term.definition
    assert never not in term.definition


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("a TREMOLO here", ["tremolo"], id="any-case"),
        pytest.param("two tremolos and appoggiaturas", ["tremolo", "appoggiatura"], id="plural"),
        pytest.param("the cadences", ["cadence"], id="plural-es"),
        pytest.param("open\nfifths", ["open fifth"], id="across-a-line-break"),
        pytest.param(
            "the common practice period", ["common-practice period"], id="hyphen-or-space"
        ),
        pytest.param("a Tierce de Picardie", ["Picardy third"], id="other-form"),
        pytest.param("contrapuntal lines", ["counterpoint"], id="related-word"),
        pytest.param("it modulates twice", ["modulation"], id="verb-form"),
        pytest.param("tutti-frutti, retremolo, gigueX", [], id="whole-words-only"),
        pytest.param("gigue, gigue and a gigue", ["gigue"], id="each-once"),
        pytest.param("ternary form, then ternary", ["ternary form"], id="longest-first"),
    ],
)
def test_terms_found_in_text(text: str, names: list[str]) -> None:
    assert [t.name for t in general().terms_in(text)] == names


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        pytest.param("a tremolo, a tremolo", "a **tremolo**, a tremolo", id="first-only"),
        pytest.param(
            "`tremolo` and [the tremolo](#2) then tremolo",
            "`tremolo` and [the tremolo](#2) then **tremolo**",
            id="not-in-code-or-links",
        ),
        pytest.param("**tutti** here", "**tutti** here", id="already-bold"),
        pytest.param("*Carmina Burana*, tutti", "*Carmina Burana*, **tutti**", id="plain"),
        pytest.param("no terms", "no terms", id="nothing"),
    ],
)
def test_marking_terms(text: str, marked: str) -> None:
    assert general().mark(text) == marked


def test_later_terms_replace_earlier_ones() -> None:
    glossary = Glossary([Term("Drone", "First."), Term("drone", "Second.", ("hum",))])
    assert glossary.terms == (Term("drone", "Second.", ("hum",)),)
    assert glossary.term("hums") == glossary.terms[0]
    assert Glossary([]).terms_in("anything") == ()


GUIDE_WITH_TERMS = """\
+++
title = "A"

[glossary]
tremolo = "Our own words."
"La’cryma" = { definition = "The future world of the story.", also = ["Lacryma"] }
+++

## 01. A

A tremolo over La’cryma.
"""


def test_a_guide_adds_and_replaces_terms() -> None:
    result = parse_text(GUIDE_WITH_TERMS, PATH)
    assert result.diagnostics == ()
    guide = result.guide
    assert guide is not None
    assert guide.album.extra == ()
    assert guide.glossary == (
        Term("tremolo", "Our own words."),
        Term("La’cryma", "The future world of the story.", ("Lacryma",)),
    )
    glossary = for_guide(guide)
    assert [t.definition for t in glossary.in_track(guide.tracks[0])] == [
        "Our own words.",
        "The future world of the story.",
    ]
    assert glossary.term("gigue") == general().term("gigue")


@pytest.mark.parametrize(
    ("matter", "expected"),
    [
        pytest.param(
            'glossary = "x"',
            "g.md:2:1: error: glossary must be a table",
            id="not-a-table",
        ),
        pytest.param(
            '[glossary]\ntremolo = ""',
            "g.md:3:1: error: glossary term 'tremolo' needs a definition",
            id="empty",
        ),
        pytest.param(
            '[glossary]\ntremolo = { also = ["x"] }',
            "g.md:3:1: error: glossary term 'tremolo' needs a definition",
            id="no-definition",
        ),
        pytest.param(
            '[glossary]\ntremolo = { definition = "d", also = "x" }',
            "g.md:3:1: error: glossary term 'tremolo' needs a definition",
            id="also-not-a-list",
        ),
        pytest.param(
            '[glossary]\ntremolo = { definition = "d", see = "x" }',
            "g.md:3:1: error: glossary term 'tremolo' needs a definition",
            id="unknown-key",
        ),
    ],
)
def test_glossary_errors(matter: str, expected: str) -> None:
    result = parse_text(f"+++\n{matter}\n+++\n## 01. A\n", PATH)
    assert [d.headline() for d in result.diagnostics] == [expected]
    assert result.diagnostics[0].help.startswith('write "term" = "definition"')
