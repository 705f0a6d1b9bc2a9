"""Mutated guides for fuzzing the parser and `check`: real guides damaged the ways files get
damaged (bytes flipped, lines lost, doubled or swapped, an editor's paste gone wrong) and salted
with what is hostile to a guide reader (huge numbers in and out of the front matter, deep
brackets, stray fences, NULs, lone CRs, byte order marks, stamps and links at their edges).
Seeded, so every failure can be replayed."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT / "guides" / "noein.md", ROOT / "tests" / "guides" / "sample.md")

HOSTILE = (
    "[",
    "]",
    "](#",
    "[~",
    "@",
    "%",
    "+++",
    "```",
    "~~~",
    "## ",
    "# ",
    "### ",
    "- Length: ",
    "- File: ../../etc/passwd",
    "- Themes: nowhere, ",
    "- Also: ;;",
    "\0",
    "\r",
    "\r\n",
    "\ufeff",
    "\t",
    "\u0301",
    "🎻",
    "ノエイン",
    "9" * 5000,
    "[" * 3000,
    "{a=" * 200,
    "1e9999",
    "[99999999999:00]",
    "[0:00:00:00]",
    "[~150%]",
    "[-1:00]",
    "[1:05.123456]",
    "## 2-99999999. X",
    "## 00. Zero",
    "[x](#1@~150%)",
    "[x](#99@0:10)",
    "[x](#no-such-theme)",
    "[x](#1@)",
    "released = 99999-01-01",
    'title = """',
    "discs = -1",
    "[themes]",
    "x = { name = 1 }",
    "\\",
    "*" * 500,
    "> " * 200,
    "\x1b]0;owned\x07",
    "\x1b]2;owned\x1b\\",
    "\x1b]52;c;b3duZWQ=\x07",
    "\x1b[2J",
    "\x1bc",
    "\x1b[?1049l",
    "\x9b31m",
    "\x85",
    "\x07\x08\x0b\x0c\x7f",
)
"""Fragments inserted at random places (the escape sequences and control characters that set a
terminal's title, write its clipboard, clear or reset it included)."""

HOSTILE_VALUES = (
    "9" * 5000,
    "-" + "1" * 4400,
    "0x" + "f" * 4000,
    "1e9999",
    "inf",
    "nan",
    "[" * 3000 + "]" * 3000,
    "{a=" * 200,
    '"\\uD800"',
    "1979-05-27T07:32:00Z",
    "99999-99-99",
    '""',
    "[]",
    "true",
    '"\\u001b]0;owned\\u0007"',
    '"\\u009b2J"',
    '{ name = "\\u001bc" }',
)
"""Values put in place of a front matter field's (TOML's edges and Python's: int() refuses more
than 4,300 digits)."""


def _flip_byte(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    if data:
        data[rng.randrange(len(data))] = rng.randrange(256)
    return data


def _delete_span(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    if data:
        start = rng.randrange(len(data))
        del data[start : start + rng.randint(1, 400)]
    return data


def _insert_hostile(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    fragment = rng.choice(HOSTILE).encode("utf-8")
    where = rng.randint(0, len(data))
    if rng.random() < 0.5:  # at the start of a line, where Markdown reads structure
        where = data.rfind(b"\n", 0, where) + 1
    data[where:where] = fragment * rng.choice((1, 1, 1, 2, 50))
    return data


def _repeat_lines(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    if not lines:
        return data
    start = rng.randrange(len(lines))
    span = lines[start : start + rng.randint(1, 20)]
    times = rng.choice((2, 10, 200))
    result = [*lines[:start], *(list(span) * times), *lines[start + len(span) :]]
    return bytearray(b"\n".join(result))


def _drop_lines(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    if not lines:
        return data
    start = rng.randrange(len(lines))
    return bytearray(b"\n".join([*lines[:start], *lines[start + rng.randint(1, 30) :]]))


def _swap_lines(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    if len(lines) < 2:
        return data
    shuffled = list(lines)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    shuffled[a], shuffled[b] = shuffled[b], shuffled[a]
    return bytearray(b"\n".join(shuffled))


def _hostile_value(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    fields = [i for i, line in enumerate(lines) if b" = " in line]
    if not fields:
        return data
    index = rng.choice(fields)
    key = lines[index].split(b" = ", 1)[0]
    value = rng.choice(HOSTILE_VALUES).encode("utf-8")
    return bytearray(b"\n".join([*lines[:index], key + b" = " + value, *lines[index + 1 :]]))


def _truncate(rng: random.Random, data: bytearray, lines: Sequence[bytes]) -> bytearray:
    return data[: rng.randint(0, len(data))]


MUTATIONS: tuple[Callable[[random.Random, bytearray, Sequence[bytes]], bytearray], ...] = (
    _flip_byte,
    _delete_span,
    _insert_hostile,
    _insert_hostile,
    _insert_hostile,
    _repeat_lines,
    _drop_lines,
    _swap_lines,
    _truncate,
    _hostile_value,
)


def seed_guides() -> list[bytes]:
    """The real guides mutations start from."""
    return [path.read_bytes() for path in SEEDS]


def mutated(rng: random.Random, seeds: Sequence[bytes]) -> bytes:
    """One guide: a seed with one to six mutations."""
    data = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 6)):
        mutation = rng.choice(MUTATIONS)
        data = mutation(rng, data, bytes(data).split(b"\n"))
    return bytes(data)
