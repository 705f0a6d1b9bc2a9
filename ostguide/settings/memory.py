"""What ostguide remembers about listening to one guide: the place, the sound, the music folder
and the timing offset; and the listener's other choices it reads (theme, keys, placing remarks and
snapping stamps on the music). Each change is saved when it happens, so a killed app loses nothing
it showed as changed; what goes wrong comes back as sentences for the screen.

The user's `config.toml` keeps what the user chose (volume, offset, a folder given with --music);
ostguide's `state.json` keeps what it noticed (the place, a folder found by searching).
"""

from __future__ import annotations

from pathlib import Path

from ..guide.model import TrackId
from .background import Background
from .config import TRACK_KEY, Config
from .problems import ConfigError
from .state import State


class SettingsMemory:
    """The config and the state, seen from one guide."""

    def __init__(self, guide: str, config: Config, state: State) -> None:
        self.guide = guide
        """The guide's name."""
        self._config = config
        self._state = state
        self._background = Background()
        self._state_failing = False
        """The last save of the state failed (and the listener was told)."""

    @property
    def volume(self) -> float:
        """The volume to start at, 0 to 1."""
        return self._config.volume / 100

    @property
    def offset(self) -> float:
        """The guide's timing offset in seconds."""
        return self._config.offset(self.guide)

    @property
    def track_offsets(self) -> dict[TrackId, float]:
        """The offsets of single tracks, on top of the guide's, by track."""
        offsets = self._config.track_offsets(self.guide)
        return {_track(key): seconds for key, seconds in offsets.items()}

    @property
    def theme(self) -> str | None:
        """The Textual theme the listener chose, if any."""
        return self._config.theme

    @property
    def place_remarks(self) -> bool:
        """Whether approximate remarks move to the changes heard in the listener's files."""
        return self._config.place_remarks

    @property
    def snap_stamps(self) -> bool:
        """Whether a stamp goes back to the onset the author reacted to."""
        return self._config.snap_stamps

    @property
    def follow(self) -> str | None:
        """The player to follow (`follow = "…"`, the guide's own or the global one), if any."""
        return self._config.follow(self.guide)

    @property
    def config_path(self) -> Path:
        """The user's config file, for messages about what it says."""
        return self._config.path

    @property
    def keys(self) -> dict[str, str]:
        """The listener's key bindings by binding id (`[keys]`)."""
        return self._config.keys()

    def key_problem(self, binding_id: str, message: str) -> str:
        """`message` about a binding id of `[keys]`, as file:line:column: message."""
        return str(self._config.problem_at(("keys", binding_id), message))

    @property
    def music(self) -> Path | None:
        """The folder the listener gave for this guide before, else the one a search found."""
        return self._config.music_dir(self.guide) or self._state.found_music(self.guide)

    def resume(self) -> tuple[TrackId, float] | None:
        """The track and position where the listener left this guide, if known."""
        point = self._state.resume_point(self.guide)
        if point is None:
            return None
        return TrackId(point.disc, point.number), point.position

    def left_paused(self) -> bool:
        """Whether the listener had paused when they left this guide."""
        point = self._state.resume_point(self.guide)
        return point is not None and point.paused

    def opened_before(self) -> bool:
        """Whether this guide was opened before (ask before `opened`, which makes it so)."""
        return self._state.opened_before(self.guide)

    def opened(self) -> list[str]:
        """Note this guide as the one listened to last."""
        self._state.opened(self.guide)
        return self._save_state("the guide listened to last")

    def place(
        self, track: TrackId, position: float, paused: bool = False, *, later: bool = False
    ) -> list[str]:
        """Remember where the listener is, and whether they paused there (`later`: written in
        a thread, for the saves made while the music plays; what failed is said at the next
        save). A place that is no place, a negative or infinite position, is said, not raised:
        quitting must never fail."""
        try:
            self._state.remember(self.guide, track.disc, track.number, position, paused)
        except ValueError as error:
            return [f"could not remember your place: {error}"]
        if not later:
            return self._save_state("your place")
        said = self._background_problems()
        self._state.save(self._background.write)
        return said

    def settle(self) -> None:
        """Return once the saves made in the background are written."""
        self._background.wait()

    def set_volume(self, volume: float) -> list[str]:
        """Remember the volume (0 to 1)."""
        self._config.set_volume(round(volume * 100))
        return self._save_config()

    def set_offset(self, seconds: float) -> list[str]:
        """Remember the guide's timing offset."""
        self._config.set_offset(self.guide, seconds)
        return self._save_config()

    def set_track_offset(self, track: TrackId, seconds: float) -> list[str]:
        """Remember one track's own timing offset."""
        self._config.set_track_offset(self.guide, str(track), seconds)
        return self._save_config()

    def music_given(self, folder: Path) -> list[str]:
        """Remember a folder the listener named (in their config)."""
        self._config.set_music_dir(self.guide, folder)
        return self._save_config()

    def kept_at(self, file: Path | None) -> list[str]:
        """Remember where this guide's file lies when it is outside the guide folder (None when it
        is not), so that its name opens it."""
        self._state.keep_file(self.guide, file)
        return self._save_state("where the guide is")

    def music_found(self, folder: Path) -> list[str]:
        """Remember a folder a search found (in ostguide's state)."""
        self._state.remember_music(self.guide, folder)
        return self._save_state("the music folder")

    def _save_state(self, what: str) -> list[str]:
        """Write the state now, once the place handed to the background is written (which
        would otherwise land over it)."""
        self._background.wait()
        said = self._background_problems()
        try:
            self._state.save()
        except (OSError, ValueError) as error:
            return [*said, *self._failed(what, error)]
        self._state_failing = False
        return said

    def _background_problems(self) -> list[str]:
        """What failed to be written in the background (the place: the state then counts as
        unsaved, so that it is written again)."""
        problems = self._background.problems()
        if problems:
            self._state.unsaved()
        return [said for error in problems for said in self._failed("your place", error)]

    def _failed(self, what: str, error: Exception) -> list[str]:
        """A save that failed, said once until one succeeds (the place is saved every few
        seconds); what was to be remembered is kept in memory until ostguide ends."""
        if self._state_failing:
            return []
        self._state_failing = True
        return [
            f"could not remember {what} in {self._state.path}: {error}; ostguide keeps it "
            "until you quit (this is said once)"
        ]

    def _save_config(self) -> list[str]:
        """Write the user's config if something changed (a broken file is reported, never
        touched)."""
        try:
            self._config.save()
        except ConfigError as error:
            return [f"your settings were not saved:\n{error}"]
        except OSError as error:
            return [f"could not save {self._config.path}: {error.strerror or error}"]
        return []


def _track(key: str) -> TrackId:
    """The track a key of `track_offsets` names (`07`, `2-03`); the config checked its form."""
    found = TRACK_KEY.fullmatch(key)
    assert found is not None
    disc, number = found.groups()
    return TrackId(int(disc or 1), int(number))
