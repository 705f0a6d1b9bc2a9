"""Finding guides: by path, or by name in the user's guide folder and then among the bundled ones.

A user guide with the same name as a bundled one wins, so anyone can replace a shipped guide with
their own copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from . import paths

SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class GuideEntry:
    """A guide file that can be opened by name."""

    name: str
    """The file name without `.md`: what `ostguide NAME` takes."""
    path: Path
    """Where the file lives."""
    bundled: bool
    """Shipped with ostguide (read-only) rather than in the user's guide folder."""
    shadowed: bool = False
    """A user guide of the same name hides this bundled one."""


class GuideNotFound(LookupError):
    """No guide has this name or path; the message says where we looked."""


def bundled_dir() -> Path:
    """The folder of guides shipped inside the package (in a checkout that is not installed,
    the repository's `guides/` folder, which an installation ships as `ostguide.guides`)."""
    try:
        return Path(str(files("ostguide.guides")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "guides"


def _guides_in(folder: Path) -> list[Path]:
    """Guide files in a folder, by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())


def all_guides() -> list[GuideEntry]:
    """Every guide that can be opened by name: the user's first, then the bundled ones."""
    user = [GuideEntry(p.stem, p, bundled=False) for p in _guides_in(paths.user_guides_dir())]
    taken = {entry.name for entry in user}
    bundled = [
        GuideEntry(p.stem, p, bundled=True, shadowed=p.stem in taken)
        for p in _guides_in(bundled_dir())
    ]
    return user + bundled


def find_guide(spec: str) -> GuideEntry:
    """The guide a command-line argument names: a path to a file, or a guide's name."""
    candidate = Path(spec).expanduser()
    if candidate.suffix == SUFFIX or candidate.parent != Path():
        if candidate.is_file():
            shipped = candidate.resolve().parent == bundled_dir().resolve()
            return GuideEntry(candidate.stem, candidate, bundled=shipped)
        raise GuideNotFound(f"no guide file at {candidate}")
    for entry in all_guides():
        if entry.name == spec and not entry.shadowed:
            return entry
    names = ", ".join(sorted({entry.name for entry in all_guides()})) or "none"
    raise GuideNotFound(
        f"no guide named '{spec}' (looked in {paths.user_guides_dir()} and the bundled guides; "
        f"known: {names})"
    )
