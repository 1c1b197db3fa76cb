"""The start-up error dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.ui.errors import show_startup_error


@pytest.mark.shows_message_boxes  # the real box, closed from a timer
def test_startup_error_is_a_critical_dialog_with_the_message(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)  # not shown yet
            return
        seen.update(title=box.windowTitle(), text=box.text(), icon=box.icon())
        box.close()

    QTimer.singleShot(0, read_and_close)
    show_startup_error("Cannot read the database /data/school.sqlite: it is not a database.")

    assert seen == {
        "title": "Classroom Desk cannot start",
        "text": "Cannot read the database /data/school.sqlite: it is not a database.",
        "icon": QMessageBox.Icon.Critical,
    }
