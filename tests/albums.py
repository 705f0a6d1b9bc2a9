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

NOEIN_JAPANESE = (
    "シャングリラ",
    "かくて、闘う",
    "廃墟の地上",
    "ラクリマ、近い世界",
    "時空転移",
    "未来のハルカ",
    "カラスのテーマ",
    "竜騎兵たちの戦い",
    "ハルカの家",
    "友達と共に",
    "バロンと殿",
    "ユウのテーマ",
    "愛とハルカ",
    "ヴィジョンを見るハルカ",
    "子供たちのいさかい",
    "子供たちの生活",
    "緩やかな悲しみ",
    "想い",
    "運命と悲しさ",
    "かわいいやりとり",
    "日差しの中で",
    "運命の轍",
    "ラクリマ時空界",
)
"""The same 23 titles in Japanese, as a rip tagged from a Japanese database writes them (for tests;
spelled as such databases plausibly would)."""

NOEIN_JAPANESE_ALBUM = "ノエイン もうひとりの君へ オリジナルサウンドトラック"
"""The album's Japanese title, as the bundled guide's `also` lists it."""

NOEIN_ENGLISH = (
    "Shangri-La",
    "And So, We Fight",
    "Ruined Ground",
    "La’cryma, a Near World",
    "Space-Time Transfer",
    "Haruka of the Future",
    "Karasu’s Theme",
    "Battle of the Dragon Cavalry",
    "Haruka’s Home",
    "Together with Friends",
    "The Baron and His Lord",
    "Yuu’s Theme",
    "Love and Haruka",
    "Haruka Sees a Vision",
    "The Children’s Quarrel",
    "The Children’s Life",
    "Gentle Sadness",
    "Feelings",
    "Fate and Sorrow",
    "A Sweet Exchange",
    "In the Sunlight",
    "The Ruts of Fate",
    "La’cryma, the Space-Time World",
)
"""The 23 titles as a fan translation gives them (for tests: how an English-titled rip reads)."""

NOEIN_ALBUM = "Noein: Mou Hitori no Kimi e Original Soundtrack"
"""The album tag an English or romaji database writes (without the volume)."""

NOEIN_VOL2_ALBUM = "Noein: Mou Hitori no Kimi e Original Soundtrack Vol. 2"
"""The second volume's album tag: same artist, other music."""

NOEIN_VOL2_JAPANESE = (
    "ノエイン",
    "ハルカのテーマ",
    "龍騎兵団",
    "時空の狭間",
    "ラクリマの空",
    "シャングリラの影",
    "未来への扉",
    "カラスの決意",
    "ユウの孤独",
    "函館の夜",
    "アトリの涙",
    "フクロウの眼",
    "トビの羽",
    "コサギの歌",
    "ノエインの影",
    "運命の輪",
    "想い (ピアノ)",
    "夢の中へ",
    "約束",
    "もうひとりの君へ",
)
"""Twenty titles standing for the second volume (invented for tests; a few are near Vol. 1's)."""
