"""The command line: `ostguide GUIDE`, `ostguide list`, `ostguide check GUIDE…`.

Every failure the user can cause ends in a message and an exit status, never a traceback:
0 success, 1 problems found (errors in a guide), 2 usage errors (bad options, unknown guide).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

from . import paths
from .atomic import FileExistsAlready, create_file
from .authoring.guidefile import GuideFile
from .authoring.imported import FORMATS, Format, as_guide
from .authoring.live import LiveGuide
from .catalog import GuideEntry, GuideNotFound, all_guides, find_guide, kept_elsewhere
from .encoding import degrade_gracefully
from .follow.spec import FollowSpecError, follow_spec
from .guide.diagnostics import Diagnostic, Severity, capped, summary
from .guide.model import Guide
from .guide.parser import ParseResult, load_guide, with_tracks
from .launch import Library, find_library, remember_library
from .safetext import visible
from .settings.config import load_config
from .settings.memory import SettingsMemory
from .settings.state import State

TOPICS = ("format",)
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
MUSIC_HELP = "the folder with your copy of the album (remembered for this guide)"
FOLLOW_HELP = (
    "follow another player instead of playing: mpv:SOCKET, mpd[:HOST[:PORT]], mpris[:NAME]"
)


def music_folder(value: str) -> Path:
    """`--music DIR`, which must be a folder: a mistyped one would silently read along."""
    folder = Path(value).expanduser()
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise argparse.ArgumentTypeError(f"{folder} {problem}; give the folder of your album")
    return folder


class ShowVersion(argparse.Action):
    """`--version`, looking the version up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import ostguide

        print(f"ostguide {ostguide.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; `ostguide NAME` is short for `ostguide open NAME`."""
    parser = argparse.ArgumentParser(
        prog="ostguide",
        description="A terminal listening guide: your own copy of a soundtrack plays while "
        "commentary about each track follows the music.",
        epilog="Guides are Markdown files; `ostguide help format` describes them. Your own guides "
        "go in the folder `ostguide list` names.",
    )
    parser.add_argument("--version", action=ShowVersion, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A command, whose own --help opens with the summary the list of commands gives."""
        described = f"{summary[0].upper()}{summary[1:]}."
        return commands.add_parser(name, help=summary, description=described, **kwargs)

    # `ostguide noein --help` is `ostguide open noein --help`: its usage shows both forms.
    open_ = command("open", "open a guide (the default: `ostguide noein`)", prog="ostguide [open]")
    open_.add_argument("guide", metavar="GUIDE", help="a guide's name (noein) or a path to one")
    open_.add_argument("--music", metavar="DIR", type=music_folder, help=MUSIC_HELP)
    open_.add_argument("--follow", metavar="PLAYER", help=FOLLOW_HELP)
    open_.set_defaults(run=lambda args, out: open_guide(args.guide, args.music, out, args.follow))
    command("list", "list the guides you can open by name").set_defaults(
        run=lambda args, out: list_guides(out)
    )
    check = command("check", "check guides and report problems by line")
    check.add_argument("guides", metavar="GUIDE", nargs="+", help="names or paths")
    check.set_defaults(run=lambda args, out: check_guides(args.guides, out))
    match = command("match", "show which of your files plays each track (exit 1 if any is missing)")
    match.add_argument("guide", metavar="GUIDE", help="a guide's name or a path to one")
    match.add_argument("--music", metavar="DIR", type=music_folder, help=MUSIC_HELP)
    match.set_defaults(run=lambda args, out: match_guide(args.guide, args.music, out))
    sync = command(
        "sync", "describe how your copy of each track sounds, so the guide fits other copies"
    )
    sync.add_argument("guide", metavar="GUIDE", help="a guide's name or a path to one")
    sync.add_argument("--music", metavar="DIR", type=music_folder, help=MUSIC_HELP)
    sync.set_defaults(run=lambda args, out: sync_guide_files(args.guide, args.music, out))
    new = command("new", "start a guide from a folder of audio (its tags)")
    new.add_argument("folder", metavar="DIR", type=Path, help="the album's audio files")
    new.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="where to write the guide (default: your guide folder)",
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=lambda args, out: new_guide(args.folder, args.output, args.force, out))
    imp = command("import", "turn LRC, CUE sheets, ID3 chapters or timestamp lists into guide text")
    imp.add_argument("file", metavar="FILE", type=Path, help="the timed text to import")
    imp.add_argument("--format", choices=FORMATS, help="the file's format (default: guessed)")
    imp.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write a guide here instead of printing the Markdown (remarks for one track "
        "become that track)",
    )
    imp.add_argument("--force", action="store_true", help="overwrite an existing file")
    imp.set_defaults(
        run=lambda args, out: import_timings(args.file, args.format, args.output, args.force, out)
    )
    topic = command("help", "show this help, or how to write a guide: `ostguide help format`")
    topic.add_argument("topic", metavar="TOPIC", nargs="?", choices=TOPICS, help="format")
    topic.set_defaults(run=lambda args, out: show_help(parser, args.topic, out))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        last = State.load()[0].last_guide
        if last is None:
            return first_run(sys.stdout)
        args_list = [last]  # plain `ostguide` reopens the guide listened to last
    parser = build_parser()
    commands, valued = _commands_and_valued_options(parser)
    first = _first_word(args_list, valued)
    if first is not None:
        word = args_list.pop(first)
        command = [word] if word in commands else ["open", word]
        args_list = command + args_list  # options given before the command belong to it
    args = parser.parse_args(args_list)
    out = sys.stdout
    if getattr(args, "run", None) is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        status: int = args.run(args, out)
        return status
    except GuideNotFound as exc:
        complain(exc)
        return EXIT_USAGE
    except FileExistsAlready as exc:
        complain(exc)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        raise  # the reader of our output stopped early: run() ends quietly
    except OSError as exc:
        where = f" {visible(str(exc.filename))}" if exc.filename else ""
        print(f"ostguide: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def first_run(out: TextIO) -> int:
    """Plain `ostguide` before any guide was opened: how to start, rather than the usage."""
    names = [entry.name for entry in all_guides() if not entry.shadowed]
    rows = [
        (f"ostguide {names[0] if names else 'NAME'}", "open a guide ('ostguide list' names them)"),
        ("ostguide new DIR", "start a guide of your own for the album in a folder"),
        ("ostguide --help", "every command"),
    ]
    width = max(len(command) for command, _ in rows)
    print("No guide has been opened yet. To start:", file=out)
    for command, what in rows:
        print(f"  {command:<{width}}  {what}", file=out)
    return EXIT_OK


def _kept(name: str) -> Path | None:
    """Where the guide `name` was kept outside the guide folder, if the state remembers it."""
    return State.load()[0].guide_file(name)


def show_help(parser: argparse.ArgumentParser, topic: str | None, out: TextIO) -> int:
    """`ostguide help`: the commands, or a topic such as the guide format."""
    if topic == "format":
        out.write(files("ostguide.guide").joinpath("format.md").read_text(encoding="utf-8"))
    else:
        parser.print_help(out)
    return EXIT_OK


def _commands_and_valued_options(
    parser: argparse.ArgumentParser,
) -> tuple[set[str], set[str]]:
    """The parser's command names, and every option of any command that takes a value (read
    from the parser itself, so that no list of them is kept by hand)."""
    commands: set[str] = set()
    valued: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands.add(name)
                for option in sub._actions:
                    if option.option_strings and option.nargs != 0:
                        valued.update(option.option_strings)
    return commands, valued


def _first_word(args: Sequence[str], valued: set[str]) -> int | None:
    """Index of the first argument that is neither an option nor an option's value."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in valued:
            skip = True
        elif not arg.startswith("-"):
            return index
    return None


def list_guides(out: TextIO) -> int:
    """Print each guide's name, title, track count and location."""
    state, warning = State.load()
    if warning:
        complain(warning)
    entries = all_guides(state.guide_files())
    rows = []
    for entry in entries:
        result = load_guide(entry.path)
        if result.guide is None:
            title, count = f"(has errors: ostguide check {entry.path})", "-"
        else:
            title, count = result.guide.album.title, str(len(result.guide.tracks))
        where = "bundled" if entry.bundled else "yours"
        if entry.shadowed:
            where += ", hidden by yours"
        rows.append((visible(entry.name), title, count, f"{visible(str(entry.path))} ({where})"))
    header = ("NAME", "TITLE", "TRACKS", "FILE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows] if rows else []:
        print(
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}",
            file=out,
        )
    if not rows:
        print("No guides found.", file=out)
    print(f"\nYour own guides go in {paths.user_guides_dir()}", file=out)
    return EXIT_OK


def check_guides(specs: Sequence[str], out: TextIO) -> int:
    """Print every guide's diagnostics in context and a summary, then the names that are no
    guide; 2 if any is not found, else 1 if any guide has errors."""
    results: list[ParseResult] = []
    missing: list[str] = []
    for spec in specs:
        try:
            results.append(load_guide(find_guide(spec, _kept).path))
        except GuideNotFound as exc:
            missing.append(str(exc))
    status = report_guides(results, out) if results else EXIT_OK
    for problem in missing:
        complain(problem)
    return EXIT_USAGE if missing else status


def report_guides(results: Sequence[ParseResult], out: TextIO) -> int:
    """Print parse results' diagnostics in context and a summary; 1 if any has errors."""
    diagnostics = [d for result in results for d in result.diagnostics]
    for result in results:
        print_diagnostics(result.diagnostics, result.lines, out, spaced=True)
    print(summary(diagnostics, len(results)), file=out)
    has_errors = any(d.severity is Severity.ERROR for d in diagnostics)
    return EXIT_PROBLEMS if has_errors else EXIT_OK


def print_diagnostics(
    diagnostics: Sequence[Diagnostic], lines: Sequence[str], out: TextIO, *, spaced: bool = False
) -> None:
    """Each diagnostic in context (`spaced`: a blank line after each), at most `MAX_ALIKE` of
    a kind, then how many more of each kind there are."""
    shown, more = capped(diagnostics)
    for diagnostic in shown:
        print(diagnostic.render(lines), file=out)
        if spaced:
            print(file=out)
    for line in more:
        print(line, file=out)
    if more and spaced:
        print(file=out)


def complain(text: object) -> None:
    """`ostguide: TEXT` on stderr; what it quotes from outside (a file name, a sheet's line, a
    tag) is shown with its control characters as pictures."""
    print(f"ostguide: {visible(str(text), lines=True)}", file=sys.stderr)


class TerminalProgress:
    """Prints progress on one terminal line, only when the terminal is interactive: reading
    tags (shown from 50 files on) or analysing files (from the first)."""

    def __init__(self, out: TextIO, doing: str = "Reading tags") -> None:
        self.out = out
        self.doing = doing
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        every, least = (25, 50) if self.doing == "Reading tags" else (1, 1)
        if total < least or not self.out.isatty() or (done % every and done != total):
            return
        self.shown = True
        print(f"\r{self.doing}: {done}/{total} files", end="", file=self.out, flush=True)

    def finish(self) -> None:
        """End the progress line."""
        if self.shown:
            print(file=self.out)


def _load_or_report(entry: GuideEntry, out: TextIO) -> Guide | None:
    """The guide in a catalog entry, or None after printing its errors."""
    result = load_guide(entry.path)
    if result.guide is None:
        report_guides([result], out)
    return result.guide


def _settings(guide: Guide) -> tuple[SettingsMemory, list[str]]:
    """What is remembered about a guide, and what is wrong with the settings (never fatal)."""
    config, problems = load_config()
    warnings = [f"{problem} (using the default; fix the file to use yours)" for problem in problems]
    state, warning = State.load()
    if warning:
        warnings.append(warning)
    return SettingsMemory(guide.name, config, state), warnings


def match_guide(spec: str, music: Path | None, out: TextIO) -> int:
    """Print which file serves each track, then the leftovers; 1 if a track has no file."""
    from .library.report import format_assignment

    guide = _load_or_report(find_guide(spec, _kept), out)
    if guide is None:
        return EXIT_PROBLEMS
    memory, warnings = _settings(guide)
    for warning in warnings:
        complain(warning)
    library = _library(guide, memory, music, check_all=True)
    folder = visible(str(library.location.folder or "-"))
    print(f"Music folder: {folder} ({library.location.how})", file=out)
    if library.assignment is None:
        return EXIT_PROBLEMS
    for line in format_assignment(guide.tracks, library.assignment):
        print(line, file=out)
    if library.sounds:
        from .sync.report import timing_lines

        print("\nTiming against the author's copy:", file=out)
        for line in timing_lines(guide, library):  # names the author's files: outside text
            print(visible(line), file=out)
    return EXIT_OK if library.assignment.complete else EXIT_PROBLEMS


def _library(guide: Guide, memory: SettingsMemory, music: Path | None, check_all: bool) -> Library:
    """The guide's music, found with progress on the terminal; notes about it on stderr."""
    progress = TerminalProgress(sys.stderr)
    library = find_library(
        guide, remembered=memory.music, explicit=music, progress=progress, check_all=check_all
    )
    progress.finish()
    for note in remember_library(library, memory):
        complain(note)
    for notice in library.notices:
        complain(notice)
    return library


def sync_guide_files(spec: str, music: Path | None, out: TextIO) -> int:
    """Describe the guide's files in its sidecar; 1 if a track could not be described."""
    guide = _load_or_report(find_guide(spec), out)
    if guide is None:
        return EXIT_PROBLEMS
    memory, warnings = _settings(guide)
    for warning in warnings:
        complain(warning)
    return describe_files(guide, _library(guide, memory, music, check_all=False), out)


def describe_files(guide: Guide, library: Library, out: TextIO) -> int:
    """Write the sidecar of `guide` from its files and say how each track went."""
    from .sync.author import sync_guide

    progress = TerminalProgress(sys.stderr, "Analysing")
    path, report, problems = sync_guide(guide, library, progress=progress)
    progress.finish()
    if problems:
        print(
            f"ostguide: {path} was not rewritten: move it away to describe the files anew",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    titles = {track.id: track.title for track in guide.tracks}
    for described in report:
        said = visible(described.said)
        print(f"{described.track}  {titles[described.track]}: {said}", file=out)
    written = sum(described.ok for described in report)
    if written:
        size = path.stat().st_size
        print(f"Wrote {path} ({written} tracks, {size / 1024:.1f} KB)", file=out)
    else:
        print("Nothing to describe: no track has a file that can be analysed", file=out)
    return EXIT_OK if written == len(report) else EXIT_PROBLEMS


def open_guide(spec: str, music: Path | None, out: TextIO, follow: str | None = None) -> int:
    """Open the listening screen for a guide, parsing it once (following another player when
    `follow`, or the config, names one)."""
    entry = find_guide(spec, _kept)
    live = _open_live(entry, out)
    if live is None:
        return EXIT_PROBLEMS
    memory, warnings = _settings(live.guide)
    warnings += memory.kept_at(kept_elsewhere(entry.path))
    try:
        player = follow_spec(follow, memory.follow, memory.config_path)
    except FollowSpecError as exc:
        complain(exc)
        return EXIT_USAGE
    from .ui.run import listen

    return listen(live, memory, warnings, music, player)


def _open_live(entry: GuideEntry, out: TextIO) -> LiveGuide | None:
    """The guide to listen to, or None after saying why it cannot be (its parse, lines and all,
    is let go before the screen opens; a guide without tracks fails as `check` says it does)."""
    try:
        live, result = LiveGuide.open(GuideFile(entry.path, bundled=entry.bundled))
    except OSError as error:
        complain(f"cannot read {entry.path}: {error.strerror or error}")
        return None
    result = with_tracks(result)
    if live is None or result.guide is None:
        report_guides([result], out)
        return None
    return live


def new_guide(folder: Path, output: Path | None, force: bool, out: TextIO) -> int:
    """Write a guide skeleton for a folder of audio and say how to open it."""
    from .authoring.scaffold import ScaffoldError, scaffold, write_skeleton

    try:
        skeleton = scaffold(folder.expanduser())
    except ScaffoldError as exc:
        complain(exc)
        return EXIT_PROBLEMS
    for note in skeleton.notes:
        print(f"note: {visible(note, lines=True)}", file=out)
    target = write_skeleton(skeleton, output=output, force=force)
    if skeleton.name_note and target.stem == skeleton.name:
        print(f"note: {visible(skeleton.name_note)}", file=out)
    music = folder.expanduser().resolve()
    print(f"Wrote {visible(str(target))}, for the music in {visible(str(music))}", file=out)
    config, _ = load_config()  # a value the config gets wrong is not this command's business
    memory = SettingsMemory(target.stem, config, State.load()[0])
    for note in [*memory.music_given(music), *memory.kept_at(kept_elsewhere(target))]:
        complain(note)
    guide = load_guide(target).guide
    if guide is not None:  # the sidecar, so that the guide fits other copies of the album
        describe_files(guide, _library(guide, memory, music, check_all=False), out)
    opener = target.stem if _opens_by_name(target) else str(target)
    print(
        f"Fill in the remarks in your editor, or open it and stamp them while listening: "
        f"ostguide {opener}",
        file=out,
    )
    return EXIT_OK


def _opens_by_name(target: Path) -> bool:
    """Whether `ostguide NAME` (the file's name) opens `target`, and not another guide."""
    try:
        found = find_guide(target.stem, _kept).path
    except GuideNotFound:
        return False
    return found.resolve() == target.resolve()


def import_timings(
    path: Path, format: Format | None, output: Path | None, force: bool, out: TextIO
) -> int:
    """Print (or write) guide Markdown made from timed text; diagnostics go to stderr."""
    from .authoring.importers import import_file, render, source_lines

    imported, diagnostics = import_file(path, format)
    lines = source_lines(path, format) if diagnostics else ()
    print_diagnostics(diagnostics, lines, sys.stderr)
    if imported is None:
        return EXIT_PROBLEMS
    text = render(imported if output is None else as_guide(imported, path.stem))
    if output is None:
        out.write(text)
    else:
        create_file(output, text.encode("utf-8"), force=force)
        print(f"Wrote {visible(str(output))}", file=out)
    return EXIT_OK


def run() -> None:
    """Console-script entry point; a reader that stops early (`| head`) ends us quietly, with
    status 0: it read all it wanted; a terminal that cannot show a character gets an ASCII
    stand-in for it."""
    degrade_gracefully()
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_OK
    sys.exit(status)
