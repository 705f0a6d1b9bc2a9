"""The guide model: an album, its tracks, their timed remarks (cues), themes and cross-references.

Everything here is immutable and free of any UI or audio concern; the parser builds it and the
player, matcher and screen read it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Stamp:
    """When a remark sounds: an exact time, or a fraction of the track, possibly approximate."""

    seconds: float | None
    """Time from the start of the track, or None for a fraction stamp."""
    fraction: float | None
    """Share of the track's length (0.0–1.0), or None for a time stamp."""
    approximate: bool = False
    """Written with a tilde (`[~1:30]`, `[~50%]`): the author only knows roughly."""

    def resolve(self, length: float | None) -> float:
        """The time in seconds, resolving a fraction against the track's real length.

        A fraction of an unknown length resolves to 0, so the cue still has a place.
        """
        if self.seconds is not None:
            return self.seconds
        assert self.fraction is not None
        return self.fraction * length if length else 0.0

    def label(self, length: float | None = None) -> str:
        """How the stamp is shown: `1:05`, `~1:30`, or `~50%` when the length is unknown."""
        prefix = "~" if self.approximate else ""
        if self.seconds is None and not length:
            assert self.fraction is not None
            return f"{prefix}{self.fraction * 100:g}%"
        return prefix + format_time(self.resolve(length))


def format_time(seconds: float) -> str:
    """`m:ss` below an hour, `h:mm:ss` above; whole seconds, rounded down."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class TrackId:
    """A track's place on the album: disc and number (disc 1 on single-disc albums)."""

    disc: int
    number: int

    def __str__(self) -> str:
        return f"{self.number:02d}" if self.disc == 1 else f"{self.disc}-{self.number:02d}"


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A link in commentary to another track (optionally a moment in it) or to a theme."""

    text: str
    """The link's visible text."""
    line: int
    """Line of the guide file the link is on (1-based)."""
    column: int = 1
    """Column where the link starts (1-based)."""
    track: TrackId | None = None
    """The track pointed at, or None for a theme link."""
    stamp: Stamp | None = None
    """The moment in that track, if the link names one (`#19@0:40`)."""
    theme: str | None = None
    """The theme id pointed at, for a theme link."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A remark: Markdown commentary, timed by a stamp."""

    stamp: Stamp
    """When it sounds."""
    text: str
    """The commentary as Markdown, without the stamp."""
    line: int
    """Line of the guide file where the remark starts (1-based)."""
    refs: tuple[CrossRef, ...] = ()
    """Cross-references made in the remark, in order."""

    @property
    def themes(self) -> tuple[str, ...]:
        """Ids of the themes the remark links to."""
        return tuple(ref.theme for ref in self.refs if ref.theme is not None)


@dataclass(frozen=True, slots=True)
class Track:
    """One track of the album with its commentary."""

    id: TrackId
    """Disc and number."""
    title: str
    """Title as printed on the album."""
    line: int
    """Line of the track's heading (1-based)."""
    alt_titles: tuple[str, ...] = ()
    """Other titles: the Japanese title, other spellings."""
    length: float | None = None
    """The length the author knows, in seconds, if any."""
    files: tuple[str, ...] = ()
    """File name hints for the listener's audio, relative to the music folder."""
    themes: tuple[str, ...] = ()
    """Ids of the themes the track states."""
    intro: str = ""
    """Untimed commentary before the first remark, as Markdown."""
    cues: tuple[Cue, ...] = ()
    """Timed remarks in the order written."""
    intro_refs: tuple[CrossRef, ...] = ()
    """Cross-references made in the untimed introduction."""
    end: int = 0
    """Where the track's text ends: the line of the next `##` heading, less one (so, 0-based,
    the index of that heading), or the number of lines of the file for the last track."""

    @property
    def has_commentary(self) -> bool:
        """Whether the author wrote anything about this track (a bare stamp waiting to be filled
        in, as `ostguide new` leaves, does not count)."""
        return bool(self.intro.strip() or any(cue.text.strip() for cue in self.cues))

    def timeline(self, length: float | None) -> Timeline:
        """The cues placed in time for a given real length (see `Timeline`)."""
        return Timeline.build(self.cues, length if length else self.length)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A track's cues resolved to seconds and sorted, for O(log n) lookup by time."""

    times: tuple[float, ...]
    """Resolved times in ascending order."""
    order: tuple[int, ...]
    """`order[k]` is the index into `Track.cues` of the k-th cue in time."""
    placed: frozenset[int] = frozenset()
    """Indexes (in `Track.cues`) of approximate remarks timed by the music of the listener's file
    rather than by their stamps."""

    @classmethod
    def build(cls, cues: tuple[Cue, ...], length: float | None) -> Timeline:
        """Resolve every stamp against `length` and sort (stable for equal times)."""
        return cls._sorted([(cue.stamp.resolve(length), i) for i, cue in enumerate(cues)])

    @classmethod
    def _sorted(
        cls, pairs: list[tuple[float, int]], placed: frozenset[int] = frozenset()
    ) -> Timeline:
        pairs.sort()
        return cls(tuple(t for t, _ in pairs), tuple(i for _, i in pairs), placed)

    def moved(self, times: Mapping[int, float], placed: Iterable[int] | None = None) -> Timeline:
        """This timeline with some cues (by index in `Track.cues`) at other times, found in the
        music: they count as placed (only those in `placed`, when it is given)."""
        pairs = [(times.get(i, t), i) for t, i in zip(self.times, self.order, strict=True)]
        newly = frozenset(times if placed is None else placed)
        return self._sorted(pairs, self.placed | newly)

    def index_at(self, seconds: float) -> int | None:
        """Index into `Track.cues` of the remark heard at `seconds`; None before the first."""
        k = bisect_right(self.times, seconds) - 1
        return self.order[k] if k >= 0 else None

    def next_after(self, seconds: float) -> int | None:
        """Index of the first remark that starts after `seconds`, or None if there is none."""
        k = bisect_right(self.times, seconds)
        return self.order[k] if k < len(self.order) else None

    def time_of(self, cue_index: int) -> float:
        """The resolved time of the cue at `cue_index` in `Track.cues`."""
        return self.times[self.order.index(cue_index)]


@dataclass(frozen=True, slots=True)
class Theme:
    """A leitmotif: a melody or idea that several tracks state."""

    id: str
    """Short name used in links and track fields (`friendship`)."""
    name: str
    """How it is shown (`the Friendship Theme`)."""
    description: str = ""
    """A sentence or two about it."""


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: a word a listener meets in the commentary, explained."""

    name: str
    """The term as shown (`open fifth`)."""
    definition: str
    """A sentence or two: what it is and what to listen for."""
    forms: tuple[str, ...] = ()
    """Other ways the commentary writes it (`bare fifth`, `Tierce de Picardie`); plurals of the
    name and of these forms are found without being listed."""


@dataclass(frozen=True, slots=True)
class Album:
    """What the front matter says about the album."""

    title: str
    composer: str = ""
    label: str = ""
    catalogue: str = ""
    released: str = ""
    """Release date as written (ISO date or year)."""
    discs: int = 1
    source: str = ""
    """The work the guide's observations come from (a review, liner notes), for its credit."""
    author: str = ""
    """Who wrote that source."""
    url: str = ""
    """Where that source can be read."""
    extra: tuple[tuple[str, str], ...] = ()
    """Any other front matter fields, as (key, text) pairs in the order written."""
    also: tuple[str, ...] = ()
    """The album's other titles (the Japanese title, other editions' names)."""

    @property
    def titles(self) -> tuple[str, ...]:
        """The title and the other titles, as files' album tags and folders may name the album."""
        return (self.title, *self.also)

    @property
    def year(self) -> str:
        """The release year, if the release date starts with one."""
        return self.released[:4] if self.released[:4].isdigit() else ""


@dataclass(frozen=True, slots=True)
class Guide:
    """A parsed guide file."""

    path: Path
    """Where the guide was read from."""
    album: Album
    intro: str = ""
    """The album's introduction (Markdown before the first track)."""
    tracks: tuple[Track, ...] = ()
    themes: tuple[Theme, ...] = ()
    afterword_title: str = ""
    """Heading of the closing section, if the guide has one."""
    afterword: str = ""
    """The closing section's Markdown."""
    glossary: tuple[Term, ...] = ()
    """Terms the guide defines itself (its own, or replacing the general glossary's)."""
    _by_id: dict[TrackId, Track] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for track in self.tracks:
            self._by_id.setdefault(track.id, track)

    @property
    def name(self) -> str:
        """The name the guide is opened by: its file name without `.md`."""
        return self.path.stem

    def track(self, track_id: TrackId) -> Track | None:
        """The (first) track with this disc and number."""
        return self._by_id.get(track_id)

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def statements(self, theme_id: str) -> tuple[tuple[int, int | None], ...]:
        """Every place that states a theme, in album order, as (track index, remark index): each
        remark that links to the theme, or (index, None) for a track whose `Themes:` field names
        it without a remark doing so."""
        found: list[tuple[int, int | None]] = []
        for index, track in enumerate(self.tracks):
            cues = [i for i, cue in enumerate(track.cues) if theme_id in cue.themes]
            if cues:
                found.extend((index, cue) for cue in cues)
            elif theme_id in track.themes:
                found.append((index, None))
        return tuple(found)

    def tracks_stating(self, theme_id: str) -> tuple[int, ...]:
        """Indexes of the tracks that state a theme, in album order, each once."""
        return tuple(dict.fromkeys(index for index, _ in self.statements(theme_id)))
