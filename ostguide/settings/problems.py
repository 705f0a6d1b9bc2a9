"""What is wrong with a config file and where, in the `path:line:column: error: message` form
that editors and terminals recognise.

The file is read with the standard library's tomllib; tomlkit (imported only here and for
writing) places what tomllib refuses. tomlkit keeps no positions, so a value is found by parsing
the text again, putting a marker in its place and looking for the marker in the rendered text:
tomlkit renders everything else exactly as written, so the text before the marker is the user's
own.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomlkit.exceptions import TOMLKitError
    from tomlkit.toml_document import TOMLDocument

_MARKER = "ostguide-locates-this-value-9d1c"
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOMLLIB_POSITION = re.compile(r".* \(at line (?P<line>\d+), column (?P<column>\d+)\)")
_SYNTAX_ADVICE = "this is not valid TOML; fix it (see https://toml.io) or remove the line"


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with the config file."""

    path: Path
    """The config file."""
    line: int | None
    """Line of the problem (1-based), or None when it concerns the whole file."""
    column: int | None
    """Column of the problem (1-based), when known."""
    message: str
    """What is wrong and what to do about it."""

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: error: {self.message}"


class ConfigError(Exception):
    """The config file cannot be used as written; `problems` holds every reason found."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems: tuple[ConfigProblem, ...] = tuple(problems)
        """Every problem found, in the order of the file."""
        super().__init__("\n".join(str(problem) for problem in self.problems))


def dotted(key_path: Sequence[str]) -> str:
    """A key path as TOML writes it: `guides.noein.offset`, quoting keys that need it."""
    return ".".join(key if _BARE_KEY.fullmatch(key) else _quoted(key) for key in key_path)


def _quoted(key: str) -> str:
    import tomlkit

    return tomlkit.string(key).as_string()


def parse(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    """The text of the config file `path` and its values.

    Raises ConfigError, located at the first offending line, if `data` is not UTF-8 or not TOML.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - before.rfind(b"\n")
        advice = "the file is not UTF-8 text; save it as UTF-8 (TOML requires it)"
        raise ConfigError([ConfigProblem(path, line, column, advice)]) from error
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return text, editable(path, text).unwrap()  # tomlkit says where, or reads it after all


def editable(path: Path, text: str) -> TOMLDocument:
    """The config `text` as a document to change key by key (comments and layout kept).

    Raises ConfigError, located where tomlkit can, if it is not TOML.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError, TOMLKitError

    try:
        return tomlkit.parse(text)
    except ParseError as error:
        suffix = f" at line {error.line} col {error.col}"
        reason = str(error).removesuffix(suffix).rstrip(".")
        problem = ConfigProblem(path, error.line, error.col + 1, f"{reason}: {_SYNTAX_ADVICE}")
        raise ConfigError([problem]) from error
    except TOMLKitError as error:
        raise ConfigError([_unplaced_syntax_problem(path, text, error)]) from error


def _unplaced_syntax_problem(path: Path, text: str, error: TOMLKitError) -> ConfigProblem:
    """The problem for an error tomlkit raised without a position, placed by tomllib if it can."""
    line = column = None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as strict:
        found = _TOMLLIB_POSITION.fullmatch(str(strict))
        if found:
            line, column = int(found["line"]), int(found["column"])
    return ConfigProblem(path, line, column, f"{str(error).rstrip('.')}: {_SYNTAX_ADVICE}")


def value_problem(path: Path, text: str, key_path: Sequence[str], message: str) -> ConfigProblem:
    """A problem with the value at `key_path` of the config `text`, located in that text.

    Every table along `key_path` must exist; the value itself may be of any kind. The line and
    column are those of the value (of the header for a `[table]`), or None if it cannot be found.
    """
    line, column = _locate(text, key_path)
    return ConfigProblem(path, line, column, message)


def _locate(text: str, key_path: Sequence[str]) -> tuple[int | None, int | None]:
    """The 1-based line and column where the value at `key_path` starts in `text`."""
    import tomlkit
    from tomlkit.items import AoT, Table

    document = tomlkit.parse(text)
    container: MutableMapping[str, Any] = document
    for key in key_path[:-1]:
        child = container[key]
        assert isinstance(child, MutableMapping), f"{dotted(key_path)} is not inside tables"
        container = child
    item = container[key_path[-1]]
    if isinstance(item, Table) and item.is_super_table():
        # `[volume.x]` or `volume.x = 1`: the table has no line of its own; point at its first key.
        first = next((key.key for key, _ in item.value.body if key is not None), None)
        return (None, None) if first is None else _locate(text, [*key_path, first])
    if isinstance(item, AoT | Table):
        header = item.body[0] if isinstance(item, AoT) else item
        header.comment(_MARKER)
        rendered = document.as_string()
        found = rendered.find(f"# {_MARKER}")
        if found < 0:
            return None, None
        line_start = rendered.rfind("\n", 0, found) + 1
        indent = len(rendered[line_start:found]) - len(rendered[line_start:found].lstrip())
        return rendered.count("\n", 0, found) + 1, indent + 1
    container[key_path[-1]] = _MARKER
    rendered = document.as_string()
    found = rendered.find(f'"{_MARKER}"')
    if found < 0:
        return None, None
    return rendered.count("\n", 0, found) + 1, found - rendered.rfind("\n", 0, found)
