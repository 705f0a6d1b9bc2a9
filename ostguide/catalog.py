"""Finding guides: by path, or by name in the user's guide folder, then among the bundled ones,
then among the guides the state remembers lying elsewhere (written with `new -o`, or opened by
their path).

A user guide with the same name as a bundled one wins, so anyone can replace a shipped guide with
their own copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


def all_guides(elsewhere: Mapping[str, Path] | None = None) -> list[GuideEntry]:
    """Every guide that can be opened by name: the user's first, then the bundled ones, then the
    files of `elsewhere` (name → file outside the guide folder) that still exist and whose name
    no other guide takes."""
    user = [GuideEntry(p.stem, p, bundled=False) for p in _guides_in(paths.user_guides_dir())]
    taken = {entry.name for entry in user}
    bundled = [
        GuideEntry(p.stem, p, bundled=True, shadowed=p.stem in taken)
        for p in _guides_in(bundled_dir())
    ]
    taken.update(entry.name for entry in bundled)
    kept = [
        GuideEntry(name, file, bundled=False)
        for name, file in sorted((elsewhere or {}).items())
        if name not in taken and file.is_file()
    ]
    return user + bundled + kept


def kept_elsewhere(path: Path) -> Path | None:
    """The absolute path of a guide that its name alone would not find (outside the user's guide
    folder and not shipped), else None."""
    absolute = path.expanduser().resolve()
    if absolute.parent in (paths.user_guides_dir().resolve(), bundled_dir().resolve()):
        return None
    return absolute


def find_guide(
    spec: str, elsewhere: Callable[[str], Path | None] = lambda name: None
) -> GuideEntry:
    """The guide a command-line argument names: a path to a file, or a guide's name (looked up
    last with `elsewhere`, which gives the file a guide of that name was kept in, if any)."""
    candidate = Path(spec).expanduser()
    if candidate.suffix == SUFFIX or candidate.parent != Path():
        if candidate.is_file():
            shipped = candidate.resolve().parent == bundled_dir().resolve()
            return GuideEntry(candidate.stem, candidate, bundled=shipped)
        raise GuideNotFound(f"no guide file at {candidate}")
    for entry in all_guides():
        if entry.name == spec and not entry.shadowed:
            return entry
    kept = elsewhere(spec)
    if kept is not None and kept.is_file():
        return GuideEntry(spec, kept, bundled=False)
    names = ", ".join(sorted({entry.name for entry in all_guides()})) or "none"
    gone = f"; it was last seen at {kept}" if kept is not None else ""
    raise GuideNotFound(
        f"no guide named '{spec}' (looked in {paths.user_guides_dir()} and the bundled guides"
        f"{gone}; known: {names})"
    )
