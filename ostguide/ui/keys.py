"""Textual's bindings, read from the catalogue of commands (`listening.commands`): each with the
command's id (for remapping in config.toml), its label (key line) and description (tooltip).
The listening screen's keys all run `action_run(id)`, the one dispatcher; a view's keys run that
view's own action."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.keys import format_key

from ..listening.commands import (
    APP,
    COMMANDS,
    Command,
    help_lines,
    key_hint,
    listening_keys,
    view_keys,
)

BindingList = list[Binding | tuple[str, str] | tuple[str, str, str]]
"""How Textual types `BINDINGS`, so that these lists can be assigned to it as they are."""


def bindings(commands: Iterable[Command], namespace: str = "") -> BindingList:
    """One binding per command; `namespace` (`app.`) reaches the app from a widget."""
    return [
        Binding(
            command.keys,
            f"{namespace}{_action(command)}",
            command.label,
            show=command.show,
            priority=command.priority,
            tooltip=command.description,
            id=command.id,
        )
        for command in commands
    ]


def _action(command: Command) -> str:
    """A view's own action, or the dispatcher with the command's id."""
    if command.screen not in ("", APP):
        return command.call
    return f"run({command.id!r})"


KEYS = bindings(listening_keys())
"""The listening screen's keys."""

ARROW_SEEKS = bindings((COMMANDS["seek_back"], COMMANDS["seek_forward"]), "app.")
"""The arrows seek even in widgets that would scroll sideways with them (the track list and the
commentary never need to), so these same bindings serve those widgets."""

THEMES_KEYS = bindings(view_keys("themes"))
GLOSSARY_KEYS = bindings(view_keys("glossary"))
HELP_KEYS = bindings(view_keys("help"))
ABOUT_KEYS = bindings(view_keys("about"))
PICKER_KEYS = bindings(view_keys("picker"))


def key_label(command_id: str, keymap: Mapping[str, str]) -> str:
    """The key of `key_hint` as the listener reads it: `]`, `space`, `←`, `⌫`."""
    *modifiers, key = key_hint(command_id, keymap).split("+")
    return "+".join([*modifiers, format_key(key)])


def help_groups(keymap: Mapping[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys screen's groups as (title, [(keys as read, what they do)]) under `keymap`."""
    return [
        (title, [(_together([key_label(i, keymap) for i in ids]), text) for ids, text in lines])
        for title, lines in help_lines()
    ]


def _together(keys: list[str]) -> str:
    """Keys sharing a line: `n/p`, and `shift+←/→` when they share a modifier."""
    modifiers = {key.rpartition("+")[0] for key in keys}
    if len(keys) > 1 and len(modifiers) == 1 and "" not in modifiers:
        return f"{modifiers.pop()}+" + "/".join(key.rpartition("+")[2] for key in keys)
    return "/".join(keys)
