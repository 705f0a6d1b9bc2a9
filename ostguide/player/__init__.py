"""Playback: the clock, the pygame mixer player, the read-along player and the transport.

`quiet` is imported first so that pygame's banner is hidden before any module here imports pygame.
"""

from ostguide.player import quiet as quiet
