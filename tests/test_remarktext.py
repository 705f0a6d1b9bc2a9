"""Remarks drawn as one widget: which Markdown counts as plain paragraphs, and how its inline
markup becomes styled text with clickable links."""

from __future__ import annotations

import pytest

from ostguide.ui.remarktext import CODE, is_plain, paragraphs


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Strings, then *the horns*.", True),
        ("A [link](#03@1:20) and `code`.\n\nA second paragraph.", True),
        ("Two lines\nof one paragraph.", True),
        ("- a list", False),
        ("1. a numbered list", False),
        ("### a heading", False),
        ("> a quote", False),
        ("```\ncode\n```", False),
        ("| a | table |", False),
        ("    indented code", False),
        ("---", False),
        ("an <b>html</b> tag", False),
        ("an ![image](x.png)", False),
        ("a [reference][ref]", False),
        ("~~struck~~", False),
        ("an &amp; entity", False),
    ],
)
def test_what_counts_as_plain(markdown: str, plain: bool) -> None:
    assert is_plain(markdown) is plain


@pytest.mark.parametrize(
    ("markdown", "text", "styled"),
    [
        ("plain words", "plain words", []),
        ("a *soft* and **loud** b", "a soft and loud b", [("soft", "italic"), ("loud", "bold")]),
        ("snake_case_name stays", "snake_case_name stays", []),
        ("an _em_ here", "an em here", [("em", "italic")]),
        ("run `ostguide`", "run ostguide", [("ostguide", CODE)]),
        ("a \\*literal\\* star", "a *literal* star", []),
        ("two\nlines\n\nnext", "two lines\n\nnext", []),
        ("[markup] stays [as] typed", "[markup] stays [as] typed", []),
    ],
)
def test_inline_markup(markdown: str, text: str, styled: list[tuple[str, str]]) -> None:
    content = paragraphs(markdown)
    assert content.plain == text
    assert [(text[s.start : s.end], str(s.style)) for s in content.spans] == styled


def test_a_link_runs_the_link_action_with_its_target() -> None:
    content = paragraphs("back in [the finale](#03@0:10).")
    assert content.plain == "back in the finale."
    (span,) = content.spans
    assert content.plain[span.start : span.end] == "the finale"
    assert span.style.meta == {"@click": "link('#03@0:10')"}  # type: ignore[union-attr]
