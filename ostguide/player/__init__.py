"""Playback: the clock, the pygame mixer player, the read-along player and the transport."""
