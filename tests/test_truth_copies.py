"""The whole-album truth test's cases for issue 23: a guide timed on one copy plays in sync on
another (tests/copykit.py makes and reads them; conftest's `whole_albums` plays them after the
truth test's cases). Run one case and see its figures:
`python -m pytest tests/test_truth_copies.py -k once -s`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from copykit import LAG_MS, moments_of, worst_lag

COPIES = ("all at once", "2 % slower, same pitch")


@pytest.mark.slow
@pytest.mark.parametrize("copy", COPIES)
def test_a_guide_timed_on_one_copy_plays_in_sync_on_another(
    copy: str, whole_albums: dict[str, Path]
) -> None:
    folder = whole_albums[copy]
    runner = (folder / "runner.txt").read_text()
    assert runner.startswith("exit 0"), runner[-4000:]
    lag, where = worst_lag(folder, moments_of(folder))
    print(f"{copy}: the highlight differed from the author's moment for at most {lag:.0f} ms")
    assert lag <= LAG_MS, where
