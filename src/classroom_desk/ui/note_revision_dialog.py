"""A small dialog to correct an earlier conference note, saved as it is typed.

The presenter's open ``NoteRevision`` decides what is saved: the first save makes a new
version that supersedes the note (the old text stays in the store), later saves write
that version in place. "Saved" shows only once the presenter reports the commit.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.figures import Status
from classroom_desk.i18n import day_and_month, translate, weekday_day_and_month
from classroom_desk.presenters.student_panel import NoteRevision, SaveState, StudentPanelPresenter
from classroom_desk.ui.hints import as_hint
from classroom_desk.ui.note_edit import AUTOSAVE_DELAY_MS, NoteEdit
from classroom_desk.ui.roster_model import STATUS_STYLES, shortfall_colour

SAVED_COLOUR = STATUS_STYLES[Status.ON_TRACK].marker.name()
EDITOR_LINES = 8


class NoteRevisionDialog(QDialog):
    """Correct the presenter's open revision; Done, Escape, Ctrl+Enter and closing all save
    first (a text that cannot be saved keeps the dialog open, saying why)."""

    def __init__(self, presenter: StudentPanelPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        revision = presenter.revision
        context = presenter.context
        if revision is None or context is None:
            raise RuntimeError("no earlier note is being corrected")
        self._presenter = presenter
        self._dirty = False
        #: The note version the history shows once the dialog closes.
        self.record_id = revision.note.id
        self.setObjectName("noteRevisionDialog")
        self.setWindowTitle(
            translate("History", "Edit note · {student}").format(student=context.name)
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)

        calendar = presenter.calendar()
        day = calendar.local_date(revision.note.created_at)
        heading = translate("History", "Note from {day}").format(day=weekday_day_and_month(day))
        if revision.note.edited_at is not None:
            edited = calendar.local_date(revision.note.edited_at)
            heading = translate("History", "{heading} (edited {day})").format(
                heading=heading, day=day_and_month(edited)
            )
        self.heading = QLabel(f"<b>{escape(heading)}</b> · {escape(context.name)}")
        self.heading.setObjectName("revisionHeading")
        self.hint = QLabel(
            translate("History", "Saved as you type. The earlier text stays in the history.")
        )
        self.hint.setObjectName("revisionHint")
        as_hint(self.hint)  # as the panel's other hints

        self.note_edit = NoteEdit()
        self.note_edit.setObjectName("revisionEdit")
        self.note_edit.setAccessibleName(
            translate("History", "Edit the note from {day}").format(day=day_and_month(day))
        )
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlainText(revision.text)
        self.note_edit.moveCursor(QTextCursor.MoveOperation.End)
        lines = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setMinimumHeight(lines * EDITOR_LINES + 14)
        self.note_edit.setMinimumWidth(self.note_edit.fontMetrics().horizontalAdvance("M") * 40)

        self.save_label = QLabel()
        self.save_label.setObjectName("revisionSaveState")
        self.save_label.setWordWrap(True)
        self.done_button = QPushButton(translate("History", "Done"))
        self.done_button.setObjectName("revisionDone")
        self.done_button.setDefault(True)
        self.done_button.setToolTip(
            translate("History", "Save and close (Ctrl+Enter or Escape also save)")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_label, 1)
        buttons.addWidget(self.done_button)

        column = QVBoxLayout(self)
        column.setSpacing(6)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addWidget(self.note_edit, 1)
        column.addLayout(buttons)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._done_shortcuts = [
            QShortcut(QKeySequence(key), self) for key in ("Ctrl+Return", "Ctrl+Enter")
        ]

        self._autosave_timer.timeout.connect(self._on_autosave_due)
        self.note_edit.textChanged.connect(self._on_text_edited)
        self.done_button.clicked.connect(self.finish)
        for shortcut in self._done_shortcuts:
            shortcut.activated.connect(self.finish)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_save_state()

    @property
    def revision(self) -> NoteRevision | None:
        return self._presenter.revision

    def flush(self) -> SaveState:
        """Save the text now (the timer, Done, the panel changing student, the app closing)."""
        self._autosave_timer.stop()
        if self._presenter.revision is None:
            return SaveState.EMPTY
        if self._dirty:
            self._dirty = False
            self._presenter.edit_revision(self.note_edit.toPlainText())
        state = self._presenter.save_revision()
        self._show_save_state()
        return state

    def finish(self) -> None:
        """Save and close; stays open, saying why, if the text cannot be saved."""
        self.flush()
        revision = self._presenter.revision
        if revision is not None and revision.version_id is not None:
            self.record_id = revision.version_id
        if self._presenter.finish_revision() is SaveState.FAILED:
            self._show_save_state()
            return
        self.accept()

    def reject(self) -> None:
        """Escape saves too: text that autosave has written is never thrown away."""
        self.finish()

    def stop(self) -> None:
        """Stop the autosave timer (the panel is going away; its flush saved the text)."""
        self._autosave_timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._presenter.revision is not None:
            self.finish()
            if self._presenter.revision is not None:  # could not be saved: keep the text
                event.ignore()
                return
        super().closeEvent(event)

    # -- internals -------------------------------------------------------------------------

    def _on_text_edited(self) -> None:
        self._dirty = True
        self._autosave_timer.start()  # restarts: within the delay of the last keystroke
        self._show_save_state()

    def _on_autosave_due(self) -> None:
        self.flush()

    def _show_save_state(self) -> None:
        revision = self._presenter.revision
        colour = ""
        if self._dirty or self._autosave_timer.isActive():
            text = translate("Panel", "Saving…")
        elif revision is None:
            text = ""
        elif revision.state is SaveState.FAILED:
            text = translate("Panel", "Not saved: {error}").format(error=revision.error)
            colour = shortfall_colour().name()
        elif revision.state is SaveState.EMPTY:
            text = translate("Panel", "Empty: the saved text is kept")
        elif revision.state is SaveState.UNSAVED:
            text = translate("Panel", "Saving…")
        elif revision.version_id is not None:
            text, colour = translate("Panel", "Saved {mark}").format(mark="✓"), SAVED_COLOUR
        else:
            text = ""  # nothing changed yet
        self.save_label.setText(text)
        self.save_label.setStyleSheet(f"color: {colour}" if colour else "")
