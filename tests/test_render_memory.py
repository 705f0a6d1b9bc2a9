"""The listening screen lets go of what Textual drew for widgets it removed: Textual's memo of
background colours keeps the last 1,024 `StylesCache` objects, each with every line its widget
drew (Textual issue #6665), and every view opened over the screen is widgets made and removed.
Once a second the screen empties that memo, so only the caches of widgets on screen stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.widget import Widget
from uikit import alive, load, make_rig

pytestmark = pytest.mark.slow

NOEIN = Path(__file__).resolve().parent.parent / "guides" / "noein.md"


async def test_drawings_of_removed_widgets_are_let_go() -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):  # 54 drawings kept without the fix, none with it
            await pilot.press("a", "escape", "question_mark", "escape", "t", "escape")
        await pilot.pause(1.2)  # the screen's once-a-second look
        widgets = len(list(rig.app.screen.walk_children())) + 1
        assert alive(StylesCache) <= widgets + 10, alive(Widget)
