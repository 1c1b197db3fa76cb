"""Keyboard only, as a teacher who does not use the mouse: three conferences in a row, a
change of the school's targets in Settings, and a student's report exported, every step a
key sent wherever the focus is (the file chooser included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterFilter
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe

#: How long the chooser may stay open after it was answered before the test gives up.
CHOOSER_PATIENCE_MS = 15_000


def answer_file_chooser(qtbot: QtBot, path: Path, answered: list[str]) -> None:
    """When the file chooser opens (modal, in its own event loop): type ``path`` where
    its focus is and press Enter."""

    def answer() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        # Keys go where the focus is once the chooser is the active window (under load the
        # platform activates it late, and the keys went to the main window's note).
        qtbot.waitUntil(chooser.isActiveWindow, timeout=CHOOSER_PATIENCE_MS // 2)
        field = chooser.focusWidget()
        assert field is not None
        # The chooser completes the path from its folder listing, which a thread reads
        # sooner or later by the machine's load; its list or inline completion then took
        # the Enter meant for the chooser. The teacher's keys do not need it: it goes.
        if isinstance(field, QLineEdit):
            field.setCompleter(None)
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, str(path))
        # Save is enabled once the chooser has looked the typed folder up, on its thread:
        # a teacher's Enter comes later than a test's (under load it came first and did
        # nothing, and the chooser stayed open).
        save = next(button for button in chooser.findChildren(QPushButton) if button.isDefault())
        qtbot.waitUntil(save.isEnabled, timeout=CHOOSER_PATIENCE_MS // 2)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        answered.append(chooser.windowTitle())

    def give_up() -> None:
        """A chooser still open after the answer fails the test instead of hanging it."""
        chooser = QApplication.activeModalWidget()
        if isinstance(chooser, QFileDialog):
            chooser.reject()

    QTimer.singleShot(50, answer)
    QTimer.singleShot(CHOOSER_PATIENCE_MS, give_up)


# The file chooser's path completer grabs the keyboard, which the offscreen platform cannot.
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_three_conferences_a_settings_change_and_an_export_without_the_mouse(
    qtbot: QtBot, full_window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    window = full_window
    keys = Keyboard(qtbot)
    probe = StoreProbe(demo_store.path)

    # Three conferences: the "Below 80%" list, Enter on its first student, a note each,
    # Ctrl+Enter saves it and opens the next; Esc goes back to the roster.
    keys.shortcut("Ctrl+1")
    assert window.filter_buttons[RosterFilter.BELOW_MASTERY].isChecked()
    rows = (window.model.row_at(row) for row in range(window.model.rowCount()))
    listed = [row.student_id for row in rows if row is not None]
    keys.press(Qt.Key.Key_Return)
    seen: list[str] = []
    for number in range(1, 4):
        student = window.panel.student_id
        assert student is not None
        seen.append(student)
        keys.type(f"Conference {number}: fractions on a number line")
        keys.shortcut("Ctrl+Return")
    keys.press(Qt.Key.Key_Escape)
    assert keys.focus() is window.table
    assert seen == listed[:3]
    for number, student in enumerate(seen, start=1):
        assert probe.notes(student) == [(f"Conference {number}: fractions on a number line", "")]

    # Settings: Ctrl+, then Tab to the minutes, a new value, Enter saves.
    keys.shortcut("Ctrl+,")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    keys.shortcut("Ctrl+A")
    keys.type("40")
    keys.press(Qt.Key.Key_Return)
    assert probe._rows("SELECT min_weekly_minutes FROM school") == [(40,)]
    assert window.filter_buttons[RosterFilter.UNDER_MINUTES].text().startswith("Under 40 min")

    # Export: Enter opens the current student; Ctrl+Shift+E, the path typed, Enter.
    keys.press(Qt.Key.Key_Return)
    student = window.panel.student_id
    assert student is not None
    target = tmp_path / "report.csv"
    answered: list[str] = []
    answer_file_chooser(qtbot, target, answered)
    keys.shortcut("Ctrl+Shift+E")
    assert answered and "progress report" in answered[0]
    assert window.data_menu is not None
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    window.data_menu.runner.wait(10_000)
    assert target.read_text(encoding="utf-8").strip()
    assert keys.events > 0 and keys.text_events > 0
