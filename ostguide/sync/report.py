"""What `ostguide match` says about timing: per track, how the listener's file lines up with the
author's copy the sidecar describes ("+1.24 s, 0.4 % faster, confident")."""

from __future__ import annotations

from ..analysis.cache import analysed
from ..analysis.model import AnalysisError
from ..guide.model import Guide
from ..player.interface import whole
from .cache import aligned
from .music import Music


def timing_lines(guide: Guide, library: Music) -> list[str]:
    """One line per track the sidecar describes: what aligning its file found, or why not."""
    files, lengths = library.files, library.lengths
    lines = []
    for track in guide.tracks:
        sound = library.sounds.get(track.id)
        if sound is None:
            lines.append(f"{track.id}  not in the sidecar: timed as written")
            continue
        source = files.get(track.id)
        if source is None:
            lines.append(f"{track.id}  no file")
            continue
        span = whole(source)
        try:
            analysis = analysed(span.path, lengths.get(track.id), start=span.start, end=span.end)
            found = aligned(span.path, sound, analysis, start=span.start, end=span.end)
        except AnalysisError as error:
            lines.append(f"{track.id}  cannot be analysed: {error}")
            continue
        if found.same:
            lines.append(f"{track.id}  {found.map.summary()}")
        else:
            lines.append(f"{track.id}  does not sound like the author's copy: timed as written")
    return lines
