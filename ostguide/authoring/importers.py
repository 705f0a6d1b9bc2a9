"""Timings people already have, turned into a guide's remarks or tracks (`ostguide import FILE`).

Four formats:

- LRC lyrics (`[01:05.25] text`, `[offset:+250]`), ID3 chapters (CHAP frames, read with mutagen)
  and YouTube-style description timestamps (`1:05 Intro` lines) give remarks for one track;
- CUE sheets (`TRACK 01 AUDIO`, `INDEX 01 04:12:37`, see `cuesheet`) give an album's tracks.

`import_file` reads a file in any of them, `render` writes the result in the guide format
(docs/guide-format.md), and `source_lines` gives the lines that diagnostics point into. Like the
guide parser, nothing here raises on bad input: problems are `Diagnostic`s at a line and column.

Encodings: LRC and timestamp files must be UTF-8 (a BOM is allowed). CUE sheets are often written
by Windows rippers in the system's code page, so a sheet that is not UTF-8 is read as Shift-JIS
(cp932) when that decodes and gives Japanese text, else as Windows-1252, with a warning that names
the encoding and the first byte that was not UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import mutagen
from mutagen.id3 import ID3

from ostguide.guide.diagnostics import Diagnostic, Findings
from ostguide.guide.model import TrackId
from ostguide.guide.parser import MAX_BYTES
from ostguide.player.probe import probe_length

from .cuesheet import SheetTrack, read_sheet

Format = Literal["lrc", "cue", "chapters", "timestamps"]
FORMATS: tuple[Format, ...] = ("lrc", "cue", "chapters", "timestamps")
"""The names `--format` accepts."""

_SUFFIXES: dict[str, Format] = {
    ".lrc": "lrc",
    ".cue": "cue",
    ".txt": "timestamps",
    **dict.fromkeys((".mp3", ".mp2", ".wav", ".aif", ".aiff"), "chapters"),
}
_AUDIO_SUFFIXES = (".flac", ".wav", ".ape", ".wv", ".mp3", ".m4a", ".ogg", ".opus", ".aiff")
"""Rips often keep the sheet that names `album.wav` next to `album.flac`."""
_SNIFF_BYTES = 64 * 1024
_FORMAT_HELP = "name the file .lrc, .cue or .txt, or give --format " + ", ".join(FORMATS)

_LRC_TAG = re.compile(r"\[([^\[\]]*)\]")
_LRC_TIME = re.compile(r"(\d+):(\d+)(?:[.:](\d{1,3}))?")
_LRC_META = re.compile(r"([A-Za-z#]+):(.*)")
_LRC_OFFSET = re.compile(r"\s*([+-]?\d+)\s*")
_WORD_TIME = re.compile(r"<\d+:\d+(?:[.:]\d+)?>")
"""Enhanced LRC's word timings inside a line (`<00:12.50>`), left out of the remark."""
_LRC_HELP = "write LRC time tags as [mm:ss.xx], e.g. [01:05.25]"

_TIMESTAMP = re.compile(
    r"\s*(?:[-*•]\s*)?[(\[]?((?:(\d+):)?(\d+):(\d+))(?!\d)[)\]]?\s*(?:[-–—:|]\s*)?(.*)"
)
_TIMESTAMP_HELP = "write description timestamps as m:ss or h:mm:ss, e.g. 1:05 or 1:02:03"

_SNIFFERS: tuple[tuple[re.Pattern[str], Format], ...] = (
    (re.compile(r"\s*(TRACK\s+\d+\s+\w|INDEX\s+\d+\s+\d+:\d+:\d+)", re.IGNORECASE), "cue"),
    (re.compile(r"\s*\[(\d+:\d+(?:[.:]\d+)?|(ti|ar|al|by|offset|length):)", re.IGNORECASE), "lrc"),
    (_TIMESTAMP, "timestamps"),
)
_JAPANESE = re.compile(r"[\u3040-\u30ff]|[\u4e00-\u9fff]{2}")
"""Kana, or two kanji in a row: what Shift-JIS text has and Windows-1252 misread as it hasn't."""
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}


@dataclass(frozen=True, slots=True)
class ImportedCue:
    """A timed remark."""

    seconds: float
    text: str


@dataclass(frozen=True, slots=True)
class ImportedTrack:
    """A track of an imported album."""

    disc: int
    number: int
    title: str
    length: float | None
    """Seconds, when the sheet (or the audio next to it) tells."""
    file: str | None
    """File name hint, when the track has an audio file of its own."""
    cues: tuple[ImportedCue, ...] = ()


@dataclass(frozen=True, slots=True)
class Imported:
    """What a file held: remarks for one track (`cues`) or an album's tracks (`tracks`)."""

    kind: Literal["cues", "tracks"]
    title: str = ""
    performer: str = ""
    cues: tuple[ImportedCue, ...] = ()
    tracks: tuple[ImportedTrack, ...] = ()


Result = tuple[Imported | None, list[Diagnostic]]


def detect(path: Path, data: bytes) -> Format | None:
    """The format of a file, by its suffix or else by the first bytes (`data`) of its content."""
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if data.startswith(b"ID3") or b"\0" in data:
        return "chapters"
    lines = data.decode("utf-8", "replace").splitlines()
    for pattern, kind in _SNIFFERS:
        if any(pattern.match(line) for line in lines):
            return kind
    return None


def import_file(path: Path, format: Format | None = None) -> Result:
    """Read timings from `path` in `format` (detected when None)."""
    findings = Findings(path)
    try:
        kind = format or detect(path, _head(path))
        if kind == "chapters":
            return parse_chapters(path)
        data = _read_text_file(path)
    except OSError as exc:
        findings.error(1, 1, f"cannot read the file: {exc.strerror or exc}")
        return None, findings.diagnostics
    if kind is None:
        findings.error(1, 1, "cannot tell what kind of timings this is", _FORMAT_HELP)
        return None, findings.diagnostics
    if data is None:
        findings.error(1, 1, f"larger than {MAX_BYTES // 2**20} MB: not timed text")
        return None, findings.diagnostics
    text = decode(data, findings, cue_sheet=kind == "cue")
    if text is None:
        return None, findings.diagnostics
    imported, found = _TEXT_PARSERS[kind](text, path)
    findings.extend(found)
    return imported, findings.in_order()


def source_lines(path: Path, format: Format | None = None) -> tuple[str, ...]:
    """The lines of a text file as `import_file` read them, for `Diagnostic.render`; none for
    audio and binary files. Bytes that do not decode show as U+FFFD."""
    try:
        kind = format or detect(path, _head(path))
        data = None if kind == "chapters" else _read_text_file(path)
    except OSError:
        return ()
    if data is None or b"\0" in data:
        return ()
    text = decode(data, Findings(path), cue_sheet=kind == "cue")
    return _lines(data.decode("utf-8-sig", "replace") if text is None else text)


def _head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell its format."""
    with path.open("rb") as stream:
        return stream.read(_SNIFF_BYTES)


def _read_text_file(path: Path) -> bytes | None:
    """The file's bytes, or None if it is too large to be timed text."""
    if path.stat().st_size > MAX_BYTES:
        return None
    return path.read_bytes()


def _lines(text: str) -> tuple[str, ...]:
    """Lines as the guide parser counts them (LF, CRLF or CR)."""
    return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def decode(data: bytes, findings: Findings, *, cue_sheet: bool = False) -> str | None:
    """Text of a file: UTF-8 (with or without BOM); a CUE sheet may also be Shift-JIS or
    Windows-1252 (with a warning in `findings`). None and an error for binary or undecodable
    data."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        findings.error(line, column, "this looks like a binary file", _FORMAT_HELP)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
    line, column = _position(data, bad)
    legacy = _legacy_encoding(data) if cue_sheet else None
    if legacy is None:
        findings.error(
            line,
            column,
            f"the file is not UTF-8 text (byte 0x{data[bad]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None
    name, codec = legacy
    findings.warn(
        line,
        column,
        f"the sheet is not UTF-8 (byte 0x{data[bad]:02x}): read as {name}",
        "if titles look wrong, save the sheet as UTF-8",
    )
    return data.decode(codec)


def _legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """(name, codec) of the code page a non-UTF-8 CUE sheet was most likely written in."""
    try:
        if _JAPANESE.search(data.decode("cp932")):
            return "Shift-JIS", "cp932"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252", "cp1252"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`, without a BOM."""
    before = _lines(data[:offset].decode("utf-8-sig", "replace"))
    return len(before), len(before[-1]) + 1


def _clean(text: str) -> str:
    """One line of remark text: whitespace runs as single spaces."""
    return " ".join(text.split())


@dataclass(slots=True)
class _LrcHeader:
    """What an LRC file's metadata tags said."""

    title: str = ""
    performer: str = ""
    offset: int = 0
    """Milliseconds (`[offset:+250]`)."""
    offset_line: int = 0


def parse_lrc(text: str, path: Path) -> Result:
    """LRC lyrics: `[mm:ss.xx]` (or `[mm:ss]`, `[mm:ss:xx]`) tags, several on a line for a line
    sung several times; `[ti:]` and `[ar:]` give the title and performer; `[offset:]` shifts all.
    Lines whose text is blank (they clear the display) are skipped."""
    findings = Findings(path)
    header = _LrcHeader()
    timed: list[tuple[float, int, str]] = []
    for number, line in enumerate(_lines(text), 1):
        start = len(line) - len(line.lstrip())
        if start == len(line):
            continue
        if line[start] != "[":
            findings.warn(number, start + 1, "line without a time tag, skipped")
            continue
        times: list[float] = []
        position = start
        while (tag := _LRC_TAG.match(line, position)) and (
            time := _LRC_TIME.fullmatch(tag.group(1))
        ):
            seconds = _lrc_seconds(time, tag.group(1), findings, number, tag.start(1) + 1)
            times.extend([] if seconds is None else [seconds])
            position = tag.end()
        if position == start:
            _lrc_metadata(line, start, header, findings, number)
            continue
        remark = _clean(_WORD_TIME.sub("", line[position:]))
        if remark:
            timed.extend((seconds, number, remark) for seconds in times)
    if not timed and not findings.failed:
        findings.error(1, 1, "no timed lines found", _LRC_HELP)
    cues: list[ImportedCue] = []
    # LRC's [offset:] is in milliseconds, and a positive value makes lyrics appear sooner
    # ("+ shifts time up", https://en.wikipedia.org/wiki/LRC_(file_format)): a line tagged t
    # shows at t - offset.
    for seconds, number, remark in sorted(timed, key=lambda entry: entry[0]):
        shifted = seconds - header.offset / 1000
        if shifted < 0:
            findings.warn(number, 1, "the offset moves this line before 0:00; placed at 0:00")
        cues.append(ImportedCue(max(0.0, shifted), remark))
    return findings.outcome(Imported("cues", header.title, header.performer, tuple(cues)))


def _lrc_metadata(
    line: str, start: int, header: _LrcHeader, findings: Findings, number: int
) -> None:
    """Read a metadata tag (`[ti:Shangri-La]`) into `header`; unknown keys are left alone."""
    tag = _LRC_TAG.match(line, start)
    if tag is None:
        findings.error(number, start + 1, "unterminated LRC tag: missing ']'", _LRC_HELP)
        return
    body, column = tag.group(1), tag.start(1) + 1
    meta = _LRC_META.fullmatch(body)
    if meta is None:
        findings.error(number, column, f"malformed LRC tag [{body}]", _LRC_HELP)
        return
    key, value = meta.group(1).lower(), meta.group(2).strip()
    if key == "ti":
        header.title = value
    elif key == "ar":
        header.performer = value
    elif key == "offset":
        found = _LRC_OFFSET.fullmatch(meta.group(2))
        if found is None:
            findings.error(
                number,
                column + meta.start(2),
                f"the offset must be whole milliseconds in [{body}]",
                "write [offset:+250] or [offset:-250]",
            )
        elif header.offset_line:
            message = f"a second offset (the first on line {header.offset_line}), ignored"
            findings.warn(number, column, message)
        else:
            header.offset, header.offset_line = int(found.group(1)), number


def _lrc_seconds(
    time: re.Match[str], body: str, findings: Findings, line: int, column: int
) -> float | None:
    """Seconds of a matched LRC time tag, or None after reporting seconds of 60 or more."""
    minutes, seconds, decimals = time.groups()
    if int(seconds) >= 60 or len(seconds) > 2:
        findings.error(
            line, column + time.start(2), f"seconds must be below 60 in [{body}]", _LRC_HELP
        )
        return None
    fraction = int(decimals) / 10 ** len(decimals) if decimals else 0.0
    return int(minutes) * 60 + int(seconds) + fraction


def parse_timestamps(text: str, path: Path) -> Result:
    """YouTube-description chapters: lines that start with a time (`0:00 Intro`, `1:02:03 - Title`,
    `(12:34) Title`); other lines are ignored.

    YouTube shows chapters only if the first is at 0:00, there are three and they ascend. A guide
    needs none of that, so only times out of order get a warning (they are likely typos) and the
    remarks are sorted; a first time after 0:00 is simply the first remark.
    """
    findings = Findings(path)
    timed: list[tuple[float, str]] = []
    latest: tuple[float, int] | None = None
    for number, line in enumerate(_lines(text), 1):
        match = _TIMESTAMP.match(line)
        if match is None:
            continue
        seconds = _timestamp_seconds(match, findings, number)
        if seconds is None:
            continue
        remark = _clean(match.group(5))
        if not remark:
            findings.warn(number, match.start(1) + 1, "a timestamp without a title, skipped")
            continue
        if latest is not None and seconds < latest[0]:
            findings.warn(
                number,
                match.start(1) + 1,
                f"{match.group(1)} comes before the time on line {latest[1]}",
                "description timestamps run in time order; check for a typo",
            )
        if latest is None or seconds >= latest[0]:
            latest = (seconds, number)
        timed.append((seconds, remark))
    if not timed and not findings.failed:
        findings.error(1, 1, "no line starts with a timestamp and a title", _TIMESTAMP_HELP)
    cues = tuple(ImportedCue(s, t) for s, t in sorted(timed, key=lambda entry: entry[0]))
    return findings.outcome(Imported("cues", cues=cues))


def _timestamp_seconds(match: re.Match[str], findings: Findings, line: int) -> float | None:
    """Seconds of a matched `m:ss` / `h:mm:ss`, or None after reporting a field out of range."""
    hours, first, seconds = match.group(2), match.group(3), match.group(4)
    fields = [(4, seconds)] + ([(3, first)] if hours is not None else [])
    for group, value in fields:
        if len(value) != 2 or int(value) >= 60:
            name = "seconds" if group == 4 else "minutes"
            findings.error(
                line,
                match.start(group) + 1,
                f"{name} must be two digits below 60 in {match.group(1)}",
                _TIMESTAMP_HELP,
            )
            return None
    return int(hours or 0) * 3600 + int(first) * 60 + int(seconds)


def parse_chapters(path: Path) -> Result:
    """ID3 chapters (CHAP frames with a TIT2 title) of an audio file, in time order."""
    findings = Findings(path)
    try:
        audio = mutagen.File(path)
    # mutagen's parsers raise many unrelated types on damaged data (struct.error, ValueError,
    # MutagenError subclasses); any of them means the chapters cannot be read.
    except Exception as exc:
        findings.error(1, 1, f"mutagen cannot read this file: {exc}")
        return None, findings.diagnostics
    tags = audio.tags if audio is not None else None
    if not isinstance(tags, ID3):
        findings.error(1, 1, "the file has no ID3 tag, so no chapters", "try another --format")
        return None, findings.diagnostics
    frames_of: Any = tags.getall  # mutagen's ID3 is untyped
    chapters: list[Any] = sorted(frames_of("CHAP"), key=lambda frame: frame.start_time)
    if not chapters:
        findings.error(
            1,
            1,
            "the ID3 tag has no chapters (CHAP frames)",
            "podcast and audiobook tools write chapters; try another --format",
        )
        return None, findings.diagnostics
    cues = tuple(
        ImportedCue(
            chapter.start_time / 1000,
            _frame_text(chapter.sub_frames, "TIT2") or f"Chapter {number}",
        )
        for number, chapter in enumerate(chapters, 1)
    )
    return findings.outcome(
        Imported("cues", _frame_text(tags, "TIT2"), _frame_text(tags, "TPE1"), cues)
    )


def _frame_text(tags: Any, frame_id: str) -> str:
    """The first text of a text frame, or "" if there is none."""
    frames: list[Any] = tags.getall(frame_id)
    return _clean(str(frames[0].text[0])) if frames and frames[0].text else ""


def parse_cue(text: str, path: Path) -> Result:
    """An album's tracks from a CUE sheet.

    A track's length is where the next track in the same FILE starts, minus where it starts; the
    last track of a FILE runs to the end of the audio file, if it is next to the sheet and mutagen
    can read its length, else its length is unknown. A FILE that holds one track is that track's
    file hint; a FILE that holds several (a one-file album rip) is no track's.
    """
    sheet, diagnostics = read_sheet(text, path)
    if sheet is None:
        return None, diagnostics
    findings = Findings(path)
    findings.extend(diagnostics)
    by_file: dict[str, list[SheetTrack]] = {}
    for track in sheet.tracks:
        by_file.setdefault(track.file, []).append(track)
    tracks: list[ImportedTrack] = []
    for name, in_file in by_file.items():
        audio = _locate(path.parent, name)
        audio_length = probe_length(audio).length if audio else None
        for index, track in enumerate(in_file):
            following = in_file[index + 1] if index + 1 < len(in_file) else None
            end = following.start if following else audio_length
            length = None if end is None else end - track.start
            if end is not None and end <= track.start:
                _misplaced(findings, track, following, end)
            hint = (audio.name if audio else name) if len(in_file) == 1 else None
            tracks.append(ImportedTrack(1, track.number, track.title, length, hint))
    tracks.sort(key=lambda track: track.number)
    return findings.outcome(Imported("tracks", sheet.title, sheet.performer, tracks=tuple(tracks)))


def _misplaced(
    findings: Findings, track: SheetTrack, following: SheetTrack | None, end: float
) -> None:
    """Report a track that starts at or after the next one, or where its file ends."""
    if following is not None:
        message = f"track {track.number:02d} does not start before track {following.number:02d}"
        help_text = "the INDEX 01 times of the tracks in one FILE must ascend"
    else:
        message = (
            f"track {track.number:02d} starts where its audio file ends ({_clock(round(end))})"
        )
        help_text = "check the INDEX 01 time and the FILE the track belongs to"
    findings.error(track.line, track.column, message, help_text)


def _locate(folder: Path, name: str) -> Path | None:
    """The audio file a FILE line names, next to the sheet; or one with the same stem."""
    written = folder / name.replace("\\", "/")
    if written.is_file():
        return written
    stem = Path(written.name).stem
    return next(
        (folder / (stem + s) for s in _AUDIO_SUFFIXES if (folder / (stem + s)).is_file()), None
    )


_TEXT_PARSERS: dict[Format, Callable[[str, Path], Result]] = {
    "lrc": parse_lrc,
    "cue": parse_cue,
    "timestamps": parse_timestamps,
}


def render(imported: Imported) -> str:
    """Markdown in the guide format: remarks to paste under a track heading (`cues`), or a whole
    guide with front matter and one heading per track (`tracks`)."""
    if imported.kind == "cues":
        return _remarks(imported.cues) + "\n"
    parts: list[str] = []
    matter = [
        f"{key} = {_toml_string(value)}"
        for key, value in (("title", imported.title), ("composer", imported.performer))
        if value
    ]
    if matter:
        parts.append("\n".join(["+++", *matter, "+++"]))
    for track in imported.tracks:
        title = _clean(track.title) or f"Track {track.number:02d}"
        fields = [f"- Length: {_clock(round(track.length))}"] if track.length is not None else []
        fields += [f"- File: {track.file}"] if track.file else []
        parts.append(f"## {TrackId(track.disc, track.number)}. {title}")
        parts.extend(["\n".join(fields)] if fields else [])
        parts.append(_remarks(track.cues) if track.cues else "[0:00]")
    return "\n\n".join(parts) + "\n"


def _remarks(cues: Sequence[ImportedCue]) -> str:
    """One `[m:ss.fff] text` paragraph per cue."""
    return "\n\n".join(f"{stamp(cue.seconds)} {_clean(cue.text)}" for cue in cues)


def stamp(seconds: float) -> str:
    """A guide stamp for a time: `[1:05]`, `[1:05.250]`, `[1:02:03]` (to the millisecond)."""
    whole, millis = divmod(round(seconds * 1000), 1000)
    return f"[{_clock(whole)}.{millis:03d}]" if millis else f"[{_clock(whole)}]"


def _clock(seconds: int) -> str:
    """`m:ss`, or `h:mm:ss` from an hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = (
        _TOML_ESCAPES.get(c) or (f"\\u{ord(c):04X}" if c < " " or c == "\x7f" else c) for c in value
    )
    return '"' + "".join(escaped) + '"'
