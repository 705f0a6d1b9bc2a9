"""Stamping remarks while listening: where inserts land, that every other byte stays, retiming,
undo to the exact earlier bytes, backups, and bundled guides copied before they are edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide import paths
from ostguide.authoring.guidefile import GuideChanged, GuideFile, GuideRefused, _Edit
from ostguide.authoring.live import LiveGuide
from ostguide.authoring.stamping import insert_remark, retime_remark
from ostguide.guide.model import Guide
from ostguide.guide.parser import parse_text
from ostguide.guide.source import lines_with_endings as split_lines
from ostguide.guide.writer import tenth_stamp

GUIDE = """\
+++
title = "Test"
+++

Intro.

## 01. First
- Length: 1:00

Untimed words.

[0:10] Ten.

[~50%] Half.

[0:45] Forty-five.

## 02. Second

## Afterword

Bye.
"""


def parsed(text: str) -> Guide:
    result = parse_text(text, Path("t.md"))
    assert result.guide is not None, [d.headline() for d in result.diagnostics]
    return result.guide


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0.0, "[0:00.0]"),
        (83.44, "[1:23.4]"),
        (83.46, "[1:23.5]"),
        (59.96, "[1:00.0]"),
        (3723.4, "[1:02:03.4]"),
        (-1.0, "[0:00.0]"),
    ],
)
def test_tenth_stamp(seconds: float, expected: str) -> None:
    assert tenth_stamp(seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "line", "order"),
    [
        (5.0, 12, ["[0:05.0]", "[0:10]", "[~50%]", "[0:45]"]),
        (20.0, 14, ["[0:10]", "[0:20.0]", "[~50%]", "[0:45]"]),
        (40.0, 16, ["[0:10]", "[~50%]", "[0:40.0]", "[0:45]"]),
        (50.0, 18, ["[0:10]", "[~50%]", "[0:45]", "[0:50.0]"]),
    ],
)
def test_insert_lands_in_time_order_and_keeps_every_other_byte(
    seconds: float, line: int, order: list[str]
) -> None:
    track = parsed(GUIDE).tracks[0]
    edit = insert_remark(GUIDE, track, seconds, 60.0)
    new_lines = split_lines(edit.text)
    assert new_lines[edit.line - 1].startswith(tenth_stamp(seconds))
    assert edit.line == line
    removed = new_lines[: edit.line - 1] + new_lines[edit.line + 1 :]
    if seconds == 50.0:  # appended: a blank line goes before the stamp instead of after
        removed = new_lines[: edit.line - 2] + new_lines[edit.line :]
    assert "".join(removed) == GUIDE
    cues = parsed(edit.text).tracks[0].cues
    assert [edit.text.splitlines()[c.line - 1].split()[0] for c in cues] == order


def test_insert_goes_by_the_time_it_is_written_as() -> None:
    """0.548 s is written [0:00.5]: it must come before a remark at 0.54 s, as it reads."""
    text = "## 01. A\n\n[0:00] Start.\n\n[0:00.540] Soon.\n"
    edit = insert_remark(text, parsed(text).tracks[0], 0.548, None)
    assert edit.text == "## 01. A\n\n[0:00] Start.\n\n[0:00.5]\n\n[0:00.540] Soon.\n"


def test_insert_into_a_track_without_remarks_goes_under_its_heading() -> None:
    guide = parsed(GUIDE)
    edit = insert_remark(GUIDE, guide.tracks[1], 3.0, None)
    after = parsed(edit.text)
    assert [c.stamp.seconds for c in after.tracks[1].cues] == [3.0]
    assert after.afterword == "Bye."
    assert edit.text.replace("\n[0:03.0]\n", "", 1) == GUIDE


def test_insert_at_the_end_of_a_file_without_a_final_newline() -> None:
    text = "## 01. Only\n\n[0:10] Ten."
    edit = insert_remark(text, parsed(text).tracks[0], 20.0, None)
    assert edit.text == "## 01. Only\n\n[0:10] Ten.\n\n[0:20.0]\n"
    assert [c.stamp.seconds for c in parsed(edit.text).tracks[0].cues] == [10.0, 20.0]


def test_insert_keeps_crlf_line_endings() -> None:
    text = GUIDE.replace("\n", "\r\n")
    edit = insert_remark(text, parsed(text).tracks[0], 20.0, 60.0)
    assert "\n" not in edit.text.replace("\r\n", "")
    assert edit.text.replace("[0:20.0]\r\n\r\n", "", 1) == text


def test_insert_skips_headings_inside_fenced_code() -> None:
    text = "## 01. A\n\n```\n## not a track\n```\n\n## 02. B\n"
    edit = insert_remark(text, parsed(text).tracks[0], 1.0, None)
    assert edit.text == "## 01. A\n\n```\n## not a track\n```\n\n[0:01.0]\n\n## 02. B\n"


@pytest.mark.parametrize(
    ("cue_index", "expected_line"),
    [(1, "[1:01.2] Half.\n"), (0, "[1:01.2] Ten.\n")],
)
def test_retime_replaces_only_the_stamp(cue_index: int, expected_line: str) -> None:
    cue = parsed(GUIDE).tracks[0].cues[cue_index]
    edit = retime_remark(GUIDE, cue, 61.2)
    before, after = split_lines(GUIDE), split_lines(edit.text)
    assert edit.line == cue.line
    assert after[cue.line - 1] == expected_line
    assert after[: cue.line - 1] == before[: cue.line - 1]
    assert after[cue.line :] == before[cue.line :]


def test_retime_turns_an_approximate_stamp_exact() -> None:
    cue = parsed(GUIDE).tracks[0].cues[1]
    assert cue.stamp.approximate
    retimed = parsed(retime_remark(GUIDE, cue, 30.0).text).tracks[0].cues[1]
    assert (retimed.stamp.seconds, retimed.stamp.approximate) == (30.0, False)


def test_write_backs_up_once_and_undo_restores_exact_bytes(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    original = GUIDE.replace("\n", "\r\n").encode()
    path.write_bytes(b"\xef\xbb\xbf" + original)
    file = GuideFile(path)
    text, result = file.read()
    assert result.guide is not None
    first = insert_remark(text, result.guide.tracks[0], 20.0, 60.0)
    written = file.write(text, first.text)
    assert written.backup == tmp_path / "g.md.bak"
    assert written.backup.read_bytes() == b"\xef\xbb\xbf" + original
    text2, result2 = file.read()
    assert result2.guide is not None
    second = retime_remark(text2, result2.guide.tracks[0].cues[0], 9.0)
    assert file.write(text2, second.text).backup is None
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert file.undo() and file.undo()
    assert path.read_bytes() == b"\xef\xbb\xbf" + original
    assert not file.undo()


def test_a_backup_link_planted_beside_the_guide_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    path = tmp_path / "repo" / "g.md"
    path.parent.mkdir()
    path.write_text(GUIDE)
    (tmp_path / "repo" / "g.md.bak").symlink_to("../victim.txt")
    file = GuideFile(path)
    text, result = file.read()
    assert result.guide is not None
    written = file.write(text, insert_remark(text, result.guide.tracks[0], 20.0, 60.0).text)
    assert victim.read_text() == "precious"
    assert written.backup is not None and not written.backup.is_symlink()
    assert written.backup.read_text() == GUIDE
    assert sorted(p.name for p in path.parent.iterdir()) == ["g.md", "g.md.bak"]


def test_a_file_changed_elsewhere_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(GUIDE)
    file = GuideFile(path)
    text, result = file.read()
    assert result.guide is not None
    path.write_text(GUIDE + "\nMore.\n")
    assert file.changed_on_disk()
    with pytest.raises(GuideChanged):
        file.write(text, insert_remark(text, result.guide.tracks[0], 1.0, 60.0).text)
    assert path.read_text() == GUIDE + "\nMore.\n"


def test_undo_refuses_when_the_file_changed_after_the_edit(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(GUIDE)
    file = GuideFile(path)
    text, result = file.read()
    assert result.guide is not None
    file.write(text, insert_remark(text, result.guide.tracks[0], 1.0, 60.0).text)
    path.write_text("edited by hand\n")
    with pytest.raises(GuideChanged):
        file.undo()
    assert path.read_text() == "edited by hand\n"


def test_a_bundled_guide_is_copied_to_the_user_folder_before_editing(tmp_path: Path) -> None:
    bundled = tmp_path / "shipped" / "g.md"
    bundled.parent.mkdir()
    bundled.write_text(GUIDE)
    file = GuideFile(bundled, bundled=True)
    text, result = file.read()
    assert result.guide is not None
    edit = insert_remark(text, result.guide.tracks[0], 20.0, 60.0)
    written = file.write(text, edit.text)
    copy = paths.user_guides_dir() / "g.md"
    assert (written.path, written.copied_from) == (copy, bundled)
    assert bundled.read_text() == GUIDE
    assert copy.read_text() == edit.text
    assert file.path == copy and not file.bundled


def test_undo_back_to_the_bundled_bytes_removes_the_copy(tmp_path: Path) -> None:
    """A stray `i` then `u` must not leave a copy that hides later versions of the guide."""
    bundled = tmp_path / "shipped" / "g.md"
    bundled.parent.mkdir()
    bundled.write_text(GUIDE)
    live = LiveGuide(GuideFile(bundled, bundled=True))
    copy = paths.user_guides_dir() / "g.md"
    first = live.insert(live.guide.tracks[0], 20.0, 60.0)
    second = live.insert(live.guide.tracks[0], 30.0, 60.0)
    assert first.guide is not None and second.guide is not None and copy.exists()
    assert live.undo().message == "Undone: the guide is as it was before the last edit."
    assert "[0:20" in copy.read_text() and "[0:30" not in copy.read_text()
    undone = live.undo()
    assert undone.message == "Undone: your copy was the bundled guide again and was removed."
    assert not copy.exists() and bundled.read_text() == GUIDE
    assert (live.file.path, live.file.bundled, live.text) == (bundled, True, GUIDE)
    assert undone.guide is not None and undone.guide.path == bundled
    assert live.undo().message == "Nothing to undo."
    assert live.reload_if_changed() is None
    again = live.insert(live.guide.tracks[0], 40.0, 60.0)
    assert again.message.startswith("Remark added") and "[0:40" in copy.read_text()


def test_a_refused_copy_of_a_bundled_guide_changes_nothing(tmp_path: Path) -> None:
    bundled = tmp_path / "shipped" / "g.md"
    bundled.parent.mkdir()
    bundled.write_text(GUIDE)
    file = GuideFile(bundled, bundled=True)
    text, result = file.read()
    assert result.guide is not None
    mine = paths.user_guides_dir() / "g.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own guide\n")
    with pytest.raises(GuideRefused):
        file.write(text, insert_remark(text, result.guide.tracks[0], 1.0, 60.0).text)
    assert (file.path, file.bundled) == (bundled, True)
    assert (bundled.read_text(), mine.read_text()) == (GUIDE, "my own guide\n")


def test_a_guide_that_disappears_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(GUIDE)
    live = LiveGuide(GuideFile(path))
    path.unlink()
    change = live.reload_if_changed()
    assert change is not None and change.message.startswith("could not read")
    assert live.reload_if_changed() is None
    path.write_text(GUIDE.replace("Ten.", "Ten seconds."))
    again = live.reload_if_changed()
    assert again is not None and again.guide is not None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"abc\n", b"abc\n[0:10]\n\n"),
        (b"a\nb\n", b"a\n[0:01]\n\nb\n"),
        (b"aaaa", b"aa"),
        (b"", b"x"),
        (b"x", b""),
        (b"same", b"same"),
        (b"[0:10] a\n", b"[0:12] a\n"),
    ],
)
def test_an_edit_keeps_only_the_changed_bytes_and_undoes_exactly(old: bytes, new: bytes) -> None:
    edit = _Edit.between(old, new)
    assert len(edit.before) + len(edit.after) <= abs(len(new) - len(old)) + 2 * 4
    assert edit.undone(new) == old
    assert edit.undone(new + b"changed elsewhere") is None


def test_many_stamps_keep_a_small_undo_history(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    tracks = "".join(f"## {n}. T\n\n[0:10] Words and words.\n\n" for n in range(9, 300))
    original = GUIDE.replace("## Afterword", tracks + "## Afterword")
    path.write_text(original)
    file = GuideFile(path)
    for second in range(60):
        text, result = file.read()
        assert result.guide is not None
        file.write(text, insert_remark(text, result.guide.tracks[0], second, None).text)
    kept = sum(len(e.before) + len(e.after) + len(e.digest) for e in file.undo_stack)
    assert kept < 60 * 64  # a stamp line or two each, not two copies of a 10 kB file
    while file.undo():
        pass
    assert path.read_text() == original
