"""A value that lost a sync conflict, under what it lost to: an amber line and a "Use that"
button (Tab reaches it; Space, Enter or a click takes the value). Goals and the learner
profile show their losing values with this one widget."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from classroom_desk.i18n import translate
from classroom_desk.presenters.conflicts import ConflictNotice

AMBER = "#b26a00"


class UseThatButton(QToolButton):
    """ "Use that": Tab stops here, and Enter presses it as Space does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(translate("Conflicts", "Use that"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class ConflictNoticeWidget(QWidget):
    """One ``ConflictNotice``: hidden while there is none."""

    use_requested = Signal(str)
    """"Use that" was pressed; carries the notice's key (which value to take)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet(f"color: {AMBER};")
        # Wraps to the width it is given rather than widening the panel.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.use_button = UseThatButton()
        self.use_button.setToolTip(
            translate("Conflicts", "Write this value back, as a new change that syncs")
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.label, 1)
        row.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignTop)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.hide()

    def show_notice(self, notice: ConflictNotice | None) -> None:
        if notice is None:
            self.key = ""
            self.label.clear()
            self.label.setToolTip("")
            self.hide()
            return
        self.key = notice.key
        self.label.setText(notice.text)
        self.label.setToolTip(translate("Conflicts", notice.tooltip))
        self.use_button.setAccessibleName(notice.action_name)
        self.use_button.setAccessibleDescription(notice.text)
        self.show()

    def _on_use_clicked(self) -> None:
        if self.key:
            self.use_requested.emit(self.key)
