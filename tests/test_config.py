"""The user's config.toml: read, edited key by key with comments kept, never overwritten broken."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ostguide import paths
from ostguide.settings.config import DEFAULT_OFFSET, DEFAULT_VOLUME, Config, load_config
from ostguide.settings.problems import ConfigError

USER_CONFIG = """\
# My ostguide settings — hand written.
volume = 80   # not too loud

theme = "nord"

[keys]
# space bar, or p
play_pause = "space,p"
quit = "q"

# ---- guides ----
[guides.noein]
music = "/music/Noein OST"  # the 2005 release
offset = 0.250
"""


def write_config(text: str) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "old", "new"),
    [
        (lambda c: c.set_volume(35), "volume = 80   #", "volume = 35   #"),
        (lambda c: c.set_theme("gruvbox"), 'theme = "nord"', 'theme = "gruvbox"'),
        (
            lambda c: c.set_music_dir("noein", Path("/other/Noein")),
            'music = "/music/Noein OST"  #',
            'music = "/other/Noein"  #',
        ),
        (lambda c: c.set_offset("noein", -1.5), "offset = 0.250", "offset = -1.5"),
    ],
)
def test_a_change_rewrites_only_its_value(
    change: Callable[[Config], None], old: str, new: str
) -> None:
    path = write_config(USER_CONFIG)
    config = Config.load()
    change(config)
    assert config.save() is True
    assert path.read_text(encoding="utf-8") == USER_CONFIG.replace(old, new)


def test_changes_read_back_after_saving() -> None:
    write_config(USER_CONFIG)
    config = Config.load()
    config.set_volume(35)
    config.set_offset("noein", 0.1 + 0.2)
    config.set_music_dir("haibane", Path("/music/Haibane"))
    config.save()
    again = Config.load()
    assert (again.volume, again.offset("noein")) == (35, 0.3)
    assert again.music_dir("haibane") == Path("/music/Haibane")
    assert again.keys() == {"play_pause": "space,p", "quit": "q"}


def test_new_keys_are_added_and_the_rest_kept_byte_for_byte() -> None:
    path = write_config(USER_CONFIG)
    config = Config.load()
    config.set_offset("ghost in the shell", 2.0)
    config.set_music_dir("ghost in the shell", Path("/music/GitS"))
    config.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(USER_CONFIG)
    assert text[len(USER_CONFIG) :] == (
        '\n[guides."ghost in the shell"]\noffset = 2.0\nmusic = "/music/GitS"\n'
    )


def test_windows_line_endings_survive_a_change() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'# mine\r\nvolume = 80\r\ntheme = "nord"\r\n')
    config = Config.load()
    config.set_volume(20)
    config.save()
    assert path.read_bytes() == b'# mine\r\nvolume = 20\r\ntheme = "nord"\r\n'


@pytest.mark.parametrize(
    "change",
    [
        lambda c: None,
        lambda c: c.set_volume(80),
        lambda c: c.set_theme("nord"),
        lambda c: c.set_offset("noein", 0.25),  # written 0.250: the same number
        lambda c: c.set_music_dir("noein", Path("/music/Noein OST")),
        lambda c: c.set_offset("unknown guide", DEFAULT_OFFSET),
    ],
)
def test_nothing_is_written_when_nothing_changed(change: Callable[[Config], None]) -> None:
    path = write_config(USER_CONFIG)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    config = Config.load()
    change(config)
    assert config.save() is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.read_text(encoding="utf-8") == USER_CONFIG


def test_a_missing_file_is_an_empty_config_created_only_on_a_change() -> None:
    config = Config.load()
    assert (config.volume, config.theme, config.keys()) == (DEFAULT_VOLUME, None, {})
    assert (config.music_dir("noein"), config.offset("noein")) == (None, DEFAULT_OFFSET)
    assert config.save() is False
    assert not paths.config_dir().exists()
    config.set_volume(40)
    assert config.save() is True
    assert paths.config_file().read_text(encoding="utf-8") == "volume = 40\n"


def test_edits_made_while_running_are_kept() -> None:
    path = write_config(USER_CONFIG)
    config = Config.load()
    path.write_text(USER_CONFIG + "\n# added by hand meanwhile\n", encoding="utf-8")
    config.set_volume(35)
    config.save()
    expected = USER_CONFIG.replace("volume = 80", "volume = 35") + "\n# added by hand meanwhile\n"
    assert path.read_text(encoding="utf-8") == expected


def test_a_symlinked_config_stays_a_symlink(tmp_path: Path) -> None:
    dotfile = tmp_path / "dotfiles" / "ostguide.toml"
    dotfile.parent.mkdir()
    dotfile.write_text("volume = 80\n", encoding="utf-8")
    paths.config_dir().mkdir(parents=True)
    paths.config_file().symlink_to(dotfile)
    config = Config.load()
    config.set_volume(10)
    config.save()
    assert paths.config_file().is_symlink()
    assert dotfile.read_text(encoding="utf-8") == "volume = 10\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_config(USER_CONFIG)
    config = Config.load()
    config.set_volume(1)

    def crash(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        config.save()
    assert path.read_text(encoding="utf-8") == USER_CONFIG
    assert os.listdir(path.parent) == ["config.toml"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('theme = "nord"\n\nvolume = \n', 3),
        ('volume = 80\n[keys]\nquit = "q\n', 3),
        ("volume = 80\n[keys]\n[keys]\n", 3),
        ("[guides.a]\noffset = 1\n[guides.a.offset]\n", 3),
    ],
)
def test_a_syntax_error_names_path_line_and_column(text: str, line: int) -> None:
    """Where the problem is and what to do: the parser's own words and column vary between
    tomlkit releases, so only their place is checked (a column within the line)."""
    path = write_config(text)
    with pytest.raises(ConfigError) as raised:
        Config.load()
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (path, line)
    assert problem.column is not None
    assert 1 <= problem.column <= len(text.splitlines()[line - 1]) + 1
    assert str(raised.value).startswith(f"{path}:{line}:{problem.column}: error: ")
    reason, _, advice = problem.message.partition(": this is not valid TOML; ")
    assert reason and advice.startswith("fix it")


def test_a_file_that_is_not_utf8_is_located() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'volume = 5\ntheme = "caf\xe9"\n')
    with pytest.raises(ConfigError) as raised:
        Config.load()
    assert str(raised.value) == (
        f"{path}:2:13: error: the file is not UTF-8 text; save it as UTF-8 (TOML requires it)"
    )


def test_every_wrong_value_is_reported_at_its_place_in_file_order() -> None:
    path = write_config(
        "# settings\n"
        "theme = 7\n"
        'volume = "loud"\n'
        "[keys]\n"
        "play_pause = 32\n"
        'quit = "q"\n'
        "[guides.noein]\n"
        "music = false\n"
        'offset = "x"\n'
        '[guides."ghost in the shell"]\n'
        "offset = nan\n"
    )
    with pytest.raises(ConfigError) as raised:
        Config.load()
    assert str(raised.value).splitlines() == [
        f'{path}:2:9: error: theme must be a theme name in quotes, like "nord"',
        f"{path}:3:10: error: volume must be a number from 0 to 100",
        f"{path}:5:14: error: keys.play_pause must be a key in quotes, like"
        ' "space", or several: "space,p"',
        f'{path}:8:9: error: guides.noein.music must be a folder in quotes, like "~/Music/Noein"',
        f"{path}:9:10: error: guides.noein.offset must be a number of seconds, like 0.25 or -1.5",
        f'{path}:11:10: error: guides."ghost in the shell".offset must be a number of seconds,'
        " like 0.25 or -1.5",
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("volume = 101\n", 1, 10, "volume must be a number from 0 to 100"),
        ("volume = -1\n", 1, 10, "volume must be a number from 0 to 100"),
        ("volume = true\n", 1, 10, "volume must be a number from 0 to 100"),
        ('theme = ""\n', 1, 9, "theme must be"),
        ("x = 1\n[volume]\nlevel = 3\n", 2, 1, "volume must be a number"),
        ("volume.level = 3\n", 1, 16, "volume must be a number"),
        ("keys = 3\n", 1, 8, "keys must be a table: write [keys] on a line of its own"),
        ("[[guides]]\nmusic = 'x'\n", 1, 1, "guides must be a table"),
        ('[guides]\nnoein = "/music"\n', 2, 9, "guides.noein must be a table"),
        ("[guides.noein]\noffset = inf\n", 2, 10, "guides.noein.offset must be a number"),
        ("guides = {noein = {offset = []}}\n", 1, 29, "guides.noein.offset must be"),
        ('[guides.a]\n[keys]\n[guides.b]\noffset = "x"\n', 4, 10, "guides.b.offset must be"),
        ('place_remarks = "no"\n', 1, 17, "place_remarks must be true or false"),
        ("snap_stamps = 0\n", 1, 15, "snap_stamps must be true or false"),
    ],
)
def test_a_wrong_value_is_located(text: str, line: int, column: int, message: str) -> None:
    path = write_config(text)
    config, problems = load_config()
    assert [(p.path, p.line, p.column) for p in problems] == [(path, line, column)]
    assert problems[0].message.startswith(message)
    assert config.problems == problems


def test_a_broken_config_runs_with_defaults_for_its_wrong_values() -> None:
    write_config(
        USER_CONFIG.replace("volume = 80", 'volume = "loud"').replace('quit = "q"', "quit = 1")
    )
    config, problems = load_config()
    assert len(problems) == 2
    assert config.volume == DEFAULT_VOLUME
    assert config.keys() == {"play_pause": "space,p"}
    assert (config.theme, config.offset("noein")) == ("nord", 0.25)


def test_an_unparsable_config_runs_with_all_defaults() -> None:
    write_config(USER_CONFIG + "volume = = 3\n")
    config, problems = load_config()
    assert len(problems) == 1
    assert (config.volume, config.theme, config.keys()) == (DEFAULT_VOLUME, None, {})


@pytest.mark.parametrize(
    "broken",
    [
        USER_CONFIG + "oops\n",
        USER_CONFIG.replace("volume = 80", 'volume = "loud"'),
        USER_CONFIG.replace("offset = 0.250", 'offset = "x"'),
    ],
)
def test_a_broken_config_is_never_overwritten(broken: str) -> None:
    path = write_config(broken)
    config, problems = load_config()
    assert problems
    config.set_volume(10)
    config.set_offset("noein", 1.0)
    assert (config.volume, config.offset("noein")) == (10, 1.0)
    with pytest.raises(ConfigError):
        config.save()
    assert path.read_text(encoding="utf-8") == broken


def test_a_config_broken_while_running_is_not_overwritten_and_changes_wait() -> None:
    path = write_config(USER_CONFIG)
    config = Config.load()
    config.set_volume(10)
    path.write_text(USER_CONFIG.replace("volume = 80", "volume = 8O"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.toml:2:"):
        config.save()
    assert "volume = 8O" in path.read_text(encoding="utf-8")
    path.write_text(USER_CONFIG, encoding="utf-8")
    assert config.save() is True
    assert path.read_text(encoding="utf-8") == USER_CONFIG.replace("volume = 80", "volume = 10")


def test_an_unreadable_config_is_a_problem_without_a_line() -> None:
    paths.config_file().mkdir(parents=True)
    config, problems = load_config()
    [problem] = problems
    assert problem.line is None
    assert str(problem).startswith(f"{paths.config_file()}: error: cannot read the file")
    assert config.volume == DEFAULT_VOLUME


@pytest.mark.parametrize(
    ("music", "expected"),
    [
        ('"/music/Noein"', lambda: Path("/music/Noein")),
        ('"~/Music/Noein"', lambda: Path.home() / "Music" / "Noein"),
        ('"albums/Noein"', lambda: paths.config_dir() / "albums" / "Noein"),
    ],
)
def test_music_dir_per_guide(music: str, expected: Callable[[], Path]) -> None:
    write_config(f"[guides.noein]\nmusic = {music}\n[guides.other]\noffset = 1\n")
    config = Config.load()
    assert config.music_dir("noein") == expected()
    assert config.music_dir("other") is None
    assert config.music_dir("absent") is None


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("[guides.noein]\noffset = 0.25\n", {"noein": 0.25, "other": 0.0}),
        (
            "[guides.noein]\noffset = -2\n[guides.other]\noffset = 1e-1\n",
            {"noein": -2.0, "other": 0.1},
        ),
        ('guides."ghost in the shell".offset = 3\n', {"ghost in the shell": 3.0, "noein": 0.0}),
    ],
)
def test_offset_per_guide(text: str, offsets: dict[str, float]) -> None:
    write_config(text)
    config = Config.load()
    assert {guide: config.offset(guide) for guide in offsets} == offsets


def test_keys_table_maps_binding_ids_to_key_strings() -> None:
    write_config('[keys]\nplay_pause = "space,p"\nseek_back = "left"\n"next track" = "n"\n')
    assert Config.load().keys() == {"play_pause": "space,p", "seek_back": "left", "next track": "n"}


def test_the_screen_can_report_an_unknown_binding_at_its_line() -> None:
    path = write_config('volume = 50\n[keys]\nplay_pause = "space"\nfly = "f"\n')
    problem = Config.load().problem_at(("keys", "fly"), "unknown binding fly")
    assert str(problem) == f"{path}:4:7: error: unknown binding fly"


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda c: c.set_volume(101), "volume must be from 0 to 100"),
        (lambda c: c.set_volume(-1), "volume must be from 0 to 100"),
        (lambda c: c.set_theme("  "), "theme name cannot be empty"),
        (lambda c: c.set_offset("noein", math.nan), "finite number"),
        (lambda c: c.set_offset("noein", math.inf), "finite number"),
    ],
)
def test_setters_refuse_impossible_values(change: Callable[[Config], None], error: str) -> None:
    config = Config.load()
    with pytest.raises(ValueError, match=error):
        change(config)
    assert config.save() is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (True, True)),
        ("place_remarks = false\n", (False, True)),
        ("snap_stamps = false\nplace_remarks = true\n", (True, False)),
        ('snap_stamps = "off"\n', (True, True)),  # wrong: the default, and a problem shown
    ],
)
def test_the_music_analysis_can_be_turned_off(text: str, expected: tuple[bool, bool]) -> None:
    write_config(text)
    config, _ = load_config()
    assert (config.place_remarks, config.snap_stamps) == expected


def test_track_offsets_name_tracks_and_give_seconds() -> None:
    path = write_config(
        '[guides.noein.track_offsets]\n"07" = -0.12\n"2-03" = 0.5\nseven = 1\n"08" = "x"\n'
    )
    with pytest.raises(ConfigError) as raised:
        Config.load()
    assert str(raised.value).splitlines() == [
        f'{path}:4:9: error: guides.noein.track_offsets.seven must name a track: "07"',
        f"{path}:5:8: error: guides.noein.track_offsets.08 must be a number of seconds,"
        " like 0.25 or -1.5",
    ]
    config, _ = load_config()
    assert config.track_offsets("noein") == {"07": -0.12, "2-03": 0.5}
