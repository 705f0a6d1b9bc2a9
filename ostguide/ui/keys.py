"""Every key of every screen, as data: each binding has an id (for remapping in config.toml), a
description (footer and help) and a tooltip. `REGISTRY` holds them all by id: the `[keys]` table
is checked against it, and hints written in text name the key the listener's keymap gives."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

ARROW_SEEKS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("left", "app.seek(-5)", "-5s", id="seek_back", tooltip="Back 5 seconds"),
    Binding("right", "app.seek(5)", "+5s", id="seek_forward", tooltip="Forward 5 seconds"),
]
"""The arrows seek even in widgets that would scroll sideways with them (the track list and the
commentary never need to), so these same bindings serve the app and those widgets."""


# Typed as Textual types App.BINDINGS, so the list can be assigned to it as it is.
KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding(
        "space",
        "toggle_pause",
        "Play/pause",
        id="play_pause",
        tooltip="Pause or resume the music",
    ),
    Binding("question_mark", "help", "Keys", id="help", tooltip="Show every key"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit (your place is remembered)"),
    *ARROW_SEEKS,
    Binding(
        "shift+left",
        "seek(-30)",
        "-30s",
        id="seek_back_long",
        show=False,
        tooltip="Back 30 seconds",
    ),
    Binding(
        "shift+right",
        "seek(30)",
        "+30s",
        id="seek_forward_long",
        show=False,
        tooltip="Forward 30 seconds",
    ),
    Binding("n", "next_track", "Next", id="next_track", tooltip="Next track"),
    Binding(
        "p",
        "previous_track",
        "Prev",
        id="previous_track",
        tooltip="Previous track (or the start of this one)",
    ),
    Binding(
        "right_square_bracket",
        "next_remark",
        "Remark ▸",
        id="next_remark",
        tooltip="Next remark",
    ),
    Binding(
        "left_square_bracket",
        "previous_remark",
        "◂ Remark",
        id="previous_remark",
        tooltip="Previous remark",
    ),
    Binding("t", "themes", "Themes", id="themes", tooltip="Themes and every place they are stated"),
    Binding(
        "g",
        "glossary",
        "Terms",
        id="glossary",
        show=False,
        tooltip="Explain the musical terms this track's commentary uses",
    ),
    Binding(
        "f",
        "follow",
        "Follow",
        id="follow",
        tooltip="Keep the remark being heard in view, or stop following",
    ),
    Binding(
        "l",
        "toggle_tracks",
        "Tracks",
        id="toggle_tracks",
        tooltip="Show or hide the track list",
    ),
    Binding("i", "stamp", "Stamp", id="stamp", tooltip="Insert a remark at the current time"),
    Binding("e", "edit", "Edit", id="edit", tooltip="Open the guide in your editor at this remark"),
    Binding(
        "r",
        "retime",
        "Retime",
        id="retime",
        show=False,
        tooltip="Move the highlighted remark to the current time",
    ),
    Binding("u", "undo", "Undo", id="undo", show=False, tooltip="Undo the last stamp or retime"),
    Binding(
        "z",
        "nudge(-0.1)",
        "Earlier",
        id="offset_earlier",
        show=False,
        tooltip="Show every remark 100 ms earlier (timing offset)",
    ),
    Binding(
        "x",
        "nudge(0.1)",
        "Later",
        id="offset_later",
        show=False,
        tooltip="Show every remark 100 ms later (timing offset)",
    ),
    Binding(
        "j", "cursor(1)", "Down", id="list_down", show=False, tooltip="Move down the track list"
    ),
    Binding("k", "cursor(-1)", "Up", id="list_up", show=False, tooltip="Move up the track list"),
    Binding("plus,equals_sign", "volume(1)", "Vol+", id="volume_up", show=False, tooltip="Louder"),
    Binding("minus", "volume(-1)", "Vol-", id="volume_down", show=False, tooltip="Softer"),
    Binding("m", "mute", "Mute", id="mute", show=False, tooltip="Mute or unmute"),
    Binding(
        "backspace",
        "back",
        "Back",
        id="back",
        show=False,
        tooltip="Return to where you were before a jump",
    ),
]

THEMES_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("enter", "choose", "Play", id="themes.play", tooltip="Play the entry under the cursor"),
    Binding("escape,t,q", "dismiss_none", "Close", id="themes.close", tooltip="Close the themes"),
]
"""The themes view's keys."""

GLOSSARY_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("escape,g,q", "dismiss", "Close", id="glossary.close", tooltip="Close the terms"),
]
"""The glossary view's keys."""

REGISTRY: dict[str, Binding] = {
    binding.id: binding
    for binding in (*KEYS, *THEMES_KEYS, *GLOSSARY_KEYS)
    if isinstance(binding, Binding) and binding.id
}
"""Every binding with an id, on every screen."""


def key_hint(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key that runs a binding under the listener's keymap (the first, if several), for
    hints written in text such as "following off (f)"."""
    keys = keymap.get(binding_id) or REGISTRY[binding_id].key
    return keys.split(",")[0].strip()


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a keymap that no binding has."""
    return [binding_id for binding_id in keymap if binding_id not in REGISTRY]
