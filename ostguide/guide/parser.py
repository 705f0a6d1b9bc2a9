"""Reading a guide file into the model, with every problem reported at its line and column.

The parser works line by line on Markdown's block structure: headings, paragraphs (runs of
non-blank lines) and fenced code (left alone). It never raises on bad input: whatever the bytes,
the result is a guide or a list of diagnostics (see format.md).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import FileTooLarge, read_regular
from ..formats import cannot_play
from ..safetext import describe, first_control
from .diagnostics import Diagnostic, Findings, Severity
from .frontmatter import (
    THEME_ID,
    FrontMatter,
    Report,
    read_album,
    read_themes,
    split_front_matter,
)
from .glossary import read_glossary
from .limits import (
    MAX_BYTES,
    MAX_LINES,
    MAX_REMARKS,
    MAX_TRACKS,
    SPLIT_GUIDE,
    piece_too_long,
)
from .lint import (
    UnreadHeading,
    hidden_stamps,
    track_order,
    unplaceable_stamps,
    unread_headings,
    unspaced_headings,
)
from .model import Album, CrossRef, Cue, Guide, Stamp, Term, Theme, Track, TrackId, format_time
from .source import FENCE, NotUtf8, decode, line_and_column, line_count, lines_of
from .stamps import MAX_DIGITS, StampError, leading_stamp, parse_stamp

NO_TRACKS = (
    "a track starts with a heading such as '## 01. Title'; `ostguide help format` describes guides"
)

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
_TRACK_HEADING = re.compile(r"(?:(\d+)-)?(\d+)(?:\.[ \t]*|[ \t]+(?:[-–—][ \t]+)?|$)(.*)")
_MARKER = re.compile(r" {0,3}[#`~]")
"""What a heading or a fence starts with: lines without it need neither regex."""
_ITEM = re.compile(r"[-*+][ \t]")
_FIELD = re.compile(r"[-*+][ \t]+([A-Za-z][A-Za-z ]*)(?:\t[ \t]*)?:[ \t]*(.*)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(#([^()\s]*)\)")
_TARGET = re.compile(r"(?:(\d+)-)?(\d+)(?:@(.*))?")
_STAMP_START = re.compile(r"\[[~\d]")
_LINK_START = re.compile(r"\[[^\]]*\][(\[]")
_FIELDS = {"also", "length", "file", "files", "themes"}
_FIELDS_HELP = "known track fields: Also, Length, File, Themes"


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What reading a guide produced."""

    path: Path
    """The file read."""
    guide: Guide | None
    """The guide, or None when there were errors."""
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings in line order."""
    lines: tuple[str, ...] = ()
    """The file's lines, for showing diagnostics in context."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the errors."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


def load_guide(path: Path) -> ParseResult:
    """Read and parse the guide at `path`; an unreadable file, and a guide without tracks (which
    cannot be listened to), are diagnostics too."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileTooLarge as exc:
        return _failure(path, _too_large(exc.size), SPLIT_GUIDE)
    except OSError as exc:
        return _failure(
            path,
            f"cannot read the guide: {exc.strerror or exc}",
            "check the file name; `ostguide list` shows the guides it can find",
        )
    return with_tracks(parse_bytes(data, path))


def with_tracks(result: ParseResult) -> ParseResult:
    """`result`, with an error instead of the guide when the guide has no tracks: what `check`
    passes, `open` can play."""
    if result.guide is None or result.guide.tracks:
        return result
    error = Diagnostic(result.path, 1, 1, Severity.ERROR, "this guide has no tracks", NO_TRACKS)
    return ParseResult(result.path, None, (error, *result.diagnostics), result.lines)


def parse_bytes(data: bytes, path: Path) -> ParseResult:
    """Decode UTF-8 (a BOM is allowed) and parse; binary or mis-encoded input is one error."""
    if len(data) > MAX_BYTES:
        return _failure(path, _too_large(len(data)), SPLIT_GUIDE)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data[:nul].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        return _failure(
            path,
            "this looks like a binary file, not a guide",
            "a guide is a Markdown text file (ostguide help format describes it)",
            line,
        )
    try:
        text = decode(data)
    except NotUtf8 as error:
        bad = error.offset
        line, column = line_and_column(data, bad)
        return _failure(
            path,
            f"the file is not UTF-8 text (byte 0x{data[bad]:02x})",
            "save the guide as UTF-8 in your editor",
            line,
            column,
        )
    return parse_text(text, path)


def parse_text(text: str, path: Path) -> ParseResult:
    """Parse a guide held in a string; one of more than `MAX_LINES` lines is one error (counted
    before the text is split, so a huge one costs no more memory than its text)."""
    count = line_count(text)
    if count > MAX_LINES:
        message = f"guide has {count:,} lines; at most {MAX_LINES:,} are supported"
        return _failure(path, message, SPLIT_GUIDE, MAX_LINES + 1)
    lines = lines_of(text)
    with _collector_paused():
        return _Parser(path, lines).run()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while parsing.

    A parse allocates tens of thousands of small objects that all survive and form no cycles, so
    collections during it find nothing and only cost time: over 40 % of a 20,000-remark parse, and
    growing faster than the guide. Reference counting still frees everything as usual.

    The collector is turned back on even when the parse raises, and only if it was on before: a
    caller that paused it itself (a benchmark, a parse inside a larger job) must find it paused.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _too_large(size: int) -> str:
    """The message for a file of `size` bytes, over `MAX_BYTES`."""
    return f"guide is {size / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:g} MB is supported"


def _failure(
    path: Path, message: str, help_text: str, line: int = 1, column: int = 1
) -> ParseResult:
    """A result holding a single error."""
    return ParseResult(
        path, None, (Diagnostic(path, line, column, Severity.ERROR, message, help_text),)
    )


def parse_target(fragment: str) -> tuple[TrackId, Stamp | None] | str | None:
    """What a `#fragment` link points at: a track (and moment), a theme id, or None if neither.

    Raises `StampError` for a malformed moment after `@`.
    """
    target = _TARGET.fullmatch(fragment)
    if target:
        disc, number, moment = target.groups()
        if len(number) > MAX_DIGITS or len(disc or "") > MAX_DIGITS:
            return None
        stamp = parse_stamp(moment) if moment is not None else None
        return TrackId(int(disc) if disc else 1, int(number)), stamp
    return fragment if THEME_ID.fullmatch(fragment) else None


@dataclass(slots=True)
class _Block:
    """A heading, a paragraph-like run of lines, or a fenced code block."""

    start: int
    """Index of the first line (0-based)."""
    lines: tuple[str, ...]
    kind: str
    """"heading", "text" or "code"."""


@dataclass(slots=True)
class _TrackDraft:
    """A track while its lines are being read."""

    id: TrackId
    title: str
    line: int
    alt_titles: tuple[str, ...] = ()
    length: float | None = None
    files: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    themes_line: int = 0
    intro: list[str] = field(default_factory=list)
    intro_refs: list[CrossRef] = field(default_factory=list)
    cues: list[tuple[Stamp, list[str], int, list[CrossRef]]] = field(default_factory=list)
    fields_done: bool = False
    end: int = 0

    def build(self) -> Track:
        """The immutable track."""
        return Track(
            id=self.id,
            title=self.title,
            line=self.line,
            alt_titles=self.alt_titles,
            length=self.length,
            files=self.files,
            themes=self.themes,
            intro="\n\n".join(self.intro),
            cues=tuple(
                Cue(stamp, "\n\n".join(parts), line, tuple(refs))
                for stamp, parts, line, refs in self.cues
            ),
            intro_refs=tuple(self.intro_refs),
            end=self.end,
        )


class _Parser:
    """One pass over a guide's lines."""

    def __init__(self, path: Path, lines: tuple[str, ...]) -> None:
        self.path = path
        self.lines = lines
        self.findings = Findings(path)
        self.intro: list[str] = []
        self.heading_title = ""
        self.tracks: list[_TrackDraft] = []
        self.afterword_title = ""
        self.afterword: list[str] = []
        self.afterword_line = 0
        self.in_afterword = False
        self.other_refs: list[CrossRef] = []
        self.targets: dict[str, tuple[TrackId, Stamp | None] | str | None] = {}
        """Link targets already read: guides link to the same tracks and themes again and again."""
        self.unread: list[UnreadHeading] = []
        """Level-2 headings not read as tracks, for `lint`."""
        self.texts: list[tuple[_Block, bool]] = []
        """Every text block as written, and whether it is inside a track, for `lint`."""

    def run(self) -> ParseResult:
        """Parse everything and build the guide if there were no errors."""
        findings = self.findings
        control_characters(self.lines, findings.error)
        matter = split_front_matter(self.lines, findings.error)
        for block in self._blocks(matter.body_start):
            self._take(block)
        if self.tracks and not self.tracks[-1].end:
            self.tracks[-1].end = len(self.lines)
        self._check_size("the guide's introduction", self.intro, matter.body_start + 1)
        self._check_size("the afterword", self.afterword, self.afterword_line)
        album = read_album(matter, self.heading_title or self.path.stem, findings.error)
        themes = read_themes(matter, findings.error)
        glossary = read_glossary(matter, findings.error)
        tracks = tuple(draft.build() for draft in self.tracks)
        self._check(tracks, {theme.id for theme in themes}, matter)
        self._lint(tracks, album.discs if "discs" in matter.fields else None)
        guide = None if findings.failed else self._guide(album, tracks, themes, glossary)
        return ParseResult(self.path, guide, tuple(findings.in_order()), self.lines)

    def _guide(
        self,
        album: Album,
        tracks: tuple[Track, ...],
        themes: tuple[Theme, ...],
        glossary: tuple[Term, ...],
    ) -> Guide:
        """The finished guide."""
        return Guide(
            path=self.path,
            album=album,
            intro="\n\n".join(self.intro),
            tracks=tracks,
            themes=themes,
            afterword_title=self.afterword_title,
            afterword="\n\n".join(self.afterword),
            glossary=glossary,
        )

    def _blocks(self, start: int) -> Iterator[_Block]:
        """Split the body into headings, runs of non-blank lines, and fenced code."""
        lines = self.lines
        count = len(lines)
        index = start
        while index < count:
            line = lines[index]
            if not line or line.isspace():
                index += 1
                continue
            if _MARKER.match(line):
                fence = FENCE.match(line)
                if fence:
                    end = index + 1
                    marker = fence.group(1)
                    while end < count and not lines[end].lstrip().startswith(marker):
                        end += 1
                    yield _Block(index, lines[index : end + 1], "code")
                    index = end + 1
                    continue
                if _HEADING.fullmatch(line):
                    yield _Block(index, (line,), "heading")
                    index += 1
                    continue
            end = index + 1
            while end < count:
                following = lines[end]
                if (
                    not following
                    or following.isspace()
                    or (
                        _MARKER.match(following)
                        and (_HEADING.fullmatch(following) or FENCE.match(following))
                    )
                ):
                    break
                end += 1
            yield _Block(index, lines[index:end], "text")
            index = end

    def _take(self, block: _Block) -> None:
        """Route a block to the introduction, a track or the afterword."""
        if block.kind == "heading" and self._heading(block):
            return
        in_track = bool(self.tracks) and not self.in_afterword
        if block.kind == "text":
            self.texts.append((block, in_track))
        if in_track:
            if block.kind == "text" and len(block.lines) > 1:
                for part in _split_at_stamps(block):
                    self._track_block(self.tracks[-1], part)
            else:
                self._track_block(self.tracks[-1], block)
            return
        if block.kind == "text":
            self.other_refs.extend(self._refs(block))
        (self.afterword if self.in_afterword else self.intro).append("\n".join(block.lines))

    def _heading(self, block: _Block) -> bool:
        """Handle a structural heading; False when it is just part of the text."""
        match = _HEADING.fullmatch(block.lines[0])
        assert match is not None
        level = len(match.group(1))
        content = _heading_text(match.group(2) or "").strip()
        line = block.start + 1
        if level == 1 and not self.tracks and not self.heading_title and content:
            self.heading_title = content
            return True
        closes_tracks = level == 1 and bool(self.tracks) and not self.in_afterword
        if level != 2 and not closes_tracks:
            return False
        if self.tracks and not self.tracks[-1].end:
            self.tracks[-1].end = block.start
        track = None if closes_tracks else _TRACK_HEADING.fullmatch(content)
        if track is None:
            place = (
                "afterword-text" if self.in_afterword else "afterword" if self.tracks else "intro"
            )
            self.unread.append(UnreadHeading(line, match.start(2) + 1, content, place))
            if self.tracks and not self.in_afterword:
                self.in_afterword = True
                self.afterword_title = content
                self.afterword_line = line
                return True
            return False
        if self.in_afterword:
            self.findings.error(
                line,
                1,
                "track heading after the afterword",
                "the afterword (a ## heading without a number) must come after the last track",
            )
            return True
        disc, number, title = track.groups()
        if len(number) > MAX_DIGITS or len(disc or "") > MAX_DIGITS:
            self.findings.error(
                line,
                match.start(2) + 1,
                "track number is too large",
                "number tracks as on the album: ## 01. Title, or ## 2-05. Title",
            )
            return True
        if len(self.tracks) == MAX_TRACKS:
            self.findings.error(
                line, 1, f"more than {MAX_TRACKS:,} tracks in one guide", SPLIT_GUIDE
            )
        title = title.strip()
        if not title:
            self.findings.warn(
                line,
                1,
                f"track {number} has no title",
                f"write the title after the number, e.g. ## {number}. Title",
            )
        self.tracks.append(_TrackDraft(TrackId(int(disc) if disc else 1, int(number)), title, line))
        return True

    def _track_block(self, draft: _TrackDraft, block: _Block) -> None:
        """A block inside a track: its fields, its introduction, or a remark."""
        refs = self._refs(block) if block.kind == "text" else []
        first_block = not draft.fields_done
        draft.fields_done = True
        if block.kind == "text":
            if self._is_field_list(block.lines):
                if first_block:
                    self._fields(draft, block)
                    return
                self._late_fields(draft, block)
            try:
                found = leading_stamp(block.lines[0])
            except StampError as exc:
                self.findings.error(block.start + 1, exc.offset + 1, exc.message, exc.help)
                found = None
            if found is not None:
                stamp, end = found
                body = "\n".join([block.lines[0][end:].lstrip(), *block.lines[1:]]).strip()
                draft.cues.append((stamp, [body] if body else [], block.start + 1, refs))
                return
        text = "\n".join(block.lines)
        if draft.cues:
            draft.cues[-1][1].append(text)
            draft.cues[-1][3].extend(refs)
        else:
            draft.intro.append(text)
            draft.intro_refs.extend(refs)

    @staticmethod
    def _is_field_list(lines: Sequence[str]) -> bool:
        """A bullet list with at least one known `Field: value` item."""
        if not all(_ITEM.match(line) for line in lines):
            return False
        return any(
            (m := _FIELD.fullmatch(line)) is not None and m.group(1).rstrip().lower() in _FIELDS
            for line in lines
        )

    def _fields(self, draft: _TrackDraft, block: _Block) -> None:
        """Read `- Field: value` items into the track."""
        seen: dict[str, int] = {}
        for index, line in enumerate(block.lines):
            number = block.start + index + 1
            match = _FIELD.fullmatch(line)
            if match is None:
                self.findings.error(
                    number, 1, "expected a track field as 'Field: value'", _FIELDS_HELP
                )
                continue
            written = match.group(1).rstrip()
            name, value = written.lower(), match.group(2).strip()
            column = match.start(2) + 1
            if name not in _FIELDS:
                self.findings.error(
                    number,
                    match.start(1) + 1,
                    f"unknown track field '{written}'",
                    _FIELDS_HELP,
                )
                continue
            key = "file" if name == "files" else name
            if key in seen:
                self.findings.error(
                    number,
                    match.start(1) + 1,
                    f"field '{written}' is given twice (first on line {seen[key]})",
                    "put all values in one field, separated by ;",
                )
                continue
            seen[key] = number
            if key == "also":
                draft.alt_titles = _split(value, ";")
            elif key == "file":
                draft.files = _split(value, ";")
                for hint in draft.files:
                    problem = cannot_play(hint)
                    if problem:
                        self.findings.warn(
                            number, column + value.find(hint), problem, "name that file instead"
                        )
            elif key == "themes":
                draft.themes = _split(value.replace(";", ","), ",")
                draft.themes_line = number
            else:
                draft.length = self._length(value, number, column)

    def _late_fields(self, draft: _TrackDraft, block: _Block) -> None:
        """Warn about a list of track fields that does not follow the heading: it is read as
        commentary, so its values would be lost without a word."""
        for index, line in enumerate(block.lines):
            match = _FIELD.fullmatch(line)
            if match is not None and match.group(1).rstrip().lower() in _FIELDS:
                self.findings.warn(
                    block.start + index + 1,
                    match.start(1) + 1,
                    f"field '{match.group(1).rstrip()}' is read as commentary: track fields "
                    "must come right after the track's heading",
                    f"move the list up, just under the heading on line {draft.line}",
                )

    def _length(self, value: str, line: int, column: int) -> float | None:
        """A `Length:` value, as an exact time."""
        try:
            stamp = parse_stamp(value)
        except StampError as exc:
            self.findings.error(
                line,
                column + exc.offset,
                exc.message.replace(f"[{value}]", value),
                "write the length as minutes:seconds, e.g. Length: 4:12",
            )
            return None
        if stamp.seconds is None:
            self.findings.error(
                line,
                column,
                "a track's length must be a time, not a fraction",
                "write the length as minutes:seconds, e.g. Length: 4:12",
            )
        return stamp.seconds

    def _refs(self, block: _Block) -> list[CrossRef]:
        """Cross-references (`[text](#19@1:05)`, `[text](#theme)`) in a text block, their text
        wrapped over several lines or not."""
        refs: list[CrossRef] = []
        text = "\n".join(block.lines)
        if "](#" not in text:
            return refs
        targets = self.targets
        place = _Places(text, block.start + 1)
        for link in _LINK.finditer(text):
            words, fragment = link.groups()
            line, column = place.of(link.start())
            if fragment in targets:
                target = targets[fragment]
            else:
                try:
                    target = parse_target(fragment)
                except StampError as exc:
                    at = link.start(2) + fragment.index("@") + 1 + exc.offset
                    self.findings.error(*place.of(at), exc.message, exc.help)
                    continue
                targets[fragment] = target
            words = " ".join(words.split()) if "\n" in words else words
            if target is None:
                self.findings.warn(
                    *place.of(link.start(2) - 1),
                    f"link #{fragment} points nowhere",
                    "link to a track (#19, #19@1:05, #2-05) or a theme id (#friendship)",
                )
            elif isinstance(target, str):
                refs.append(CrossRef(words, line, column, None, None, target))
            else:
                refs.append(CrossRef(words, line, column, target[0], target[1]))
        return refs

    def _check(self, tracks: tuple[Track, ...], theme_ids: set[str], matter: FrontMatter) -> None:
        """Warnings for what is legal but suspicious."""
        first_line: dict[TrackId, int] = {}
        for track in tracks:
            if track.id in first_line:
                self.findings.warn(
                    track.line,
                    4,
                    f"two tracks numbered {track.id} (the first on line {first_line[track.id]})",
                    "renumber one of them; multi-disc albums write ## 2-05.",
                )
            first_line.setdefault(track.id, track.line)
            self._check_cues(track)
        for draft in self.tracks:
            for theme in draft.themes:
                if theme not in theme_ids:
                    text = self.lines[draft.themes_line - 1]
                    alone = re.compile(rf"(?<![\w-]){re.escape(theme)}(?![\w-])")
                    found = alone.search(text, text.index(":"))
                    self.findings.warn(
                        draft.themes_line,
                        found.start() + 1 if found else 1,
                        f"theme '{theme}' is not defined",
                        f'add it to the [themes] table of the front matter: {theme} = "Its name"',
                    )
        if not self._any_dangling(set(first_line), theme_ids):
            return
        all_refs = [*self.other_refs]
        for track in tracks:
            all_refs.extend(track.intro_refs)
            for cue in track.cues:
                all_refs.extend(cue.refs)
        for ref in all_refs:
            if ref.theme is not None and ref.theme not in theme_ids:
                self.findings.warn(
                    ref.line,
                    ref.column,
                    f"link to theme '{ref.theme}' points nowhere",
                    "define the theme in [themes] or fix the link",
                )
            if ref.track is not None and ref.track not in first_line:
                self.findings.warn(
                    ref.line,
                    ref.column,
                    f"link to track {ref.track} points nowhere: the guide has no such track",
                    "check the track number",
                )

    def _lint(self, tracks: tuple[Track, ...], discs: int | None) -> None:
        """Warnings for what was written but would be silently dropped or misplaced."""
        warn = self.findings.warn
        unread_headings(self.unread, warn)
        hidden_stamps(((block.start, block.lines) for block, inside in self.texts if inside), warn)
        unspaced_headings(((block.start, block.lines) for block, _ in self.texts), warn)
        track_order(tracks, discs, self.lines, warn)
        unplaceable_stamps(tracks, warn)

    def _any_dangling(self, track_ids: set[TrackId], theme_ids: set[str]) -> bool:
        """Whether any link read points at a missing track or theme (each target is read once, so
        this spares checking every link of a guide whose links all resolve)."""
        for target in self.targets.values():
            if isinstance(target, str):
                if target not in theme_ids:
                    return True
            elif target is not None and target[0] not in track_ids:
                return True
        return False

    def _check_size(self, what: str, parts: Sequence[str], line: int) -> None:
        """An error when a piece of commentary is longer than the screen is made to show."""
        problem = piece_too_long("\n\n".join(parts))
        if problem is not None:
            self.findings.error(
                line,
                1,
                f"{what} is {problem}",
                "shorten it, or split it into several remarks, each starting with its own stamp "
                "such as [1:23] (see 'Limits' in `ostguide help format`)",
            )

    def _check_cues(self, track: Track) -> None:
        """Remarks out of order or past the track's known length; too many or too long ones."""
        self._check_size(f"the introduction of track {track.id}", (track.intro,), track.line)
        if len(track.cues) > MAX_REMARKS:
            self.findings.error(
                track.cues[MAX_REMARKS].line,
                1,
                f"track {track.id} has more than {MAX_REMARKS:,} remarks",
                "merge short remarks into longer ones, or split the track into several",
            )
        for cue in track.cues:
            self._check_size("remark", (cue.text,), cue.line)
        length = track.length
        latest = [0.0, 0.0]  # the latest time so far, and the latest fraction of an unknown length
        for cue in track.cues:
            stamp = cue.stamp
            is_fraction = stamp.seconds is None and not length
            value = (stamp.fraction or 0.0) if is_fraction else stamp.resolve(length)
            if value < latest[is_fraction]:
                self.findings.warn(
                    cue.line,
                    1,
                    f"remark at {stamp.label(length)} comes after a later one",
                    "keep a track's remarks in time order",
                )
            else:
                latest[is_fraction] = value
            if length and stamp.seconds is not None and stamp.seconds > length:
                self.findings.warn(
                    cue.line,
                    1,
                    f"remark at {stamp.label()} is past the track's length ({format_time(length)})",
                    "check the stamp or the Length field",
                )


def control_characters(lines: Sequence[str], error: Report) -> None:
    """An error for the first control character of each line that holds one (a tab is allowed):
    a terminal would act on it (an escape can set the title, write the clipboard, clear the
    screen) instead of showing it."""
    for number, line in enumerate(lines, 1):
        if line.isprintable():
            continue
        column = first_control(line)
        if column >= 0:
            error(
                number,
                column + 1,
                f"control character {describe(line[column])} in the text",
                "delete it: a guide holds text only (a terminal would act on it, not show it)",
            )


class _Places:
    """Line and column of offsets into a block's text, asked for in increasing order: each call
    reads only the text since the last, so a block of many links is located in one pass."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.line = first_line
        self.line_start = 0
        self.done = 0

    def of(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset`."""
        newline = self.text.rfind("\n", self.done, offset)
        if newline >= 0:
            self.line += self.text.count("\n", self.done, offset)
            self.line_start = newline + 1
        self.done = offset
        return self.line, offset - self.line_start + 1


def _split_at_stamps(block: _Block) -> Iterator[_Block]:
    """Cut a run of lines before every line that starts a stamp, so that LRC-style lines
    (`[0:10] …` on consecutive lines) are separate remarks; a line that starts with a link whose
    text looks like a time (`[1984](…)`) continues the paragraph."""
    lines = block.lines
    if not any(line[:1] == "[" for line in lines[1:]):
        yield block
        return
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or _starts_stamp(lines[index]):
            yield _Block(block.start + start, block.lines[start:index], "text")
            start = index


def _starts_stamp(line: str) -> bool:
    """Whether a line begins with a stamp (or a broken one), as `leading_stamp` reads it."""
    return _STAMP_START.match(line) is not None and _LINK_START.match(line) is None


def _heading_text(text: str) -> str:
    """A heading's text without its optional closing sequence of `#` (`## Title ##`)."""
    text = text.rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed[-1:] in (" ", "\t"):
        return unclosed.rstrip(" \t")
    return text


def _split(value: str, separator: str) -> tuple[str, ...]:
    """Non-empty, stripped parts of a field value."""
    return tuple(part.strip() for part in value.split(separator) if part.strip())
