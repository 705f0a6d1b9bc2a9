"""The glossary: musical terms explained for listeners, found where the commentary uses them.

ostguide ships a general glossary (`glossary.toml` next to this module); a guide may add terms or
replace the general definitions with a `[glossary]` table in its front matter, in the same format
(see format.md). Terms are found whole-word and case-insensitively, with their plurals,
and across line breaks, since Markdown paragraphs wrap.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from typing import Any

from .frontmatter import FrontMatter, Report
from .model import Guide, Term, Track

GLOSSARY_FILE = "glossary.toml"
"""The general glossary, shipped in this package."""
_SPACE = re.compile(r"[\s-]+")
_PROTECTED = re.compile(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|\*\*.*?\*\*|__.*?__|<[^>\s]+>", re.DOTALL)
"""Markdown a mark must not go inside: code, links, bold, autolinks."""
_TERM_HELP = 'write "term" = "definition", or "term" = { definition = "…", also = ["other form"] }'


class Glossary:
    """A set of terms and the pattern that finds them in text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        by_name: dict[str, Term] = {}
        for term in terms:
            by_name[_key(term.name)] = term
        self.terms: tuple[Term, ...] = tuple(sorted(by_name.values(), key=lambda t: _key(t.name)))
        """Every term, alphabetically; a later definition of a name replaces an earlier one."""
        self._forms: dict[str, Term] = {}
        for term in self.terms:
            for form in (term.name, *term.forms):
                for variant in _variants(_key(form)):
                    self._forms.setdefault(variant, term)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """Every form, longest first, as one pattern: compiled on the first search (10–30 ms
        for the general glossary: never for a glossary only merged into a guide's)."""
        words = sorted(self._forms, key=len, reverse=True)
        alternatives = "|".join(r"[\s-]+".join(map(re.escape, w.split(" "))) for w in words)
        return re.compile(rf"(?<![\w-])(?:{alternatives or '(?!)'})(?![\w-])", re.I)

    def merged(self, terms: Iterable[Term]) -> Glossary:
        """This glossary with `terms` added, each replacing a term of the same name."""
        return Glossary((*self.terms, *terms))

    def term(self, name: str) -> Term | None:
        """The term with this name or form (any case, plural or not)."""
        return self._forms.get(_key(name))

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """Every occurrence of a term in `text`: (start, end, term), in order."""
        return [
            (found.start(), found.end(), self._forms[_key(found.group())])
            for found in self._pattern.finditer(text)
        ]

    def terms_in(self, text: str) -> tuple[Term, ...]:
        """The terms `text` uses, each once, in the order they first occur."""
        return tuple(dict.fromkeys(term for _, _, term in self.find(text)))

    def in_track(self, track: Track) -> tuple[Term, ...]:
        """The terms a track's commentary uses (introduction and remarks)."""
        return self.terms_in("\n\n".join((track.intro, *(cue.text for cue in track.cues))))

    def mark(self, markdown: str) -> str:
        """`markdown` with the first occurrence of each term in bold, leaving code, links and text
        already in bold untouched."""
        protected = [found.span() for found in _PROTECTED.finditer(markdown)]
        parts: list[str] = []
        done = 0
        seen: set[str] = set()
        for start, end, term in self.find(markdown):
            inside = any(a < end and start < b for a, b in protected)
            if inside or term.name in seen:
                continue
            seen.add(term.name)
            parts += [markdown[done:start], f"**{markdown[start:end]}**"]
            done = end
        return "".join(parts) + markdown[done:]


def _key(text: str) -> str:
    """A term or form as looked up: lower case, runs of spaces and hyphens as one space."""
    return _SPACE.sub(" ", text.strip().lower())


def _variants(form: str) -> tuple[str, ...]:
    """A form and its English plurals (`fifth` → `fifths`, `ornamentation`, `melody` →
    `melodies`)."""
    plurals = [form + "s", form + "es"]
    if form.endswith("y"):
        plurals.append(form[:-1] + "ies")
    return (form, *plurals)


def read_terms(table: object, line_of: Callable[[str], int], error: Report) -> tuple[Term, ...]:
    """Terms from a `[glossary]` table; `line_of(name)` locates an entry for error messages."""
    if not isinstance(table, dict):
        error(line_of("glossary"), 1, "glossary must be a table", _TERM_HELP)
        return ()
    terms: list[Term] = []
    for name, value in table.items():
        term = _term(name, value)
        if term is None:
            error(line_of(name), 1, f"glossary term {name!r} needs a definition", _TERM_HELP)
        else:
            terms.append(term)
    return tuple(terms)


def _term(name: str, value: Any) -> Term | None:
    """One entry, or None if it is not a definition (with optional other forms)."""
    if isinstance(value, str):
        value = {"definition": value}
    if not isinstance(value, dict) or set(value) - {"definition", "also"}:
        return None
    definition, forms = value.get("definition"), value.get("also", [])
    if not isinstance(definition, str) or not definition.strip() or not name.strip():
        return None
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
        return None
    return Term(name.strip(), " ".join(definition.split()), tuple(f.strip() for f in forms))


def read_glossary(matter: FrontMatter, error: Report) -> tuple[Term, ...]:
    """The guide's own terms: the front matter's `[glossary]` table, if any."""
    if "glossary" not in matter.fields:
        return ()
    return read_terms(matter.fields["glossary"], matter.line_of, error)


@cache
def general() -> Glossary:
    """The glossary shipped with ostguide."""
    text = (files(__package__) / GLOSSARY_FILE).read_text(encoding="utf-8")

    def broken(line: int, column: int, message: str, help_text: str) -> None:
        raise ValueError(f"{GLOSSARY_FILE}: {message}")

    return Glossary(read_terms(tomllib.loads(text).get("glossary"), lambda _: 0, broken))


@lru_cache(maxsize=8)
def _with_own(own: tuple[Term, ...]) -> Glossary:
    """The general glossary with a guide's own terms (cached: a guide is shown many times)."""
    return general().merged(own)


def for_guide(guide: Guide) -> Glossary:
    """The glossary a guide is read with: the general one, with the guide's own terms."""
    return _with_own(guide.glossary)
