"""A remark drawn as one widget: most remarks are paragraphs with emphasis, code and links, which
need none of the widgets Textual's `Markdown` builds for every block (its cost dominates the
first frame and every change of track). A remark with block markup (lists, headings, quotes,
code blocks, tables) is still drawn by `Markdown`: see `is_plain`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.style import Style

from .safe import SafeStatic

if TYPE_CHECKING:
    from textual.widgets import Markdown

_BLOCK_MARKUP = re.compile(
    r"^(?: {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|```|~~~|\||<|[-*_=]{3,})| {4}|\t)", re.M
)
"""A line that Markdown would make something other than a paragraph."""
_OTHER_INLINE = re.compile(r"<|!\[|\]\[|\]:|~~|&\w+;|&#")
"""Inline Markdown drawn here as typed (HTML, images, reference links, strikethrough, entities):
a remark with any of it goes to `Markdown`."""
_INLINE = re.compile(
    r"\[(?P<text>[^\[\]]*)\]\((?P<href>[^()\s]*)\)"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
    r"|(?<!\w)_(?P<em2>[^_\s](?:[^_]*[^_\s])?)_(?!\w)"
    r"|`(?P<code>[^`]+)`"
    r"|\\(?P<escaped>[\\`*_\[\]()#+\-.!])"
)
"""Inline Markdown: links, strong, emphasis, code spans and backslash escapes."""
CODE = "reverse"


def is_plain(markdown: str) -> bool:
    """Whether `markdown` is only paragraphs of text with emphasis, code spans and links."""
    return _BLOCK_MARKUP.search(markdown) is None and _OTHER_INLINE.search(markdown) is None


def commentary_text(markdown: str, classes: str = "") -> RemarkText | Markdown:
    """One widget for plain paragraphs, Textual's Markdown for anything else (imported then:
    most guides have no block markup, and no first frame needs markdown-it)."""
    if is_plain(markdown):
        return RemarkText(markdown, classes)
    from textual.widgets import Markdown

    return Markdown(markdown, open_links=False, classes=classes)


def paragraphs(markdown: str) -> Content:
    """Plain Markdown as content: paragraphs a blank line apart, soft breaks as spaces, links
    that run `link(href)` when clicked."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", markdown)]
    return Content("\n\n").join(_inline(block) for block in blocks if block)


def _inline(text: str) -> Content:
    parts: list[str | tuple[str, str | Style]] = []
    position = 0
    for found in _INLINE.finditer(text):
        parts.append(text[position : found.start()])
        position = found.end()
        kind = found.lastgroup
        if kind in ("text", "href"):
            action = f"link({found.group('href')!r})"
            parts.append((found.group("text"), Style.from_meta({"@click": action})))
        elif kind == "strong":
            parts.append((found.group("strong"), "bold"))
        elif kind in ("em", "em2"):
            parts.append((found.group(kind), "italic"))
        elif kind == "code":
            parts.append((found.group("code"), CODE))
        else:
            parts.append(found.group("escaped"))
    parts.append(text[position:])
    return Content.assemble(*parts)


class RemarkText(SafeStatic):
    """The text of a plain remark (or introduction)."""

    @dataclass
    class LinkClicked(Message):
        """A link in the text was clicked."""

        href: str

    def __init__(self, markdown: str, classes: str = "") -> None:
        super().__init__(paragraphs(markdown), classes=f"remark-text {classes}".strip())

    def action_link(self, href: str) -> None:
        """Hand the link to the app."""
        self.post_message(self.LinkClicked(href))
