"""What ostguide remembers between runs: the last guide opened and, per guide, where listening
stopped, the music folder a search last found, whether it was ever opened (for the notice
shown the first time), and where the guide's file is when it lies outside the guide folder (so
that `ostguide NAME` finds it).

The state is ours, not the user's: JSON in `paths.state_dir() / "state.json"`, replaced atomically
on every save so that a crash or `kill -9` leaves the previous state or the new one, never half of
either. A file that cannot be used is moved aside, not lost, and ostguide starts afresh.

```json
{"version": 1, "last_guide": "noein",
 "guides": {"noein": {"disc": 1, "number": 7, "position": 83.5, "music": "/music/Noein",
                      "opened": true},
            "mine": {"file": "/home/me/drafts/mine.md"}}}
```
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ostguide import paths
from ostguide.atomic import read_regular, write_atomically

VERSION = 1
"""Version of the state file's layout."""
MAX_BYTES = 4_000_000
"""A larger state file is not read (it is set aside): each guide takes about 100 bytes."""


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """Where listening to a guide stopped."""

    disc: int
    """Disc of the track (1 on single-disc albums)."""
    number: int
    """Number of the track on its disc."""
    position: float
    """Seconds into the track."""
    paused: bool = False
    """Whether the listener had paused there (the guide opens paused again)."""


@dataclass(frozen=True, slots=True)
class GuideMemory:
    """What is remembered about one guide."""

    resume: ResumePoint | None = None
    """Where listening stopped, if it ever started."""
    music: Path | None = None
    """The music folder a search last found for the guide, if any."""
    opened: bool = False
    """Whether the guide was opened (a resume point says so too: files from before this field)."""
    file: Path | None = None
    """The guide's file, when it lies outside the guide folder (`ostguide new -o`, or a guide
    opened by its path)."""


def _whole(value: object, what: str) -> int:
    """Disc and track numbers start at 0: CDs can hide a track 0 before track 1."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError(f"{what} must be a whole number from 0, not {value!r}")


def _seconds(value: object, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < math.inf:
        return float(value)
    raise ValueError(f"{what} must be a number of seconds, not {value!r}")


def _resume_point(
    disc: object, number: object, position: object, paused: object = False
) -> ResumePoint:
    """A checked resume point; raises ValueError naming the first bad value."""
    if not isinstance(paused, bool):
        raise ValueError(f"paused must be true or false, not {paused!r}")
    return ResumePoint(
        _whole(disc, "disc"), _whole(number, "number"), _seconds(position, "position"), paused
    )


def _decode(data: bytes) -> tuple[str | None, dict[str, GuideMemory]]:
    """The last guide and the per-guide memories in a state file; ValueError if malformed."""
    try:
        document = json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply to be a state file") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ValueError(f"not a version {VERSION} state file")
    last_guide = document.get("last_guide")
    guides = document.get("guides", {})
    if not (last_guide is None or isinstance(last_guide, str)) or not isinstance(guides, dict):
        raise ValueError("last_guide must be a name and guides an object")
    memories: dict[str, GuideMemory] = {}
    for guide, entry in guides.items():
        if not isinstance(entry, dict):
            raise ValueError(f"the entry of guide {guide!r} is not an object")
        resume = None
        if "disc" in entry:
            resume = _resume_point(
                entry["disc"],
                entry.get("number"),
                entry.get("position"),
                entry.get("paused", False),
            )
        music = entry.get("music")
        if not (music is None or isinstance(music, str)):
            raise ValueError(f"the music folder of guide {guide!r} is not a path")
        opened = entry.get("opened", False)
        if not isinstance(opened, bool):
            raise ValueError(f"'opened' of guide {guide!r} is not true or false")
        file = entry.get("file")
        if not (file is None or (isinstance(file, str) and Path(file).is_absolute())):
            raise ValueError(f"the file of guide {guide!r} is not an absolute path")
        memories[guide] = GuideMemory(resume, _path(music), opened, _path(file))
    return last_guide, memories


def _path(text: str | None) -> Path | None:
    """A path read from the state file (None stays None)."""
    return None if text is None else Path(text)


def _encode(last_guide: str | None, memories: dict[str, GuideMemory]) -> bytes:
    guides: dict[str, dict[str, object]] = {}
    for guide, memory in memories.items():
        entry: dict[str, object] = {}
        if memory.resume is not None:
            entry.update(dataclasses.asdict(memory.resume))
            if not memory.resume.paused:
                del entry["paused"]  # files stay as they were before the field
        if memory.music is not None:
            entry["music"] = str(memory.music)
        if memory.opened:
            entry["opened"] = True
        if memory.file is not None:
            entry["file"] = str(memory.file)
        guides[guide] = entry
    document = {"version": VERSION, "last_guide": last_guide, "guides": guides}
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")


class State:
    """What ostguide remembers; change it with `opened`, `remember` and `remember_music`, then
    `save()` (cheap to call often: it writes only when something changed)."""

    def __init__(
        self,
        path: Path,
        last_guide: str | None = None,
        memories: dict[str, GuideMemory] | None = None,
    ) -> None:
        """Use `State.load` rather than this, except for a state that is never saved in place."""
        self.path = path
        """The file the state is saved to."""
        self._last_guide = last_guide
        self._memories = dict(memories or {})
        self._saved = _encode(self._last_guide, self._memories)

    @classmethod
    def load(cls) -> tuple[State, str | None]:
        """The remembered state and a warning for the user, or None if all went well.

        A missing file is an empty state. A file that cannot be read or is not a state file is
        renamed to `state.json.broken-<timestamp>` next to it and an empty state is used; the
        warning says so (and where the file went). Nothing here raises for a bad state file.
        """
        path = paths.state_dir() / "state.json"
        try:
            last_guide, memories = _decode(read_regular(path, MAX_BYTES))
        except FileNotFoundError:
            return cls(path), None
        except (OSError, ValueError) as error:
            return cls(path), _set_aside(path, error)
        return cls(path, last_guide, memories), None

    @property
    def last_guide(self) -> str | None:
        """Name of the guide opened last, or None on the first run."""
        return self._last_guide

    def resume_point(self, guide: str) -> ResumePoint | None:
        """Where listening to `guide` stopped, or None if it never started."""
        return self._memories.get(guide, GuideMemory()).resume

    def found_music(self, guide: str) -> Path | None:
        """The music folder a search last found for `guide`, or None."""
        return self._memories.get(guide, GuideMemory()).music

    def opened_before(self, guide: str) -> bool:
        """Whether `guide` was ever opened (ask before `opened`, which makes it so)."""
        memory = self._memories.get(guide, GuideMemory())
        return memory.opened or memory.resume is not None

    def opened(self, guide: str) -> None:
        """Make `guide` the last guide opened, and remember that it has been opened."""
        memory = self._memories.get(guide, GuideMemory())
        self._memories[guide] = dataclasses.replace(memory, opened=True)
        self._last_guide = guide

    def remember(
        self, guide: str, disc: int, number: int, position: float, paused: bool = False
    ) -> None:
        """Remember where listening to `guide` is now, and whether it is `paused`; `guide`
        becomes the last guide opened.

        Raises ValueError for a negative disc or number or a negative or infinite position.
        """
        resume = _resume_point(disc, number, position, paused)
        memory = self._memories.get(guide, GuideMemory())
        self._memories[guide] = dataclasses.replace(memory, resume=resume)
        self._last_guide = guide

    def guide_file(self, guide: str) -> Path | None:
        """Where `guide` lies when it is outside the guide folder, if known."""
        return self._memories.get(guide, GuideMemory()).file

    def guide_files(self) -> dict[str, Path]:
        """Every guide known to lie outside the guide folder, by name."""
        return {guide: m.file for guide, m in self._memories.items() if m.file is not None}

    def keep_file(self, guide: str, file: Path | None) -> None:
        """Remember that `guide` lies at `file` (made absolute), outside the guide folder; None
        forgets it (the guide is in the folder, or shipped)."""
        memory = self._memories.get(guide)
        if memory is None and file is None:
            return
        memory = memory or GuideMemory()
        self._memories[guide] = dataclasses.replace(
            memory, file=None if file is None else file.absolute()
        )

    def remember_music(self, guide: str, folder: Path) -> None:
        """Remember `folder` (made absolute) as the music a search found for `guide`."""
        memory = self._memories.get(guide, GuideMemory())
        self._memories[guide] = dataclasses.replace(memory, music=folder.absolute())

    def save(self, write: Callable[[Path, bytes], None] = write_atomically) -> bool:
        """Write the state if it changed since it was loaded or saved; True if it was written
        (or handed to `write`, which may write it later: `background.Background.write`).

        The file is replaced atomically (temporary file in the same folder, fsync, os.replace),
        so an interrupted save leaves the previous state whole. An OSError propagates, and the
        state stays unsaved so that the next `save()` tries again.
        """
        data = _encode(self._last_guide, self._memories)
        if data == self._saved:
            return False
        write(self.path, data)
        self._saved = data
        return True

    def unsaved(self) -> None:
        """Count the state as not saved (a write handed over failed): the next `save()`
        writes it whatever it holds."""
        self._saved = b""


def _set_aside(path: Path, error: Exception) -> str:
    """Rename the unusable state file out of the way and say what happened."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    suffix = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.broken-{stamp}-{suffix}")
        suffix += 1
    problem = f"ostguide could not use its saved state {path} ({error})"
    try:
        os.replace(path, aside)
    except OSError as move_error:
        return f"{problem} nor move it aside ({move_error}); it starts with nothing remembered"
    return f"{problem}; it was moved to {aside} and ostguide starts with nothing remembered"
