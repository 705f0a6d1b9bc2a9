"""Guides shipped with ostguide (Markdown files; see docs/guide-format.md)."""
