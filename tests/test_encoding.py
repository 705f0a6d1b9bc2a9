"""Output to terminals that cannot show every character degrades to ASCII stand-ins."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ostguide.encoding import degrade_gracefully, stand_in


@pytest.mark.parametrize(
    ("char", "expected"),
    [("’", "'"), ("“", '"'), ("—", "--"), ("…", "..."), ("→", "->"), ("é", "e"), ("ﬁ", "fi")],
)
def test_stand_ins(char: str, expected: str) -> None:
    assert stand_in(char) == expected


def test_characters_without_ascii_letters_become_question_marks() -> None:
    assert stand_in("ノ") == "?"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("latin-1", "La'cryma -- Ré -> ?\n".encode("latin-1")), ("ascii", b"La'cryma -- Re -> ?\n")],
)
def test_a_stream_in_a_narrow_encoding_writes_stand_ins(encoding: str, expected: bytes) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    degrade_gracefully(stream)
    stream.write("La’cryma — Ré → ノ\n")
    stream.flush()
    assert raw.getvalue() == expected


@pytest.mark.slow
def test_check_on_a_latin1_terminal_prints_instead_of_failing(tmp_path: Path) -> None:
    guide = tmp_path / "g.md"
    guide.write_text("## 01. A\n\n[1:00] a\n\n[0:10] La’cryma — late\n", encoding="utf-8")
    env = os.environ | {"PYTHONIOENCODING": "latin-1"}
    done = subprocess.run(
        [sys.executable, "-m", "ostguide", "check", str(guide)],
        env=env,
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b" 5 | [0:10] La'cryma -- late\n" in done.stdout
