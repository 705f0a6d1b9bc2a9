"""The album at the top of the screen: title, composer, label and year."""

from __future__ import annotations

from rich.text import Text

from ..guide.model import Album
from .safe import SafeStatic


class AlbumHeader(SafeStatic):
    """One or two lines about the album; the second folds away on narrow terminals."""

    def __init__(self, album: Album) -> None:
        super().__init__(self.describe(album), id="album")

    def show(self, album: Album) -> None:
        """Show an edited album description."""
        self.update(self.describe(album))

    @staticmethod
    def describe(album: Album) -> Text:
        """The title in bold, then composer · label catalogue · year."""
        text = Text(album.title, style="bold")
        facts = [album.composer, " ".join(f for f in (album.label, album.catalogue) if f)]
        facts.append(album.year)
        details = " · ".join(f for f in facts if f)
        if details:
            text.append("\n")
            text.append(details, style="dim")
        return text
