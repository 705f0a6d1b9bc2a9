"""The glossary on the listening screen: `g`, the marks in the commentary, and the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static
from uikit import load, make_rig

from ostguide.ui.glossary import GlossaryScreen
from ostguide.ui.remarktext import RemarkText

WIDE = (120, 40)
NOEIN = Path(__file__).parent.parent / "guides" / "noein.md"


def shown_terms(screen: GlossaryScreen) -> list[str]:
    """The first line (the term's name) of each entry on the glossary screen."""
    return [str(entry.render()).split("\n")[0] for entry in screen.query(".term").results(Static)]


async def test_g_explains_the_terms_of_the_current_track() -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        screen = rig.app.screen
        assert isinstance(screen, GlossaryScreen)
        assert shown_terms(screen) == ["tutti", "polyphony", "choir"]
        title = screen.query_one("#glossary-title", Static)
        assert str(title.render()) == "Terms in 01. Shangri-La: escape closes"
        entry = screen.query(".term").results(Static)
        assert "Everyone playing at once" in str(next(iter(entry)).render())
        await pilot.press("escape")
        assert not isinstance(rig.app.screen, GlossaryScreen)


async def test_g_on_a_track_without_terms_says_so_and_g_closes() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        assert isinstance(rig.app.screen, GlossaryScreen)
        assert shown_terms(rig.app.screen) == ["No glossary terms in this commentary."]
        await pilot.press("g")
        assert not isinstance(rig.app.screen, GlossaryScreen)


async def test_the_commentary_marks_a_terms_first_use() -> None:
    rig = make_rig(load(NOEIN), start=(3, 0.0))
    async with rig.app.run_test(size=WIDE):
        bold = {word for text in rig.app.query(RemarkText) for word in bold_words(text)}
        assert {"tremolo", "appoggiaturas"} <= bold


def bold_words(widget: RemarkText) -> list[str]:
    """The stretches of a remark's text drawn in bold."""
    content = widget.content
    assert isinstance(content, Content)
    return [content.plain[span.start : span.end] for span in content.spans if span.style == "bold"]


@pytest.mark.slow
async def test_the_palette_finds_glossary_terms_by_any_of_their_names() -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"tierce de")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = rig.app.screen
        assert isinstance(screen, GlossaryScreen)
        assert shown_terms(screen) == ["Picardy third"]
