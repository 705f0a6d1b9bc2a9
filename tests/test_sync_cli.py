"""`ostguide new` and `ostguide sync` write the sidecar from the author's files; `ostguide match`
on another copy says how each track lines up, knows untagged files by their sound and rejects a
file of another album whatever its tags say. Generated songs, a few seconds each."""

from __future__ import annotations

from pathlib import Path

import pytest
import songgen
import transforms
from audiogen import write_tags

from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, main
from ostguide.guide.model import TrackId
from ostguide.sync.sidecar import read_sidecar

SECONDS = 24.0
TITLES = ("Dawn", "Chase", "Rest")


def album(folder: Path, transform: str = "same file", tagged: bool = True) -> list[Path]:
    """The three songs as FLAC files (transformed), tagged as the album's tracks or not."""
    made = []
    for number, title in enumerate(TITLES, 1):
        song = songgen.song(40 + number, SECONDS)
        copy = transforms.TRANSFORMS[transform](song.samples, songgen.RATE)
        name = f"{number:02d} {title}" if tagged else f"AUDIO_{7 * number}"
        path = transforms.write(copy, songgen.RATE, folder / name)
        if tagged:
            tags = {"title": title, "album": "Songs", "tracknumber": f"{number}/3"}
            write_tags(path, tags)
        made.append(path)
    return made


@pytest.fixture
def authored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A guide made with `ostguide new` from the author's copy."""
    album(tmp_path / "mine")
    guide = tmp_path / "songs.md"
    assert main(["new", str(tmp_path / "mine"), "-o", str(guide)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Wrote " + str(guide.with_suffix(".sync")) + " (3 tracks" in out
    return guide


@pytest.mark.slow
def test_new_describes_every_track_in_the_sidecar(authored: Path) -> None:
    tracks, problems = read_sidecar(authored.with_suffix(".sync"))
    assert problems == [] and set(tracks) == {TrackId(1, n) for n in (1, 2, 3)}
    assert tracks[TrackId(1, 2)].file == "02 Chase.flac"
    assert tracks[TrackId(1, 2)].sound.duration == pytest.approx(
        songgen.song(42, SECONDS).seconds, abs=0.1
    )


@pytest.mark.slow
def test_match_on_a_faster_copy_says_how_each_track_lines_up(
    authored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    album(tmp_path / "theirs", "2 % faster, sharp")
    assert main(["match", str(authored), "--music", str(tmp_path / "theirs")]) == EXIT_OK
    out = capsys.readouterr().out
    timing = out.split("Timing against the author's copy:\n")[1].splitlines()
    assert len(timing) == 3
    assert all(", 2.0 % faster, sharp, confident" in line for line in timing), out


@pytest.mark.slow
def test_untagged_files_are_known_by_their_sound(
    authored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = album(tmp_path / "theirs", "MP3 128k", tagged=False)
    assert main(["match", str(authored), "--music", str(tmp_path / "theirs")]) == EXIT_OK
    out = capsys.readouterr().out
    for path, title in zip(files, TITLES, strict=True):
        (line,) = [line for line in out.splitlines() if f" {title} " in line]
        assert path.name in line and "sounds like the author's copy" in line


@pytest.mark.slow
def test_a_file_of_another_album_is_rejected_whatever_its_tags_say(
    authored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = album(tmp_path / "theirs")
    stranger = songgen.song(77, SECONDS)
    same = transforms.TRANSFORMS["same file"](stranger.samples, songgen.RATE)
    impostor = transforms.write(same, songgen.RATE, files[1])  # tags lost: tag it again
    write_tags(impostor, {"title": "Chase", "album": "Songs", "tracknumber": "2/3"})
    assert main(["match", str(authored), "--music", str(tmp_path / "theirs")]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if " Chase " in line]
    assert "not found" in line and "does not sound like the author's copy" in line


@pytest.mark.slow
def test_sync_writes_the_sidecar_and_says_which_tracks_have_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = album(tmp_path / "mine")
    files[2].unlink()
    guide = tmp_path / "songs.md"
    guide.write_text(
        "".join(f"## {n:02d}. {t}\n\n[0:01] x\n\n" for n, t in enumerate(TITLES, 1)),
        encoding="utf-8",
    )
    assert main(["sync", str(guide), "--music", str(tmp_path / "mine")]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "01  Dawn: described (01 Dawn.flac)" in out and "03  Rest: no file" in out
    assert set(read_sidecar(guide.with_suffix(".sync"))[0]) == {TrackId(1, 1), TrackId(1, 2)}


def test_a_broken_sidecar_is_named_and_the_guide_matched_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "songs.md"
    guide.write_text("## 01. Dawn\n\n[0:01] x\n", encoding="utf-8")
    guide.with_suffix(".sync").write_text("{not json", encoding="utf-8")
    (tmp_path / "music").mkdir()
    assert main(["match", str(guide), "--music", str(tmp_path / "music")]) == EXIT_PROBLEMS
    captured = capsys.readouterr()
    assert f"{guide.with_suffix('.sync')}: ignored" in captured.err
    assert "Timing against" not in captured.out


def test_a_sidecar_of_another_version_is_not_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "songs.md"
    guide.write_text("## 01. Dawn\n\n[0:01] x\n", encoding="utf-8")
    sidecar = guide.with_suffix(".sync")
    sidecar.write_text('{"format": "ostguide sync", "version": 2, "tracks": []}', encoding="utf-8")
    (tmp_path / "music").mkdir()
    assert main(["sync", str(guide), "--music", str(tmp_path / "music")]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "version 2 is not 1" in err and f"{sidecar} was not rewritten" in err
    assert sidecar.read_text(encoding="utf-8").startswith(
        '{"format": "ostguide sync", "version": 2'
    )
