"""`kill -9` at random moments while stamping and quitting: is every file whole afterwards?

    python benchmarks/kill_loop.py [--runs 200] [--seed 1]

ostguide runs on a pseudo-terminal (tests/ptyrun.py) with its own XDG folders in a temporary
directory, on a copy of tests/guides/sample.md and a config.toml and state.json it has written
before. Each run presses random keys every 30-150 ms once the screen is up (stamp `i`, undo `u`,
volume `+`/`-`, timing offset `z`/`x`, next track `n`, pause, and sometimes `q`) and is killed with
SIGKILL at a random moment between 0.5 s and 4 s after it started (so sometimes before the first
frame, sometimes in the middle of quitting). After every kill:

- the guide must parse without errors and hold exactly the original's lines plus stamp lines
  (`i` adds a `[m:ss]` line and a blank line; `u` takes them out again): a complete old or new
  version, never a cut or mixed one;
- `NAME.md.bak`, when there is one, must be byte for byte a version of the guide seen at the start
  of some run (the backup is the guide before a session's first edit);
- `state.json` must load with no warning (nothing set aside), `config.toml` with no problem.

After the last run, one clean run stamps, changes the volume and the offset, and quits, so that
every file is written again; temporary files (`.NAME.PID.XXXXXXXX.tmp`) still there then are
reported (goal 0), as are those seen between runs (left by a kill, removed by the next write).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from ptyrun import Terminal  # noqa: E402

KEYS = ["i", "i", "i", "u", "+", "-", "z", "x", "n", " "]
DRAWN = "Sample Soundtrack"
"""The album title: on the screen whichever track the run resumes at."""
STAMP_LINE = re.compile(r"\[\d+:\d\d(?:\.\d+)?\]")
TEMPORARY = re.compile(r"\..+\.tmp")


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for variable, folder in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_MUSIC_DIR", "Music"),
    ]:
        (home / folder).mkdir(exist_ok=True)
        env[variable] = str(home / folder)
    env |= {"HOME": str(home), "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    return env


def body(text: str) -> list[str]:
    """A guide's lines other than blank ones and bare stamps (what `i` and `u` add and remove)."""
    return [line for line in text.splitlines() if line.strip() and not STAMP_LINE.fullmatch(line)]


def problems(home: Path, guide: Path, original: str, versions: set[bytes]) -> list[str]:
    """What is not a complete old or new version (settings read from the run's XDG folders)."""
    found: list[str] = []
    data = guide.read_bytes()
    from ostguide.guide.parser import parse_bytes

    result = parse_bytes(data, guide)
    if result.errors:
        found.append(f"guide does not parse: {result.errors[0].headline()}")
    if body(data.decode("utf-8", "replace")) != body(original):
        found.append("guide lost or mixed lines")
    backup = guide.with_name(guide.name + ".bak")
    if backup.exists() and backup.read_bytes() not in versions:
        found.append("backup is not a version of the guide")
    os.environ.update(environment(home))
    from ostguide.settings.config import load_config
    from ostguide.settings.state import State

    _, config_problems = load_config()
    if config_problems:
        found.append(f"config: {config_problems[0]}")
    _, warning = State.load()
    if warning:
        found.append(f"state: {warning}")
    return found


def temporaries(home: Path) -> list[Path]:
    return sorted(path for path in home.rglob(".*.tmp") if TEMPORARY.fullmatch(path.name))


def run_once(
    guide: Path, env: dict[str, str], rng: random.Random, kill_after: float | None
) -> tuple[int | None, int]:
    """One session pressing random keys; killed after `kill_after` s, else quit with `q`.
    Returns the exit status and the number of keys pressed."""
    keys = 0
    terminal = Terminal([str(guide)], env, guide.parent)
    started = time.monotonic()
    try:
        drawn = False
        while kill_after is None or time.monotonic() - started < kill_after:
            if terminal.process.poll() is not None:
                break
            if not drawn:
                drawn = DRAWN in terminal.text()
                if kill_after is None and time.monotonic() - started > 60:
                    raise SystemExit(f"the clean run never drew:\n{terminal.text()[-2000:]}")
                time.sleep(0.02)
                continue
            if kill_after is None:
                for key in "i+z":
                    terminal.press(key)
                    time.sleep(0.3)
                terminal.press("q")
                terminal.process.wait(15)
                break
            terminal.press("q" if rng.random() < 0.04 else rng.choice(KEYS))
            keys += 1
            time.sleep(rng.uniform(0.03, 0.15))
        if terminal.process.poll() is None:
            terminal.process.send_signal(signal.SIGKILL)
        return terminal.process.wait(15), keys
    finally:
        terminal.close()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=200, help="killed runs")
    options.add_argument("--seed", type=int, default=1, help="random seed")
    args = options.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        env = environment(home)
        guide = home / "guides" / "sample.md"
        guide.parent.mkdir()
        shutil.copy(ROOT / "tests" / "guides" / "sample.md", guide)
        original = guide.read_text()
        versions = {guide.read_bytes()}
        run_once(guide, env, rng, None)  # config.toml, state.json and a .bak exist from here on
        broken: list[tuple[int, str]] = []
        left_between = 0
        killed = pressed = with_keys = 0
        started = time.monotonic()
        for run in range(args.runs):
            versions.add(guide.read_bytes())
            status, keys = run_once(guide, env, rng, rng.uniform(0.5, 4.0))
            killed += status == -signal.SIGKILL
            pressed += keys
            with_keys += keys > 0
            broken.extend((run, problem) for problem in problems(home, guide, original, versions))
            left_between += len(temporaries(home))
        versions.add(guide.read_bytes())
        run_once(guide, env, rng, None)
        broken.extend((args.runs, p) for p in problems(home, guide, original, versions))
        left = temporaries(home)
        stamps = len(guide.read_text().splitlines()) - len(original.splitlines())
        elapsed = time.monotonic() - started
    print(f"runs: {args.runs} (seed {args.seed}) in {elapsed:.0f} s; {killed} ended by SIGKILL")
    print(
        f"keys pressed: {pressed:,}, in {with_keys} runs (the others were killed before the screen)"
    )
    print(f"guide grew by {stamps} lines of stamps over the runs")
    print(f"files not a complete old or new version: {len(broken)} (goal 0)")
    for run, problem in broken[:20]:
        print(f"  run {run}: {problem}")
    print(f"temporary files seen after a kill: {left_between} (removed by a later write)")
    print(f"temporary files left at the end: {len(left)} (goal 0)")
    for path in left:
        print(f"  {path.relative_to(home)}")


if __name__ == "__main__":
    main()
