"""Matching the listener's files to a guide's tracks, as an assignment.

Every (track, file) pair gets a score from the evidence at hand: the guide's file hints, the tags
(disc and track number, title, album), the file name (`01 Shangri-La.flac`, `1-01 …`,
`Noein_Shangri-La.mp3`), title similarity (rapidfuzz, over the title and its alternatives, with
Japanese titles also compared in romaji) and the length when the guide knows it. A folder whose
numbering fits the guide's album is matched by number first (see `structure`). Only the best few
candidates of each track are kept, and a minimum-cost assignment (Hungarian method) then chooses,
so that no file serves two tracks.
Tracks left without a file and files left without a track are both reported.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from rapidfuzz import fuzz, process

from ostguide.formats import cannot_play
from ostguide.guide.model import Track, TrackId
from ostguide.library.normalize import (
    disc_of_folder,
    fold,
    normalize_title,
    shared_prefix,
    split_track_number,
    strip_prefix,
)
from ostguide.library.romanize import has_japanese, romanize
from ostguide.library.scan import AudioFile
from ostguide.library.structure import Evidence, Numbered, Placed, Verdict, trusted_numbers

MIN_SCORE = 0.6
"""Below this score a file is never assigned to a track."""

CANDIDATES_PER_TRACK = 8
"""How many of its best-scoring files each track keeps for the assignment."""

_NEAR_TITLES = 10
"""How many closest names (plain edit distance) are looked at for each title of a track."""
_COMMON_WORD = 500
"""A word shared by more files than this does not make them candidates by itself."""
_OTHER_ALBUM = 0.5
"""Album tags less similar than this to the guide's album count against a file."""
_SAME_ALBUM = 0.8
"""Album tags or folder names at least this similar to one of the guide's album titles name it."""
_NUMBER_ALONE = 0.5
"""A track number without a title, outside a folder trusted by its numbering: not enough."""
_TITLE_NOISE = 0.7
"""Title similarities up to about this are common between unrelated titles: a number with such
a title is not enough to place a file."""
_SAME_TITLE = 0.85
"""Titles at least this similar agree."""
_OTHER_TITLE = 0.5
"""Titles in the same script less similar than this disagree."""
HINTED = "named by the guide's File: field"
"""The reason given for a file that a track's `File:` names."""
_HINT_PREFERENCE = 0.05
"""How much more the assignment values a hinted file than an equally sure other one."""
_LOSSLESS_PREFERENCE = 0.001
"""How much more it values a lossless file than an equally sure lossy copy beside it."""
_GENERIC_ALBUM_WORDS = frozenset(
    {"ost", "original", "soundtrack", "soundtracks", "score", "music", "motion", "picture"}
    | {"vol", "volume", "disc", "cd", "the", "bgm", "collection", "complete", "edition"}
)
"""Words that say nothing about which album it is."""
_VOLUME = re.compile(r"\b(?:vol|volume)\s*(\d{1,3})\b")
"""A volume number in a folded album title: `vol 2`, `volume 02`."""


class _Candidate(NamedTuple):
    """A file considered for a track."""

    score: float
    """Confidence 0..1."""
    reason: str
    """Why, for the listener."""
    weight: float
    """What the assignment maximises: the score, plus a preference for hinted files."""


@dataclass(frozen=True, slots=True)
class Match:
    """The file chosen for one track, or None, and why."""

    track: TrackId
    """The track."""
    file: AudioFile | None
    """The listener's file for it, or None when no file scored well enough."""
    confidence: float
    """How sure the match is, 0..1 (0 when there is no file)."""
    reason: str
    """Why, in plain words: "track 1 of 23 in the tags; same title", "title 92% alike (file
    name)", "named by the guide's File: field"."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """Files chosen for a guide's tracks, and the files that serve no track."""

    matches: tuple[Match, ...]
    """One match per track, in the guide's order."""
    leftovers: tuple[AudioFile, ...]
    """Files assigned to no track, in the order given."""
    root: Path | None
    """The folder file names are shown relative to: the one given, else the files' common folder."""
    refused: tuple[str, ...] = ()
    """Folders whose numbers were not trusted, and why: "Noein Vol. 2: its tags number 20
    tracks (17/20); the guide has 23"."""

    @property
    def complete(self) -> bool:
        """Whether every track has a file."""
        return all(m.file is not None for m in self.matches)

    @property
    def missing(self) -> tuple[TrackId, ...]:
        """Tracks without a file."""
        return tuple(m.track for m in self.matches if m.file is None)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a file offers as evidence, normalised once."""

    disc: int | None
    """Disc from the tag, the file name (`1-01`) or the folder (`CD2`)."""
    number: int | None
    """Track number from the tag, else from the file name."""
    number_source: str
    """"tag" or "file name"."""
    titles: tuple[tuple[str, str], ...]
    """(normalised title, where it comes from) pairs: the title tag and the file name's title,
    and their romaji when they are in Japanese."""
    shown: str
    """The title as the listener wrote it (the tag, else the file name's), for explanations."""
    album: str
    """The album tag, folded ("" without one)."""
    folder: str
    """The folder the file is in."""
    group: str
    """The album folder: the folder, or its parent when the folder is a disc (`CD2`)."""
    stem: str
    """The file name without extension, folded (what hints are compared with)."""
    titled: bool
    """A title as reliable as the number: a title tag, or a name that gives number and title.
    Without one, a name like `AUDIO_37.flac` does not weaken a track number tag."""


def match(
    guide_tracks: Sequence[Track],
    files: Sequence[AudioFile],
    *,
    album: str | None = None,
    also: Sequence[str] = (),
    root: Path | None = None,
) -> Assignment:
    """Choose a file for each track, each file serving at most one track.

    `album` is the guide's album title and `also` its other titles: files whose album tag is
    clearly another album count less, and a folder whose tag or name is one of them is trusted
    by its numbers. `root` is the music folder, which file hints are relative to; it defaults to
    the files' common folder.
    """
    facts = _facts_of(files)
    if root is None and files:
        root = Path(os.path.commonpath({fact.folder for fact in facts}))
    albums = [title for title in (album, *also) if title]
    scorer = _Scorer(guide_tracks, files, facts, albums)
    candidates = [scorer.candidates(track) for track in guide_tracks]
    columns = sorted({index for found in candidates for index in found})
    position = {index: k for k, index in enumerate(columns)}
    blocked = 10.0
    unassigned = 1.0 - MIN_SCORE
    costs: list[list[float]] = []
    for found in candidates:
        row = [blocked] * len(columns) + [unassigned] * len(guide_tracks)
        for index, candidate in found.items():
            row[position[index]] = 1.0 - candidate.weight
        costs.append(row)
    chosen = min_cost_assignment(costs) if guide_tracks else []
    matches: list[Match] = []
    used: set[int] = set()
    for track, found, column in zip(guide_tracks, candidates, chosen, strict=True):
        if column < len(columns) and columns[column] in found:
            index = columns[column]
            score, reason, _ = found[index]
            used.add(index)
            matches.append(Match(track.id, files[index], round(score, 3), reason))
        else:
            why = "best file went to another track" if found else _unplayable(track) or "no file"
            matches.append(Match(track.id, None, 0.0, why))
    leftovers = tuple(f for index, f in enumerate(files) if index not in used)
    refused = tuple(
        f"{_folder_name(Path(group), root)}: {why}" for group, why in scorer.refused.items()
    )
    return Assignment(tuple(matches), leftovers, root, refused)


def _folder_name(folder: Path, root: Path | None) -> str:
    """A folder as the report shows it: relative to the music folder when inside it."""
    if root is not None and folder.is_relative_to(root) and folder != root:
        return folder.relative_to(root).as_posix()
    return folder.name or str(folder)


def _unplayable(track: Track) -> str | None:
    """Why a track's `File:` hint cannot be what plays it: a format ostguide does not play."""
    for hint in track.files:
        problem = cannot_play(hint)
        if problem:
            return f"File: {problem} and name that file"
    return None


def _facts_of(files: Sequence[AudioFile]) -> list[_Facts]:
    """Normalise every file's evidence; album prefixes are found folder by folder."""
    named: list[tuple[str, str, int | None, int | None, str, str]] = []
    by_folder: dict[str, list[int]] = defaultdict(list)
    for index, audio in enumerate(files):
        folder, name = os.path.split(audio.path)
        stem = os.path.splitext(name)[0]
        disc, number, rest = split_track_number(stem)
        named.append((folder, stem, disc, number, rest, normalize_title(rest)))
        by_folder[folder].append(index)
    prefixes = {
        folder: shared_prefix([named[i][5] for i in members if named[i][5]])
        for folder, members in by_folder.items()
    }
    folder_discs = {folder: disc_of_folder(os.path.basename(folder)) for folder in by_folder}
    albums: dict[str, str] = {}
    facts: list[_Facts] = []
    for audio, (folder, stem, name_disc, name_number, rest, name_title) in zip(
        files, named, strict=True
    ):
        if audio.album and audio.album not in albums:
            albums[audio.album] = fold(audio.album)
        titles: list[tuple[str, str]] = []
        if audio.title:
            titles.append((normalize_title(audio.title), "tag title"))
        if name_title:
            titles.append((name_title, "file name"))
            bare = strip_prefix(name_title, prefixes[folder])
            if bare != name_title:
                if name_number is None:
                    name_disc, name_number, unprefixed = split_track_number(bare)
                    bare = unprefixed or bare
                titles.append((bare, "file name"))
        titles.extend(
            (fold(romanize(text)), f"{where} in romaji")
            for text, where in list(titles)
            if has_japanese(text)
        )
        if audio.track is not None:
            number, source = audio.track, "tag"
        else:
            number, source = name_number, "file name"
        disc = audio.disc if audio.disc is not None else name_disc
        if disc is None:
            disc = folder_discs[folder]
        facts.append(
            _Facts(
                disc=disc,
                number=number,
                number_source=source,
                titles=tuple(t for t in titles if t[0]),
                shown=audio.title or rest.strip(),
                album=albums[audio.album] if audio.album else "",
                folder=folder,
                group=os.path.dirname(folder) if folder_discs[folder] else folder,
                stem=fold(stem),
                titled=bool(audio.title) or (audio.track is None and bool(name_title)),
            )
        )
    return facts


class _Scorer:
    """Scores (track, file) pairs and finds each track's best candidates quickly."""

    def __init__(
        self,
        tracks: Sequence[Track],
        files: Sequence[AudioFile],
        facts: list[_Facts],
        albums: Sequence[str],
    ) -> None:
        self.files = files
        self.facts = facts
        self.albums = tuple(dict.fromkeys(_album_words(fold(album)) for album in albums))
        self.volumes = {volume for album in albums if (volume := _volume(fold(album)))}
        self.album_likeness: dict[str, float | None] = {}
        self.per_disc: dict[int, int] = defaultdict(int)
        for track in tracks:
            self.per_disc[track.id.disc] += 1
        self.by_number: dict[int, list[int]] = defaultdict(list)
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.names: list[str] = []
        self.owners: list[int] = []
        for index, fact in enumerate(facts):
            if fact.number is not None:
                self.by_number[fact.number].append(index)
            self.by_stem[fact.stem].append(index)
            for text, _ in fact.titles:
                self.names.append(text)
                self.owners.append(index)
                for word in text.split():
                    self.by_word[word].add(index)
        self.keys = {track.id: _title_keys(track) for track in tracks}
        self.tracks = {track.id: track for track in tracks}
        numbered = [
            Numbered(
                fact.group,
                None if fact.number is None else TrackId(fact.disc or 1, fact.number),
                audio.problem is None,
                audio.total if fact.number_source == "tag" else None,
            )
            for fact, audio in zip(facts, files, strict=True)
        ]
        trust = trusted_numbers(
            [track.id for track in tracks], numbered, named=self._named, evidence=self._evidence
        )
        self.placed: dict[int, Placed] = trust.placed
        self.refused = trust.refused

    def candidates(self, track: Track) -> dict[int, _Candidate]:
        """The track's best files (index → (score, reason)), all scoring at least MIN_SCORE."""
        keys = _title_keys(track)
        hinted = self._hinted(track)
        pool: set[int] = set(self.by_number.get(track.id.number, ()))
        for key in keys:
            for word in key.split():
                posting = self.by_word.get(word, set())
                if len(posting) <= _COMMON_WORD and (len(word) >= 3 or not word.isascii()):
                    pool |= posting
            near = process.extract(
                key, self.names, scorer=fuzz.ratio, limit=_NEAR_TITLES, score_cutoff=40
            )
            pool.update(self.owners[position] for _, _, position in near)
        scored: dict[int, _Candidate] = {}
        for index in pool - hinted.keys():
            score, reason = self._score(track, keys, index)
            if score >= MIN_SCORE:
                lossless = _LOSSLESS_PREFERENCE if self.files[index].lossless else 0.0
                scored[index] = _Candidate(score, reason, score + lossless)
        best = sorted(scored.items(), key=lambda item: (-item[1].score, item[0]))
        return hinted | dict(best[:CANDIDATES_PER_TRACK])

    def _hinted(self, track: Track) -> dict[int, _Candidate]:
        """Files named by the track's hints: path parts compared folded, the extension aside."""
        found: dict[int, _Candidate] = {}
        for hint in track.files:
            parts = PurePosixPath(hint.replace("\\", "/")).parts
            if not parts:
                continue
            hint_path = PurePosixPath(*parts)
            folders = [fold(part) for part in parts[:-1]]
            for index in self.by_stem.get(fold(hint_path.stem), ()):
                path = self.files[index].path
                above = [
                    fold(part)
                    for part in path.parent.parts[len(path.parent.parts) - len(folders) :]
                ]
                if folders and above != folders:
                    continue
                if path.suffix.lower() == hint_path.suffix.lower():
                    found[index] = _Candidate(1.0, HINTED, 1.0 + _HINT_PREFERENCE)
                else:
                    found.setdefault(
                        index,
                        _Candidate(0.95, f"{HINTED}, in another format", 0.95 + _HINT_PREFERENCE),
                    )
        return found

    def _score(self, track: Track, keys: tuple[str, ...], index: int) -> tuple[float, str]:
        fact = self.facts[index]
        similarity, source = _title_similarity(keys, fact)
        placed = self.placed.get(index)
        if placed is not None and placed.track == track.id:
            return self._score_placed(track, placed, index, similarity)
        label = self._number_label(track, fact)
        agrees = fact.number == track.id.number and fact.disc in (None, track.id.disc)
        total = self.files[index].total if fact.number_source == "tag" else None
        if total and total != self.per_disc.get(track.id.disc):
            agrees = False  # `17/20` numbers another album's tracks
        if fact.number is not None and agrees:
            score = MIN_SCORE + 1.5 * (similarity - _TITLE_NOISE)
            if similarity >= _SAME_TITLE:
                reason = f"{label}; same title"
            elif fact.titled:
                reason = f"{label}; title {similarity:.0%} alike"
            else:
                score, reason = _NUMBER_ALONE, label
        elif fact.number is not None:
            score, reason = 0.8 * similarity, f"title {similarity:.0%} alike ({source}); {label}"
        else:
            score, reason = 0.95 * similarity, f"title {similarity:.0%} alike ({source})"
        score, reason = self._weigh_length(track, self.files[index], score, reason)
        if self._album_likeness(fact.album) < _OTHER_ALBUM:
            score, reason = 0.6 * score, f"{reason}; tagged as another album"
        return min(score, 1.0), reason

    def _score_placed(
        self, track: Track, placed: Placed, index: int, similarity: float
    ) -> tuple[float, str]:
        """A file of a folder trusted by its numbers, for the track its number names: sure,
        surer when its title agrees, less so when it disagrees."""
        fact = self.facts[index]
        reason = placed.why
        if similarity >= _SAME_TITLE:
            score, reason = 1.0, f"{reason}; title {fact.shown}"
        elif self._title_verdict(self.keys[track.id], fact) is Verdict.DIFFERS:
            if placed.whole:  # the whole album in another language: a translated title
                score, reason = 0.9, f"{reason}; titled {fact.shown}"
            else:
                score, reason = 0.7, f"{reason}; title differs ({fact.shown})"
        else:
            score = 0.9
        score, reason = self._weigh_length(track, self.files[index], score, reason)
        return min(score, 1.0), reason

    def _named(self, group: str, members: Sequence[int]) -> tuple[Verdict, str]:
        """Whether a folder is the guide's album by its files' album tag or by its name, and
        the tag or name that says so."""
        tags = Counter(self.files[i].album for i in members if self.files[i].album)
        if tags:
            tag, count = tags.most_common(1)[0]
            verdict = self._album_verdict(fold(tag or ""))
            if count * 2 >= len(members) and verdict is not Verdict.SILENT:
                return verdict, tag or ""
        name = os.path.basename(group)
        if self._album_verdict(fold(name)) is Verdict.AGREES:
            return Verdict.AGREES, name
        return Verdict.SILENT, ""

    def _evidence(self, index: int, track_id: TrackId) -> Evidence:
        """What a file's title and length say about it being a track."""
        title = self._title_verdict(self.keys[track_id], self.facts[index])
        return Evidence(title, _length_verdict(self.tracks[track_id], self.files[index]))

    @staticmethod
    def _title_verdict(keys: tuple[str, ...], fact: _Facts) -> Verdict:
        """A title that agrees (in any script), or that disagrees in the guide's own script; a
        romanised title that does not agree says nothing, romaji being spelled many ways."""
        similarity = _title_similarity(keys, fact)[0]
        if similarity >= _SAME_TITLE:
            return Verdict.AGREES
        own = [text for text, where in fact.titles if not where.endswith("romaji")]
        if fact.titled and similarity < _OTHER_TITLE and not any(map(has_japanese, own)):
            return Verdict.DIFFERS
        return Verdict.SILENT

    def _number_label(self, track: Track, fact: _Facts) -> str:
        """`track 1 of 23 in the tags` (or `track 6 of 12 on disc 2 in the file name`) for the
        file's own number."""
        disc = fact.disc if fact.disc is not None else track.id.disc
        total = self.per_disc.get(disc, 0)
        place = f"track {fact.number} of {total}" if total else f"track {fact.number}"
        if len(self.per_disc) > 1:
            place = f"{place} on disc {disc}"
        where = "tags" if fact.number_source == "tag" else fact.number_source
        return f"{place} in the {where}"

    @staticmethod
    def _weigh_length(
        track: Track, audio: AudioFile, score: float, reason: str
    ) -> tuple[float, str]:
        """A little credit for a length that agrees with the guide's, a debit for a far one."""
        verdict = _length_verdict(track, audio)
        if verdict is Verdict.AGREES:
            return score + 0.05, f"{reason}; same length"
        if verdict is Verdict.DIFFERS:
            return score - 0.1, f"{reason}; length differs"
        return score, reason

    def _album_likeness(self, file_album: str) -> float:
        """How alike the file's album tag and the guide's album titles are, 0..1; 1 without
        evidence (see `_compared_albums`)."""
        likeness = self._compared_albums(file_album)
        return 1.0 if likeness is None else likeness

    def _compared_albums(self, album: str) -> float | None:
        """How alike a folded album tag or folder name and the guide's album titles are, 0..1, or
        None when nothing can be compared.

        Words like "Original Soundtrack" are ignored, and titles in different scripts (a
        Japanese tag, a romanised guide) are not compared.
        """
        if album not in self.album_likeness:
            theirs = _album_words(album)
            alike = [
                fuzz.token_set_ratio(ours, theirs) / 100.0
                for ours in self.albums
                if ours and theirs and ours.isascii() == theirs.isascii()
            ]
            volume = _volume(album)
            if volume and volume not in self.volumes and self.volumes:
                alike = [0.0]  # "Vol. 2" for a guide of "Vol. 1"
            self.album_likeness[album] = max(alike) if alike else None
        return self.album_likeness[album]

    def _album_verdict(self, album: str) -> Verdict:
        """Whether a folded album tag or folder name is one of the guide's album titles (also in
        romaji), or clearly another album; silent when nothing can be compared."""
        likeness = self._compared_albums(album)
        if likeness is not None and likeness >= _SAME_ALBUM:
            return Verdict.AGREES
        theirs = _album_words(fold(romanize(album))) if has_japanese(album) else ""
        if theirs:
            for ours in self.albums:
                in_romaji = _album_words(fold(romanize(ours)))
                if in_romaji and fuzz.token_set_ratio(in_romaji, theirs) >= 100 * _SAME_ALBUM:
                    return Verdict.AGREES
        if likeness is not None and likeness < _OTHER_ALBUM:
            return Verdict.DIFFERS
        return Verdict.SILENT


def _title_similarity(keys: tuple[str, ...], fact: _Facts) -> tuple[float, str]:
    """The best similarity (0..1) of any of a file's titles to any of a track's, and whence."""
    similarity, source = 0.0, ""
    for key in keys:
        for text, where in fact.titles:
            value = fuzz.WRatio(key, text) / 100.0
            if value > similarity:
                similarity, source = value, where
    return similarity, source


def _length_verdict(track: Track, audio: AudioFile) -> Verdict:
    """A length near the guide's agrees, a far one differs; silent when either is unknown."""
    if not track.length or not audio.length or audio.length_estimated:
        return Verdict.SILENT
    difference = abs(track.length - audio.length)
    if difference <= max(2.0, 0.02 * track.length):
        return Verdict.AGREES
    if difference > max(20.0, 0.25 * track.length):
        return Verdict.DIFFERS
    return Verdict.SILENT


def _volume(album: str) -> str:
    """The volume a folded album title names ("2" of "noein ost vol 2"), or ""."""
    found = _VOLUME.search(album)
    return found[1].lstrip("0") if found else ""


def _album_words(album: str) -> str:
    """The folded album title without generic words."""
    return " ".join(w for w in album.split() if w not in _GENERIC_ALBUM_WORDS and not w.isdigit())


def _title_keys(track: Track) -> tuple[str, ...]:
    """The track's title and alternative titles, normalised, without duplicates."""
    keys = (normalize_title(title) for title in (track.title, *track.alt_titles))
    return tuple(dict.fromkeys(key for key in keys if key))


def min_cost_assignment(costs: list[list[float]]) -> list[int]:
    """For each row, the column that minimises the total cost, no column used twice.

    The Hungarian method with potentials, O(rows² × columns); needs rows ≤ columns.
    """
    rows, columns = len(costs), len(costs[0])
    infinity = float("inf")
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        current = 0
        slack = [infinity] * (columns + 1)
        done = [False] * (columns + 1)
        while True:
            done[current] = True
            at = owner[current]
            delta, nearest = infinity, 0
            line = costs[at - 1]
            base = row_potential[at]
            for column in range(1, columns + 1):
                if done[column]:
                    continue
                reduced = line[column - 1] - base - column_potential[column]
                if reduced < slack[column]:
                    slack[column] = reduced
                    way[column] = current
                if slack[column] < delta:
                    delta, nearest = slack[column], column
            for column in range(columns + 1):
                if done[column]:
                    row_potential[owner[column]] += delta
                    column_potential[column] -= delta
                else:
                    slack[column] -= delta
            current = nearest
            if owner[current] == 0:
                break
        while current:
            previous = way[current]
            owner[current] = owner[previous]
            current = previous
    chosen = [0] * rows
    for column in range(1, columns + 1):
        if owner[column]:
            chosen[owner[column] - 1] = column - 1
    return chosen
