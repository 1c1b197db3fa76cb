"""The conference panel is built right after the roster's first paint. Until then a
stand-in holds its place, and nothing a teacher can do in between may act on the wrong
student or lose a choice: keys that need the panel build it first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from classroom_desk.ui.main_window import MainWindow
from tests.ui.keyboard import Keyboard


def stand_in_text(window: MainWindow) -> str:
    label = window._stand_in.findChild(QLabel, "panelPlaceholder")
    assert label is not None
    return label.text()


def test_until_built_the_stand_in_says_what_the_panel_says(window: MainWindow) -> None:
    assert window._panel is None, "the window's construction built the panel"
    said = stand_in_text(window)
    assert window._stand_in.isVisible() and window._stand_in.accessibleName()
    window.build_panel()
    panel = window.panel
    assert panel.findChild(QLabel, "panelPlaceholder").text() == said
    assert panel.isVisible() and panel.accessibleName() == window._stand_in.accessibleName()
    assert window.splitter.indexOf(panel) == 1
    window.build_panel()  # again: nothing more
    assert window.panel is panel


@pytest.mark.parametrize("row", [0, 3])
def test_enter_before_the_panel_is_built_opens_that_student(
    qtbot: QtBot, window: MainWindow, row: int
) -> None:
    keys = Keyboard(qtbot)
    for _ in range(row + 1):
        keys.press(Qt.Key.Key_Down)
    wanted = window.model.row_at(window.table.currentIndex().row())
    assert wanted is not None
    keys.press(Qt.Key.Key_Return)
    assert window._panel is not None
    assert window.panel.student_id == wanted.student_id
    assert window.panel.note_edit.hasFocus()
    assert window.panel.run_label.text() != ""


@pytest.mark.parametrize(
    ("chord", "told"),
    [("Ctrl+Return", None), ("Ctrl+G", "Ctrl+G"), ("Ctrl+R", "Ctrl+R")],
)
def test_a_shortcut_before_the_panel_is_built_acts_as_after(
    qtbot: QtBot, window: MainWindow, chord: str, told: str | None
) -> None:
    """Ctrl+Enter with nobody open opens the first row; Ctrl+G and Ctrl+R say to choose
    a student first. Nothing lands anywhere else."""
    first = window.model.row_at(0)
    assert first is not None and window._panel is None
    Keyboard(qtbot).shortcut(chord)
    if told is None:
        assert window.panel.student_id == first.student_id
    else:
        assert window.panel.student_id is None
        assert told in window.statusBar().currentMessage()


def test_closing_before_the_panel_is_built_keeps_the_chart_choice(
    open_window: Callable[[], MainWindow], settings_path: Path
) -> None:
    first = open_window()
    first.panel.set_chart_visible(False)
    first.close()
    second = open_window()
    assert second._panel is None
    second.close()  # never built: what the settings said is written back, not lost
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("window/chart") == "0"
    third = open_window()
    assert not third.panel.chart_visible()


def test_a_narrow_window_keeps_its_layout_when_the_panel_arrives(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Too narrow for both (900 pixels here), roster and panel take turns; the panel built
    then is hidden like its stand-in, and Enter puts the student in front."""
    window.showNormal()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.narrow)
    assert window._panel is None and not window._stand_in.isVisible()
    window.build_panel()
    assert not window.panel.isVisible() and window.table.isVisible()
    Keyboard(qtbot).press(Qt.Key.Key_Down)
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    assert window.panel.isVisible() and not window.table.isVisible()
