"""The package's shape, read from its source: no import cycle anywhere (imports inside functions
and under TYPE_CHECKING count), no class of the listening slice grown past a size a reader takes
in, and a screen that reads the controller's views and queries, never its session."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ostguide"
MAX_METHODS = 30
MAX_LINES = 300
SIZED = ("listening", "ui", "session.py")
"""Where classes are held to the sizes (the listening slice: its controller, screen, session)."""


def module_name(path: Path) -> str:
    """`ostguide.listening.controller` for ostguide/listening/controller.py."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> set[str]:
    """The package's modules that a module imports, wherever in it the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.update(
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            )
    return {module for module in found if module in MODULES and module != name}


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of `graph` (its modules in order, the first again at the end), or []."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := walk(target)):
                return found
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (found := walk(module)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


GRAPH = {name: imported(name, path) for name, path in MODULES.items()}
"""Each module of the package, and the package's modules it imports."""


def test_no_module_of_the_package_imports_itself_back() -> None:
    assert "ostguide.listening.controller" in GRAPH["ostguide.ui.app"]  # the reader reads
    assert cycle(GRAPH) == []


def test_no_part_of_the_package_imports_itself_back() -> None:
    """Nor does a part (`ostguide.player`, `ostguide.listening`, a top module) through others."""

    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    parts: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        parts.setdefault(part(module), set()).update(
            part(target) for target in targets if part(target) != part(module)
        )
    assert "ostguide.follow" in parts["ostguide.listening"]
    assert cycle(parts) == []


def sized_classes() -> list[tuple[str, ast.ClassDef]]:
    """Every class of the listening slice, with its module's path."""
    paths = [p for place in SIZED for p in sorted((PACKAGE / place).glob("**/*.py"))] + [
        PACKAGE / place for place in SIZED if place.endswith(".py")
    ]
    return [
        (str(path.relative_to(PACKAGE)), node)
        for path in paths
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]


def test_the_sizes_are_checked_where_they_should_be() -> None:
    names = {node.name for _, node in sized_classes()}
    assert {"Listening", "ListeningApp", "Session", "ListeningScreen", "Player"} <= names


@pytest.mark.parametrize(("where", "node"), sized_classes(), ids=lambda x: getattr(x, "name", x))
def test_no_class_of_the_listening_slice_outgrows_a_reading(where: str, node: ast.ClassDef) -> None:
    methods = sum(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in node.body)
    lines = (node.end_lineno or node.lineno) - node.lineno + 1
    assert methods <= MAX_METHODS, f"{where}: {node.name} has {methods} methods"
    assert lines <= MAX_LINES, f"{where}: {node.name} has {lines} lines"


def test_the_screen_reads_views_and_queries_never_the_session() -> None:
    reaching = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sorted((PACKAGE / "ui").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "session"
    ]
    assert reaching == []
