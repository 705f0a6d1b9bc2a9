"""Starting the screen for real: where a listener resumes, and settings problems shown to them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from audiogen import make_tone
from uikit import GUIDES, make_rig, sample_guide

from ostguide import paths
from ostguide.listening.wiring import start_point, unknown_keys
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State


@pytest.mark.parametrize(
    ("remembered", "expected"),
    [
        (None, (0, 0.0)),
        ((1, 3, 12.5), (2, 12.5)),
        ((1, 9, 12.5), (0, 0.0)),  # a track the guide no longer has
        ((2, 1, 4.0), (0, 0.0)),
    ],
)
def test_start_point(
    remembered: tuple[int, int, float] | None, expected: tuple[int, float]
) -> None:
    guide = sample_guide()
    state, _ = State.load()
    if remembered is not None:
        state.remember(guide.name, *remembered)
    assert start_point(guide, SettingsMemory(guide.name, Config.load(), state)) == expected


def test_unknown_key_ids_are_reported_with_their_line() -> None:
    config_file = paths.config_file()
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[keys]\nplay_pause = "c"\nplay_paws = "p"\n')
    problems = unknown_keys(SettingsMemory("sample", Config.load(), State.load()[0]))
    assert len(problems) == 1
    assert problems[0].startswith(f"{config_file}:3:")
    assert "no key binding has the id 'play_paws'" in problems[0]
    assert "play_pause" in problems[0]


def test_known_key_ids_raise_nothing(tmp_path: Path) -> None:
    config_file = paths.config_file()
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[keys]\nplay_pause = "c"\nnext_remark = "period"\n')
    assert unknown_keys(SettingsMemory("sample", Config.load(), State.load()[0])) == []


@pytest.mark.slow
async def test_settings_warnings_are_shown_on_the_screen() -> None:
    rig = make_rig(warnings=["config.toml:3:1: error: volume must be a number from 0 to 100"])
    async with rig.app.run_test() as pilot:
        await pilot.pause()
        shown = [(m.text, m.severity) for m in rig.app.listening_screen.keys.messages]
        assert shown == [
            ("config.toml:3:1: error: volume must be a number from 0 to 100", "warning")
        ]


def test_key_ids_of_every_screen_are_known() -> None:
    config_file = paths.config_file()
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[keys]\n"themes.close" = "c"\nfollow = "o"\n')
    assert unknown_keys(SettingsMemory("sample", Config.load(), State.load()[0])) == []


WIRED = """
import json, sys
from pathlib import Path
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State
from ostguide.ui.run import build_app  # noqa: F401  (the screen's module, without Textual yet)
from ostguide.listening.wiring import wire

live, _ = LiveGuide.open(GuideFile(Path(sys.argv[1]), bundled=False))
memory = SettingsMemory(live.guide.name, load_config()[0], State.load()[0])
wiring = wire(live, memory, [], Path(sys.argv[2]), None, Path(sys.argv[3]))
wiring.opening._thread.join(20)
news = wiring.opening.attach(print)
mixer = news[-2].mixer
print(json.dumps({
    "textual": "textual" in sys.modules,
    "numpy": "numpy" in sys.modules,
    "news": [type(n).__name__ for n in news][-2:],
    "loaded": str(mixer.loaded_path),
    "paused": mixer.paused,
    "position": mixer.position,
}))
"""


@pytest.mark.slow
def test_the_device_opens_and_the_resume_track_loads_before_textual_is_imported(
    tmp_path: Path,
) -> None:
    music = tmp_path / "Sample"
    for number, title in ((1, "Opening"), (2, "Interlude")):
        make_tone(music / f"0{number} {title}.ogg", 30.0, tags={"title": title})
    state, _ = State.load()
    state.remember("sample", 1, 2, 12.5)
    state.save()
    done = subprocess.run(
        [sys.executable, "-c", WIRED, str(GUIDES / "sample.md"), str(music), str(tmp_path / "log")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {
        "textual": False,
        "numpy": False,
        "news": ["DeviceOpened", "MusicFound"],
        "loaded": str(music / "02 Interlude.ogg"),
        "paused": True,
        "position": 12.5,
    }
