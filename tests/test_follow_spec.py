"""What `--follow` and `follow = "…"` in config.toml name, and what is said when they name
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide import paths
from ostguide.cli import main
from ostguide.follow.spec import FollowSpec, FollowSpecError, follow_spec, parse_follow
from ostguide.settings.config import load_config


@pytest.mark.parametrize(
    ("text", "environ", "expected"),
    [
        ("mpv:/run/mpv.sock", {}, FollowSpec("mpv", "/run/mpv.sock")),
        ("mpd", {}, FollowSpec("mpd", "localhost", 6600)),
        ("mpd:music.lan", {}, FollowSpec("mpd", "music.lan", 6600)),
        ("mpd:127.0.0.1:6601", {}, FollowSpec("mpd", "127.0.0.1", 6601)),
        ("mpd", {"MPD_HOST": "box", "MPD_PORT": "7000"}, FollowSpec("mpd", "box", 7000)),
        ("mpd", {"MPD_HOST": "secret@box"}, FollowSpec("mpd", "box", 6600, "secret")),
        ("mpd:/run/mpd/socket", {}, FollowSpec("mpd", "/run/mpd/socket", 6600)),
        ("mpd:other", {"MPD_HOST": "box"}, FollowSpec("mpd", "other", 6600)),
        ("mpris", {}, FollowSpec("mpris", "")),
        ("mpris:vlc", {}, FollowSpec("mpris", "vlc")),
    ],
)
def test_players_are_named_as_documented(
    text: str, environ: dict[str, str], expected: FollowSpec
) -> None:
    assert parse_follow(text, environ) == expected


def test_the_mpv_socket_may_start_with_a_tilde() -> None:
    assert parse_follow("mpv:~/mpv.sock", {}).target == str(Path.home() / "mpv.sock")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mpv", "mpv needs its IPC socket: --follow mpv:SOCKET"),
        ("spotify", "cannot follow 'spotify': write mpv:SOCKET, mpd[:HOST[:PORT]] or mpris[:NAME]"),
        ("mpd:host:66x", "MPD's port must be a number, not '66x'"),
        ("mpd:host:70000", "MPD's port must be from 1 to 65535, not 70000"),
    ],
)
def test_a_spec_naming_nothing_says_what_to_write(text: str, message: str) -> None:
    with pytest.raises(
        FollowSpecError, match="^" + message.replace("[", r"\[").replace("]", r"\]")
    ):
        parse_follow(text, {})


def test_the_command_line_wins_over_the_config_and_errors_say_where() -> None:
    config = paths.config_file()
    assert follow_spec("mpris", "mpd", config) == FollowSpec("mpris", "")
    assert follow_spec(None, "mpd:h:1", config) == FollowSpec("mpd", "h", 1)
    assert follow_spec(None, None, config) is None
    with pytest.raises(FollowSpecError, match=f'^follow = "vlc" in {config}: cannot follow'):
        follow_spec(None, "vlc", config)


def test_the_config_names_a_player_globally_or_per_guide() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('follow = "mpris"\n\n[guides.noein]\nfollow = "mpd"\n', encoding="utf-8")
    config, problems = load_config()
    assert problems == ()
    assert (config.follow("noein"), config.follow("other")) == ("mpd", "mpris")
    path.write_text("follow = 3\n", encoding="utf-8")
    config, problems = load_config()
    assert config.follow("noein") is None
    assert "follow must be a player in quotes" in str(problems[0])


def test_a_bad_follow_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["noein", "--follow", "winamp"]) == 2
    assert "ostguide: --follow winamp: cannot follow 'winamp'" in capsys.readouterr().err
