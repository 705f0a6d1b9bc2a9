"""The keys screen's lines and the footer's keys, built from the listener's keymap (no app)."""

from __future__ import annotations

import pytest

from ostguide.listening.commands import KEY_LINE, KEYED, help_lines
from ostguide.ui.keyline import key_line
from ostguide.ui.keys import KEYS, help_groups

ITEMS = [("space", "Play/pause"), ("n", "Next"), ("]", "Remark ▸"), ("?", "Keys")]


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (80, "space Play/pause  n Next  ] Remark ▸  ? Keys"),
        (43, "space Play/pause  n Next  ] Remark ▸"),
        (42, "space Play/pause  n Next  ] Remark ▸"),
        (35, "space Play/pause  n Next"),
        (10, ""),
    ],
)
def test_the_footer_shows_only_whole_keys(width: int, shown: str) -> None:
    assert str(key_line(ITEMS, width)) == shown


def test_the_keys_screen_names_the_listeners_keys() -> None:
    groups = dict(help_groups({"next_track": "full_stop", "seek_back_long": "ctrl+left"}))
    assert groups["Move"][0] == ("./p", "next / previous track, pause kept")
    assert groups["Listen"][2] == ("ctrl+←/shift+→", "30 s back / on")
    assert groups["Listen"][1] == ("←/→", "5 s back / on")
    assert [title for title, _ in help_groups({})] == [
        "Listen",
        "Move",
        "Guide",
        "Write to the guide file",
    ]


def test_every_key_of_the_listening_screen_is_on_the_keys_screen_once() -> None:
    listed = [binding_id for _, lines in help_lines() for ids, _ in lines for binding_id in ids]
    bound = [b.id for b in KEYS if not isinstance(b, tuple) and b.id]
    assert sorted(listed) == sorted(bound)
    assert all(binding_id in KEYED for binding_id in KEY_LINE)
