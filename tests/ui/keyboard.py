"""A keyboard for widget tests: keys go to whichever widget has the focus, and are counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """As a teacher types: no widget is chosen, the focus decides where a key lands.

    ``events`` counts every key pressed (a shortcut with its modifiers is one);
    ``text_events`` counts those that were the note's own characters.
    """

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.events = 0
        self.text_events = 0

    def focus(self) -> QWidget:
        # A modal dialog has the keyboard as soon as it opens on a desktop; the offscreen
        # platform does not move the focus to it, so the keys are sent where it would be.
        widget = QApplication.focusWidget()
        modal = QApplication.activeModalWidget()
        if (
            modal is not None
            and modal.isVisible()
            and modal is not widget
            and widget is not None
            and modal.parentWidget() is not None
            and modal.parentWidget().window() is widget.window()
        ):
            return modal.focusWidget() or modal  # opened over the window being typed in
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
        self._qtbot.keyClick(self.focus(), key, modifier)
        self.events += 1

    def type(self, text: str) -> None:
        self._qtbot.keyClicks(self.focus(), text)
        self.events += len(text)
        self.text_events += len(text)

    def shortcut(self, text: str) -> None:
        """One chord such as ``"Ctrl+R"`` or ``"Alt+3"``."""
        *modifiers, key = text.split("+")
        modifier = NO_MODIFIER
        for name in modifiers:
            modifier |= {"Ctrl": CTRL, "Alt": ALT, "Shift": SHIFT}[name]
        self.press(_key(key), modifier)


def _key(name: str) -> Qt.Key:
    special = {
        "Return": Qt.Key.Key_Return,
        "Enter": Qt.Key.Key_Enter,
        "Escape": Qt.Key.Key_Escape,
        "Tab": Qt.Key.Key_Tab,
        "Down": Qt.Key.Key_Down,
        "Up": Qt.Key.Key_Up,
    }
    if name in special:
        return special[name]
    return Qt.Key(ord(name.upper()))


class _ShortcutCatcher(QObject):
    """Takes the shortcut event Qt sends an action whose key is live, so nothing runs, and
    (on the application) the key a shortcut did not take, so no widget acts on it either
    (a table opens its row on Ctrl+Enter)."""

    def __init__(self) -> None:
        super().__init__()
        self.reached: set[QAction] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QAction):
            self.reached.add(watched)
            return True
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def live_shortcuts(qtbot: QtBot, window: QWidget) -> set[QAction]:
    """The actions of ``window`` whose keys act where the focus is now, found as Qt finds
    them: every key any of its actions carries is pressed, and the actions Qt hands it to
    are caught before they run."""
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    catcher = _ShortcutCatcher()
    for action in actions:
        action.installEventFilter(catcher)
    QApplication.instance().installEventFilter(catcher)
    try:
        chords = {key.toString() for action in actions for key in action.shortcuts()}
        for chord in sorted(chords):
            combination = QKeySequence(chord)[0]
            qtbot.keyClick(
                QApplication.focusWidget() or window,
                combination.key(),
                combination.keyboardModifiers(),
            )
    finally:
        QApplication.instance().removeEventFilter(catcher)
        for action in actions:
            action.removeEventFilter(catcher)
    return catcher.reached
