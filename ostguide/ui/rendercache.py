"""Letting go of the drawings Textual keeps of widgets that are gone.

Textual caches, per widget, the lines it drew (`StylesCache`), and memoises a method of that
cache with `functools.lru_cache`, whose key holds the cache itself (Textual issue #6665): the
last 1,024 `StylesCache` objects stay alive, each with every line its widget drew, long after the
widget was removed. The listening screen replaces widgets at every change of track and remark
batch, so under random keys the process grew by about 3 MB a minute for 15 minutes (measured with
benchmarks/memory_keys.py: 82 → 134 MB). `forget_drawings` empties that memo, which costs a
colour blend the next time each live widget draws; the screen calls it once a second.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache


def forget_drawings() -> None:
    """Drop what Textual's memo of background colours keeps of removed widgets' drawings."""
    clear = getattr(getattr(StylesCache, "get_inner_outer", None), "cache_clear", None)
    if clear is not None:
        clear()
