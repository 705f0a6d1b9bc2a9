"""Nothing outside `ostguide.ui` imports Textual: every other module imports with it blocked."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import importlib
    import importlib.abc
    import json
    import pkgutil
    import sys


    class BlockTextual(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "textual" or name.startswith("textual."):
                raise ImportError(f"textual is blocked outside ostguide.ui ({name})")
            return None


    sys.meta_path.insert(0, BlockTextual())
    try:
        import textual  # noqa: F401
        blocked = False
    except ImportError:
        blocked = True

    import ostguide


    def is_ui(name):
        return name == "ostguide.ui" or name.startswith("ostguide.ui.")


    # __main__ runs the command line when imported; ostguide.cli, which it runs, is covered.
    names = ["ostguide"]
    for info in pkgutil.iter_modules(ostguide.__path__, "ostguide."):
        if is_ui(info.name) or info.name == "ostguide.__main__":
            continue
        names.append(info.name)
        if info.ispkg:
            package = importlib.import_module(info.name)
            names += [sub.name for sub in pkgutil.walk_packages(package.__path__, info.name + ".")]
    failures = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failures[name] = f"{type(exc).__name__}: {exc}"
    print(json.dumps({
        "blocked": blocked,
        "modules": names,
        "failures": failures,
        "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
        "ui": sorted(m for m in sys.modules if is_ui(m)),
    }))
    """
)


@pytest.mark.slow
def test_domain_modules_import_without_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["blocked"], "the blocker did not stop `import textual`"
    assert report["failures"] == {}
    assert report["textual"] == []
    assert report["ui"] == []
    modules = set(report["modules"])
    assert {
        "ostguide.cli",
        "ostguide.catalog",
        "ostguide.paths",
        "ostguide.guide.parser",
        "ostguide.guide.model",
    } <= modules
    assert not any(m == "ostguide.ui" or m.startswith("ostguide.ui.") for m in modules)


HEAVY = ("markdown_it", "dbus_fast", "tomlkit", "numpy", "pykakasi", "av")
"""What the first frame does without: Textual's Markdown (markdown-it), D-Bus (MPRIS), writing
the config, numpy (analysis; pygame's array modules), romaji, and decoding AAC."""


def loaded_by(*modules: str) -> set[str]:
    """The top-level packages loaded by importing `modules` in a fresh interpreter."""
    script = (
        f"import json, sys\nimport {', '.join(modules)}\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize("module", ["ostguide.cli", "ostguide.ui.app"])
def test_nothing_heavy_is_imported_before_it_is_used(module: str) -> None:
    assert loaded_by(module) & set(HEAVY) == set()


@pytest.mark.slow
def test_the_mixer_imports_pygame_without_its_array_modules() -> None:
    loaded = loaded_by("ostguide.player.mixer")
    assert "pygame" in loaded
    assert loaded & {"numpy", "pkg_resources"} == set()
