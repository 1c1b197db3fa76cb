"""The student panel's History list: a note in it can be corrected."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QListView, QMenu

from classroom_desk.i18n import translate
from classroom_desk.ui.timeline_model import KIND_ROLE


class TimelineView(QListView):
    """The history list; a note in it can be corrected (Enter, F2, a double-click or the
    context menu, which the Menu key opens too)."""

    edit_requested = Signal(int)
    """The teacher asked to correct the note on this row."""

    def is_note(self, index: QModelIndex) -> bool:
        return index.isValid() and index.data(KIND_ROLE) == "note"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.NoModifier
        ):
            index = self.currentIndex()
            if self.is_note(index):
                self.edit_requested.emit(index.row())
                return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and self.is_note(index):
            self.setCurrentIndex(index)
            self.edit_requested.emit(index.row())
            return
        super().mouseDoubleClickEvent(event)

    def context_menu_for(self, index: QModelIndex) -> QMenu | None:
        """The row's menu (a note's: Edit note…), or ``None`` for a row without one."""
        if not self.is_note(index):
            return None
        menu = QMenu(self)
        action = menu.addAction(translate("History", "Edit note…"))
        action.setObjectName("editNoteAction")
        action.setShortcut(QKeySequence(Qt.Key.Key_Return))  # shown as a hint only
        row = index.row()
        action.triggered.connect(lambda: self.edit_requested.emit(row))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
        else:  # the Menu key: the row the keyboard is on
            index = self.currentIndex()
        menu = self.context_menu_for(index)
        if menu is None:
            return
        position = event.globalPos()
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            position = self.viewport().mapToGlobal(self.visualRect(index).bottomLeft())
        menu.exec(position)
        menu.deleteLater()
