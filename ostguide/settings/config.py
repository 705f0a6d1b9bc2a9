"""The user's `config.toml`: volume, theme, key bindings, a player to follow and, per guide, the
music folder, a timing offset and a player to follow.

```toml
volume = 80
theme = "nord"
place_remarks = true   # approximate remarks move to the change they describe in your file
snap_stamps = true     # `i` stamps the onset you reacted to, up to 1.5 s before the key

[keys]
play_pause = "space"

[guides.noein]
music = "~/Music/Noein"
offset = 0.25
follow = "mpd"       # or globally, above the tables: follow = "mpris"

[guides.noein.track_offsets]   # single tracks, on top of the guide's offset
"07" = -0.12                   # track 7 ("2-03": disc 2, track 3)
```

The file is the user's. It is read with the standard library's tomllib and changed key by key
with tomlkit (imported only then), so comments, ordering and formatting survive; it is written
only when a value really changes, and never while it is broken.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ostguide import paths
from ostguide.atomic import read_regular, write_atomically
from ostguide.settings.problems import (
    ConfigError,
    ConfigProblem,
    dotted,
    editable,
    parse,
    value_problem,
)

T = TypeVar("T")

DEFAULT_VOLUME = 100
"""Volume when the config sets none: the file as it is, the system mixer governs."""
DEFAULT_OFFSET = 0.0
"""Timing offset of a guide when the config sets none."""
MAX_BYTES = 1_000_000
"""A larger config file is not read (a config with a section for each of 1,000 guides fits)."""

_Missing = object()
"""The value at a key path that is absent (or below something that is not a table)."""


@dataclass(frozen=True, slots=True)
class _Field(Generic[T]):
    """How one kind of config value is read: a converter and what the user should write."""

    convert: Callable[[object], T | None]
    """The typed value, or None if the raw TOML value is not acceptable."""
    expected: str
    """The end of `<key> must be ...`, saying what to write instead."""


def _volume(value: object) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100:
        return round(value)
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _switch(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _seconds(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


_VOLUME = _Field(_volume, "a number from 0 to 100")
_THEME = _Field(_text, 'a theme name in quotes, like "nord"')
_KEY = _Field(_text, 'a key in quotes, like "space", or several: "space,p"')
_MUSIC = _Field(_text, 'a folder in quotes, like "~/Music/Noein"')
_OFFSET = _Field(_seconds, "a number of seconds, like 0.25 or -1.5")
_FOLLOW = _Field(_text, 'a player in quotes, like "mpd", "mpris" or "mpv:/run/user/1000/mpv.sock"')
_SWITCH = _Field(_switch, "true or false")
TRACK_KEY = re.compile(r"(?:([0-9]{1,3})-)?([0-9]{1,3})")
"""A track as a key of `track_offsets`: `07`, or `2-03` on disc 2."""


def _table_expected(key_path: tuple[str, ...]) -> str:
    return f"a table: write [{dotted(key_path)}] on a line of its own and its keys below it"


Values = Mapping[str, Any]
"""The config's values as plain Python (tables as dicts)."""


def _lookup(document: Values, key_path: tuple[str, ...]) -> object:
    """The value at `key_path`, or `_Missing`."""
    value: object = document
    for key in key_path:
        if not isinstance(value, Mapping) or key not in value:
            return _Missing
        value = value[key]
    return value


def _tables(document: Values, key_path: tuple[str, ...]) -> dict[str, object]:
    """The table at `key_path` as plain Python; empty if absent or not a table."""
    value = _lookup(document, key_path)
    return value if isinstance(value, dict) else {}


def _read(document: Values, key_path: tuple[str, ...], field: _Field[T]) -> T | None:
    """The typed value at `key_path`, or None if absent or wrong (see `Config.problems`)."""
    value = _lookup(document, key_path)
    return None if value is _Missing else field.convert(value)


def _check(document: Values) -> list[tuple[tuple[str, ...], str]]:
    """Every wrong value in `document` as (key path, message), in a fixed order."""
    found: list[tuple[tuple[str, ...], str]] = []

    def check(key_path: tuple[str, ...], field: _Field[T]) -> None:
        value = _lookup(document, key_path)
        if value is not _Missing and field.convert(value) is None:
            found.append((key_path, f"{dotted(key_path)} must be {field.expected}"))

    def check_table(key_path: tuple[str, ...]) -> bool:
        value = _lookup(document, key_path)
        if value is _Missing:
            return False
        if not isinstance(value, dict):
            found.append((key_path, f"{dotted(key_path)} must be {_table_expected(key_path)}"))
            return False
        return True

    check(("volume",), _VOLUME)
    check(("theme",), _THEME)
    check(("follow",), _FOLLOW)
    check(("place_remarks",), _SWITCH)
    check(("snap_stamps",), _SWITCH)
    if check_table(("keys",)):
        for binding in _tables(document, ("keys",)):
            check(("keys", binding), _KEY)
    if check_table(("guides",)):
        for guide in _tables(document, ("guides",)):
            if check_table(("guides", guide)):
                check(("guides", guide, "music"), _MUSIC)
                check(("guides", guide, "offset"), _OFFSET)
                check(("guides", guide, "follow"), _FOLLOW)
                if check_table(("guides", guide, "track_offsets")):
                    for track in _tables(document, ("guides", guide, "track_offsets")):
                        key_path = ("guides", guide, "track_offsets", track)
                        if not TRACK_KEY.fullmatch(track):
                            found.append((key_path, f'{dotted(key_path)} must name a track: "07"'))
                        check(key_path, _OFFSET)
    return found


def _put(
    document: MutableMapping[str, Any],
    key_path: tuple[str, ...],
    value: str | int | float,
    table: Callable[[bool], MutableMapping[str, Any]] = lambda above: {},
) -> None:
    """Set one value, creating the tables above it (`table(above)`: a new table, `above`
    another one), and leave the document alone if it is equal.

    Something that is in the way of a table (only in a broken config) is replaced.
    """
    if _lookup(document, key_path) == value:
        return
    container = document
    for depth, key in enumerate(key_path[:-1]):
        child = container.get(key)
        if not isinstance(child, MutableMapping):
            child = table(depth < len(key_path) - 2)
            container[key] = child
        container = child
    container[key_path[-1]] = value


def _section(above: bool) -> MutableMapping[str, Any]:
    """A new table of the user's file: a `[section]` of its own (or one only above another)."""
    import tomlkit

    return tomlkit.table(is_super_table=above)


class Config:
    """The user's config.toml: typed accessors, setters that change one key, and `save()`.

    Accessors never fail: a value that is absent, or wrong (listed in `problems`), reads as the
    default. Setters change the value in memory at once and remember it for `save()`.
    """

    def __init__(
        self, path: Path, text: str, document: dict[str, Any], problems: tuple[ConfigProblem, ...]
    ) -> None:
        """Use `Config.load` or `load_config` rather than this."""
        self.path = path
        """The file this config is read from and saved to."""
        self._text = text
        self._document = document
        self._problems = problems
        self._changes: dict[tuple[str, ...], str | int | float] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        """Read `path` (by default `paths.config_file()`); a missing file is an empty config.

        Raises ConfigError listing every problem: the file cannot be read, is not TOML (one
        problem, where parsing stopped), or has values of the wrong kind (one problem for each).
        """
        config = cls._read(paths.config_file() if path is None else path)
        if config.problems:
            raise ConfigError(config.problems)
        return config

    @classmethod
    def _read(cls, path: Path) -> Config:
        """The config in `path` with its problems; raises ConfigError if it cannot be parsed."""
        try:
            data = read_regular(path, MAX_BYTES)
        except FileNotFoundError:
            data = b""
        except OSError as error:
            reason = error.strerror or str(error)
            advice = f"cannot read the file ({reason}); check that it is a file you can read"
            raise ConfigError([ConfigProblem(path, None, None, advice)]) from error
        text, document = parse(path, data)
        located = [value_problem(path, text, key, message) for key, message in _check(document)]
        problems = tuple(
            sorted(located, key=lambda problem: (problem.line or 0, problem.column or 0))
        )
        return cls(path, text, document, problems)

    @property
    def problems(self) -> tuple[ConfigProblem, ...]:
        """What was wrong with the file when it was read; empty for a good config."""
        return self._problems

    @property
    def volume(self) -> int:
        """Playback volume from 0 to 100."""
        volume = _read(self._document, ("volume",), _VOLUME)
        return DEFAULT_VOLUME if volume is None else volume

    @property
    def theme(self) -> str | None:
        """Name of the Textual theme to use, or None for the app's default."""
        return _read(self._document, ("theme",), _THEME)

    @property
    def place_remarks(self) -> bool:
        """Whether approximate remarks are placed on the changes heard in the listener's file."""
        return _read(self._document, ("place_remarks",), _SWITCH) is not False

    @property
    def snap_stamps(self) -> bool:
        """Whether a stamp goes back to the onset the author reacted to."""
        return _read(self._document, ("snap_stamps",), _SWITCH) is not False

    def keys(self) -> dict[str, str]:
        """Key bindings the user set: binding id → Textual key string (comma-separated keys).

        The ids are not checked here, since the screen owns them; it can report an unknown one
        with `problem_at(("keys", binding_id), message)`.
        """
        bindings: dict[str, str] = {}
        for binding in _tables(self._document, ("keys",)):
            key = _read(self._document, ("keys", binding), _KEY)
            if key is not None:
                bindings[binding] = key
        return bindings

    def music_dir(self, guide: str) -> Path | None:
        """The folder the user chose for `guide`'s music, or None.

        `~` is expanded; a relative path is taken from the config file's folder, so it means the
        same wherever ostguide is started.
        """
        music = _read(self._document, ("guides", guide, "music"), _MUSIC)
        return None if music is None else self.path.parent / Path(music).expanduser()

    def offset(self, guide: str) -> float:
        """Seconds to add to every time stamp of `guide` (positive: remarks come later)."""
        offset = _read(self._document, ("guides", guide, "offset"), _OFFSET)
        return DEFAULT_OFFSET if offset is None else offset

    def track_offsets(self, guide: str) -> dict[str, float]:
        """Seconds to add to the time stamps of single tracks of `guide`, on top of its offset,
        by track (`07`, `2-03`); wrong entries are left out (see `Config.problems`)."""
        table = _tables(self._document, ("guides", guide, "track_offsets"))
        offsets = {track: _seconds(value) for track, value in table.items()}
        return {
            track: seconds
            for track, seconds in offsets.items()
            if seconds is not None and TRACK_KEY.fullmatch(track)
        }

    def follow(self, guide: str) -> str | None:
        """The player to follow for `guide` (its own setting, else the global one), or None."""
        own = _read(self._document, ("guides", guide, "follow"), _FOLLOW)
        return own or _read(self._document, ("follow",), _FOLLOW)

    def set_volume(self, volume: int) -> None:
        """Change the volume (0–100); raises ValueError outside that range."""
        if not 0 <= volume <= 100:
            raise ValueError(f"volume must be from 0 to 100, not {volume}")
        if volume != self.volume:
            self._change(("volume",), volume)

    def set_theme(self, theme: str) -> None:
        """Change the theme; raises ValueError for an empty name."""
        if not theme.strip():
            raise ValueError("a theme name cannot be empty")
        if theme != self.theme:
            self._change(("theme",), theme)

    def set_music_dir(self, guide: str, folder: Path) -> None:
        """Remember `folder` (stored as an absolute path) as the music of `guide`."""
        absolute = folder.expanduser().absolute()
        if absolute != self.music_dir(guide):
            self._change(("guides", guide, "music"), str(absolute))

    def set_offset(self, guide: str, seconds: float) -> None:
        """Change the timing offset of `guide`, kept to the millisecond.

        Raises ValueError for an infinite or NaN offset.
        """
        if not math.isfinite(seconds):
            raise ValueError(f"an offset must be a finite number of seconds, not {seconds}")
        rounded = round(seconds, 3)
        if rounded != self.offset(guide):
            self._change(("guides", guide, "offset"), rounded)

    def set_track_offset(self, guide: str, track: str, seconds: float) -> None:
        """Change the timing offset of one track of `guide` (`07`), kept to the millisecond.

        Raises ValueError for an infinite or NaN offset, or a key that is not a track.
        """
        if not math.isfinite(seconds) or not TRACK_KEY.fullmatch(track):
            raise ValueError(f"not a track's offset: {track} = {seconds}")
        rounded = round(seconds, 3)
        if rounded != self.track_offsets(guide).get(track):
            self._change(("guides", guide, "track_offsets", track), rounded)

    def _change(self, key_path: tuple[str, ...], value: str | int | float) -> None:
        _put(self._document, key_path, value)
        self._changes[key_path] = value

    def problem_at(self, key_path: tuple[str, ...], message: str) -> ConfigProblem:
        """A problem the caller found with the value at `key_path`, located in the file as read.

        For checks only the caller can make, such as a binding id the screen does not know; the
        key path must exist in the file.
        """
        return value_problem(self.path, self._text, key_path, message)

    def save(self) -> bool:
        """Write the values changed since loading; True if the file was written.

        Nothing is read or written when nothing changed. Otherwise the file is read again, so
        edits the user made meanwhile are kept, the changes are applied to it key by key and it is
        replaced atomically (its folder is created if needed). A file that is broken now, however
        it was when loaded, is never overwritten: ConfigError is raised and the changes stay
        pending, to be written by a later `save()` once the user has fixed the file.
        """
        if not self._changes:
            return False
        current = Config._read(self.path)
        if current.problems:
            raise ConfigError(current.problems)
        document = editable(self.path, current._text)
        for key_path, value in self._changes.items():
            _put(document, key_path, value, _section)
        text = document.as_string()
        written = text != current._text
        if written:
            write_atomically(self.path, text.encode("utf-8"), through_link=True)
        self._text, self._document, self._problems = text, document.unwrap(), ()
        self._changes.clear()
        return written


def load_config(path: Path | None = None) -> tuple[Config, tuple[ConfigProblem, ...]]:
    """The config to run with, and what is wrong with the file; never raises for a broken file.

    For wrong values the config keeps everything else the user set and reads each wrong value as
    its default; for a file that cannot be read or parsed it is all defaults. Either way the app
    can run and show the problems, and `save()` refuses to overwrite the file while it is broken.
    """
    config_path = paths.config_file() if path is None else path
    try:
        config = Config._read(config_path)
    except ConfigError as error:
        return Config(config_path, "", {}, error.problems), error.problems
    return config, config.problems
