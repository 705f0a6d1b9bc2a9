"""Longer Markdown (a guide's introduction and afterword) drawn in as few widgets as it allows:
headings, runs of plain paragraphs and bulleted lists of plain items as text widgets, and
Textual's `Markdown` only for the blocks nothing else draws (quotes, code, tables, nested lists).
`Markdown` makes and styles a widget for every block, which made About take most of a second."""

from __future__ import annotations

import re

from textual.content import Content
from textual.widget import Widget

from .remarktext import RemarkText, commentary_text, is_plain, paragraphs
from .safe import SafeStatic

_HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>[^\n]+)")
_ITEM = re.compile(r"^[-*+][ \t]+", re.M)
BULLET = "• "


def prose(markdown: str, classes: str = "") -> list[Widget]:
    """The widgets that draw `markdown`, in order."""
    if "```" in markdown or "~~~" in markdown:  # a fence may hold blank lines: all of it as is
        return [commentary_text(markdown, classes)]
    widgets: list[Widget] = []
    plain: list[str] = []

    def flush() -> None:
        if plain:
            widgets.append(RemarkText("\n\n".join(plain), classes))
            plain.clear()

    for block in (b.strip() for b in re.split(r"\n[ \t]*\n", markdown)):
        heading = _HEADING.fullmatch(block)
        items = _items(block)
        if not block:
            continue
        if is_plain(block):
            plain.append(block)
            continue
        flush()
        if heading is not None:
            text = heading.group("text").strip().rstrip("#").strip()
            widgets.append(
                SafeStatic(Content.styled(text, "bold"), classes=f"{classes} prose-heading")
            )
        elif items is not None:
            bulleted = (Content(BULLET) + paragraphs(item) for item in items)
            widgets.append(LaidOut(Content("\n").join(bulleted), classes))
        else:
            widgets.append(commentary_text(block, classes))
    flush()
    return widgets


def _items(block: str) -> list[str] | None:
    """The items of a bulleted list of plain items (each may run over indented lines), else
    None."""
    if not _ITEM.match(block):
        return None
    items = [item for item in _ITEM.split(block) if item.strip()]
    if len(_ITEM.findall(block)) != len(items):
        return None
    return items if all(is_plain(item) and "\n\n" not in item for item in items) else None


class LaidOut(RemarkText):
    """Text laid out here or by a screen (a bulleted list, About's facts) whose links act as a
    remark's do."""

    def __init__(self, content: Content, classes: str = "") -> None:
        super().__init__("", classes)
        self.update(content)
