"""The linters run as tests: ruff (lint and format) and mypy in strict mode, clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
"""ruff and mypy run as subprocesses."""

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["ostguide", "tests"]
LINTED = [*TARGETS, "benchmarks"]
"""The benchmarks are linted too; mypy checks what ships and what tests it."""


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *LINTED],
        ["ruff", "format", "--check", *LINTED],
        ["mypy", *TARGETS],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_clean(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
