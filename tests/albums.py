"""Real albums' tracklists that tests and benchmarks build guides and libraries from."""

from __future__ import annotations

NOEIN_TRACKLIST = (
    "Shangri-La",
    "Kakute, Tatakau",
    "Haikyo no Chijou",
    "La’cryma, Chika Sekai",
    "Jikuu Teni",
    "Mirai no Haruka",
    "Karasu no Theme",
    "Ryuukiheitachi no Tatakai",
    "Haruka no Uchi",
    "Tomodachi to Tomo ni",
    "Baron no Tono",
    "Yuu no Theme",
    "Ai to Haruka",
    "Vision wo Miru Haruka",
    "Kodomotachi no Isakai",
    "Kodomotachi no Seikatsu",
    "Yuruyaka na Kanashimi",
    "Omoi",
    "Unmei to Kanashisa",
    "Kawaii Yaritori",
    "Hizashi no Naka de",
    "Unmei no Wadachi",
    "La’cryma Jikuu Kai",
)
"""Noein: Mou Hitori no Kimi e Original Soundtrack (LACA-5460), its 23 titles in order, as the
bundled guide writes them."""
