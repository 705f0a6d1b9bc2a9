"""The one catalogue of commands: every key of every screen, and every command without a key that
the search, the themes view, a click or MPRIS runs, one row each.

A row names the method that does the command (the controller's, or with `screen` set, that
screen's action), its default keys, the words the key line and the keys screen (`?`) show, the
MPRIS method and the search hits it answers. The bindings, the keys screen, the key line, the ids
`[keys]` in config.toml may remap, the search's words and the MPRIS methods are all read from
here; `Listening.run(id)` and the screen's `action_run(id)` are the dispatchers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..guide.search import Kind

Arg = int | float | str
"""A row's own arguments: `seek` by -5, `cursor` by 1."""

APP = "app"
"""`Command.screen` of the listening screen's own actions (opening a view, folding the tracks)."""


@dataclass(frozen=True, slots=True)
class Command:
    """One command: what runs it, the keys that do, and how each place names it."""

    id: str
    """Names the command in config.toml's `[keys]`, in the bindings and to the dispatchers."""
    call: str
    """The method that does it: a controller command, or with `screen` set, that screen's action
    (`dismiss` on the keys screen, `themes` on the listening screen's app)."""
    args: tuple[Arg, ...] = ()
    """Arguments the call gets before any its caller adds."""
    keys: str = ""
    """The default keys, comma-separated (Textual's names: `space`, `left_square_bracket`)."""
    label: str = ""
    """The key line's word for it: `Play/pause`."""
    description: str = ""
    """What it does, in a sentence: the key's tooltip."""
    group: str = ""
    """The keys screen's group: Listen, Move, Guide or Write to the guide file (empty: not
    listed)."""
    help: str = ""
    """What the keys screen says of it (and of `pair`, on the same line)."""
    pair: str = ""
    """The id of the command sharing its line on the keys screen (`seek_forward` with
    `seek_back`: `←/→ 5 s back / on`)."""
    rank: int = 0
    """Its place on the key line, most needed first (0: not there)."""
    show: bool = True
    """Whether Textual lists the binding among the screen's keys."""
    priority: bool = False
    """Bound before any widget's own use of the key (tab, enter)."""
    mpris: str = ""
    """The MPRIS method (or property, `Volume`) that runs it."""
    palette: str = ""
    """What choosing a search hit does, for hits of the kinds in `finds`."""
    finds: tuple[Kind, ...] = ()
    """The kinds of search hit it answers."""
    screen: str = ""
    """Whose action `call` is when it is not the controller's: `APP`, or a view's name
    (`themes`, `glossary`, `help`, `about`) for the keys of that view."""


LISTEN = (
    Command(
        "play_pause",
        "toggle_pause",
        keys="space",
        label="Play/pause",
        description="Pause or resume the music",
        group="Listen",
        help="play or pause",
        rank=1,
        mpris="PlayPause",
    ),
    Command(
        "seek_back",
        "seek",
        (-5,),
        keys="left",
        label="-5s",
        description="Back 5 seconds",
        group="Listen",
        help="5 s back / on",
        pair="seek_forward",
    ),
    Command(
        "seek_forward", "seek", (5,), keys="right", label="+5s", description="Forward 5 seconds"
    ),
    Command(
        "seek_back_long",
        "seek",
        (-30,),
        keys="shift+left",
        label="-30s",
        description="Back 30 seconds",
        group="Listen",
        help="30 s back / on",
        pair="seek_forward_long",
        show=False,
    ),
    Command(
        "seek_forward_long",
        "seek",
        (30,),
        keys="shift+right",
        label="+30s",
        description="Forward 30 seconds",
        show=False,
    ),
    Command(
        "volume_down",
        "volume",
        (-1,),
        keys="minus",
        label="Vol-",
        description="Softer",
        group="Listen",
        help="softer / louder",
        pair="volume_up",
        show=False,
    ),
    Command(
        "volume_up",
        "volume",
        (1,),
        keys="plus,equals_sign",
        label="Vol+",
        description="Louder",
        show=False,
    ),
    Command(
        "mute",
        "mute",
        keys="m",
        label="Mute",
        description="Mute or unmute",
        group="Listen",
        help="mute or unmute",
        show=False,
    ),
    Command(
        "repeat",
        "toggle_repeat",
        keys="L",
        label="Repeat",
        description="Play this track again when it ends (mpv's L), or not",
        group="Listen",
        help="repeat this track, or not",
        show=False,
    ),
    Command(
        "ab_loop",
        "mark_loop",
        keys="b",
        label="A–B",
        description="Mark A, then B: the stretch between plays over and over; again, no loop",
        group="Listen",
        help="loop A–B: mark A, mark B, off",
        show=False,
    ),
    Command(
        "offset_earlier",
        "nudge",
        (-0.1,),
        keys="z",
        label="Earlier",
        description="Show every remark 100 ms earlier (timing offset)",
        group="Listen",
        help="remarks 100 ms earlier / later",
        pair="offset_later",
        show=False,
    ),
    Command(
        "offset_later",
        "nudge",
        (0.1,),
        keys="x",
        label="Later",
        description="Show every remark 100 ms later (timing offset)",
        show=False,
    ),
    Command(
        "offset_earlier_fine",
        "nudge",
        (-0.01,),
        keys="Z",
        label="Earlier",
        description="Show every remark 10 ms earlier (timing offset)",
        group="Listen",
        help="remarks 10 ms earlier / later",
        pair="offset_later_fine",
        show=False,
    ),
    Command(
        "offset_later_fine",
        "nudge",
        (0.01,),
        keys="X",
        label="Later",
        description="Show every remark 10 ms later (timing offset)",
        show=False,
    ),
    Command(
        "track_earlier",
        "nudge_track",
        (-0.1,),
        keys="comma",
        label="Track earlier",
        description="Show this track's remarks 100 ms earlier (its own offset, for another master)",
        group="Listen",
        help="this track's, 100 ms",
        pair="track_later",
        show=False,
    ),
    Command(
        "track_later",
        "nudge_track",
        (0.1,),
        keys="full_stop",
        label="Track later",
        description="Show this track's remarks 100 ms later (its own offset, for another master)",
        show=False,
    ),
    Command(
        "track_earlier_fine",
        "nudge_track",
        (-0.01,),
        keys="less_than_sign",
        label="Track earlier",
        description="Show this track's remarks 10 ms earlier (its own offset)",
        group="Listen",
        help="this track's, 10 ms",
        pair="track_later_fine",
        show=False,
    ),
    Command(
        "track_later_fine",
        "nudge_track",
        (0.01,),
        keys="greater_than_sign",
        label="Track later",
        description="Show this track's remarks 10 ms later (its own offset)",
        show=False,
    ),
)
"""The keys screen's first group: the music and its timing."""

MOVE = (
    Command(
        "next_track",
        "next_track",
        keys="n",
        label="Next",
        description="Next track (paused, if the music is)",
        group="Move",
        help="next / previous track, pause kept",
        pair="previous_track",
        rank=2,
        mpris="Next",
    ),
    Command(
        "previous_track",
        "previous_track",
        keys="p",
        label="Prev",
        description="Previous track (after 3 s, the start of this one)",
        rank=9,
        mpris="Previous",
    ),
    Command(
        "next_remark",
        "next_remark",
        keys="right_square_bracket",
        label="Remark ▸",
        description="Next remark",
        group="Move",
        help="next / previous remark",
        pair="previous_remark",
        rank=3,
    ),
    Command(
        "previous_remark",
        "previous_remark",
        keys="left_square_bracket",
        label="◂ Remark",
        description="Previous remark",
        rank=8,
    ),
    Command(
        "next_link",
        "select_link",
        (1,),
        keys="tab",
        label="Link ▸",
        description="Select the next link of this track's commentary",
        group="Move",
        help="select a link",
        pair="previous_link",
        show=False,
        priority=True,
    ),
    Command(
        "previous_link",
        "select_link",
        (-1,),
        keys="shift+tab",
        label="◂ Link",
        description="Select the previous link of this track's commentary",
        show=False,
        priority=True,
    ),
    Command(
        "follow_link",
        "follow_selected_link",
        keys="enter",
        label="Go",
        description="Follow the selected link",
        group="Move",
        help="follow the selected link",
        show=False,
        priority=True,
    ),
    Command(
        "back",
        "back",
        keys="backspace",
        label="Back",
        description="Return to where you were before a jump",
        group="Move",
        help="back to before a jump",
        show=False,
    ),
    Command(
        "follow",
        "toggle_follow",
        keys="f",
        label="Follow",
        description="Keep the remark being heard in view, or stop following",
        group="Move",
        help="follow the music or not",
        rank=10,
    ),
    Command(
        "intro",
        "toggle_intro",
        keys="h",
        label="Intro",
        description="Keep this track's introduction in view above the remarks (following goes on)",
        group="Move",
        help="keep the introduction in view",
        show=False,
        screen=APP,
    ),
    Command(
        "toggle_tracks",
        "toggle_tracks",
        keys="l",
        label="Tracks",
        description="Show or hide the track list",
        group="Move",
        help="show or hide the tracks",
        rank=11,
        screen=APP,
    ),
    Command(
        "list_down",
        "cursor",
        (1,),
        keys="j",
        label="Down",
        description="Move down the track list",
        group="Move",
        help="down / up the track list",
        pair="list_up",
        show=False,
        screen=APP,
    ),
    Command(
        "list_up",
        "cursor",
        (-1,),
        keys="k",
        label="Up",
        description="Move up the track list",
        show=False,
        screen=APP,
    ),
)
"""The keys screen's second group: moving in the album and the commentary."""

GUIDE = (
    Command(
        "about",
        "about",
        keys="a",
        label="About",
        description="About this guide: its source and introduction",
        group="Guide",
        help="about this guide, its source",
        rank=7,
        palette="read about this guide",
        finds=(Kind.ABOUT,),
        screen=APP,
    ),
    Command(
        "themes",
        "themes",
        keys="t",
        label="Themes",
        description="Themes and every place they are stated",
        group="Guide",
        help="themes, and where each is heard",
        rank=4,
        screen=APP,
    ),
    Command(
        "glossary",
        "glossary",
        keys="g",
        label="Terms",
        description="Explain the musical terms this track's commentary uses",
        group="Guide",
        help="terms this track uses",
        show=False,
        screen=APP,
    ),
    Command(
        "search",
        "command_palette",
        keys="ctrl+p,slash",
        label="Search",
        description="Search every word of the guide, or go to a time (2:31) or a track (12)",
        group="Guide",
        help="search; 2:31, 12 or 12 2:31 go there",
        rank=12,
        show=False,
        screen=APP,
    ),
    Command(
        "choose_music",
        "choose_music",
        keys="o",
        label="Music",
        description="Choose the folder your music is in (remembered, as --music is)",
        group="Guide",
        help="choose your music folder",
        show=False,
        screen=APP,
    ),
    Command(
        "help",
        "help",
        keys="question_mark",
        label="Keys",
        description="Show every key",
        group="Guide",
        help="these keys",
        rank=5,
        screen=APP,
    ),
    Command(
        "quit",
        "quit",
        keys="q",
        label="Quit",
        description="Quit (your place is remembered)",
        group="Guide",
        help="quit (your place is kept)",
        rank=6,
    ),
)
"""The keys screen's third group: what there is to read, and leaving."""

WRITE = (
    Command(
        "stamp",
        "stamp",
        keys="i",
        label="Stamp",
        description="Insert a remark at the current time",
        group="Write to the guide file",
        help="a new remark at this moment",
    ),
    Command(
        "retime",
        "retime",
        keys="r",
        label="Retime",
        description="Move the highlighted remark to the current time",
        group="Write to the guide file",
        help="move the remark heard to now",
        show=False,
    ),
    Command(
        "undo",
        "undo",
        keys="u",
        label="Undo",
        description="Undo the last stamp or retime",
        group="Write to the guide file",
        help="undo the last stamp or retime",
        show=False,
    ),
    Command(
        "edit",
        "edit",
        keys="e",
        label="Edit",
        description="Open the guide in your editor at this remark",
        group="Write to the guide file",
        help="open the guide in your editor",
    ),
)
"""The keys screen's last group: timing and editing the guide."""

WITHOUT_KEYS = (
    Command("play", "set_paused", (False,), mpris="Play"),
    Command("pause", "set_paused", (True,), mpris="Pause"),
    Command("stop", "stop", mpris="Stop"),
    Command("seek", "seek", mpris="Seek"),
    Command("seek_to", "seek_to", mpris="SetPosition"),
    Command("set_volume", "set_volume", mpris="Volume"),
    Command(
        "play_track",
        "play_track",
        palette="play this track",
        finds=(Kind.TRACK, Kind.TRACK_INTRO),
    ),
    Command("go_to", "go_to", palette="go there"),
    Command("play_remark", "play_remark", palette="play from this remark", finds=(Kind.REMARK,)),
    Command("visit_track", "visit_track"),
    Command(
        "tour_theme",
        "tour_theme",
        palette="play every track that states it, in turn",
        finds=(Kind.THEME,),
    ),
    Command("seek_remark", "seek_remark"),
    Command("follow_href", "follow_link"),
    Command("stop_following", "stop_following"),
    Command("look_in", "look_in"),
    Command("explain", "explain", palette="read the definition", finds=(Kind.TERM,), screen=APP),
)
"""Commands that MPRIS, the search, the themes view, the folder picker or the mouse runs (with
their arguments)."""

VIEWS = (
    Command(
        "themes.play",
        "choose",
        keys="enter",
        label="Play",
        description="Play the entry under the cursor",
        screen="themes",
    ),
    Command(
        "themes.close",
        "dismiss_none",
        keys="escape,t,q",
        label="Close",
        description="Close the themes",
        screen="themes",
    ),
    Command(
        "glossary.close",
        "dismiss",
        keys="escape,g,q",
        label="Close",
        description="Close the terms",
        screen="glossary",
    ),
    Command(
        "help.close",
        "dismiss",
        keys="escape,question_mark,q",
        label="Close",
        description="Close the keys",
        screen="help",
    ),
    Command(
        "about.close",
        "dismiss",
        keys="escape,a,q",
        label="Close",
        description="Close the about screen",
        screen="about",
    ),
    Command(
        "picker.close",
        "dismiss",
        keys="escape",
        label="Cancel",
        description="Close without choosing",
        screen="picker",
    ),
)
"""The keys of the views opened over the listening screen."""

CATALOGUE = (*LISTEN, *MOVE, *GUIDE, *WRITE, *WITHOUT_KEYS, *VIEWS)
"""Every command, the listening screen's keys in the keys screen's order."""

COMMANDS = {command.id: command for command in CATALOGUE}
"""Every command by id."""

KEYED = {command.id: command for command in CATALOGUE if command.keys}
"""The commands with keys, by id: the ids `[keys]` in config.toml may name."""

MPRIS = {command.mpris: command.id for command in CATALOGUE if command.mpris}
"""The command each MPRIS method runs, by the method's name."""

KEY_LINE = tuple(
    command.id for command in sorted(CATALOGUE, key=lambda command: command.rank) if command.rank
)
"""The key line's commands, most needed first: as many as the width holds."""


def listening_keys() -> tuple[Command, ...]:
    """The listening screen's keys, in the keys screen's order."""
    return tuple(command for command in CATALOGUE if command.keys and command.screen in ("", APP))


def view_keys(screen: str) -> tuple[Command, ...]:
    """The keys of one view over the listening screen (`themes`, `help`)."""
    return tuple(command for command in CATALOGUE if command.keys and command.screen == screen)


HelpLine = tuple[tuple[str, ...], str]
"""Command ids sharing one line of the keys screen (`n` / `p`), and what they do."""


def help_lines() -> tuple[tuple[str, tuple[HelpLine, ...]], ...]:
    """The keys screen, group by group: each line's command ids and what they do."""
    groups: dict[str, list[HelpLine]] = {}
    for command in CATALOGUE:
        if command.group:
            ids = (command.id, command.pair) if command.pair else (command.id,)
            groups.setdefault(command.group, []).append((ids, command.help))
    return tuple((title, tuple(lines)) for title, lines in groups.items())


def for_hit(kind: Kind) -> Command:
    """The command a search hit of this kind runs."""
    return next(command for command in CATALOGUE if kind in command.finds)


def key_hint(command_id: str, keymap: Mapping[str, str]) -> str:
    """The key that runs a command under the listener's keymap (the first, if several), for
    hints written in text such as "following off (f)"."""
    keys = keymap.get(command_id) or KEYED[command_id].keys
    return keys.split(",")[0].strip()


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a keymap that no key has."""
    return [command_id for command_id in keymap if command_id not in KEYED]
