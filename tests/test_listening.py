"""The listening screen's behaviour without the screen: the `Listening` controller on the sample
guide (tracks of 40, 30, 50 and 20 s), reading along on a fake clock, command by command, checked
through the views it returns."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from uikit import GUIDES, load, make_controller

from ostguide import paths
from ostguide.atomic import write_atomically
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.guide.model import TrackId
from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.listening.arrivals import DEVICE, MUSIC
from ostguide.listening.controller import Listening
from ostguide.listening.events import Answer, OpenThemes, Reveal, RunEditor, Toast
from ostguide.listening.news import DeviceOpened, MusicFailed, MusicFound, MusicProgress
from ostguide.listening.view import View
from ostguide.player.clock import FakeClock
from ostguide.settings.config import Config, load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

NOEIN = GUIDES.parent.parent / "guides" / "noein.md"


def started(
    start: tuple[int, float] = (0, 0.0), **kwargs: object
) -> tuple[Listening, FakeClock, View]:
    controller, clock = make_controller(start=start, **kwargs)  # type: ignore[arg-type]
    return controller, clock, controller.start().view


def after(controller: Listening, clock: FakeClock, seconds: float) -> Answer:
    """Let `seconds` pass, then tick."""
    clock.advance(seconds)
    return controller.tick()


def toasts(answer: Answer) -> tuple[Toast, ...]:
    """What an answer says to the listener."""
    return tuple(event for event in answer.events if isinstance(event, Toast))


def messages(answer: Answer) -> list[str]:
    return [toast.message for toast in toasts(answer)]


def test_time_moves_the_remark_heard_and_goes_on_to_the_next_track() -> None:
    controller, clock, view = started()
    assert (view.index, view.cue, view.labels) == (0, 0, ("0:00", "0:10", "0:20"))
    assert after(controller, clock, 9.5).view.cue == 0
    assert after(controller, clock, 0.5).view.cue == 1
    view = after(controller, clock, 10).view
    assert (view.cue, view.transport.position, view.transport.length) == (2, 20.0, 40.0)
    view = after(controller, clock, 20).view
    assert (view.index, view.cue, view.transport.position) == (1, None, 0.0)
    assert view.labels == ("0:05", "0:15")  # [50%] of 30 s
    assert after(controller, clock, 15).view.cue == 1


def test_the_album_ends_quietly() -> None:
    controller, clock, _ = started((3, 19.0))
    answer = after(controller, clock, 1)
    view = answer.view
    assert (view.transport.status, view.transport.position) == ("ended", 20.0)
    assert messages(answer) == ["End of the album."]
    answer = after(controller, clock, 30)
    view = answer.view
    assert (view.index, view.transport.status, toasts(answer)) == (3, "ended", ())


def test_pause_stops_the_clock_and_the_remark_timer() -> None:
    controller, clock, _ = started()
    view = after(controller, clock, 9.9).view
    assert view.due == pytest.approx(0.1)
    view = controller.run("play_pause").view
    assert (view.transport.status, view.due) == ("paused", None)
    assert after(controller, clock, 10).view.transport.position == pytest.approx(9.9)
    controller.run("play_pause")
    assert after(controller, clock, 10).view.transport.position == pytest.approx(19.9)


@pytest.mark.parametrize(("seconds", "expected"), [(5, 25.0), (-5, 15.0), (30, 39.5), (-30, 0.0)])
def test_seek(seconds: float, expected: float) -> None:
    controller, _, _ = started((0, 20.0))
    assert controller.run("seek", seconds).view.transport.position == expected


def test_next_and_previous_track_and_a_restart_when_under_way() -> None:
    controller, clock, _ = started()
    assert controller.run("next_track").view.index == 1
    after(controller, clock, 10)
    view = controller.run("previous_track").view
    assert (view.index, view.transport.position) == (1, 0.0)
    view = controller.run("previous_track").view
    assert (view.index, view.transport.position) == (0, 0.0)


def test_remarks_next_and_previous() -> None:
    controller, clock, _ = started()
    view = controller.run("next_remark").view
    assert (view.transport.position, view.cue) == (10.0, 1)
    controller.run("next_remark")
    answer = controller.run("next_remark")
    view = answer.view
    assert (view.transport.position, messages(answer)) == (20.0, ["No later remark in this track."])
    after(controller, clock, 5)
    assert controller.run("previous_remark").view.transport.position == 20.0
    assert controller.run("previous_remark").view.transport.position == 10.0
    controller.run("previous_remark")
    assert controller.run("previous_remark").view.transport.position == 0.0


def test_jumping_to_a_remark_follows_it_again() -> None:
    controller, _, view = started()
    assert not controller.run("stop_following").view.following
    answer = controller.run("next_remark")
    view = answer.view
    assert view.following and Reveal() in answer.events
    controller.run("stop_following")
    view = controller.run("seek_remark", 2).view
    assert (view.following, view.cue) == (True, 2)


def test_follow_toggles_and_a_new_track_follows_again() -> None:
    controller, clock, _ = started()
    assert not controller.run("follow").view.transport.following
    assert controller.run("follow").view.following
    controller.run("stop_following")
    assert after(controller, clock, 40).view.following


def test_volume_steps_unmute_and_mute_toggles() -> None:
    controller, _, _ = started()
    controller.run("volume_down")
    view = controller.run("volume_down").view
    assert view.transport.volume == 0.9
    assert controller.run("volume_up").view.transport.volume == 0.95
    assert controller.run("mute").view.transport.muted
    assert not controller.run("mute").view.transport.muted
    controller.run("mute")
    view = controller.run("volume_up").view
    assert (view.transport.muted, view.transport.volume) == (False, 1.0)


def test_a_theme_tour_plays_its_tracks_in_turn_and_back_returns() -> None:
    controller, clock, _ = started((1, 4.0))
    answer = controller.run("tour_theme", "motif")
    view = answer.view
    assert (view.index, view.transport.tour, messages(answer)) == (0, "The Motif 1/2", [])
    assert after(controller, clock, 40).view.index == 2
    view = controller.run("back").view
    assert (view.index, view.transport.position) == (1, 4.0)
    assert messages(controller.run("back")) == ["Nowhere to go back to."]


def test_a_tour_shows_its_progress_and_says_when_it_is_over() -> None:
    controller, _, view = started((1, 4.0))
    assert view.transport.tour == ""
    assert controller.run("tour_theme", "motif").view.transport.tour == "The Motif 1/2"
    answer = controller.run("next_track")
    view = answer.view
    assert (view.index, view.transport.tour, messages(answer)) == (2, "The Motif 2/2", [])
    answer = controller.run("next_track")
    view = answer.view
    assert messages(answer) == ["That was the last track of the tour: The Motif."]
    assert view.index == 2
    assert controller.run("back").view.transport.tour == ""


def test_n_on_the_last_track_of_the_album_says_so() -> None:
    controller, _, _ = started((3, 0.0))
    answer = controller.run("next_track")
    view = answer.view
    assert (view.index, messages(answer)) == (3, ["That was the last track of the album."])


def test_tab_selects_the_links_of_the_track_in_turn_and_enter_follows_one() -> None:
    controller, _, view = started((0, 22.0))
    assert view.link is None
    view = controller.run("next_link").view
    assert (view.link and view.link.text, view.following) == ("the finale", False)
    assert controller.run("next_link").view.link == view.link  # one link: tab comes round to it
    view = controller.run("follow_link").view
    assert (view.index, view.transport.position, view.link) == (2, 10.0, None)
    assert controller.run("previous_link").view.link is not None  # the motif link of track 3
    assert (controller.run("back").view.index, controller.view().link) == (0, None)


def test_tab_in_a_track_without_links_says_so() -> None:
    controller, _, _ = started((1, 0.0))
    answer = controller.run("next_link")
    view = answer.view
    assert (view.link, messages(answer)) == (None, ["No links in this track's commentary."])
    assert controller.run("follow_link").view.index == 1


def test_links_jump_to_a_moment_open_the_themes_or_say_where_they_point() -> None:
    controller, _, view = started((0, 22.0))
    view = controller.run("follow_href", "#03@0:10").view
    assert (view.index, view.transport.position, view.cue) == (2, 10.0, 1)
    answer = controller.run("back")
    view = answer.view
    assert (view.index, view.transport.position) == (0, 22.0)
    assert OpenThemes() in controller.run("follow_href", "#motif").events
    answer = controller.run("follow_href", "#09")
    view = answer.view
    assert messages(answer) == ["The link #09 points nowhere in this guide."]
    assert view.index == 0


def test_choices_from_the_themes_view() -> None:
    controller, _, _ = started()
    view = controller.run("play_remark", 2, 1).view
    assert (view.index, view.transport.position, view.cue) == (2, 10.0, 1)
    view = controller.run("visit_track", 3).view
    assert (view.index, view.transport.position) == (3, 0.0)
    assert controller.run("back").view.index == 2


def test_resume_starts_where_the_listener_left() -> None:
    _, _, view = started((2, 12.0))
    assert (view.index, view.cue, view.transport.position, view.transport.length) == (
        2,
        1,
        12.0,
        50.0,
    )


def test_waiting_for_the_device_and_the_music_then_playing() -> None:
    controller, _ = make_controller()
    guide = controller.session.guide
    view = controller.start([DEVICE, MUSIC]).view
    assert (view.transport.status, view.transport.activity) == ("paused", "looking for your music")
    view = controller.arrive(DeviceOpened(None, "no audio device: unplugged")).view
    assert view.transport.status == "paused"
    view = controller.arrive(MusicProgress(100, 120)).view
    assert view.transport.activity == "reading tags 100/120"
    first = guide.tracks[0].id
    found = Match(
        first,
        AudioFile(Path("/m/01.ogg"), 1, 1, None, None, None, None, 1, 41.0, False, None),
        1.0,
        "tag",
    )
    others = tuple(Match(t.id, None, 0.0, "no file") for t in guide.tracks[1:])
    location = Location(Path("/m"), Source.EXPLICIT, "from --music")
    library = Library(location, Assignment((found, *others), (), Path("/m")))
    view = controller.arrive(MusicFound(library)).view
    assert view.missing == frozenset(t.id for t in guide.tracks[1:])
    assert (view.transport.status, view.transport.activity) == ("playing", "")
    assert view.transport.reason == "no audio device: unplugged"
    assert view.notice == "Reading along without sound: no audio device: unplugged."


def test_problems_with_a_cue_sheet_are_told_when_the_music_arrives() -> None:
    controller, _ = make_controller()
    controller.start([MUSIC])
    location = Location(Path("/m"), Source.EXPLICIT, "from --music")
    notice = 'Noein.cue:6: FILE "Noein.ape" is APE, which cannot be played here'
    library = Library(location, Assignment((), (), Path("/m")), (notice,))
    answer = controller.arrive(MusicFound(library))
    assert [(t.message, t.severity) for t in toasts(answer)] == [(notice, "warning")]


def test_the_screen_wakes_at_a_tracks_end_when_no_remark_comes_first() -> None:
    controller, clock, view = started((0, 35.0))  # the opening's last remark was at 0:20
    assert view.due == pytest.approx(5.0)  # it ends at 0:40, and the next track begins
    assert after(controller, clock, 4.9).view.due == pytest.approx(0.1)
    view = after(controller, clock, 0.1).view
    assert (view.index, view.transport.position) == (1, 0.0)
    assert view.due == pytest.approx(5.0)  # its first remark, at 0:05
    controller, clock, view = started((3, 19.5))  # the album's last half second
    assert view.due == pytest.approx(0.5)
    view = after(controller, clock, 0.5).view
    assert (view.transport.status, view.due) == ("ended", None)


def test_a_failed_search_for_music_reads_along_and_says_why() -> None:
    controller, _ = make_controller()
    controller.start([MUSIC])
    answer = controller.arrive(MusicFailed("could not look for music: denied"))
    view = answer.view
    assert view.transport.status == "playing"
    assert [(t.message, t.severity) for t in toasts(answer)] == [
        ("could not look for music: denied", "error")
    ]


def test_no_audio_at_all_says_where_it_looked() -> None:
    guide_tracks = [t.id for t in make_controller()[0].session.guide.tracks]
    _, _, view = started(missing=guide_tracks, music_note="No audio found: nowhere.")
    assert (view.no_music, view.notice) == ("No audio found: nowhere.", "")


def test_a_folder_chosen_after_the_start_plays_the_track_from_its_file(tmp_path: Path) -> None:
    guide = make_controller()[0].session.guide
    controller, clock, view = started(
        (1, 3.0), missing=[t.id for t in guide.tracks], music_note="No audio found: nowhere."
    )
    after(controller, clock, 2.0)
    view = controller.run("look_in", tmp_path).view
    assert view.transport.activity == f"looking in {tmp_path}"
    second = guide.tracks[1].id
    found = Match(second, AudioFile(tmp_path / "02.ogg", 1, 1, length=30.0), 1.0, "tag")
    others = tuple(Match(t.id, None, 0.0, "no file") for t in guide.tracks if t.id != second)
    location = Location(tmp_path, Source.EXPLICIT, "from --music")
    library = Library(location, Assignment((found, *others), (), tmp_path))
    view = controller.arrive(MusicFound(library)).view
    assert (view.no_music, view.transport.activity) == ("", "")
    assert view.index == 1
    assert view.transport.position == pytest.approx(5.0)
    assert controller.session.transport.loaded_path == tmp_path / "02.ogg"


def remembering(
    start: tuple[int, float] = (0, 0.0),
) -> tuple[Listening, FakeClock, SettingsMemory]:
    memory = SettingsMemory("sample", load_config()[0], State.load()[0])
    return (*make_controller(memory=memory, start=start), memory)


def test_every_change_of_a_setting_is_saved_when_it_is_made() -> None:
    controller, _, _ = remembering()
    controller.start()
    controller.run("volume_down")
    assert Config.load().volume == 95
    controller.run("offset_later")
    assert Config.load().offset("sample") == pytest.approx(0.1)


def test_the_place_is_saved_every_few_seconds_and_on_quitting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    controller, clock, memory = remembering((1, 2.0))
    writers: list[threading.Thread] = []

    def write(path: Path, data: bytes) -> None:
        writers.append(threading.current_thread())
        write_atomically(path, data)

    monkeypatch.setattr("ostguide.settings.background.write_atomically", write)
    controller.start()
    after(controller, clock, 4)
    memory.settle()
    assert State.load()[0].resume_point("sample") is None
    after(controller, clock, 1)
    memory.settle()
    assert writers and threading.current_thread() not in writers  # off the event loop
    point = State.load()[0].resume_point("sample")
    assert point is not None and (point.number, point.position) == (2, 7.0)
    after(controller, clock, 1)
    controller.run("quit")
    point = State.load()[0].resume_point("sample")
    assert point is not None and point.position == 8.0


def test_a_setting_that_cannot_be_saved_is_said_once_on_screen() -> None:
    paths.config_file().parent.mkdir(parents=True)
    paths.config_file().write_text("volume = [\n")
    controller, _, _ = remembering()
    controller.start()
    said = toasts(controller.run("volume_down"))
    assert len(said) == 1 and "not saved" in said[0].message
    assert said[0].severity == "warning"


def test_a_remark_is_labelled_alike_everywhere_by_the_length_playing(tmp_path: Path) -> None:
    file = AudioFile(tmp_path / "02.ogg", 1, 2, None, None, None, None, 2, 60.0, False, None)
    controller, _, _ = started()
    guide = controller.session.guide
    matches = tuple(
        Match(t.id, file if t.id == TrackId(1, 2) else None, 1.0, "tag") for t in guide.tracks
    )
    location = Location(tmp_path, Source.EXPLICIT, "from --music")
    controller.arrive(MusicFound(Library(location, Assignment(matches, (), tmp_path))))
    assert (
        controller.session.remarks.label(1, 1) == "0:30"
    )  # 50% of the file's 60 s, not the guide's 30
    view = controller.run("next_track").view
    assert view.labels[1] == controller.session.remarks.label(1, 1)


# ---- writing the guide ----


@pytest.fixture
def guide_path(tmp_path: Path) -> Path:
    """A private copy of the sample guide that the tests may edit."""
    path = tmp_path / "sample.md"
    shutil.copyfile(GUIDES / "sample.md", path)
    return path


def live_controller(
    path: Path, bundled: bool = False, environ: dict[str, str] | None = None
) -> tuple[Listening, FakeClock]:
    live = LiveGuide(GuideFile(path, bundled=bundled))
    controller, clock = make_controller(live=live, environ=environ)
    controller.start()
    return controller, clock


def test_stamp_inserts_a_remark_at_the_current_time(guide_path: Path) -> None:
    controller, clock = live_controller(guide_path)
    before = guide_path.read_text()
    after(controller, clock, 12.34)
    view = controller.run("stamp").view
    assert guide_path.read_text().replace("[0:12.3]\n\n", "", 1) == before
    assert view.labels == ("0:00", "0:10", "0:12", "0:20")
    assert (guide_path.parent / "sample.md.bak").read_text() == before


def test_retime_then_undo_returns_the_exact_bytes(guide_path: Path) -> None:
    controller, clock = live_controller(guide_path)
    original = guide_path.read_bytes()
    after(controller, clock, 14.0)
    view = controller.run("retime").view
    assert "[0:14.0] Second remark, ten seconds in." in guide_path.read_text()
    assert view.labels[1] == "0:14"
    controller.run("stamp")
    controller.run("undo")
    view = controller.run("undo").view
    assert guide_path.read_bytes() == original
    assert view.labels[1] == "0:10"


def test_stamping_respects_the_timing_offset(guide_path: Path) -> None:
    controller, clock = live_controller(guide_path)
    for _ in range(3):
        answer = controller.run("offset_later")
        view = answer.view
    assert view.transport.offset == pytest.approx(0.3)
    assert messages(answer) == ["Timing offset +300 ms"]
    assert after(controller, clock, 10.2).view.cue == 0  # the 0:10 remark now sounds at 0:10.3
    assert after(controller, clock, 0.1).view.cue == 1
    controller.run("stamp")
    assert "[0:10.0]" in guide_path.read_text()


def test_a_bundled_guide_is_copied_before_the_first_stamp(guide_path: Path) -> None:
    live = LiveGuide(GuideFile(guide_path, bundled=True))
    controller, clock = make_controller(live=live)
    controller.start()
    before = guide_path.read_text()
    after(controller, clock, 5.0)
    first = toasts(controller.run("stamp"))
    copy = paths.user_guides_dir() / "sample.md"
    assert guide_path.read_text() == before
    assert "[0:05.0]" in copy.read_text()
    assert live.file.path == copy
    assert [(t.message, t.severity) for t in first] == [  # once, in one sentence, and where
        (
            f"Remark added: your first edit copied the bundled guide to {copy}, where every"
            " edit goes (line 24); u undoes.",
            "warning",
        )
    ]
    after(controller, clock, 5.0)
    assert messages(controller.run("stamp")) == ["Remark added at line 28 of sample.md."]


def test_an_edit_on_disk_is_picked_up_and_keeps_track_and_position(guide_path: Path) -> None:
    controller, clock = live_controller(guide_path)
    after(controller, clock, 15.0)
    guide_path.write_text(guide_path.read_text().replace("Second remark", "Edited remark"))
    view = controller.check_guide_file().view
    assert view.guide.tracks[0].cues[1].text.startswith("Edited remark")
    assert (view.index, view.transport.position) == (0, 15.0)


def test_a_broken_edit_keeps_the_last_good_guide_and_shows_the_errors(guide_path: Path) -> None:
    controller, _ = live_controller(guide_path)
    good = guide_path.read_text()
    guide_path.write_text(good.replace("[0:10] Second", "[0:75] Second"))
    view = controller.check_guide_file().view
    assert "seconds must be below 60" in view.notice
    assert view.labels[1] == "0:10"
    controller.run("stamp")
    assert "[0:75] Second" in guide_path.read_text()  # nothing written over the user's edit
    guide_path.write_text(good)
    view = controller.check_guide_file().view
    assert view.notice.startswith("Reading along without sound")


def test_without_a_live_guide_editing_commands_explain_themselves() -> None:
    controller, _, _ = started()
    assert messages(controller.run("stamp")) == ["This guide cannot be edited from here."]
    answer = controller.run("edit")
    assert not [event for event in answer.events if isinstance(event, RunEditor)]
    assert messages(answer) == ["This guide cannot be edited from here."]


def test_the_editor_opens_at_the_remark_heard(guide_path: Path, tmp_path: Path) -> None:
    nano = tmp_path / "bin" / "nano"
    nano.parent.mkdir()
    nano.write_text("#!/bin/sh\n")
    nano.chmod(0o755)
    controller, clock = live_controller(
        guide_path, environ={"EDITOR": "nano", "PATH": str(nano.parent)}
    )
    after(controller, clock, 11)
    line = controller.session.track.cues[1].line
    command = ("nano", f"+{line}", "--", str(guide_path))
    assert controller.run("edit").events == (RunEditor(command),)


def test_an_editor_that_is_not_installed_is_a_toast_not_a_command(guide_path: Path) -> None:
    controller, _ = live_controller(guide_path, environ={"EDITOR": "no-such-editor", "PATH": ""})
    answer = controller.run("edit")
    assert not [event for event in answer.events if isinstance(event, RunEditor)]
    assert messages(answer) == [
        "Cannot find $EDITOR ('no-such-editor') to edit the guide: set $VISUAL or $EDITOR "
        "to an installed editor."
    ]


def test_back_from_a_second_tour_names_the_tour_that_plays_again() -> None:
    controller, _ = make_controller(load(NOEIN))
    controller.start()
    assert (
        controller.run("tour_theme", "shangri-la").view.transport.tour
        == "The Shangri-La melody 1/2"
    )
    assert (
        controller.run("tour_theme", "haruka").view.transport.tour
        == "The Haruka no Uchi melody 1/2"
    )
    view = controller.run("back").view
    tour = controller.session.tour
    assert tour is not None and tour.tracks == (0, 18)
    assert (view.index, view.transport.tour) == (0, "The Shangri-La melody 1/2")
    assert controller.run("back").view.transport.tour == ""
