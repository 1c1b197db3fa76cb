"""Enter presses the button that has the keyboard, as Space does, in a window whose buttons
are kept from being auto-default (there Enter is its table's while the table has the
keyboard, and Qt would otherwise leave Enter on a focused button doing nothing)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton

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
    """Each of ``buttons`` is pressed by Enter while it has the keyboard (``owner`` keeps
    the key filter alive)."""
    presser = _EnterPresses(owner)
    for button in buttons:
        button.installEventFilter(presser)
