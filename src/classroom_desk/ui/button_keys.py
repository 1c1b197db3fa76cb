"""Enter presses the button that has the keyboard, as Space does, for buttons kept from
being auto-default (so that Enter in a field or table stays the default button's or the
table's): Qt would otherwise give Enter on such a focused button to the dialog's default
button (Export CSV exporting a PDF), or to nothing in a window with none."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class _EnterPresses(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _ENTER
            and event.modifiers() in _PLAIN
            and isinstance(watched, QAbstractButton)
        ):
            watched.click()
            return True
        return False


def enter_presses(owner: QObject, buttons: Iterable[QAbstractButton]) -> None:
    """Each of ``buttons`` is made not auto-default and pressed by Enter while it has the
    keyboard (``owner`` keeps the key filter alive)."""
    presser = _EnterPresses(owner)
    for button in buttons:
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
        button.installEventFilter(presser)
