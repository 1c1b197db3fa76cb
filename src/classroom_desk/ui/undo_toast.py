"""A toast over the bottom of the window that says what was just done and offers Undo.

It floats over its parent (no layout moves when it appears) and hides by itself after
the presenter's undo window, about ten seconds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from classroom_desk.i18n import translate
from classroom_desk.presenters.student_panel import UNDO_SECONDS

BOTTOM_MARGIN = 14

TOAST_STYLE = """
QFrame#undoToast {
    background: #2f3437;
    border-radius: 8px;
}
QFrame#undoToast QLabel { color: #ffffff; }
QFrame#undoToast QPushButton {
    color: #ffffff;
    background: transparent;
    border: 1px solid #9fb7d6;
    border-radius: 5px;
    padding: 3px 12px;
    font-weight: bold;
}
QFrame#undoToast QPushButton:hover { background: #46505a; }
QFrame#undoToast QPushButton:focus { border: 2px solid #ffffff; }
"""


class UndoToast(QFrame):
    """``show_step(text)`` shows the toast; its button asks for an undo."""

    undo_requested = Signal()
    """The teacher pressed the toast's Undo button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("undoToast")
        self.setStyleSheet(TOAST_STYLE)
        self.label = QLabel()
        self.label.setObjectName("undoToastText")
        self.undo_button = QPushButton(translate("MainWindow", "Undo (Ctrl+Z)"))
        self.undo_button.setObjectName("undoToastButton")
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the note's cursor
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 10, 8)
        row.setSpacing(16)
        row.addWidget(self.label)
        row.addWidget(self.undo_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.undo_button.clicked.connect(self.undo_requested)
        parent.installEventFilter(self)
        self.hide()

    def show_step(self, text: str, *, undoable: bool = True, seconds: float = UNDO_SECONDS) -> None:
        """Show ``text`` (with the Undo button when ``undoable``) for ``seconds``."""
        self.label.setText(text)
        self.undo_button.setVisible(undoable)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(int(seconds * 1000))

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def is_offering_undo(self) -> bool:
        return self.isVisible() and self.undo_button.isVisibleTo(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(self.sizeHint().width(), parent.width() - 24)
        self.resize(width, self.sizeHint().height())
        self.move((parent.width() - width) // 2, parent.height() - self.height() - BOTTOM_MARGIN)
