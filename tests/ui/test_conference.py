"""The conference driven as a teacher drives it: keys only, and what the store then holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import RosterFilter, RosterPresenter
from classroom_desk.presenters.student_panel import UnitState
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow, run_main_window
from tests.ui.conftest import Clock, WindowFactory, panel_presenter_for
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe

#: Keys (shortcuts and navigation, not the note's own characters) for three conferences;
#: measured at 29: 2 to filter and open the first (a filter makes it current), then 9 per
#: student.
KEYS_FOR_THREE_CONFERENCES = 29


def panel_units(window: MainWindow) -> dict[str, UnitState]:
    return {u.unit_id: u.state for u in window._panel_presenter.units}


def open_next_student(keys: Keyboard, window: MainWindow) -> str:
    """Down a row and Enter, as a teacher opens a conference; the student the panel shows."""
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    student_id = window.panel.student_id
    assert student_id is not None
    return student_id


def test_three_conferences_with_the_keyboard_only(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """Filter, open, note, tag, reassign the lowest, set a goal, save and go to the next."""
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    roster = window._presenter
    assert keys.focus() is window.table  # the window opens on the roster

    keys.shortcut("Ctrl+4")
    assert roster.state.active_filters == {RosterFilter.TO_REASSIGN}
    listed = [row.student_id for row in roster.state.visible]
    assert len(listed) >= 4
    assert window.table.currentIndex().row() == 0  # the first student in the list
    keys.press(Qt.Key.Key_Return)

    seen: list[str] = []
    lowest_units: list[str] = []
    per_student: list[int] = []
    for number in range(3):
        before = keys.events - keys.text_events
        student_id = window.panel.student_id
        assert student_id is not None
        assert keys.focus() is window.panel.note_edit  # typing goes to the note
        seen.append(student_id)
        lowest = window._panel_presenter.lowest_unit_to_reassign()
        assert lowest is not None
        lowest_units.append(lowest.unit_id)

        keys.type(f"Student {number + 1}: redo {lowest.code}")
        keys.shortcut("Alt+4")  # "discussed time"
        keys.shortcut("Ctrl+R")  # the lowest unit under 80%
        assert panel_units(window)[lowest.unit_id] is UnitState.REASSIGNED
        keys.shortcut("Ctrl+G")  # the goal row
        keys.press(Qt.Key.Key_A)  # "Average score"
        keys.press(Qt.Key.Key_Tab)
        keys.press(Qt.Key.Key_9)
        keys.press(Qt.Key.Key_0)
        keys.press(Qt.Key.Key_Return)
        assert keys.focus() is window.panel.note_edit  # back in the note
        keys.shortcut("Ctrl+Return")  # save, next student
        per_student.append(keys.events - keys.text_events - before)
        qtbot.wait_until(lambda: not window._reload_pending)

    shortcut_keys = keys.events - keys.text_events
    print(
        f"\nthree conferences: {keys.events} key events, {shortcut_keys} of them shortcuts and "
        f"navigation ({per_student} per student), {keys.text_events} the notes' text"
    )
    assert seen == listed[:3]  # the list's order, though each note re-sorted the roster
    assert window.panel.student_id == listed[3]
    for number, (student_id, unit_id) in enumerate(zip(seen, lowest_units, strict=True)):
        [(body, tags)] = probe.notes(student_id)
        assert body.startswith(f"Student {number + 1}: redo ")
        assert tags == "discussed time,reassigned,set goal"
        assert probe.goals(student_id) == [("average_score", 90.0)]
        assert (student_id, unit_id) in probe.active_reassignments()
    assert len(probe.active_reassignments()) == 3
    assert shortcut_keys <= KEYS_FOR_THREE_CONFERENCES


def test_autosave_commits_within_a_second_and_only_then_says_saved(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    student_id = open_next_student(keys, window)

    keys.type("Worked on fractions")
    timer = window.panel._autosave_timer
    assert timer.isSingleShot() and timer.isActive() and timer.interval() <= 1000
    assert window.panel.save_label.text() == "Saving…"
    assert probe.notes(student_id) == []

    def saved() -> bool:
        on_disk = probe.notes(student_id) == [("Worked on fractions", "")]
        says_saved = window.panel.save_label.text().startswith("Saved")
        assert on_disk or not says_saved, "'Saved' shown before the note was committed"
        return on_disk and says_saved

    qtbot.wait_until(saved, timeout=3000)
    keys.type(" today")  # later keystrokes update the same note in place
    assert window.panel.save_label.text() == "Saving…"
    qtbot.wait_until(lambda: probe.notes(student_id) == [("Worked on fractions today", "")])
    qtbot.wait_until(lambda: window.panel.save_label.text().startswith("Saved"))


def test_moving_to_another_student_saves_the_note_at_once(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    first = open_next_student(keys, window)
    keys.type("Short note")
    keys.press(Qt.Key.Key_Escape)  # back to the roster
    assert keys.focus() is window.table
    keys.press(Qt.Key.Key_Down)  # the panel follows the selection: the next student
    assert window.panel.student_id != first
    assert probe.notes(first) == [("Short note", "")]  # no wait: saved on the change
    assert window.panel.note_edit.toPlainText() == ""
    assert window.panel.save_label.text() == ""


def test_save_and_next_saves_before_moving(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    first = open_next_student(keys, window)
    keys.type("Done")
    keys.shortcut("Ctrl+Return")
    assert probe.notes(first) == [("Done", "")]
    assert window.panel.student_id not in (None, first)
    assert keys.focus() is window.panel.note_edit


def test_closing_the_window_saves_the_note(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    student_id = open_next_student(keys, window)
    keys.type("Typed just before closing")
    assert window.panel._autosave_timer.isActive()
    window.close()
    assert probe.notes(student_id) == [("Typed just before closing", "")]


def test_quitting_the_app_saves_the_note(
    qtbot: QtBot,
    make_presenter: Callable[[], RosterPresenter],
    demo_store: Store,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A session ending quits without closing the window: ``aboutToQuit`` saves the note.

    The event loop is stood in for (a real quit would end Qt's event loops for the tests
    that follow): the teacher types, then the application says it is about to quit.
    """
    probe = StoreProbe(demo_store.path)
    presenter = make_presenter()
    typed_for: list[str] = []

    def session(app: QApplication) -> int:
        shown = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        [window] = shown
        qtbot.addWidget(window)
        window.table.selectRow(0)
        typed_for.append(str(window.panel.student_id))
        qtbot.keyClicks(window.panel.note_edit, "Typed as the session ended")
        assert window.panel._autosave_timer.isActive()
        app.aboutToQuit.emit()
        return 0

    monkeypatch.setattr(QApplication, "exec", session)
    code = run_main_window(
        presenter,
        panel_presenter_for(demo_store, presenter, clock),
        settings_path=tmp_path / "settings.ini",
        smoke_test=False,
    )
    assert code == 0
    [student_id] = typed_for
    assert probe.notes(student_id) == [("Typed as the session ended", "")]
    assert (tmp_path / "settings.ini").exists()  # the window's choices were saved too


def test_a_roster_reload_does_not_disturb_the_note_being_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+4")  # To reassign
    student_id = open_next_student(keys, window)
    row = next(r for r in window._presenter.state.rows if r.student_id == student_id)
    waiting = row.figures.units_to_reassign
    keys.type("Half a sentence")
    keys.shortcut("Ctrl+R")
    qtbot.wait_until(
        lambda: (
            next(
                r for r in window._presenter.state.rows if r.student_id == student_id
            ).figures.units_to_reassign
            == waiting - 1
        )
    )
    keys.type(" and the rest")
    assert window.panel.note_edit.toPlainText() == "Half a sentence and the rest"
    assert keys.focus() is window.panel.note_edit
    assert window.panel.student_id == student_id


def test_undo_from_the_toast_and_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+4")
    student_id = open_next_student(keys, window)
    lowest = window._panel_presenter.lowest_unit_to_reassign()
    assert lowest is not None

    keys.shortcut("Ctrl+R")
    assert probe.active_reassignments() == [(student_id, lowest.unit_id)]
    toast = window.undo_toast
    assert toast.isVisible() and toast.is_offering_undo()
    assert toast.label.text() == f"Reassigned {lowest.title} to {window.panel.name_label.text()}"
    assert toast._timer.interval() == 10_000 and toast._timer.isActive()  # about ten seconds
    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    assert probe.active_reassignments() == []
    assert panel_units(window)[lowest.unit_id] is UnitState.TO_REASSIGN
    assert not toast.is_offering_undo()

    # Ctrl+Z in the note undoes the reassignment while the toast offers it...
    keys.type("Note")
    keys.shortcut("Ctrl+R")
    assert probe.active_reassignments() == [(student_id, lowest.unit_id)]
    assert keys.focus() is window.panel.note_edit
    keys.shortcut("Ctrl+Z")
    assert probe.active_reassignments() == []
    assert window.panel.note_edit.toPlainText() == "Note"
    # ...and the note's own typing once the toast has gone.
    toast.dismiss()
    keys.shortcut("Ctrl+Z")
    assert window.panel.note_edit.toPlainText() == ""

    # From the roster, Ctrl+Z undoes the last reassignment whether or not the toast shows.
    window.panel.focus_note()
    keys.shortcut("Ctrl+R")
    toast.dismiss()
    keys.press(Qt.Key.Key_Escape)
    assert keys.focus() is window.table
    keys.shortcut("Ctrl+Z")
    assert probe.active_reassignments() == []


def test_bulk_reassign_sends_back_exactly_the_shown_students_units_as_one_step(
    qtbot: QtBot,
    window: MainWindow,
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    probe = StoreProbe(demo_store.path)
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+1")  # Below 80%
    roster = window._presenter
    shown = [row.student_id for row in roster.state.visible]
    expected = ConferenceQueries(demo_store.connection).units_to_reassign(
        student_ids=shown,
        content_area_id=roster.content_area_id,
        mastery_score=roster.thresholds.mastery_score,
    )
    assert expected and len(shown) < len(roster.state.rows)
    asked: list[str] = []

    def confirm(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    keys.shortcut("Ctrl+Shift+R")

    students = len({student for student, _ in expected})
    [question] = asked  # one confirmation, naming the counts
    assert question.startswith(
        f"Reassign {len(expected)} units under 80% for {students} students of the {len(shown)}"
    )
    [batch] = probe.reassignment_batches().values()
    assert sorted(batch) == sorted(expected)
    assert sorted(probe.active_reassignments()) == sorted(expected)
    assert window.undo_toast.label.text() == (
        f"Reassigned {len(expected)} units for {students} students"
    )
    qtbot.wait_until(lambda: not window._reload_pending)
    assert all(row.figures.units_to_reassign == 0 for row in roster.state.visible)
    assert window.bulk_reassign_button.text().startswith("Reassign all under 80% (0)")

    keys.shortcut("Ctrl+Z")  # one undo takes the whole step back
    assert probe.active_reassignments() == []
    qtbot.wait_until(lambda: not window._reload_pending)
    assert sum(row.figures.units_to_reassign for row in roster.state.visible) == len(expected)


def test_bulk_reassign_asks_and_a_cancel_changes_nothing(
    qtbot: QtBot, window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = StoreProbe(demo_store.path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    Keyboard(qtbot).shortcut("Ctrl+Shift+R")
    assert probe.active_reassignments() == []


def test_ctrl_enter_walks_the_list_when_reassigning_empties_the_filter(
    qtbot: QtBot, open_window: WindowFactory, demo_store: Store
) -> None:
    """Under "To reassign", a student whose last unit is reassigned leaves the list."""
    window = open_window()
    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+4")
    listed = [row.student_id for row in window._presenter.state.visible]
    single = next(
        (
            n
            for n, r in enumerate(window._presenter.state.visible)
            if r.figures.units_to_reassign == 1
        ),
        None,
    )
    assert single is not None and single + 1 < len(listed)
    window.table.selectRow(single)
    keys.press(Qt.Key.Key_Return)
    keys.shortcut("Ctrl+R")
    qtbot.wait_until(lambda: window.model.row_of(listed[single]) is None)  # left the filter
    keys.shortcut("Ctrl+Return")
    assert window.panel.student_id == listed[single + 1]
