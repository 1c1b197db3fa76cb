"""The accessibility checks themselves (``a11y_check``, run on every screen at every size by
``test_screens_fit`` through ``render_all.py --check``): they find an unnamed control, a
control named by its value or by a unit code, and text below 4.5:1, from the accessibility
interface and the rendered pixels. And the roster's selected row reads differently with and
without the keyboard, each at 4.5:1 or more."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from classroom_desk.ui.hints import as_hint
from classroom_desk.ui.main_window import MainWindow

SHOTS = Path(__file__).resolve().parents[2] / "resources" / "screenshots"
sys.path.insert(0, str(SHOTS))

from a11y_check import (  # noqa: E402
    accessibility_problems,
    changed_contrast,
    contrast_problems,
    contrast_ratio,
)


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == 21
    assert round(contrast_ratio(QColor("#767676"), QColor("white")), 2) == 4.54
    assert contrast_ratio(QColor("#777"), QColor("#777")) == 1


def test_the_accessibility_check_finds_what_a_screen_reader_cannot_name(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    labelled = QComboBox()
    labelled.setObjectName("labelled")
    labelled.addItems(["Math", "Reading"])
    form.addRow("&Area", labelled)
    unlabelled = QComboBox()
    unlabelled.setObjectName("unlabelled")
    unlabelled.addItems(["Grade 4"])
    form.addRow(unlabelled)
    nameless = QLineEdit()
    nameless.setObjectName("nameless")
    form.addRow(nameless)
    coded = QPushButton("Reassign RDG-1.04")
    coded.setObjectName("coded")
    form.addRow(coded)
    titled = QPushButton("Reassign Theme I")
    titled.setObjectName("titled")
    form.addRow(titled)
    window.show()
    qtbot.waitExposed(window)

    problems = accessibility_problems(window, "test")
    assert any("#unlabelled" in p and "only by its value" in p for p in problems), problems
    assert any("#nameless" in p and "no accessible name" in p for p in problems), problems
    assert any("#coded" in p and "reads a code" in p for p in problems), problems
    assert not any("#labelled" in p or "#titled" in p for p in problems), problems

    unlabelled.setAccessibleName("Class")  # not enough: on Linux it reads its value
    assert any("#unlabelled" in p for p in accessibility_problems(window, "test"))
    label = QLabel("Class")
    label.setBuddy(unlabelled)
    form.insertRow(0, label)
    nameless.setAccessibleName("Search students")
    coded.setText("Reassign Theme I")
    assert accessibility_problems(window, "test") == []


def test_the_contrast_check_measures_the_rendered_text(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setStyleSheet("QWidget { background: white; }")
    form = QFormLayout(window)
    faint = QLabel("Saved a minute ago")
    faint.setObjectName("faint")
    faint.setStyleSheet("color: #aaaaaa;")
    form.addRow(faint)
    plain = QLabel("Saved")
    plain.setObjectName("plain")
    plain.setStyleSheet("color: #333333;")
    form.addRow(plain)
    greyed = QLabel("No goals yet.")  # a disabled label is still text to read
    greyed.setObjectName("greyed")
    greyed.setEnabled(False)
    form.addRow(greyed)
    window.show()
    qtbot.waitExposed(window)

    problems = contrast_problems(window, "test")
    assert len(problems) == 2, problems
    assert "#faint" in problems[0] and "#aaaaaa on #ffffff" in problems[0]
    assert "#greyed" in problems[1]
    faint.setStyleSheet("color: #595959;")
    as_hint(greyed)
    assert contrast_problems(window, "test") == []


def selected_row_contrast(window: MainWindow) -> tuple[float, QColor]:
    """The selected row's text against its own background, and that background, read from
    the pixels: the row rendered, then the same row with nothing selected."""
    view = window.table
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    row = view.currentIndex().row()
    rect = view.visualRect(view.model().index(row, 0))
    rect.setWidth(view.viewport().width())
    selected = view.viewport().grab(rect).toImage()
    selection = view.selectionModel()
    current = view.currentIndex()
    selection.clearSelection()
    plain = view.viewport().grab(rect).toImage()
    selection.select(current, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert changed_contrast(selected, plain) is not None  # the selection shows
    # The selection's colour is the selected row's commonest one; its text the strongest.
    counts: dict[int, int] = {}
    for y in range(selected.height()):
        for x in range(selected.width()):
            counts[selected.pixel(x, y)] = counts.get(selected.pixel(x, y), 0) + 1
    background = QColor.fromRgb(max(counts, key=lambda rgb: counts[rgb]))
    text_ratio = max(contrast_ratio(QColor.fromRgb(rgb), background) for rgb in counts)
    return text_ratio, background


def test_the_selected_row_differs_with_and_without_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    focused_ratio, focused = selected_row_contrast(window)
    window.search_edit.setFocus()
    assert not window.table.hasFocus()
    unfocused_ratio, unfocused = selected_row_contrast(window)
    assert contrast_ratio(focused, unfocused) >= 3, (focused.name(), unfocused.name())
    assert focused_ratio >= 4.5 and unfocused_ratio >= 4.5, (focused_ratio, unfocused_ratio)
