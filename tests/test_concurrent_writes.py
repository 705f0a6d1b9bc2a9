"""Two writers of one guide at once: two ostguide processes stamping, or ostguide stamping while
an editor saves. Every stamp ostguide said it added is in the file, and no save of the editor is
lost: each write is a compare-and-replace under a lock, so it is made or refused, never a
replacement of something it did not see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ptyrun import REPO

from ostguide.atomic import replace_if_unchanged, restore_set_aside

pytestmark = pytest.mark.slow

GUIDE = "## 01. A\n- Length: 1:00\n\n[0:00] Start.\n"
WRITERS = Path(__file__).parent / "guidewriters.py"


def writer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITERS), *args],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_ostguides_stamping_one_guide_lose_no_stamp_they_reported(tmp_path: Path) -> None:
    guide = tmp_path / "g.md"
    guide.write_text(GUIDE)
    stampers = [writer("stamp", str(guide), first, "60") for first in ("1.0", "1.1")]
    outputs = [process.communicate(timeout=120)[0] for process in stampers]
    added = [stamp for output in outputs for stamp in json.loads(output)]
    assert all(process.returncode == 0 for process in stampers)
    text = guide.read_text()
    assert len(added) == 120  # each was tried again until it went in
    assert [stamp for stamp in added if stamp not in text] == []


def test_an_editor_saving_while_ostguide_stamps_loses_no_save(tmp_path: Path) -> None:
    guide = tmp_path / "g.md"
    guide.write_text(GUIDE)
    editor = writer("edit", str(guide), "600")
    stamper = writer("stamp", str(guide), "1.0", "100")
    added = json.loads(stamper.communicate(timeout=120)[0])
    editor.communicate(timeout=120)
    text = guide.read_text()
    assert [n for n in range(600) if f"edited {n}\n" not in text] == []
    assert added  # some stamps went in between the saves; the others were refused, not lost


def test_a_guide_left_aside_by_a_killed_writer_is_put_back(tmp_path: Path) -> None:
    guide = tmp_path / "g.md"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    aside = tmp_path / f".g.md.{dead.stdout.strip()}.aside"
    aside.write_text(GUIDE)  # killed between moving the guide aside and linking the new one in
    assert restore_set_aside(guide) and guide.read_text() == GUIDE and not aside.exists()
    replace_if_unchanged(guide, GUIDE.encode(), b"new")
    assert guide.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.md"]
