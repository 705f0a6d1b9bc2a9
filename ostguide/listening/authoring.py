"""The controller's commands that write the guide: stamp, retime, undo, and handing it to the
listener's editor; and reading the file again when it changed on disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..analysis.placement import stamp_time
from ..authoring.editor import EditorNotFound, editor_command
from ..authoring.live import Change, LiveGuide
from ..guide.diagnostics import Diagnostic
from ..session import Session
from .events import RunEditor
from .outbox import SETTING_SECONDS, Outbox


class Authoring:
    """The guide file being listened to, when it can be edited, and its errors, if any."""

    def __init__(
        self,
        session: Session,
        outbox: Outbox,
        live: LiveGuide | None,
        *,
        snap_stamps: bool,
        environ: Mapping[str, str],
        timed: Callable[[LiveGuide], None],
    ) -> None:
        """`snap_stamps` lets a stamp go back to the onset the author reacted to; `environ`
        names the listener's editor; `timed(live)` is told after each stamp or retime written
        on the current track (the sidecar then describes the file the guide is timed on)."""
        self._session = session
        self._outbox = outbox
        self._live = live
        self._snap_stamps = snap_stamps
        self._environ = environ
        self._timed = timed
        self._errors: tuple[Diagnostic, ...] = ()

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Why the guide file does not parse, while it does not."""
        return self._errors

    def stamp(self) -> None:
        """Insert a remark at the current time, or at the onset the author reacted to; the
        transport line says which."""
        live = self._editable()
        if live is not None:
            session = self._session
            remarks = session.remarks
            analysis = remarks.analysis if self._snap_stamps else None
            heard = max(0.0, session.position - remarks.offset)
            seconds, note = stamp_time(heard, analysis, remarks.offset)
            change = live.insert(session.track, remarks.to_guide(seconds), remarks.length)
            if change.line:
                self._outbox.note(note)
                self._timed(live)
            self._apply(change)

    def retime(self) -> None:
        """Move the highlighted remark to the current time; a remark placed on the music gets
        the time it was placed at."""
        live = self._editable()
        index = self._session.remarks.current_cue()
        if live is not None and index is None:
            self._outbox.toast("No remark is highlighted yet.", "warning")
        elif live is not None and index is not None:
            session = self._session
            remarks = session.remarks
            timeline = remarks.timeline
            placed = index in timeline.placed and session.track.cues[index].stamp.approximate
            seconds = remarks.to_guide(timeline.time_of(index)) if placed else remarks.guide_time
            change = live.retime(session.track.cues[index], seconds)
            if change.line:
                self._timed(live)
            self._apply(change)

    def undo(self) -> None:
        """Undo the last stamp or retime of this session."""
        live = self._editable()
        if live is not None:
            self._apply(live.undo())

    def edit(self) -> None:
        """Ask the screen to open the guide in the listener's editor at the remark heard; only
        a toast when the guide cannot be edited or the editor is not installed, so that the
        screen is never handed over to a program that cannot start."""
        live = self._editable()
        if live is None:
            return
        index = self._session.remarks.current_cue()
        track = self._session.track
        line = track.cues[index].line if index is not None else track.line
        try:
            command = editor_command(live.file.path, line, self._environ)
        except EditorNotFound as error:
            self._outbox.toast(str(error), "error")
            return
        self._outbox.send(RunEditor(tuple(command)))

    def edited(self, problem: str | None) -> None:
        """Back from the editor: read the guide again if it changed, or say why the editor
        could not run."""
        if problem is not None:
            self._outbox.toast(problem, "error")
        else:
            self.check_file()

    def check_file(self) -> None:
        """Read the guide again if it changed on disk (an editor in another window)."""
        if self._live is not None:
            self._apply(self._live.reload_if_changed())

    def _editable(self) -> LiveGuide | None:
        """The live guide, or None after telling the listener why it cannot be edited."""
        if self._live is None:
            self._outbox.toast("This guide cannot be edited from here.", "warning")
        return self._live

    def _apply(self, change: Change | None) -> None:
        """Take in what an edit or a reload did."""
        if change is None:
            return
        if change.guide is not None:
            self._session.replace_guide(change.guide)
        self._errors = change.errors
        if change.errors:
            self._outbox.toast(change.message, "error")
        elif change.first:  # where writing goes, said once, for longer
            self._outbox.toast(change.message, "warning", SETTING_SECONDS)
        else:
            self._outbox.toast(change.message)
