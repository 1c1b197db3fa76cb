"""A goal value that lost a sync conflict, in the student panel: an amber line under the
goal, "Use that" by keyboard (Tab, Enter) or click writes it back, and the line goes."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk.domain.goals import GoalKind
from classroom_desk.store.database import Store
from classroom_desk.ui.goal_row import GoalRow
from classroom_desk.ui.main_window import MainWindow
from tests.conftest import probe_connection
from tests.store.test_goal_conflicts import lose_goal_conflict
from tests.ui.keyboard import Keyboard
from tests.ui.test_student_panel import open_student, rows


def stored_goal(store: Store, goal_id: str) -> tuple[float, str]:
    """What the file holds, read through a connection of its own (as another process)."""
    connection = probe_connection(store.path)
    try:
        row = connection.execute(
            "SELECT target, status FROM goal WHERE id = ?", (goal_id,)
        ).fetchone()
    finally:
        connection.close()
    return row[0], row[1]


def goal_with_lost_value(
    qtbot: QtBot, window: MainWindow, store: Store, field: str, value: object
) -> tuple[str, GoalRow]:
    """Open the first student with a units goal of 6 whose ``field`` beat ``value``."""
    open_student(qtbot, window, rows(window)[0])
    panel = window.panel
    goal = panel._presenter.set_goal(GoalKind.UNITS_MASTERED, 6)
    lose_goal_conflict(store, goal, field, value)
    panel._presenter.refresh()
    panel.redraw()
    row = next(r for r in panel.goal_rows if r.goal_id == goal)
    return goal, row


def test_a_lost_target_shows_under_its_goal_and_enter_on_use_that_takes_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    goal, row = goal_with_lost_value(qtbot, window, demo_store, "target", 5.0)
    notice = row.notices[0]
    assert notice.isVisible() and not row.notices[1].isVisible()
    assert notice.label.text().startswith("Changed on another laptop (")
    assert notice.label.text().endswith("): target 5 units; kept 6 units")
    assert notice.use_button.accessibleName().startswith("Use that target, 5 units")
    # Tab reaches it from the goal's own buttons; Enter takes the value.
    keyboard = Keyboard(qtbot)
    row.drop_button.setFocus()
    keyboard.press(Qt.Key.Key_Tab)
    assert keyboard.focus() is notice.use_button
    keyboard.press(Qt.Key.Key_Return)
    assert stored_goal(demo_store, goal) == (5, "active")
    assert not notice.isVisible()
    assert row.description.text().startswith("Master 5 ")
    assert window.panel.note_edit.hasFocus()  # the button went: back to the typing


def test_space_also_presses_use_that(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    goal, row = goal_with_lost_value(qtbot, window, demo_store, "target", 4.0)
    row.notices[0].use_button.setFocus()
    Keyboard(qtbot).press(Qt.Key.Key_Space)
    assert stored_goal(demo_store, goal) == (4, "active")


def test_a_click_on_use_that_under_a_lost_drop_drops_the_goal_with_an_undo(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    goal, row = goal_with_lost_value(qtbot, window, demo_store, "status", "dropped")
    notice = row.notices[0]
    assert notice.label.text().endswith("; kept as an active goal")
    with qtbot.wait_signal(window.panel.reassigned) as blocker:
        qtbot.mouseClick(notice.use_button, Qt.MouseButton.LeftButton)
    assert blocker.args is not None and blocker.args[0].dropped_goal_id == goal
    assert stored_goal(demo_store, goal) == (6, "dropped")
    assert not row.isVisible()


def test_screenshot_at_1366x768_with_a_goal_conflict(
    qtbot: QtBot, window: MainWindow, demo_store: Store, tmp_path: Path
) -> None:
    """The window as a teacher sees it (kept when SCREENSHOT_DIR is set)."""
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    window.resize(1366, 768)
    goal, row = goal_with_lost_value(qtbot, window, demo_store, "target", 5.0)
    lose_goal_conflict(demo_store, goal, "status", "dropped", seconds_before=30)
    window.panel._presenter.refresh()
    window.panel.redraw()
    QApplication.processEvents()
    window.panel.scroll_area.ensureWidgetVisible(row, 0, 120)
    QApplication.processEvents()
    assert all(notice.isVisible() for notice in row.notices)
    assert window.grab().save(str(out / "goal-conflict-window.png"))
    assert window.panel.grab().save(str(out / "goal-conflict-panel.png"))
