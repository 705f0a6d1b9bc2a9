"""Writing a file in a thread of its own: the listener's place is saved every few seconds while
the music plays, and a save waits for the disk twice (the file and its folder flushed, `atomic`),
which took up to 80 ms on a busy machine; on the event loop that was a screen behind its music.

Only bytes cross over: the caller encodes what to write, the thread writes the latest bytes for
each file once, and what went wrong is handed back at the caller's next look (`problems`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from ostguide.atomic import write_atomically


class Background:
    """Writes files atomically in one thread, started on the first write."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._pending: dict[Path, bytes] = {}
        self._writing = False
        self._problems: list[OSError] = []
        self._thread: threading.Thread | None = None

    def write(self, path: Path, data: bytes) -> None:
        """Have `data` written to `path` (replacing what is waiting to be written there)."""
        with self._ready:
            self._pending[path] = data
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="saving", daemon=True)
                self._thread.start()
            self._ready.notify_all()

    def wait(self) -> None:
        """Return once everything handed over is written (or has failed)."""
        with self._ready:
            self._ready.wait_for(lambda: not self._pending and not self._writing)

    def problems(self) -> list[OSError]:
        """What failed since the last look."""
        with self._ready:
            problems, self._problems = self._problems, []
        return problems

    def _run(self) -> None:
        while True:
            with self._ready:
                self._ready.wait_for(lambda: bool(self._pending))
                path, data = self._pending.popitem()
                self._writing = True
            try:
                write_atomically(path, data)
            except OSError as error:
                with self._ready:
                    self._problems.append(error)
            finally:
                with self._ready:
                    self._writing = False
                    self._ready.notify_all()
