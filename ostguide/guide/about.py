"""About a guide: what a listener reads about it rather than along with the music.

`about(guide)` gathers it as plain data: the album's title and facts, the credit for the source
the guide is based on, the introduction, the afterword, the front matter's other fields, how
many tracks have commentary, and the glossary terms the introduction and afterword use (`g`
explains a track's terms; these are explained here, and marked in bold as in commentary);
`About.markdown()` lays it out as one Markdown document for a screen. `first_open_notice` is the
one line shown the first time a guide is opened, naming its source and the key that shows all
this (the state remembers the opening: `State.opened_before`).
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
    """(name, value) lines in reading order: composer, label, release, discs, commentary, then
    the front matter's other fields as written."""
    credit: str
    """The source the guide is based on, by whom, as Markdown (a link when there is a URL);
    empty when the guide names none."""
    introduction: str
    """The guide's introduction, Markdown."""
    afterword_title: str
    afterword: str
    """The guide's closing words, Markdown; empty when there are none."""
    terms: tuple[Term, ...] = ()
    """The glossary terms the introduction and the afterword use, in the order they first occur."""

    def markdown(self) -> str:
        """The whole of it as one Markdown document."""
        parts = [f"# {self.title}"]
        if self.facts:
            parts.append("\n".join(f"- **{name}:** {value}" for name, value in self.facts))
        if self.credit:
            parts.append(f"Based on {self.credit}.")
        parts.append(self.introduction)
        if self.afterword:
            parts += [f"## {self.afterword_title}", self.afterword]
        if self.terms:
            explained = "\n".join(f"- **{term.name}**: {term.definition}" for term in self.terms)
            parts += [f"## {TERMS_TITLE}", explained]
        return "\n\n".join(part for part in parts if part) + "\n"


def about(guide: Guide) -> About:
    """What there is to read about `guide`."""
    album = guide.album
    glossary = for_guide(guide)
    facts = [
        ("Composer", album.composer),
        ("Label", ", ".join(filter(None, (album.label, album.catalogue)))),
        ("Released", album.released),
        ("Discs", str(album.discs) if album.discs > 1 else ""),
        ("Commentary", commentary_count(guide)),
        *album.extra,
    ]
    return About(
        title=album.title,
        facts=tuple((name, value) for name, value in facts if value),
        credit=credit(album, link=True),
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


def credit(album: Album, *, link: bool) -> str:
    """The source and its author (`the review “…”, by Ann`), the source a Markdown link to its
    URL when `link` is set and there is one (the URL stands in for a source without a name);
    empty when the guide names neither."""
    source = album.source or album.url
    if not source:
        return ""
    if link and album.url:
        source = f"[{source}]({album.url})"
    return f"{source}, by {album.author}" if album.author else source


def first_open_notice(guide: Guide, key: str = "a") -> str:
    """The line shown the first time a guide is opened: its source and the key to read about it
    (`key` as the active keymap names it), the key first so that a narrow screen cuts the
    source rather than the key."""
    based_on = credit(guide.album, link=False)
    if not based_on:
        return f"Press {key} to read about this guide to {guide.album.title}."
    return f"Press {key} to read about this guide: it is based on {based_on}."
