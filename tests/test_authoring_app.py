"""Timing and editing a guide from the listening screen: the keys reach stamp, retime, undo and
the editor hand-over, and the commentary shows the result (what each command does to the file is
tested on the controller, in test_listening.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from uikit import GUIDES, Rig, make_rig

from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.ui.commentary import Remark

pytestmark = pytest.mark.slow
"""Every test here runs the app under Textual's pilot."""

SIZE = (120, 40)


@pytest.fixture
def guide_path(tmp_path: Path) -> Path:
    """A private copy of the sample guide that the tests may edit."""
    path = tmp_path / "sample.md"
    shutil.copyfile(GUIDES / "sample.md", path)
    return path


def live_rig(path: Path, *, bundled: bool = False, editor: str = "true") -> Rig:
    return make_rig(live=LiveGuide(GuideFile(path, bundled=bundled)), environ={"EDITOR": editor})


async def test_i_inserts_a_remark_at_the_current_time(guide_path: Path) -> None:
    rig = live_rig(guide_path)
    before = guide_path.read_text()
    async with rig.app.run_test(size=SIZE) as pilot:
        await rig.advance(12.34)
        await pilot.press("i")
        text = guide_path.read_text()
        assert text.replace("[0:12.3]\n\n", "", 1) == before
        assert [c.stamp.seconds for c in rig.session.track.cues] == [0.0, 10.0, 12.3, 20.0]
        assert len(rig.app.query(Remark)) == 4
        assert (guide_path.parent / "sample.md.bak").read_text() == before


async def test_r_retimes_the_highlighted_remark_and_u_undoes_exactly(guide_path: Path) -> None:
    rig = live_rig(guide_path)
    original = guide_path.read_bytes()
    async with rig.app.run_test(size=SIZE) as pilot:
        await rig.advance(14.0)
        assert rig.current_remark() == 1
        await pilot.press("r")
        assert "[0:14.0] Second remark, ten seconds in." in guide_path.read_text()
        assert rig.session.track.cues[1].stamp.seconds == 14.0
        await pilot.press("i")
        await pilot.press("u", "u")
        assert guide_path.read_bytes() == original
        assert rig.session.track.cues[1].stamp.seconds == 10.0


async def test_e_cannot_suspend_under_the_pilot_and_says_so(guide_path: Path) -> None:
    rig = live_rig(guide_path)
    async with rig.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert [m.text for m in rig.app.listening_screen.keys.messages] == [
            "This terminal cannot hand over to an editor."
        ]
