"""The screen lets go of widgets it removed that Textual's watchers still hold: a removed widget
that watched another node's attribute stays in that node's watcher table until the attribute
changes again, unless `forget_closed_watchers` (run once a second by the screen) drops it."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.widget import Widget
from uikit import alive, make_rig

from ostguide.ui.watchers import WATCHERS, forget_closed_watchers


class Watched(Widget):
    value: reactive[int] = reactive(0)


class Watcher(Widget):
    def on_mount(self) -> None:
        self.watch(self.app.query_one(Watched), "value", self.seen, init=False)

    def seen(self, value: int) -> None:
        """Nothing to do: only the watcher entry matters here."""


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Watched()


def watchers_of(node: DOMNode) -> list[tuple[Any, Any]]:
    table: dict[str, list[tuple[Any, Any]]] = getattr(node, WATCHERS, {})
    return table.get("value", [])


async def test_a_removed_watcher_is_dropped_and_a_mounted_one_kept() -> None:
    app = Host()
    async with app.run_test() as pilot:
        watched = app.query_one(Watched)
        kept, removed = Watcher(), Watcher()
        await app.mount_all([kept, removed])
        await pilot.pause()
        await removed.remove()
        assert [w for w, _ in watchers_of(watched)] == [kept, removed]  # what Textual leaves
        assert forget_closed_watchers(app) == 1
        assert [w for w, _ in watchers_of(watched)] == [kept]


@pytest.mark.slow
async def test_visiting_every_view_again_and_again_leaves_no_widgets_behind() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=(100, 30)) as pilot:

        async def visit(times: int) -> int:
            for _ in range(times):
                await pilot.press("t", "escape", "question_mark", "escape", "g", "escape")
                await pilot.pause()
            rig.app.clocks.check_guide_file()  # what the once-a-second timer calls
            await pilot.pause()
            return alive(DOMNode)

        settled = await visit(1)
        assert await visit(4) == settled
