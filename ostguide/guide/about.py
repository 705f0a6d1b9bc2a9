"""About a guide: what a listener reads about it rather than along with the music.

`about(guide)` gathers it as plain data: the album's title and every fact its front matter
gives (the source the guide is based on, by whom, and where it can be read, as a link showing its
address), how many tracks have commentary, the introduction, the afterword, and the glossary terms
the introduction and afterword use (`g` explains a track's terms; these are explained here, and
marked in bold as in commentary). A screen lays it out. `first_open_notice` is the one line shown
the first time a guide is opened, naming its source and the key that shows all this (the state
remembers the opening: `State.opened_before`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .glossary import for_guide
from .model import Album, Guide, Term

DEFAULT_AFTERWORD_TITLE = "Afterword"
TERMS_TITLE = "Musical terms used above"


@dataclass(frozen=True, slots=True)
class About:
    """Everything about a guide that is not commentary on a moment of a track."""

    title: str
    """The album's title."""
    facts: tuple[tuple[str, str], ...]
    """(name, value) lines in reading order, each name capitalised and each value inline
    Markdown (a link is `[text](address)`): the album's other titles, composer, label, release,
    discs, the source and where to read it, commentary, then the front matter's other fields in
    the order written."""
    introduction: str
    """The guide's introduction, Markdown."""
    afterword_title: str
    afterword: str
    """The guide's closing words, Markdown; empty when there are none."""
    terms: tuple[Term, ...] = ()
    """The glossary terms the introduction and the afterword use, in the order they first occur."""


def about(guide: Guide) -> About:
    """What there is to read about `guide`."""
    album = guide.album
    glossary = for_guide(guide)
    facts = [
        ("Other titles", " · ".join(album.also)),
        ("Composer", album.composer),
        ("Label", ", ".join(filter(None, (album.label, album.catalogue)))),
        ("Released", album.released),
        ("Discs", str(album.discs) if album.discs > 1 else ""),
        ("Source", credit(album) if album.source else ""),
        ("Read it at", f"[{album.url}]({album.url})" if album.url else ""),
        ("Commentary", commentary_count(guide)),
        *((name[:1].upper() + name[1:].replace("_", " "), value) for name, value in album.extra),
    ]
    return About(
        title=album.title,
        facts=tuple((name, value) for name, value in facts if value),
        introduction=glossary.mark(guide.intro),
        afterword_title=guide.afterword_title or DEFAULT_AFTERWORD_TITLE,
        afterword=glossary.mark(guide.afterword),
        terms=glossary.terms_in(f"{guide.intro}\n\n{guide.afterword}"),
    )


def commentary_count(guide: Guide) -> str:
    """Which tracks have commentary: `on all 23 tracks`, `on 5 of 23 tracks`, `none yet`."""
    total = len(guide.tracks)
    count = sum(track.has_commentary for track in guide.tracks)
    if count == 0:
        return "none yet"
    if count == total:
        return f"on all {total} tracks" if total > 1 else "on its one track"
    return f"on {count} of {total} track{'s' if total > 1 else ''}"


def credit(album: Album) -> str:
    """The source and its author (`the review “…”, by Ann`), its URL standing in for a source
    without a name; empty when the guide names neither."""
    source = album.source or album.url
    if not source:
        return ""
    return f"{source}, by {album.author}" if album.author else source


def first_open_notice(guide: Guide, key: str = "a") -> str:
    """The line shown the first time a guide is opened: its source and the key to read about it
    (`key` as the active keymap names it), the key first so that a narrow screen cuts the
    source rather than the key."""
    based_on = credit(guide.album)
    if not based_on:
        return f"Press {key} to read about this guide to {guide.album.title}."
    return f"Press {key} to read about this guide: it is based on {based_on}."
