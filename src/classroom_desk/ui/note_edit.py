"""The note box the conference panel and the note-correction dialog share: plain text only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import QPlainTextEdit, QWidget

#: Within a second of the last keystroke, as the issue asks; long enough not to write
#: on every key.
AUTOSAVE_DELAY_MS = 700


class NoteEdit(QPlainTextEdit):
    """The note box: whatever is pasted arrives as plain text.

    ``undo_passes_through`` lets Ctrl+Z reach the window (to undo a reassignment the
    toast offers) instead of undoing the note's typing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_passes_through: Callable[[], bool] = lambda: False

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            text = source.text()
        elif source.hasHtml():  # a rich-text-only clipboard still pastes its words
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        else:
            return
        self.textCursor().insertText(text)
        self.ensureCursorVisible()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
            and self.undo_passes_through()
        ):
            event.ignore()  # not overridden: the window's Undo shortcut takes it
            return True
        return super().event(event)
