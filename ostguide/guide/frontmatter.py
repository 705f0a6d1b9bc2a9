"""The TOML front matter between `+++` fences: the album's facts and its themes."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..safetext import describe, first_control
from .model import Album, Theme

FENCE = "+++"
THEME_ID = re.compile(r"[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*")
_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")
_PRINTABLE_BITS = 14_000
"""Integers up to this many bits (about 4,200 digits) are shown in decimal: Python's str() refuses
more than 4,300 digits (`sys.int_info`)."""
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
"""A number Python refuses to convert (more than 4,300 digits: `sys.int_info`)."""
_TEXT_FIELDS = ("title", "composer", "label", "catalogue", "source", "author", "url")
_THEME_KEYS = ("name", "description")

Report = Callable[[int, int, str, str], None]
"""Reports an error at (line, column, message, help): the parser passes `Findings.error`."""


@dataclass(slots=True)
class FrontMatter:
    """What the front matter block held, and where the body starts."""

    fields: dict[str, Any] = field(default_factory=dict)
    """The parsed TOML table (empty when there is no block or it is broken)."""
    body_start: int = 0
    """Index of the first body line (0-based)."""
    first_line: int = 0
    """Index of the opening fence, for locating keys (0-based)."""
    lines: Sequence[str] = ()
    """The block's lines, without fences."""

    def line_of(self, key: str) -> int:
        """1-based file line where `key` is assigned or opens a table; the fence if not found."""
        pattern = re.compile(rf'^\s*(\[\s*)?"?{re.escape(key)}"?\s*(=|\]|\.)')
        for index, text in enumerate(self.lines):
            if pattern.match(text):
                return self.first_line + index + 2
        return self.first_line + 1

    def place_of(self, key: str, line: int) -> tuple[int, int]:
        """1-based file line and column where `key` is assigned, on file line `line` or after it
        (a key of an inline table, or of a `[table]` written on lines of its own); `line` and
        column 1 if not found."""
        pattern = re.compile(rf'(?<![\w"-])"?{re.escape(key)}"?[ \t]*=')
        start = max(line - self.first_line - 2, 0)
        for index in range(start, len(self.lines)):
            found = pattern.search(self.lines[index])
            if found:
                return self.first_line + index + 2, found.start() + 1
        return line, 1


def split_front_matter(lines: Sequence[str], error: Report) -> FrontMatter:
    """Find and parse the `+++` block at the top of `lines`; report TOML errors at file lines."""
    if not lines or lines[0].strip() != FENCE:
        return FrontMatter()
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            block = lines[1:index]
            break
    else:
        error(1, 1, "front matter is never closed", f"add a line {FENCE} after the album's fields")
        return FrontMatter(body_start=len(lines))
    matter = FrontMatter(body_start=index + 1, first_line=0, lines=block)
    try:
        matter.fields = tomllib.loads("\n".join(block))
        _escaped_controls(matter, error)
    except RecursionError:
        error(2, 1, "front matter is nested too deeply", "write the album's fields as plain values")
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_POSITION.search(message)
        if where is None:
            line, column = 1, 1
        elif where.group(1) is None:
            line, column = index + 1, 1
        else:
            line, column = int(where.group(1)) + 1, int(where.group(2))
        message = _TOML_POSITION.sub("", message)
        error(
            line,
            column,
            f"front matter is not valid TOML: {message[:1].lower()}{message[1:]}",
            'see https://toml.io; strings need quotes, e.g. title = "Noein"',
        )
    except ValueError:  # int() refuses numbers of more than 4,300 digits
        line = next((i + 2 for i, text in enumerate(block) if _LONG_NUMBER.search(text)), 1)
        error(
            line,
            1,
            "front matter has a number too long to read (thousands of digits)",
            "no album field needs one: shorten it, or put it in quotes to keep it as text",
        )
    return matter


def _escaped_controls(matter: FrontMatter, error: Report) -> None:
    """An error for each top-level key whose strings (keys included, at any depth) hold a control
    character written as a TOML escape (`"\\u001b"`): the file's text is clean, the value not."""
    for key, value in matter.fields.items():
        bad = next((text for text in _strings(key, value) if first_control(text) >= 0), None)
        if bad is not None:
            char = bad[first_control(bad)]
            error(
                matter.line_of(key),
                1,
                f"{key} holds the control character {describe(char)}",
                "remove the escape: a terminal would act on the character, not show it",
            )


def _strings(key: str, value: Any) -> list[str]:
    """Every string in a TOML value and the keys of its tables."""
    if isinstance(value, str):
        return [key, value]
    if isinstance(value, dict):
        return [key, *(text for sub, item in value.items() for text in _strings(sub, item))]
    if isinstance(value, list):
        return [key, *(text for item in value for text in _strings("", item))]
    return [key]


def read_album(matter: FrontMatter, default_title: str, error: Report) -> Album:
    """The album's facts, checking each field's type."""
    fields = matter.fields
    texts: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = fields.get(key, "")
        if isinstance(value, str):
            texts[key] = value.strip()
        else:
            error(matter.line_of(key), 1, f"{key} must be a string", f'write {key} = "…"')
    released = fields.get("released", "")
    year = isinstance(released, int) and not isinstance(released, bool) and 0 < released < 10_000
    if isinstance(released, dt.date | str) or year:
        released_text = released.isoformat() if isinstance(released, dt.date) else str(released)
    else:
        error(
            matter.line_of("released"),
            1,
            "released must be a date or a year",
            "write released = 2006-01-12 or released = 2006",
        )
        released_text = ""
    discs = fields.get("discs", 1)
    if not isinstance(discs, int) or isinstance(discs, bool) or discs < 1:
        error(
            matter.line_of("discs"),
            1,
            "discs must be a whole number of at least 1",
            "write discs = 2",
        )
        discs = 1
    also = fields.get("also", [])
    if isinstance(also, str):
        also = [also]
    if not isinstance(also, list) or not all(isinstance(title, str) for title in also):
        error(
            matter.line_of("also"),
            1,
            "also must be a list of the album's other titles",
            'write also = ["ノエイン もうひとりの君へ オリジナルサウンドトラック"]',
        )
        also = []
    known = {*_TEXT_FIELDS, "released", "discs", "themes", "glossary", "also"}
    extra = tuple(
        (key, text)
        for key, value in fields.items()
        if key not in known
        for key, text in _flatten(key, value)
    )
    return Album(
        title=texts.get("title") or default_title,
        composer=texts.get("composer", ""),
        label=texts.get("label", ""),
        catalogue=texts.get("catalogue", ""),
        released=released_text,
        discs=discs,
        source=texts.get("source", ""),
        author=texts.get("author", ""),
        url=texts.get("url", ""),
        extra=extra,
        also=tuple(title.strip() for title in also if title.strip()),
    )


def _flatten(key: str, value: Any) -> list[tuple[str, str]]:
    """Render a TOML value as (dotted key, text) pairs for display; tables become dotted keys."""
    if isinstance(value, dict):
        return [pair for sub, item in value.items() for pair in _flatten(f"{key}.{sub}", item)]
    return [(key, _text(value))]


def _text(value: Any) -> str:
    """A TOML value as the listener should read it."""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int) and value.bit_length() > _PRINTABLE_BITS:
        return hex(value)  # str() refuses more than 4,300 digits; TOML's 0x… reads back as one
    return str(value)


def read_themes(matter: FrontMatter, error: Report) -> tuple[Theme, ...]:
    """The `[themes]` table: id = "name" or id = { name = "…", description = "…" }."""
    table = matter.fields.get("themes", {})
    if not isinstance(table, dict):
        error(
            matter.line_of("themes"),
            1,
            "themes must be a table",
            'write [themes] and then one line per theme: friendship = "The Friendship Theme"',
        )
        return ()
    themes: list[Theme] = []
    for theme_id, value in table.items():
        line = matter.line_of(theme_id)
        if not THEME_ID.fullmatch(theme_id):
            error(
                line,
                1,
                f"theme id {theme_id!r} must be letters, digits, - or _, not only digits",
                "use a short name such as friendship or shangri-la",
            )
            continue
        if isinstance(value, str):
            themes.append(Theme(theme_id, value.strip() or theme_id))
        elif (
            isinstance(value, dict)
            and isinstance(value.get("name", ""), str)
            and isinstance(value.get("description", ""), str)
        ):
            unknown = [key for key in value if key not in _THEME_KEYS]
            for key in unknown:
                error(
                    *matter.place_of(key, line),
                    f"theme {theme_id!r} has an unknown key {key!r}",
                    "a theme table takes name and description only: "
                    f'{theme_id} = {{ name = "…", description = "…" }}',
                )
            name = value.get("name", "").strip() or theme_id
            themes.append(Theme(theme_id, name, value.get("description", "").strip()))
        else:
            error(
                line,
                1,
                f"theme {theme_id!r} must be a name or a table with name and description",
                f'write {theme_id} = "The theme\'s name"',
            )
    return tuple(themes)
