"""What the listener's own audio sounds like: a loudness envelope, where the sound changes, and
its onsets, computed once per file and cached; and what the screen derives from them (the
loudness overview, approximate remarks placed on the music, stamps snapped to onsets)."""
