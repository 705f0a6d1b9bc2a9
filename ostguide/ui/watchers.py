"""Letting go of widgets that have been removed but are still held by what they watched.

Textual keeps a watcher `(widget, callback)` on the watched object and drops it only when that
object's attribute changes again (Textual issue #6666). On the screen before the keys screen of
issue 14, Textual's Footer and HelpPanel hit this: their keys watched the Footer's `compact`, which
never changes, and help panels the screen's `focused`. Measured under random keys: 3,780 FooterKeys
kept after 200 visits to the themes view, 200 help panels after 200 toggles, the process growing by
about 35 MB a minute at 20 keys a second. The present screen uses neither, and no widget of it was
found kept (tests/test_watchers.py); the clean-up stays so that a widget that watches another node
cannot bring the leak back.

`forget_closed_watchers` drops the entries of widgets that are closing or closed, on the app and
every node of every screen, which is what Textual does itself on the next change.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.dom import DOMNode

WATCHERS = "__watchers"
"""Where Textual's `watch` keeps an object's watchers: {attribute: [(node, callback)]}."""


def forget_closed_watchers(app: App[Any]) -> int:
    """Drop watchers whose node is closing or closed; returns how many were dropped."""
    dropped = 0
    nodes: list[DOMNode] = [app]
    for screen in app.screen_stack:
        nodes.append(screen)
        nodes.extend(screen.walk_children())
    for node in nodes:
        table: dict[str, list[tuple[Any, Any]]] = getattr(node, WATCHERS, {})
        for entries in table.values():
            alive = [(watcher, callback) for watcher, callback in entries if _alive(watcher)]
            dropped += len(entries) - len(alive)
            entries[:] = alive
    return dropped


def _alive(watcher: Any) -> bool:
    return not (getattr(watcher, "_closing", False) or getattr(watcher, "_closed", False))
