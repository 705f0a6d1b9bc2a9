"""Longer Markdown drawn in few widgets: headings, runs of plain paragraphs and bulleted lists
as text, Textual's Markdown only for what else there is."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Static

from ostguide.ui.prose import LaidOut, prose
from ostguide.ui.remarktext import RemarkText


@pytest.mark.parametrize(
    ("markdown", "kinds", "first"),
    [
        ("One.\n\nTwo *words*.", ["RemarkText"], "One.\n\nTwo words."),
        ("## Who's who\n\nText.", ["SafeStatic", "RemarkText"], "Who's who"),
        (
            "Before.\n\n- **A** one,\n  and on.\n- B [two](#02)\n\nAfter.",
            ["RemarkText", "LaidOut", "RemarkText"],
            "Before.",
        ),
        ("> A quote.\n\nText.", ["Markdown", "RemarkText"], None),
        ("- a\n  - nested", ["Markdown"], None),
        ("```\ncode\n\nmore\n```", ["Markdown"], None),
        ("", [], None),
    ],
)
def test_blocks_become_few_widgets(markdown: str, kinds: list[str], first: str | None) -> None:
    widgets = prose(markdown)
    assert [type(w).__name__ for w in widgets] == kinds
    if first is not None:
        assert isinstance(widgets[0], Static) and not isinstance(widgets[0], Markdown)
        assert str(widgets[0].render()) == first


def test_a_list_is_bulleted_and_keeps_its_links() -> None:
    (_, listed, _) = prose("Before.\n\n- **A** one,\n  and on.\n- B [two](#02)\n\nAfter.")
    assert isinstance(listed, LaidOut) and isinstance(listed, RemarkText)
    assert str(listed.render()) == "• A one, and on.\n• B two"
