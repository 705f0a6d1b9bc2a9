"""The catalogue of commands, without a screen: each key is bound to its command's id, each id
runs one method of the controller (or the app), each MPRIS method and each kind of search hit has
its command; and what the keys of the listening screen do, pressed on the controller through the
bindings the app is given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from uikit import make_controller

from ostguide.guide.search import Kind
from ostguide.listening.commands import APP, CATALOGUE, KEYED, MPRIS, Command, for_hit
from ostguide.listening.mpris_service import Player
from ostguide.ui.app import ListeningApp
from ostguide.ui.keyline import KeyLine, key_line
from ostguide.ui.keys import KEYS

ARGUMENTS: dict[str, tuple[object, ...]] = {
    "seek": (5.0,),
    "seek_to": (12.0,),
    "set_volume": (0.5,),
    "play_track": (1,),
    "play_remark": (2, 1),
    "go_to": (1, None),
    "visit_track": (3,),
    "tour_theme": ("motif",),
    "seek_remark": (1,),
    "follow_href": ("#03@0:10",),
    "look_in": (Path("/music"),),
}
"""What the commands that take arguments are given here (as MPRIS, a click or a hit would)."""


def command_of(key: str) -> str:
    """The id of the command the listening screen's binding for `key` runs."""
    for binding in KEYS:
        assert isinstance(binding, Binding)
        if key in binding.key.split(","):
            found = re.fullmatch(r"run\('([\w.]+)'\)", binding.action)
            assert found is not None, binding.action
            return found.group(1)
    raise LookupError(key)


@pytest.mark.parametrize(
    ("keys", "seen"),
    [
        (["right"], ("position", 17.0)),
        (["left"], ("position", 7.0)),
        (["shift+right"], ("position", 39.5)),
        (["shift+left"], ("position", 0.0)),
        (["right_square_bracket"], ("position", 20.0)),
        (["left_square_bracket"], ("position", 10.0)),
        (["n"], ("index", 1)),
        (["p"], ("position", 0.0)),
        (["minus", "minus", "equals_sign"], ("volume", 0.95)),
        (["m"], ("muted", True)),
        (["f"], ("following", False)),
        (["x", "x"], ("offset", 0.2)),
        (["z"], ("offset", -0.1)),
    ],
)
def test_each_key_reaches_its_command(keys: list[str], seen: tuple[str, object]) -> None:
    controller, _ = make_controller(start=(0, 12.0))
    view = controller.start().view
    for key in keys:
        view = controller.run(command_of(key)).view
    name, value = seen
    shown = view.index if name == "index" else getattr(view.transport, name)
    assert shown == pytest.approx(value)


@pytest.mark.parametrize("command", [c for c in CATALOGUE if not c.screen], ids=lambda c: c.id)
def test_every_command_of_the_controller_runs(command: Command) -> None:
    controller, _ = make_controller(start=(0, 12.0))
    controller.start()
    answer = controller.run(command.id, *ARGUMENTS.get(command.id, ()))
    assert answer.view.guide is controller.guide


def test_every_command_of_the_app_is_an_action_of_the_app() -> None:
    actions = [c.call for c in CATALOGUE if c.screen == APP]
    assert "themes" in actions
    assert [a for a in actions if not callable(getattr(ListeningApp, f"action_{a}", None))] == []


def test_every_key_of_the_listening_screen_runs_its_command_by_id() -> None:
    bound = {b.id: b.action for b in KEYS if isinstance(b, Binding)}
    listening = {c.id for c in KEYED.values() if c.screen in ("", APP)}
    assert set(bound) == listening
    assert all(action == f"run({command_id!r})" for command_id, action in bound.items())


def test_every_mpris_method_runs_a_command_and_exists_on_the_bus() -> None:
    assert set(MPRIS) == {
        "Next",
        "Previous",
        "Pause",
        "Play",
        "PlayPause",
        "Stop",
        "Seek",
        "SetPosition",
        "Volume",
    }
    assert all(hasattr(Player, method) for method in MPRIS)


def test_every_kind_of_search_hit_has_its_command() -> None:
    assert {kind: for_hit(kind).id for kind in Kind} == {
        Kind.TRACK: "play_track",
        Kind.TRACK_INTRO: "play_track",
        Kind.REMARK: "play_remark",
        Kind.THEME: "tour_theme",
        Kind.TERM: "explain",
        Kind.ABOUT: "about",
    }


@pytest.mark.parametrize("width", [40, 80, 100, 120, 200])
def test_the_footer_shows_whole_keys_at_every_width(width: int) -> None:
    shown = str(key_line(KeyLine({}).items, width - 2))  # the line's padding takes two columns
    assert len(shown) <= width - 2
    assert shown.startswith("space Play/pause")
    assert "palette" not in shown
    if width >= 80:
        assert all(k in shown for k in (" n Next", " ] Remark", " t Themes", " ? Keys", " q Quit"))
