"""Full-text search over a guide: every word of every remark, track introduction, title (and
other titles), theme, glossary entry, and the guide's introduction and afterword.

`SearchIndex(guide)` reads the guide once into a word index; `search(query)` answers from it.
Build one per guide and keep it while the guide is the same object (a reloaded guide is a new
one); on a very large guide, build it off the event loop (benchmarks/bench_search.py).
A query's words must all occur in a hit, each as a whole word, as the start of a word, or (from
two characters) anywhere inside one. Hits rank by the weakest of those for any query word: whole
words first, then word starts, then the rest; then track titles, theme names and glossary terms,
then commentary, then glossary definitions; then in the guide's order. A theme or term found in
several of its texts is one hit. Case and accents are ignored (`orff` finds "Orff", `cafe` "café").
When the words find nothing, their letters are looked for run together, spaces and hyphens left
out on both sides (`shangrila` finds "Shangri-La"). A track is found by its titles in every script
the guide gives and by the title the listener's own tags give it (`時空転移`).

Each hit says where choosing it goes (`Target`: the track and remark to jump and seek to, the
theme, the term), and carries an excerpt of the text around the match with the matched words'
spans, so a screen can mark them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from .glossary import for_guide
from .model import Guide, Term, TrackId
from .readable import as_read, fold

_WORD = re.compile(r"\w+")
EXCERPT_BEFORE = 30
"""Characters of context kept before the match in an excerpt (about, cut at a word)."""
EXCERPT_WIDTH = 90
"""The longest excerpt, in characters, ellipses included."""
SUBSTRING_FROM = 2
"""Query words shorter than this only match whole words and word starts."""
JOINED_FROM = 4
"""Letters a query needs before they are looked for run together (`Match.JOINED`)."""


class Match(IntEnum):
    """How well a query word matched a word of the text; lower ranks first."""

    WHOLE_WORD = 0
    WORD_START = 1
    INSIDE_WORD = 2
    JOINED = 3
    """The query's letters, spaces and hyphens left out on either side (`shangrila` in
    "Shangri-La", `timetravel` in "time travel"): only when the words found nothing better."""


class Kind(IntEnum):
    """What a hit leads to."""

    TRACK = 0
    THEME = 1
    TERM = 2
    REMARK = 3
    TRACK_INTRO = 4
    ABOUT = 5
    """The guide's introduction or afterword."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where choosing a hit goes."""

    kind: Kind
    track: int | None = None
    """Index into `Guide.tracks` (tracks, remarks, track introductions)."""
    cue: int | None = None
    """Index into `Track.cues` of the remark to seek to."""
    theme: str | None = None
    """The theme's id."""
    term: Term | None = None
    """The glossary entry."""
    section: str = ""
    """For `ABOUT`: "introduction" or "afterword"."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    target: Target
    label: str
    """What the hit is, on one line: `07 Shangri-La [1:05]`, `Theme: Friendship`."""
    excerpt: str
    """The text around the match, on one line, `…` where it was cut."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) in `excerpt` of each occurrence of a query word, in order."""
    match: Match
    """The weakest match of any query word in this hit."""


@dataclass(frozen=True, slots=True)
class _Document:
    """One searchable text."""

    target: Target
    label: str
    text: str
    """The text as read (one line, no Markdown marks)."""
    folded: str
    """`fold(text)`, same length."""
    order: int
    """Rank among documents that match as well: names, then commentary, then definitions."""

    @property
    def joined(self) -> tuple[str, list[int]]:
        """`folded` with all but its word characters left out, and where each of those is in
        `folded`."""
        where = [i for i, c in enumerate(self.folded) if c.isalnum()]
        return "".join(self.folded[i] for i in where), where


class SearchIndex:
    """A guide's words, indexed once; queries are answered from the index."""

    def __init__(self, guide: Guide, titles: Mapping[TrackId, str] | None = None) -> None:
        """`titles`: each track's title as the listener's own tags give it (another script,
        another spelling), found as the track's other titles are."""
        self._documents = tuple(_documents(guide, titles or {}))
        postings: defaultdict[str, list[int]] = defaultdict(list)
        words_in = _WORD.findall
        for number, document in enumerate(self._documents):
            for word in set(words_in(document.folded)):
                postings[word].append(number)
        self._postings = dict(postings)
        self._vocabulary = sorted(postings)
        ranks = sorted(range(len(self._documents)), key=lambda d: self._documents[d].order)
        self._rank = [0] * len(ranks)
        """Each document's place among those that match as well (by `order`, then the guide's)."""
        for place, number in enumerate(ranks):
            self._rank[number] = place

    def __len__(self) -> int:
        """How many texts the index holds."""
        return len(self._documents)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """The best `limit` hits for `query`, best first; none for a query without words."""
        words = list(dict.fromkeys(_WORD.findall(fold(query))))
        if not words:
            return []
        # within[level]: the documents where every word matches at least that well
        within = [set[int]() for _ in Match]
        for position, word in enumerate(words):
            reached: set[int] = set()
            for level, documents in zip(Match, self._documents_with(word), strict=True):
                reached |= documents
                within[level] = reached.copy() if position == 0 else within[level] & reached
        hits: list[Hit] = []
        seen: set[Target] = set()
        for level in list(Match)[: Match.JOINED]:
            weaker = within[level] - within[level - 1] if level else within[level]
            for number in sorted(weaker, key=self._rank.__getitem__):
                document = self._documents[number]
                if document.target not in seen:  # the best of a theme's or term's texts only
                    seen.add(document.target)
                    hits.append(self._hit(document, words, level))
                if len(hits) == limit:
                    return hits
        return hits if hits else self._joined(words, limit)

    def _joined(self, words: list[str], limit: int) -> list[Hit]:
        """Hits for the query's letters run together, in the index's order, when its words
        found nothing: the listener left out a space or a hyphen, or typed one too many."""
        wanted = "".join(words)
        if len(wanted) < JOINED_FROM:
            return []
        hits: list[Hit] = []
        seen: set[Target] = set()
        for number in sorted(range(len(self._documents)), key=self._rank.__getitem__):
            document = self._documents[number]
            joined, where = document.joined
            at = joined.find(wanted)
            if at < 0 or document.target in seen:
                continue
            seen.add(document.target)
            first, last = where[at], where[at + len(wanted) - 1] + 1
            start, end = _window(document.text, first)
            prefix = "…" if start > 0 else ""
            suffix = "…" if end < len(document.text) else ""
            shift = len(prefix) - start
            spans = ((first + shift, min(last, end) + shift),) if last <= end else ()
            excerpt = prefix + document.text[start:end] + suffix
            hits.append(Hit(document.target, document.label, excerpt, spans, Match.JOINED))
            if len(hits) == limit:
                break
        return hits

    def _documents_with(self, word: str) -> list[set[int]]:
        """For each way of matching (whole word, word start, inside a word), the documents with
        a word that matches `word` that way."""
        levels = [set[int]() for _ in Match]
        for candidate, match in self._words_like(word):
            levels[match].update(self._postings[candidate])
        return levels

    def _words_like(self, word: str) -> list[tuple[str, Match]]:
        """Indexed words matching `word`: itself, words it starts, words it is inside."""
        like = [(word, Match.WHOLE_WORD)] if word in self._postings else []
        start = bisect_left(self._vocabulary, word)
        for candidate in self._vocabulary[start:]:
            if not candidate.startswith(word):
                break
            if candidate != word:
                like.append((candidate, Match.WORD_START))
        if len(word) >= SUBSTRING_FROM:
            like += [
                (candidate, Match.INSIDE_WORD)
                for candidate in self._vocabulary
                if word in candidate and not candidate.startswith(word)
            ]
        return like

    def _hit(self, document: _Document, words: list[str], match: Match) -> Hit:
        """The hit for a document: an excerpt around the first place where a query word matches
        as well as the hit does, and every such place in the excerpt marked."""
        pattern = re.compile("|".join(_PATTERNS[match].format(re.escape(w)) for w in words))
        first = pattern.search(document.folded)
        start, end = _window(document.text, first.start() if first else 0)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(document.text) else ""
        shift = len(prefix) - start
        spans = tuple(
            (found.start() + shift, found.end() + shift)
            for found in pattern.finditer(document.folded, start, end)
        )
        excerpt = prefix + document.text[start:end] + suffix
        return Hit(document.target, document.label, excerpt, spans, match)


_PATTERNS = {
    Match.WHOLE_WORD: r"(?<!\w){}(?!\w)",
    Match.WORD_START: r"(?<!\w){}",
    Match.INSIDE_WORD: "{}",
}
"""Where a query word (a `{}`) counts as found, for each way of matching."""


def _window(text: str, at: int) -> tuple[int, int]:
    """The part of `text` shown around position `at`, cut at spaces."""
    width = EXCERPT_WIDTH - 2
    if len(text) <= width:
        return 0, len(text)
    start = max(0, min(at - EXCERPT_BEFORE, len(text) - width))
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    return start, end


def _documents(guide: Guide, titles: Mapping[TrackId, str]) -> list[_Document]:
    """Every searchable text of a guide, in the guide's order."""
    documents: list[_Document] = []

    def add(target: Target, label: str, markdown: str, order: int) -> None:
        text = as_read(markdown)
        if text:
            documents.append(_Document(target, label, text, fold(text), order))

    names, commentary, definitions = 0, 1, 2
    add(Target(Kind.ABOUT, section="introduction"), "Introduction", guide.intro, commentary)
    for index, track in enumerate(guide.tracks):
        name = f"{track.id} {track.title}"
        tagged = titles.get(track.id, "")
        every = (str(track.id), track.title, *track.alt_titles, tagged)  # `07` finds it
        add(Target(Kind.TRACK, index), name, " · ".join(filter(None, every)), names)
        add(Target(Kind.TRACK_INTRO, index), name, track.intro, commentary)
        for cue_index, cue in enumerate(track.cues):
            label = f"{name} [{cue.stamp.label(track.length)}]"
            add(Target(Kind.REMARK, index, cue_index), label, cue.text, commentary)
    for theme in guide.themes:
        target, label = Target(Kind.THEME, theme=theme.id), f"Theme: {theme.name}"
        add(target, label, theme.name, names)
        add(target, label, theme.description, commentary)
    for term in for_guide(guide).terms:
        target, label = Target(Kind.TERM, term=term), f"Glossary: {term.name}"
        add(target, label, " · ".join((term.name, *term.forms)), names)
        add(target, label, term.definition, definitions)
    afterword = guide.afterword_title or "Afterword"
    add(Target(Kind.ABOUT, section="afterword"), afterword, guide.afterword, commentary)
    return documents
