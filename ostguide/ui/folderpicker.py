"""Choosing the music folder on the screen (`o`): a folder tree and a path field. Enter on a
folder in the tree puts it in the field; enter in the field chooses it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input

from ..listening.commands import key_hint
from .keys import PICKER_KEYS
from .safe import SafeLines, SafeStatic


class FolderTree(SafeLines, DirectoryTree):
    """Folders only (the audio files are found once a folder is chosen); a folder's name may
    hold any character, so the tree's lines are guarded."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Visible folders: hidden ones and files are left out."""
        return [path for path in paths if not path.name.startswith(".") and path.is_dir()]


class PathField(SafeLines, Input):
    """The path to choose, guarded as the tree is (a path picked there may hold anything)."""


class FolderPicker(ModalScreen[Path | None]):
    """Asks for the folder the guide's music is in; answers the folder, or None."""

    BINDINGS = PICKER_KEYS

    def __init__(self, start: Path, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.start = start
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        close = key_hint("picker.close", self.keymap)
        with Vertical(id="picker-box"):
            yield SafeStatic(
                f"The folder your album is in (enter chooses, {close} cancels)",
                id="picker-title",
            )
            yield PathField(str(self.start), id="picker-path")
            yield FolderTree(self.start, id="picker-tree")
            yield SafeStatic("", id="picker-problem")

    @on(DirectoryTree.DirectorySelected)
    def _selected(self, event: DirectoryTree.DirectorySelected) -> None:
        """A folder picked in the tree becomes the path to choose."""
        self.query_one("#picker-path", Input).value = str(event.path)

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        """Choose the folder typed or picked; say so when it is not one."""
        folder = Path(event.value.strip()).expanduser()
        if folder.is_dir():
            self.dismiss(folder)
        else:
            self.query_one("#picker-problem", SafeStatic).update(Text(f"{folder} is not a folder"))
