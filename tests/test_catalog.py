"""Finding guides: by path, or by name in the user's folder first and then among the bundled."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide import paths
from ostguide.catalog import GuideEntry, GuideNotFound, all_guides, bundled_dir, find_guide

BUNDLED_NOEIN = bundled_dir() / "noein.md"


def user_guide(name: str, text: str = "## 01. Mine\n") -> Path:
    folder = paths.user_guides_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_guides_ship_with_the_package() -> None:
    assert BUNDLED_NOEIN.is_file()
    assert GuideEntry("noein", BUNDLED_NOEIN, bundled=True) in all_guides()


def test_without_a_user_folder_only_bundled_guides() -> None:
    assert not paths.user_guides_dir().exists()
    entries = all_guides()
    assert entries
    assert all(entry.bundled and not entry.shadowed for entry in entries)


def test_user_guides_come_first_and_only_markdown_files_count() -> None:
    mine = user_guide("mine.md")
    user_guide("notes.txt")
    (paths.user_guides_dir() / "folder.md").mkdir()
    entries = all_guides()
    assert entries[0] == GuideEntry("mine", mine, bundled=False)
    assert [e.name for e in entries if not e.bundled] == ["mine"]


def test_a_user_guide_shadows_the_bundled_one_of_the_same_name() -> None:
    mine = user_guide("noein.md")
    entries = all_guides()
    assert GuideEntry("noein", mine, bundled=False) in entries
    assert GuideEntry("noein", BUNDLED_NOEIN, bundled=True, shadowed=True) in entries
    assert find_guide("noein") == GuideEntry("noein", mine, bundled=False)


def test_find_by_name() -> None:
    assert find_guide("noein") == GuideEntry("noein", BUNDLED_NOEIN, bundled=True)
    mine = user_guide("my.guide.md")
    assert find_guide("my.guide").path == mine


@pytest.mark.parametrize("spec", ["{tmp}/own.md", "{tmp}/own", "sub/own.md", "./sub/own.md"])
def test_find_by_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "own.md").write_text("## 01. A\n", encoding="utf-8")
    (tmp_path / "own").write_text("## 01. A\n", encoding="utf-8")
    (tmp_path / "sub" / "own.md").write_text("## 01. A\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    entry = find_guide(spec.format(tmp=tmp_path))
    assert entry.path.resolve() == (tmp_path / spec.format(tmp=tmp_path)).resolve()
    assert not entry.bundled


def test_a_path_wins_over_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "noein.md").write_text("## 01. Local\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_guide("noein.md").path == Path("noein.md")
    assert find_guide("./noein.md").path == Path("noein.md")
    assert find_guide("noein").path == BUNDLED_NOEIN


def test_home_is_expanded(isolated_home: Path) -> None:
    (isolated_home / "mine.md").write_text("## 01. A\n", encoding="utf-8")
    assert find_guide("~/mine.md").path == isolated_home / "mine.md"


@pytest.mark.parametrize("spec", ["missing.md", "nowhere/missing", "~/missing.md"])
def test_a_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GuideNotFound, match=r"^no guide file at "):
        find_guide(spec)


def test_an_unknown_name_says_where_it_looked() -> None:
    user_guide("mine.md")
    with pytest.raises(GuideNotFound) as caught:
        find_guide("nosuch")
    message = str(caught.value)
    assert message.startswith("no guide named 'nosuch'")
    assert str(paths.user_guides_dir()) in message
    assert "known: mine, noein" in message


def test_a_bundled_guide_opened_by_path_is_still_bundled() -> None:
    entry = find_guide(str(bundled_dir() / "noein.md"))
    assert entry.bundled
