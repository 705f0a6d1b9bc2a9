"""Tags an old Japanese tagger stored as Latin-1 are repaired; real Latin-1 titles are not."""

from __future__ import annotations

import pytest
from albums import NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM

from ostguide.library.repair import repair


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
@pytest.mark.parametrize("title", [*NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM, "七瀬光", "Vol.2 想い"])
def test_japanese_read_as_latin_1_is_repaired(title: str, encoding: str) -> None:
    assert repair(title.encode(encoding).decode("latin-1")) == title


@pytest.mark.parametrize(
    "text",
    [
        "Shangri-La",
        "Café",
        "naïve",
        "Ça va",
        "Pokémon Réunion",
        "Björk - Jóga",
        "Sigur Rós - Ágætis byrjun",
        "Götterdämmerung",
        "¡Hola!",
        "\x93Title\x94",
        "Dvořák",
        "シャングリラ",
        "",
    ],
)
def test_other_text_is_left_as_it_is(text: str) -> None:
    assert repair(text) == text
