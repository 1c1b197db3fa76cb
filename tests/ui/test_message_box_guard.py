"""The guard in tests/conftest.py: a message box no test answers is answered at once and
recorded, so the test fails at its teardown instead of hanging the run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.store.database import Store
from classroom_desk.sync.replica import Replica
from tests.ui.conftest import WindowFactory
from tests.ui.keyboard import Keyboard


def test_a_note_left_unsaved_is_asked_about_once_and_the_window_closes(
    qtbot: QtBot,
    open_window: WindowFactory,
    demo_store: Store,
    no_unexpected_message_box: list[str],
) -> None:
    """A test that leaves a note that cannot be saved: closing the window (at teardown,
    as pytest-qt does) asks, and before the guard waited for a click for good."""
    window = open_window()
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+4")  # the "To reassign" filter
    keys.press(Qt.Key.Key_Return)
    keys.type("Never saved")
    Replica(demo_store).remember_role("coach")
    assert window.close()  # answered Close: nothing outlives the test
    [box] = no_unexpected_message_box
    assert box.startswith("QMessageBox.warning: A note is not saved | 1 note could not be")
    no_unexpected_message_box.clear()  # expected here; any other test fails on it


def test_a_question_is_answered_no_and_any_other_box_close(
    no_unexpected_message_box: list[str],
) -> None:
    button = QMessageBox.StandardButton
    assert QMessageBox.question(None, "Reassign?", "Reassign all?") == button.No
    assert QMessageBox.information(None, "Done", "Imported") == button.Close
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot start", "Not a database")
    assert box.exec() == button.Close.value
    assert no_unexpected_message_box == [
        "QMessageBox.question: Reassign? | Reassign all?",
        "QMessageBox.information: Done | Imported",
        "QMessageBox.exec: Cannot start | Not a database",
    ]
    no_unexpected_message_box.clear()
