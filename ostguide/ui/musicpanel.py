"""The panel a first run without music shows above the transport line: where the music was looked
for, and the ways forward (choose the folder, or play the album elsewhere and read along)."""

from __future__ import annotations

from rich.text import Text

from .safe import SafeStatic


class MusicPanel(SafeStatic):
    """Where the music was looked for (folder names may hold any character: the panel is
    guarded) and what to do; hidden while there is music."""

    def __init__(self, choose_key: str) -> None:
        super().__init__("", id="music-panel")
        self.choose_key = choose_key
        self.display = False

    def show(self, where: str) -> None:
        """Show the panel for `where` (the sentence saying where the music was looked for), or
        hide it when `where` is empty."""
        self.display = bool(where)
        if not where:
            return
        text = Text(where, style="bold")
        text.append("\nPress ")
        text.append(self.choose_key, style="reverse")
        text.append(" to choose the folder your album is in (it is remembered, as --music is),")
        text.append(" or play the album in another player: the commentary keeps time and you")
        text.append(" read along.")
        self.update(text)
