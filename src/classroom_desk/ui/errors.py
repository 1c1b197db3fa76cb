"""Telling the teacher, in a dialog, why the app cannot start."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from classroom_desk.i18n import translatable, translate
from classroom_desk.ui.application import application

STARTUP_ERROR_TITLE = translatable("Errors", "Classroom Desk cannot start")


def startup_error_box(message: str) -> QMessageBox:
    """The dialog ``show_startup_error`` shows, built apart so it can be checked."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        translate("Errors", STARTUP_ERROR_TITLE),
        message,
        QMessageBox.StandardButton.Close,
    )
    box.setTextInteractionFlags(box.textInteractionFlags())
    return box


def show_startup_error(message: str) -> None:
    """Show ``message`` in a modal error dialog, creating the QApplication if needed."""
    application()
    startup_error_box(message).exec()
