"""About a guide: its facts (every field of its front matter), the credit for its source, the
first-open notice, the introduction and the afterword."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.catalog import find_guide
from ostguide.guide.about import about, commentary_count, credit, first_open_notice
from ostguide.guide.model import Album, Guide
from ostguide.guide.parser import load_guide, parse_text

FULL = """\
+++
title = "Sample OST"
composer = "A Composer"
label = "Label"
catalogue = "CAT-1"
released = 2006-01-12
discs = 2
source = "the review “Sample”"
author = "Ann Reviewer"
url = "https://example.org/sample"
arranger = "Someone"
+++

The introduction, with a [link](#1).

## 01. One

[0:00] Something to hear.

## 02. Two

[0:00]

## Listening on

The closing words.
"""


def guide_of(text: str) -> Guide:
    result = parse_text(text, Path("sample.md"))
    assert result.guide is not None, result.diagnostics
    return result.guide


def test_everything_there_is_to_read_about_a_guide() -> None:
    content = about(guide_of(FULL))
    assert content.title == "Sample OST"
    assert content.facts == (
        ("Composer", "A Composer"),
        ("Label", "Label, CAT-1"),
        ("Released", "2006-01-12"),
        ("Discs", "2"),
        ("Source", "the review “Sample”, by Ann Reviewer"),
        ("Read it at", "[https://example.org/sample](https://example.org/sample)"),
        ("Commentary", "on 1 of 2 tracks"),
        ("Arranger", "Someone"),  # every field, its name as the others are
    )
    assert content.introduction == "The introduction, with a [link](#1)."
    assert (content.afterword_title, content.afterword) == ("Listening on", "The closing words.")


def test_terms_of_the_introduction_and_afterword_are_explained_in_about() -> None:
    """`g` explains the terms of a track; those of the text around the tracks are read here."""
    content = about(
        guide_of("A tremolo, then a gigue.\n\n## 01. One\n\n## Afterword\n\nA drone, a tremolo.\n")
    )
    assert [term.name for term in content.terms] == ["tremolo", "gigue", "drone"]
    assert content.introduction == "A **tremolo**, then a **gigue**."
    assert content.afterword == "A **drone**, a **tremolo**."


def test_the_noein_guide_explains_its_introduction_and_afterword_terms() -> None:
    result = load_guide(find_guide("noein").path)
    assert result.guide is not None
    names = [term.name for term in about(result.guide).terms]
    for name in ("leitmotif", "baroque", "early music", "common-practice period", "art music"):
        assert name in names


def test_a_bare_guide_has_little_to_say() -> None:
    content = about(guide_of("## 01. One\n"))
    assert (content.title, content.facts) == ("sample", (("Commentary", "none yet"),))


@pytest.mark.parametrize(
    ("source", "author", "url", "said"),
    [
        ("", "", "", ""),
        ("the review", "", "", "the review"),
        ("the review", "Ann", "", "the review, by Ann"),
        ("the review", "", "https://x.org", "the review"),
        ("the review", "Ann", "https://x.org", "the review, by Ann"),
        ("", "", "https://x.org", "https://x.org"),
        ("", "Ann", "", ""),
    ],
)
def test_the_credit(source: str, author: str, url: str, said: str) -> None:
    assert credit(Album("T", source=source, author=author, url=url)) == said


@pytest.mark.parametrize(
    ("front", "key", "notice"),
    [
        (
            'source = "the review “Sample”"\nauthor = "Ann"\n',
            "a",
            "Press a to read about this guide: it is based on the review “Sample”, by Ann.",
        ),
        (
            'url = "https://x.org"\n',
            "A",
            "Press A to read about this guide: it is based on https://x.org.",
        ),
        ('title = "Sample OST"\n', "a", "Press a to read about this guide to Sample OST."),
    ],
)
def test_the_first_open_notice_names_the_source_and_the_key(
    front: str, key: str, notice: str
) -> None:
    assert first_open_notice(guide_of(f"+++\n{front}+++\n\n## 01. One\n"), key) == notice


@pytest.mark.parametrize(
    ("tracks", "count"),
    [
        ("## 01. A\n\n[0:00] Words.\n", "on its one track"),
        ("## 01. A\n\n[0:00]\n", "none yet"),
        ("## 01. A\n\nWords.\n\n## 02. B\n\n[0:00] More.\n", "on all 2 tracks"),
        ("## 01. A\n\n## 02. B\n\n[0:00] Words.\n\n## 03. C\n", "on 1 of 3 tracks"),
    ],
)
def test_commentary_count(tracks: str, count: str) -> None:
    assert commentary_count(guide_of(tracks)) == count


def test_the_bundled_guide_tells_how_to_read_it_and_whom_it_follows() -> None:
    guide = load_guide(find_guide("noein").path).guide
    assert guide is not None
    content = about(guide)
    facts = dict(content.facts)
    assert "**How to read this guide.**" in content.introduction
    assert content.afterword_title == "Afterword"
    assert facts["Source"].startswith("the track-by-track review “Noein OST Vol. 1” on the Random")
    address = "https://randomc.net/2012/05/22/noein-ost-vol-1/"
    assert facts["Read it at"] == f"[{address}]({address})"  # the address shown, and a link
    assert facts["Credits"].startswith("The copy of the review this guide was written from")
    assert facts["Other titles"] == "ノエイン もうひとりの君へ オリジナルサウンドトラック"
    assert facts["Commentary"] == "on 13 of 23 tracks"
    assert first_open_notice(guide).startswith(
        "Press a to read about this guide: it is based on the track-by-track review “Noein OST"
    )
