"""Editing an earlier note from the history, and undoing a dropped goal, as a teacher does."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk.domain.goals import GoalKind
from classroom_desk.presenters.roster import RosterRow
from classroom_desk.presenters.student_panel import TimelineEntry
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.note_revision_dialog import NoteRevisionDialog
from classroom_desk.ui.timeline_model import KIND_ROLE, RECORD_ROLE, TimelineModel
from tests.conftest import DEMO_NOW, probe_connection
from tests.ui.conftest import Clock
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe

LAST_WEEK = DEMO_NOW - timedelta(days=7)


def open_student(qtbot: QtBot, window: MainWindow, row: RosterRow) -> None:
    """Select the student's row and press Enter, as from the roster."""
    number = window.model.row_of(row.student_id)
    assert number is not None
    window.table.selectRow(number)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.panel.student_id == row.student_id


def note_versions(path: Path, student_id: str) -> list[tuple[str, str | None, str]]:
    """(id, supersedes_id, body) of the student's notes, oldest first, from the file."""
    connection = probe_connection(path)
    try:
        rows = connection.execute(
            "SELECT id, supersedes_id, body FROM conference_note WHERE student_id = ?"
            " ORDER BY created_at, rowid",
            (student_id,),
        ).fetchall()
    finally:
        connection.close()
    return [(str(i), None if s is None else str(s), str(b)) for i, s, b in rows]


def outbox(path: Path, record_id: str) -> list[tuple[str, dict[str, object]]]:
    connection = probe_connection(path)
    try:
        rows = connection.execute(
            "SELECT kind, payload FROM outbox WHERE record_id = ? ORDER BY seq", (record_id,)
        ).fetchall()
    finally:
        connection.close()
    return [(str(kind), json.loads(payload)) for kind, payload in rows]


def a_note_from_last_week(
    qtbot: QtBot, window: MainWindow, clock: Clock, body: str
) -> tuple[RosterRow, str]:
    """Last week's conference wrote ``body``; today the teacher opens the student again."""
    row, other = list(window._presenter.state.rows)[:2]
    clock.now = LAST_WEEK
    open_student(qtbot, window, row)
    Keyboard(qtbot).type(body)
    window.panel.flush()
    note_id = window._panel_presenter.draft.note_id
    assert note_id is not None
    open_student(qtbot, window, other)
    clock.now = DEMO_NOW
    open_student(qtbot, window, row)
    return row, note_id


def open_dialog(qtbot: QtBot, window: MainWindow) -> NoteRevisionDialog:
    dialog = window.panel.revision_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.wait_until(dialog.isActiveWindow)  # the window system hands it the keyboard
    return dialog


def test_last_weeks_note_is_edited_from_the_history_with_the_keyboard_only(
    qtbot: QtBot, window: MainWindow, demo_store: Store, clock: Clock
) -> None:
    row, note_id = a_note_from_last_week(qtbot, window, clock, "Reads at grade levl")
    panel = window.panel
    keys = Keyboard(qtbot)
    keys.type("Today: chapter books")  # today's conference has its own note
    panel.flush()
    todays = window._panel_presenter.draft.note_id

    keys.shortcut("Alt+H")  # the History
    assert keys.focus() is panel.timeline_view
    assert panel.timeline_view.currentIndex().data(RECORD_ROLE) == todays
    keys.press(Qt.Key.Key_Down)
    assert panel.timeline_view.currentIndex().data(RECORD_ROLE) == note_id
    keys.press(Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window)
    assert QApplication.activeModalWidget() is dialog
    assert keys.focus() is dialog.note_edit
    assert dialog.note_edit.toPlainText() == "Reads at grade levl"
    assert dialog.heading.text().startswith("<b>Note from Thu Nov 12</b>")
    assert dialog.save_label.text() == ""  # nothing changed yet

    keys.press(Qt.Key.Key_Backspace)
    keys.type("el")
    assert dialog.save_label.text() == "Saving…"

    def saved() -> bool:
        versions = note_versions(demo_store.path, row.student_id)
        on_disk = len(versions) == 3 and versions[-1][1:] == (note_id, "Reads at grade level")
        says_saved = dialog.save_label.text().startswith("Saved")
        assert on_disk or not says_saved, "'Saved' shown before the edit was committed"
        return on_disk and says_saved

    qtbot.wait_until(saved, timeout=3000)
    keys.type(" now")  # typed on: the same new version, saved in place
    keys.press(Qt.Key.Key_Escape)  # closes, saving first
    assert panel.revision_dialog is None and not dialog.isVisible()

    versions = note_versions(demo_store.path, row.student_id)
    assert [(s, b) for _, s, b in versions] == [
        (None, "Reads at grade levl"),  # the old text is kept
        (None, "Today: chapter books"),
        (note_id, "Reads at grade level now"),
    ]
    version = versions[-1][0]
    assert [kind for kind, _ in outbox(demo_store.path, version)] == ["note.revise", "note.put"]
    assert outbox(demo_store.path, version)[-1][1]["body"] == "Reads at grade level now"

    # Back in the history, on the edited note, which keeps its place and says when.
    qtbot.wait_until(window.isActiveWindow)
    assert keys.focus() is panel.timeline_view
    current = panel.timeline_view.currentIndex()
    assert current.data(RECORD_ROLE) == version and current.row() == 1
    assert current.data().startswith("Nov 12  ·  Note (edited Nov 19): Reads at grade level now")
    assert "Edited Thu Nov 19, 3:00 PM" in current.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.note_edit.toPlainText() == "Today: chapter books"  # today's note untouched


def test_a_double_click_or_the_context_menu_opens_the_editor(
    qtbot: QtBot, window: MainWindow, demo_store: Store, clock: Clock
) -> None:
    row, note_id = a_note_from_last_week(qtbot, window, clock, "Loves maps")
    window._panel_presenter.set_goal(GoalKind.MINUTES, 40)
    panel = window.panel
    view = panel.timeline_view
    model = panel.timeline_model
    note_row = model.row_of(note_id)
    goal_row = next(r for r in range(model.rowCount()) if model.index(r).data(KIND_ROLE) == "goal")
    assert note_row is not None

    assert view.context_menu_for(model.index(goal_row)) is None  # only notes are edited
    menu = view.context_menu_for(model.index(note_row))
    assert menu is not None
    [action] = menu.actions()
    assert action.text() == "Edit note…"
    action.trigger()
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)  # unchanged: no new version
    assert panel.revision_dialog is None
    assert len(note_versions(demo_store.path, row.student_id)) == 1

    note_row = model.row_of(note_id)
    assert note_row is not None
    rect = view.visualRect(model.index(note_row))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_dialog(qtbot, window)
    dialog.note_edit.setPlainText("Loves maps and atlases")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.revision_dialog is None
    assert note_versions(demo_store.path, row.student_id)[-1][1:] == (
        note_id,
        "Loves maps and atlases",
    )


def test_todays_note_in_the_history_is_edited_in_the_note_box(
    qtbot: QtBot, window: MainWindow, clock: Clock
) -> None:
    open_student(qtbot, window, next(iter(window._presenter.state.rows)))
    keys = Keyboard(qtbot)
    keys.type("Today's note")
    window.panel.flush()
    keys.shortcut("Alt+H")
    keys.press(Qt.Key.Key_Return)
    assert window.panel.revision_dialog is None
    assert keys.focus() is window.panel.note_edit


def test_closing_the_window_saves_an_edit_being_typed(
    qtbot: QtBot, window: MainWindow, demo_store: Store, clock: Clock
) -> None:
    row, note_id = a_note_from_last_week(qtbot, window, clock, "First draft")
    keys = Keyboard(qtbot)
    keys.shortcut("Alt+H")
    keys.press(Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window)
    keys.type(", corrected")
    assert dialog._autosave_timer.isActive()
    window.close()
    assert note_versions(demo_store.path, row.student_id)[-1][1:] == (
        note_id,
        "First draft, corrected",
    )


def test_an_emptied_edit_keeps_the_saved_text(
    qtbot: QtBot, window: MainWindow, demo_store: Store, clock: Clock
) -> None:
    row, note_id = a_note_from_last_week(qtbot, window, clock, "Keep me")
    keys = Keyboard(qtbot)
    keys.shortcut("Alt+H")
    keys.press(Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window)
    dialog.note_edit.clear()
    dialog.flush()
    assert dialog.save_label.text() == "Empty: the saved text is kept"
    keys.press(Qt.Key.Key_Escape)
    assert window.panel.revision_dialog is None
    assert note_versions(demo_store.path, row.student_id) == [(note_id, None, "Keep me")]


def test_dropping_a_goal_is_undone_from_the_toast_and_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    row = next(iter(window._presenter.state.rows))
    open_student(qtbot, window, row)
    panel = window.panel
    goal = window._panel_presenter.set_goal(GoalKind.MINUTES, 45)
    keys = Keyboard(qtbot)
    keys.type("Note")

    def drop() -> None:
        [goal_row] = [r for r in panel.goal_rows if r.isVisible()]
        qtbot.mouseClick(goal_row.drop_button, Qt.MouseButton.LeftButton)
        assert probe.goals(row.student_id) == []
        assert not any(r.isVisible() for r in panel.goal_rows)

    drop()
    assert keys.focus() is panel.note_edit  # a click on the cross leaves the typing where it was
    toast = window.undo_toast
    assert toast.isVisible() and toast.is_offering_undo()
    assert toast.label.text() == f"Dropped {row.name}'s goal: 45 minutes of reading every week"
    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    assert probe.goals(row.student_id) == [("minutes", 45.0)]
    assert [r.goal_id for r in panel.goal_rows if r.isVisible()] == [goal]

    drop()
    assert keys.focus() is panel.note_edit
    keys.shortcut("Ctrl+Z")
    assert probe.goals(row.student_id) == [("minutes", 45.0)]
    assert panel.note_edit.toPlainText() == "Note"  # the toast's undo, not the typing's

    [goal_row] = [r for r in panel.goal_rows if r.isVisible()]
    goal_row.drop_button.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed to
    keys.press(Qt.Key.Key_Space)
    assert probe.goals(row.student_id) == []
    assert keys.focus() is panel.note_edit  # the cross went: the note has the keys
    keys.shortcut("Ctrl+Z")
    assert probe.goals(row.student_id) == [("minutes", 45.0)]

    statuses = [p["status"] for kind, p in outbox(demo_store.path, goal) if kind != "goal.create"]
    assert statuses == ["dropped", "active"] * 3


def test_the_history_says_a_note_was_edited_and_when(qtmodeltester, window: MainWindow) -> None:
    model = TimelineModel(lambda: window._presenter.calendar)
    at = datetime(2026, 11, 12, 15, 0, tzinfo=UTC).replace(tzinfo=None)
    model.set_entries(
        [
            TimelineEntry(at + timedelta(days=7), "goal", "Average 85% in math", "g1"),
            TimelineEntry(at, "note", "Fixed text", "n2", edited_at=at + timedelta(days=7)),
        ]
    )
    qtmodeltester.check(model)
    edited = model.index(1)
    assert edited.data() == "Nov 12  ·  Note (edited Nov 19): Fixed text"
    assert edited.data(Qt.ItemDataRole.ToolTipRole) == (
        "<qt><i>Edited Thu Nov 19, 9:00 AM</i><br>Fixed text</qt>"
    )
    assert (edited.data(RECORD_ROLE), model.row_of("n2"), model.row_of("nope")) == ("n2", 1, None)
