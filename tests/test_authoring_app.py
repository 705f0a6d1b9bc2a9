"""Timing and editing a guide from the listening screen: stamp, retime, undo, the timing offset,
the editor hand-over, and reloading when the file changes on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from uikit import GUIDES, Rig, make_rig

from ostguide import paths
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.ui.commentary import Commentary, Remark

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


async def test_stamping_respects_the_timing_offset(guide_path: Path) -> None:
    rig = live_rig(guide_path)
    async with rig.app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "x", "x")
        assert rig.session.offset == pytest.approx(0.3)
        assert "offset +0.3s" in rig.bar()
        await rig.advance(10.2)
        assert rig.current_remark() == 0  # the 0:10 remark now sounds at 0:10.3
        await rig.advance(0.1)
        assert rig.current_remark() == 1
        await pilot.press("i")
        assert "[0:10.0]" in guide_path.read_text()
        await pilot.press("z", "z", "z")
        assert rig.session.offset == pytest.approx(0.0)


async def test_a_bundled_guide_is_copied_before_the_first_stamp(guide_path: Path) -> None:
    rig = live_rig(guide_path, bundled=True)
    before = guide_path.read_text()
    async with rig.app.run_test(size=SIZE) as pilot:
        await rig.advance(5.0)
        await pilot.press("i")
        copy = paths.user_guides_dir() / "sample.md"
        assert guide_path.read_text() == before
        assert "[0:05.0]" in copy.read_text()
        assert rig.app.live is not None and rig.app.live.file.path == copy


async def test_an_edit_on_disk_is_picked_up_and_keeps_track_and_position(
    guide_path: Path,
) -> None:
    rig = live_rig(guide_path)
    async with rig.app.run_test(size=SIZE):
        await rig.advance(15.0)
        text = guide_path.read_text().replace("Second remark", "Edited remark")
        guide_path.write_text(text)
        for _ in range(4):
            await rig.advance(0.25)
        assert "Edited remark" in rig.session.track.cues[1].text
        assert (rig.session.index, rig.session.position) == (0, 16.0)
        markdown = rig.app.query(Remark)[1].text
        assert markdown.startswith("Edited remark")


async def test_a_broken_edit_keeps_the_last_good_guide_and_shows_the_errors(
    guide_path: Path,
) -> None:
    rig = live_rig(guide_path)
    good = guide_path.read_text()
    async with rig.app.run_test(size=SIZE) as pilot:
        guide_path.write_text(good.replace("[0:10] Second", "[0:75] Second"))
        for _ in range(4):
            await rig.advance(0.25)
        notice = rig.app.query_one(Commentary).query(".notice")
        assert notice and "seconds must be below 60" in str(notice[0].render())
        assert rig.session.track.cues[1].stamp.seconds == 10.0
        await pilot.press("i")
        assert "[0:75] Second" in guide_path.read_text()  # nothing written over the user's edit
        guide_path.write_text(good)
        for _ in range(4):
            await rig.advance(0.25)
        notice = rig.app.query_one(Commentary).query(".notice")
        assert "errors" not in str(notice[0].render())  # back to the read-along notice
        assert rig.app.guide_errors == ()


async def test_e_cannot_suspend_under_the_pilot_and_says_so(guide_path: Path) -> None:
    rig = live_rig(guide_path)
    async with rig.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert [n.message for n in rig.app._notifications] == [
            "This terminal cannot hand over to an editor."
        ]


async def test_e_with_a_missing_editor_says_so_without_suspending(guide_path: Path) -> None:
    rig = live_rig(guide_path, editor="no-such-editor")
    async with rig.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert [n.message for n in rig.app._notifications] == [
            "Cannot find $EDITOR ('no-such-editor') to edit the guide: set $VISUAL or $EDITOR "
            "to an installed editor."
        ]


async def test_without_a_live_guide_editing_keys_explain_themselves() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert [n.message for n in rig.app._notifications] == [
            "This guide cannot be edited from here."
        ]
