"""Fitting a guide to every copy: how the author's copy of each track sounds (the sidecar),
aligning the listener's copy with it, and knowing tracks by their sound."""
