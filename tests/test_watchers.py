"""The screen lets go of widgets it removed: visiting the themes view and toggling help again and
again leaves no footer keys or help panels behind (Textual keeps them through watchers)."""

from __future__ import annotations

import gc

import pytest
from textual.widgets._footer import FooterKey
from textual.widgets._help_panel import HelpPanel
from uikit import make_rig


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


@pytest.mark.slow
async def test_removed_footer_keys_and_help_panels_are_let_go() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=(100, 30)) as pilot:

        async def visit(times: int) -> tuple[int, int]:
            for _ in range(times):
                await pilot.press("t", "escape", "question_mark", "question_mark")
            await pilot.pause()
            rig.app._check_guide_file()  # what the once-a-second timer calls
            await pilot.pause()
            return alive(FooterKey), alive(HelpPanel)

        settled = await visit(1)
        assert await visit(4) == settled  # without letting go: +19 keys and +1 panel a visit
