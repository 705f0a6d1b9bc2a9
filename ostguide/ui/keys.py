"""Every key of every screen, as data: each binding has an id (for remapping in config.toml), a
description (footer and help) and a tooltip. `REGISTRY` holds them all by id: the `[keys]` table
is checked against it, and hints written in text name the key the listener's keymap gives."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.keys import format_key

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
        "a", "about", "About", id="about", tooltip="About this guide: its source and introduction"
    ),
    Binding(
        "ctrl+p",
        "command_palette",
        "Search",
        id="search",
        show=False,
        tooltip="Search every word of the guide",
    ),
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
        "o",
        "choose_music",
        "Music",
        id="choose_music",
        show=False,
        tooltip="Choose the folder your music is in (remembered, as --music is)",
    ),
    Binding(
        "tab",
        "select_link(1)",
        "Link ▸",
        id="next_link",
        show=False,
        priority=True,
        tooltip="Select the next link of this track's commentary",
    ),
    Binding(
        "shift+tab",
        "select_link(-1)",
        "◂ Link",
        id="previous_link",
        show=False,
        priority=True,
        tooltip="Select the previous link of this track's commentary",
    ),
    Binding(
        "enter",
        "follow_selected_link",
        "Go",
        id="follow_link",
        show=False,
        priority=True,
        tooltip="Follow the selected link",
    ),
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

HELP_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding(
        "escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close the keys"
    ),
]
"""The keys screen's keys."""

ABOUT_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("escape,a,q", "dismiss", "Close", id="about.close", tooltip="Close the about screen"),
]
"""The about screen's keys."""

PICKER_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("escape", "dismiss", "Cancel", id="picker.close", tooltip="Close without choosing"),
]
"""The music folder picker's keys (enter in its path field chooses)."""

REGISTRY: dict[str, Binding] = {
    binding.id: binding
    for binding in (*KEYS, *THEMES_KEYS, *GLOSSARY_KEYS, *HELP_KEYS, *ABOUT_KEYS, *PICKER_KEYS)
    if isinstance(binding, Binding) and binding.id
}
"""Every binding with an id, on every screen."""


def key_hint(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key that runs a binding under the listener's keymap (the first, if several), for
    hints written in text such as "following off (f)"."""
    keys = keymap.get(binding_id) or REGISTRY[binding_id].key
    return keys.split(",")[0].strip()


def key_label(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key of `key_hint` as the listener reads it: `]`, `space`, `←`, `⌫`."""
    *modifiers, key = key_hint(binding_id, keymap).split("+")
    return "+".join([*modifiers, format_key(key)])


HelpLine = tuple[tuple[str, ...], str]
"""Binding ids sharing one line of the keys screen (`n` / `p`), and what they do."""

HELP: tuple[tuple[str, tuple[HelpLine, ...]], ...] = (
    (
        "Listen",
        (
            (("play_pause",), "play or pause"),
            (("seek_back", "seek_forward"), "5 s back / on"),
            (("seek_back_long", "seek_forward_long"), "30 s back / on"),
            (("volume_down", "volume_up"), "softer / louder"),
            (("mute",), "mute or unmute"),
            (("offset_earlier", "offset_later"), "remarks earlier / later"),
        ),
    ),
    (
        "Move",
        (
            (("next_track", "previous_track"), "next / previous track"),
            (("next_remark", "previous_remark"), "next / previous remark"),
            (("next_link", "previous_link"), "select a link"),
            (("follow_link",), "follow the selected link"),
            (("back",), "back to before a jump"),
            (("follow",), "follow the music or not"),
            (("toggle_tracks",), "show or hide the tracks"),
            (("list_down", "list_up"), "down / up the track list"),
        ),
    ),
    (
        "Guide",
        (
            (("about",), "about this guide, its source"),
            (("themes",), "themes, and where each is heard"),
            (("glossary",), "terms this track uses"),
            (("search",), "search every word"),
            (("choose_music",), "choose your music folder"),
            (("help",), "these keys"),
            (("quit",), "quit (your place is kept)"),
        ),
    ),
    (
        "Write",
        (
            (("stamp",), "a new remark at this moment"),
            (("retime",), "move the remark heard to now"),
            (("undo",), "undo the last stamp or retime"),
            (("edit",), "open the guide in your editor"),
        ),
    ),
)
"""The keys screen, group by group (every binding of `KEYS` that does something, once)."""

FOOTER = (
    "play_pause",
    "next_track",
    "next_remark",
    "themes",
    "help",
    "quit",
    "about",
    "previous_remark",
    "previous_track",
    "follow",
    "toggle_tracks",
    "search",
)
"""The keys the footer shows, most needed first: as many as the width holds."""


def help_groups(keymap: Mapping[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys screen's groups as (title, [(keys as read, what they do)]) under `keymap`."""
    return [
        (title, [(_together([key_label(i, keymap) for i in ids]), text) for ids, text in lines])
        for title, lines in HELP
    ]


def _together(keys: list[str]) -> str:
    """Keys sharing a line: `n/p`, and `shift+←/→` when they share a modifier."""
    modifiers = {key.rpartition("+")[0] for key in keys}
    if len(keys) > 1 and len(modifiers) == 1 and "" not in modifiers:
        return f"{modifiers.pop()}+" + "/".join(key.rpartition("+")[2] for key in keys)
    return "/".join(keys)


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a keymap that no binding has."""
    return [binding_id for binding_id in keymap if binding_id not in REGISTRY]
