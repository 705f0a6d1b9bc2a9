"""Authoring guides: scaffolds from an album, stamps while listening, imported timings."""
