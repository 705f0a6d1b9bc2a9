"""Finding the music folder: --music, the remembered folder, then a search of ~/Music."""

from __future__ import annotations

from pathlib import Path

import pytest
from audiogen import make_tone

from ostguide import paths
from ostguide.guide.model import Album, Guide, Track, TrackId
from ostguide.library import locate as locate_module
from ostguide.library.locate import Source, album_folders, locate, real_folder
from ostguide.library.scan import ScanCache

TITLES = ["Shangri-La", "Kakute, Tatakau", "Haikyo no Chijou", "La’cryma, Chika Sekai", "Omoi"]


def guide() -> Guide:
    tracks = tuple(
        Track(id=TrackId(1, n), title=title, line=n) for n, title in enumerate(TITLES, start=1)
    )
    return Guide(
        path=Path("noein.md"), album=Album(title="Noein Original Soundtrack"), tracks=tracks
    )


def names(folder: Path, names: list[str]) -> Path:
    """Files that are audio by name only (empty): the search must do with names."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def noein_names(folder: Path) -> Path:
    return names(folder, [f"{n:02d} {t}.mp3" for n, t in enumerate(TITLES, start=1)])


def other_album(folder: Path) -> Path:
    return names(folder, ["01 Opening.mp3", "02 Battle.mp3", "03 Ending.mp3"])


@pytest.mark.parametrize(
    ("explicit", "remembered", "source", "how"),
    [
        ("given", "kept", Source.EXPLICIT, "from --music"),
        ("given", None, Source.EXPLICIT, "from --music"),
        (None, "kept", Source.REMEMBERED, "remembered for this guide"),
        ("absent", "kept", Source.NOT_FOUND, "not found: --music "),
        (None, "absent", Source.FOUND, "remembered folder "),
    ],
)
def test_the_folder_given_or_remembered_comes_first(
    tmp_path: Path, explicit: str | None, remembered: str | None, source: Source, how: str
) -> None:
    noein_names(paths.music_dir() / "Noein")
    folders = {"given": names(tmp_path / "given", []), "kept": names(tmp_path / "kept", [])}
    folders["absent"] = tmp_path / "absent"
    found = locate(
        guide(),
        cache=ScanCache(),
        explicit=folders[explicit] if explicit else None,
        remembered=folders[remembered] if remembered else None,
    )
    assert found.source is source
    assert found.how.startswith(how)
    if source in (Source.EXPLICIT, Source.REMEMBERED):
        assert found.folder == folders[explicit or remembered or ""]
    if source is Source.FOUND:
        assert found.folder == paths.music_dir() / "Noein"
        assert found.how.endswith("is gone; found in ~/Music/Noein")


def test_the_search_picks_the_album_by_file_names() -> None:
    music = paths.music_dir()
    other_album(music / "Canaan")
    noein_names(music / "Nanase Hikaru" / "Noein")
    names(music / "Noein clips", ["Noein_Omoi.mp3"])
    found = locate(guide(), cache=ScanCache())
    assert found.source is Source.FOUND
    assert found.folder == music / "Nanase Hikaru" / "Noein"
    assert found.how == "found in ~/Music/Nanase Hikaru/Noein"


def test_the_search_reads_tags_when_names_say_nothing() -> None:
    music = paths.music_dir()
    for k in range(3):
        make_tone(music / "A" / f"Track{k + 1:02d}.ogg", 0.2, tags={"title": f"Song {k}"})
    for n, title in enumerate(TITLES[:3], start=1):
        make_tone(music / "B" / f"Track{n:02d}.ogg", 0.2, tags={"title": title})
    seen: list[tuple[int, int]] = []
    found = locate(guide(), cache=ScanCache(), progress=lambda d, t: seen.append((d, t)))
    assert found.folder == music / "B"
    assert seen[-1] == (6, 6)


def test_disc_folders_belong_to_their_album(tmp_path: Path) -> None:
    music = tmp_path / "music"
    names(music / "Noein" / "CD1", ["01 Shangri-La.mp3", "02 Kakute, Tatakau.mp3"])
    names(music / "Noein" / "Disc 2", ["01 Omoi.mp3"])
    other_album(music / "Other")
    assert list(album_folders(music)) == [music / "Noein", music / "Other"]
    assert len(album_folders(music)[music / "Noein"]) == 3
    found = locate(guide(), cache=ScanCache(), music=music)
    assert found.folder == music / "Noein"


def test_a_big_music_folder_reads_tags_only_where_names_look_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    music = tmp_path / "music"
    for k in range(12):
        other_album(music / f"Album {k:02d}")
    noein_names(music / "Noein OST")
    monkeypatch.setattr(locate_module, "FULL_SCAN_LIMIT", 10)
    monkeypatch.setattr(locate_module, "SHORTLIST", 2)
    cache = ScanCache()
    found = locate(guide(), cache=cache, music=music)
    assert found.folder == music / "Noein OST"
    assert cache.opened <= len(TITLES) + 3


@pytest.mark.parametrize("setup", ["unrelated", "empty", "missing"])
def test_nothing_found_says_where_it_looked(tmp_path: Path, setup: str) -> None:
    music = tmp_path / "music"
    if setup == "unrelated":
        other_album(music / "Canaan")
        names(music, ["silence.ogg"])
    elif setup == "empty":
        music.mkdir()
    found = locate(guide(), cache=ScanCache(), music=music)
    assert found.folder is None
    assert found.source is Source.NOT_FOUND
    assert found.how.startswith("not found: ")
    assert str(music) in found.how
    assert found.how.endswith("run with --music DIR")


def test_a_music_folder_linked_into_the_music_folder_is_searched() -> None:
    music = paths.music_dir()
    other_album(music / "Canaan")
    elsewhere = noein_names(music.parent / "external disk" / "Noein")
    (music / "Noein").symlink_to(elsewhere)
    (music / "Noein" / "back up").symlink_to(music)  # a loop: followed once, not for ever
    found = locate(guide(), cache=ScanCache())
    assert found.folder == music / "Noein"


def test_music_given_as_a_loop_of_links_is_a_reason_not_a_traceback(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert real_folder(loop) == loop
    found = locate(guide(), cache=ScanCache(), explicit=real_folder(loop))
    assert (found.folder, found.source) == (None, Source.NOT_FOUND)
    assert (
        found.how
        == f"not found: --music {loop} is not a folder (Too many levels of symbolic links)"
    )
