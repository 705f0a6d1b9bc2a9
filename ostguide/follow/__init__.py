"""Following another player: mpv (JSON IPC), MPD (its protocol) or any MPRIS player (D-Bus).

Each follower keeps the other player's last reading and interpolates between readings, so the
position moves as smoothly as with ostguide's own playback; `FollowPlayer` puts a follower behind
the `Player` interface the transport already uses.
"""
