"""The 30-second conference clock stands still while a menu or a dialog has the keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

from classroom_desk.ui.main_window import MainWindow
from tests.ui.conftest import Clock
from tests.ui.keyboard import Keyboard


def shown_time(window: MainWindow) -> str:
    window.panel.update_clock()  # what the clock's tick and a change of window do
    return window.panel.timer_label.text()


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The window has the keyboard again; the clock notices within its next tick."""
    with qtbot.waitActive(window):
        window.activateWindow()
    window.panel._clock.timeout.emit()


# A popup menu asks the offscreen platform for the keyboard, which it cannot give.
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_menus_and_dialogs_stop_the_clock(qtbot: QtBot, window: MainWindow, clock: Clock) -> None:
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Return)  # the first student's conference
    clock.now += timedelta(seconds=5)
    assert shown_time(window).startswith("0:05 ")

    menu = QMenu(window)
    menu.addAction("Something")
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(lambda: window._panel_presenter.paused_at is not None)
    clock.now += timedelta(seconds=20)  # the teacher reads the menu
    assert shown_time(window).startswith("0:05 ")
    menu.close()
    back_to(qtbot, window)
    clock.now += timedelta(seconds=3)
    assert shown_time(window).startswith("0:08 ")

    dialog = QDialog(window)
    dialog.open()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    window.panel._clock.timeout.emit()  # the clock's next tick, within the second
    clock.now += timedelta(seconds=40)  # a dialog: the same
    assert shown_time(window).startswith("0:08 ")
    dialog.reject()
    back_to(qtbot, window)
    clock.now += timedelta(seconds=30)
    assert "0:38 of 0:30" in shown_time(window)
    assert "color" in window.panel.timer_label.text()  # over the 30 seconds: amber

    keys.shortcut("Ctrl+Return")  # the next student starts at 0
    assert shown_time(window).startswith("0:00 ")
