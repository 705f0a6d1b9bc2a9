"""Running the listening screen for real: the listening wired with the listener's settings
(`listening.wiring`) on a screen that owns the terminal, the log of native libraries, and the
signals that end it."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..authoring.live import LiveGuide
from ..listening.wiring import wire
from ..player.quiet import divert_stderr, restore_stderr
from ..settings.memory import SettingsMemory

if TYPE_CHECKING:
    from ..follow.spec import FollowSpec
    from .app import ListeningApp

QUIT_SIGNALS = tuple(
    getattr(signal, name)
    for name in (
        "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGVTALRM",
        "SIGPROF", "SIGXCPU", "SIGXFSZ", "SIGIO", "SIGPWR", "SIGSTKFLT", "SIGABRT",
    )
    if hasattr(signal, name)
)  # fmt: skip
"""Signals that end the screen as `q` does: the place saved, the terminal restored. These are
all the signals whose default is to end the process and that can be caught and acted on later,
on the event loop. Left out: SIGKILL and SIGSTOP (they cannot be caught), and the faults
SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP and SIGSYS, which a program's own code raises as it
runs: a handler that only notes them would return to the faulting instruction."""
EXIT_USAGE = 2
CONTROLLING_TERMINAL = "/dev/tty"


class NoTerminal(RuntimeError):
    """The screen has no terminal to read keys from or draw on."""


@contextmanager
def on_the_terminal(device: str = CONTROLLING_TERMINAL) -> Iterator[None]:
    """Read keys from (fd 0) and draw on (fd 2) the controlling terminal, whatever was redirected.

    Like `less` or `vim`, a screen started with its input or error output redirected still
    belongs to the terminal it was started from: a listener running `ostguide noein < /dev/null`
    or `… 2> log` expects to use it, not a screen that draws but reads no keys. The original file
    descriptors are put back afterwards. Raises `NoTerminal` when there is none (cron, a service).
    """
    redirected = [fd for fd in (0, 2) if not os.isatty(fd)]
    if not redirected:
        yield
        return
    try:
        tty = os.open(device, os.O_RDWR | os.O_NOCTTY)
    except OSError as error:
        raise NoTerminal(
            "the listening screen needs a terminal, and there is none "
            f"({device}: {error.strerror}); run it from a terminal, or use "
            "'ostguide check' or 'ostguide match' without one"
        ) from None
    saved = {fd: os.dup(fd) for fd in redirected}
    try:
        for fd in redirected:
            os.dup2(tty, fd)
        yield
    finally:
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(tty)


def writable_log() -> tuple[Path, str]:
    """The log file, or the null device and why, when the state folder cannot be written: the
    screen runs all the same (what is not saved there is said by the settings memory)."""
    log = paths.log_file()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644))
    except OSError as error:
        reason = error.strerror or str(error)
        return Path(os.devnull), f"ostguide cannot write to {log.parent} ({reason}): no log is kept"
    return log, ""


def run_until_signalled(app: ListeningApp) -> int | None:
    """Run the app until it quits; returns the signal that made it quit, if one did.

    The handlers are the event loop's, so the quit runs as the `q` key does (the place saved),
    between two events rather than in the middle of one.
    """
    received: list[int] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()

        def quit_on(signum: int) -> None:
            received.append(signum)
            app.call_later(app.action_quit)

        for signum in QUIT_SIGNALS:
            loop.add_signal_handler(signum, quit_on, signum)
        try:
            await app.run_async()
        finally:
            for signum in QUIT_SIGNALS:
                loop.remove_signal_handler(signum)

    asyncio.run(main())
    return received[0] if received else None


def listen(
    live: LiveGuide,
    memory: SettingsMemory,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None = None,
) -> int:
    """Play the guide in the terminal until the listener quits; returns the exit status
    (128 + the signal's number when one of `QUIT_SIGNALS` ended it).

    The screen comes up first; the audio device is opened and the music found (`music`, else
    remembered, else searched) after that, in threads. `warnings` about the settings are shown on
    the screen, where they are seen; every change of a setting is saved when it is made. With
    `follow`, another player keeps time and ostguide plays nothing; otherwise ostguide is an
    MPRIS player on the session bus, if there is one.

    Native audio libraries write to file descriptor 2; it points at the log file for the whole
    run, and Textual draws on a duplicate of the terminal instead. ostguide's own log messages
    (a file that cannot be analysed, say) go to the same file: Textual captures `sys.stderr`.
    """
    try:
        with on_the_terminal():
            return _listen(live, memory, warnings, music, follow)
    except NoTerminal as error:
        print(f"ostguide: {error}", file=sys.stderr)
        return EXIT_USAGE


def build_app(
    live: LiveGuide,
    memory: SettingsMemory,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None,
    log: Path,
) -> ListeningApp:
    """The listening screen as a listener gets it (`listening.wiring.wire`): the controller on
    the real clock, the audio device opened (its complaints going to `log`) and the music found
    in a thread started before Textual is imported (here), following `follow` or else answering
    MPRIS. The whole-album truth test runs this."""
    wiring = wire(live, memory, warnings, music, follow, log)
    from .app import ListeningApp

    return ListeningApp(
        wiring.controller,
        keymap=wiring.keymap,
        theme=wiring.theme,
        warnings=wiring.warnings,
        opening=wiring.opening,
        find_music=wiring.find_music,
        services=wiring.services,
        greeting=wiring.greeting,
    )


def _listen(
    live: LiveGuide,
    memory: SettingsMemory,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None,
) -> int:
    """`listen` once the terminal is in place."""
    log, unlogged = writable_log()
    diverted = divert_stderr(log)
    terminal = sys.__stderr__
    logged = logging.FileHandler(log, encoding="utf-8")
    logged.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logging.getLogger("ostguide").addHandler(logged)
    try:
        # The key line shows the newest warning: what the settings say (a state that cannot be
        # saved is kept until quitting) comes after the log's.
        app = build_app(live, memory, [*filter(None, [unlogged]), *warnings], music, follow, log)
        # Textual draws on sys.__stderr__, which typeshed marks final: hence setattr.
        setattr(sys, "__stderr__", diverted.terminal)  # noqa: B010
        signalled = run_until_signalled(app)
    finally:
        setattr(sys, "__stderr__", terminal)  # noqa: B010
        logging.getLogger("ostguide").removeHandler(logged)
        logged.close()
        restore_stderr(diverted)
    if app.return_code:
        where = "" if log == Path(os.devnull) else f"; the details are in {log}"
        print(f"ostguide stopped unexpectedly{where}", file=sys.stderr)
    return app.return_code or (128 + signalled if signalled else 0)
