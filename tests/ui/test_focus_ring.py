"""The keyboard focus can be seen: a 2 px ring at 3:1 or more around the focused control, in
the main window along its whole Tab order and in a form of every kind of control, measured
from the rendered pixels (the ring hidden, then shown)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from classroom_desk.ui.application import application
from classroom_desk.ui.focus_ring import FocusRing
from classroom_desk.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "resources" / "screenshots"))

from a11y_check import changed_contrast

#: WCAG 2.2's focus appearance: the indicator at 3:1 against what it is drawn over.
FOCUS_CONTRAST = 3.0


def ring_of(control: QWidget) -> FocusRing:
    ring = control.window().findChild(FocusRing)
    assert isinstance(ring, FocusRing), f"no focus ring in {control.window().windowTitle()!r}"
    return ring


def ring_contrast(control: QWidget) -> float:
    """How the ring around ``control`` stands out from what it is drawn over: the window
    rendered around the control with the ring hidden, then shown."""
    ring = ring_of(control)
    assert ring.isVisible(), f"the ring is hidden while {control!r} has the focus"
    window = control.window()
    area = QRect(ring.mapTo(window, ring.rect().topLeft()), ring.size()).intersected(window.rect())
    # The ring surrounds the control, outside it.
    around = QRect(control.mapTo(window, control.rect().topLeft()), control.size())
    assert area.contains(around.intersected(window.rect())), (area, around)
    ring.hide()
    without = window.grab(area).toImage()
    ring.show()
    with_ring = window.grab(area).toImage()
    measured = changed_contrast(with_ring, without)
    assert measured is not None, f"the ring around {control!r} draws nothing"
    return measured[0]


def test_every_kind_of_control_shows_a_ring_at_3_to_1(qtbot: QtBot) -> None:
    application()
    form_window = QWidget()
    qtbot.addWidget(form_window)
    form = QFormLayout(form_window)
    controls: list[QWidget] = [
        QLineEdit("Emma"),
        QComboBox(),
        QDateEdit(QDate(2026, 12, 4)),
        QPlainTextEdit("A note"),
        QCheckBox("Done"),
        QPushButton("Save"),
    ]
    for number, control in enumerate(controls):
        form.addRow(f"Control {number}", control)
    form_window.resize(420, 360)
    with qtbot.waitActive(form_window):
        form_window.show()
        form_window.activateWindow()
    for number, control in enumerate(controls):
        # As Tab gives it (Tab inside a date edit moves between its day, month and year).
        control.setFocus(Qt.FocusReason.TabFocusReason)
        focused = QApplication.focusWidget()
        # A date edit's focus is in its line edit: the ring goes around the date edit.
        assert focused is control or control.isAncestorOf(focused), (number, focused)
        assert ring_of(control).widget() is control
        assert ring_contrast(control) >= FOCUS_CONTRAST, control


def test_the_ring_follows_a_control_inside_a_scroll_area(qtbot: QtBot) -> None:
    """The ring sits in the scroll area's viewport and moves with the scrolled control."""
    application()
    window = QWidget()
    qtbot.addWidget(window)
    outer = QScrollArea(window)
    inner = QWidget()
    form = QFormLayout(inner)
    edits = [QLineEdit(f"Line {number}") for number in range(30)]
    for edit in edits:
        form.addRow("Line", edit)
    outer.setWidget(inner)
    outer.resize(300, 200)
    window.resize(320, 220)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    edits[-1].setFocus(Qt.FocusReason.TabFocusReason)
    outer.ensureWidgetVisible(edits[-1])
    QApplication.processEvents()
    ring = ring_of(edits[-1])
    assert ring.parentWidget() is outer.viewport()
    assert ring.geometry().contains(edits[-1].geometry().translated(inner.pos()))
    assert ring_contrast(edits[-1]) >= FOCUS_CONTRAST


def test_the_ring_leaves_the_control_itself_uncovered(qtbot: QtBot) -> None:
    application()
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    edit = QLineEdit("Emma")
    form.addRow("Name", edit)
    window.show()
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    ring = ring_of(edit)
    control = QRect(ring.mapFrom(window, edit.pos()), edit.size())
    assert ring.rect().contains(control)
    assert not ring.mask().isEmpty()
    assert not ring.mask().intersects(control)
    assert ring.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


@pytest.mark.parametrize("backwards", [False, True])
def test_the_main_windows_tab_order_shows_the_ring_on_every_stop(
    qtbot: QtBot, window: MainWindow, backwards: bool
) -> None:
    application()
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    seen: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None and focused.window() is window
        ring = ring_of(focused)
        control = ring.widget()
        assert control is focused or control.isAncestorOf(focused), (control, focused)
        if control in seen:
            break
        seen.append(control)
        assert ring_contrast(control) >= FOCUS_CONTRAST, control
        qtbot.keyClick(focused, key)
    else:
        pytest.fail("the Tab order never came back to where it started")
    assert len(seen) >= 5, seen  # roster, chips, search and the panel's controls
