"""Normalising titles and file names for comparison."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ostguide.library.normalize import (
    disc_of_folder,
    fold,
    normalize_title,
    shared_prefix,
    split_track_number,
    strip_prefix,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shangri-La", "shangri la"),
        ("La’cryma, Chika Sekai", "lacryma chika sekai"),
        ("La'cryma, Chika Sekai", "lacryma chika sekai"),
        ("Noein_Lacryma_Chika_Sekai", "noein lacryma chika sekai"),
        ("Ryūkihei-tachi no Tatakai", "ryukihei tachi no tatakai"),
        ("Café  Noir!!", "cafe noir"),
        ("The Wanderer", "wanderer"),
        ("Wanderer, The", "wanderer"),
        ("the_wanderer", "wanderer"),
        ("Theme", "theme"),
        ("The", "the"),
        ("シャングリラ", "シャングリラ"),
        ("ｼｬﾝｸﾞﾘﾗ", "シャングリラ"),
        ("ガンダム", "ガンダム"),
        ("ＳＨＡＮＧＲＩ－ＬＡ", "shangri la"),
        ("涙・時空（かい）", "涙 時空 かい"),
        ("  ", ""),
    ],
)
def test_normalize_title(text: str, expected: str) -> None:
    assert normalize_title(text) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("01 Shangri-La", (None, 1, "Shangri-La")),
        ("01-shangri-la", (None, 1, "shangri-la")),
        ("01. Shangri-La", (None, 1, "Shangri-La")),
        ("01.Shangri-La", (None, 1, "Shangri-La")),
        ("01 - Shangri-La", (None, 1, "Shangri-La")),
        ("01_Shangri-La", (None, 1, "Shangri-La")),
        ("1-01 Shangri-La", (1, 1, "Shangri-La")),
        ("2-06 Mirai no Haruka", (2, 6, "Mirai no Haruka")),
        ("Track06", (None, 6, "")),
        ("06", (None, 6, "")),
        ("Noein_Shangri-La", (None, None, "Noein_Shangri-La")),
        ("2046 Main Theme", (None, None, "2046 Main Theme")),
        ("silence", (None, None, "silence")),
    ],
)
def test_split_track_number(stem: str, expected: tuple[int | None, int | None, str]) -> None:
    assert split_track_number(stem) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["noein shangri la", "noein kakute tatakau", "noein omoi"], "noein"),
        (["noein ost shangri la", "noein ost omoi", "noein ost ai to haruka"], "noein ost"),
        (["noein shangri la", "noein omoi", "noein kakute", "silence"], "noein"),
        (["noein shangri la", "noein omoi"], ""),
        (["shangri la", "omoi", "kakute tatakau"], ""),
        (["01 a", "01 b", "01 c"], ""),
        (["noein", "noein", "noein"], ""),
    ],
)
def test_shared_prefix(names: list[str], expected: str) -> None:
    assert shared_prefix(names) == expected


@pytest.mark.parametrize(
    ("name", "prefix", "expected"),
    [
        ("noein shangri la", "noein", "shangri la"),
        ("noeinx shangri la", "noein", "noeinx shangri la"),
        ("noein", "noein", "noein"),
        ("shangri la", "", "shangri la"),
    ],
)
def test_strip_prefix(name: str, prefix: str, expected: str) -> None:
    assert strip_prefix(name, prefix) == expected


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("CD2", 2), ("Disc 1", 1), ("disk-3", 3), ("Noein Disc 2", 2), ("Noein", None), ("CD", None)],
)
def test_disc_of_folder(folder: str, expected: int | None) -> None:
    assert disc_of_folder(folder) == expected


@given(st.text())
def test_fold_is_idempotent_and_tidy(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once
