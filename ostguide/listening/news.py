"""What the screen's threads and services tell the controller (`Listening.arrive`): the audio
device opened, the music found, a file analysed, another player to follow, the editor closed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.model import AnalysisError
from ..launch import Library
from .job import AnalysisJob, Heard

if TYPE_CHECKING:
    from ..follow.player import FollowPlayer
    from ..player.mixer import MixerPlayer


@dataclass(frozen=True, slots=True)
class DeviceOpened:
    """The audio device was opened (`mixer`), or could not be (None, and `reason` says why)."""

    mixer: MixerPlayer | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MusicProgress:
    """Tags are being read: `done` files of `total`."""

    done: int
    total: int


@dataclass(frozen=True, slots=True)
class MusicFound:
    """The listener's files were found (some tracks may have none)."""

    library: Library


@dataclass(frozen=True, slots=True)
class MusicFailed:
    """Looking for the music failed outright: `reason` says why."""

    reason: str


@dataclass(frozen=True, slots=True)
class Analysed:
    """A file asked for with `events.Analyse` was analysed (and aligned with the author's copy
    when the guide's sidecar describes it), or why it cannot be."""

    job: AnalysisJob
    result: Heard | AnalysisError


@dataclass(frozen=True, slots=True)
class Following:
    """Another player keeps time from now on: its track and time are the session's, ostguide
    plays nothing, and the controls drive that player."""

    player: FollowPlayer


@dataclass(frozen=True, slots=True)
class Edited:
    """The editor closed (`problem` None: read the guide again if it changed), or could not
    be started (`problem` says why)."""

    problem: str | None = None


News = DeviceOpened | MusicProgress | MusicFound | MusicFailed | Analysed | Following | Edited
