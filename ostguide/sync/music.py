"""What the sync commands read of the listener's music: each track's file, its tagged length, and
how the author's copy of it sounds. `launch.Library` has them; this protocol names them, so that
sync does not import `launch` (which reads the sidecar through sync)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ..guide.model import TrackId
from ..player.interface import Source
from .sound import TrackSound


class Music(Protocol):
    """The listener's audio for a guide, as the sync commands read it."""

    @property
    def files(self) -> Mapping[TrackId, Source]:
        """The file (or the span of an album image) of each track that has one."""
        ...

    @property
    def lengths(self) -> Mapping[TrackId, float]:
        """The length each file's tags give, where it can be trusted."""
        ...

    @property
    def sounds(self) -> Mapping[TrackId, TrackSound]:
        """How the author's copy of each track sounds, from the guide's sidecar."""
        ...
