"""Guides shipped with ostguide (Markdown files; see ostguide/guide/format.md)."""
