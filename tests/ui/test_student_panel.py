"""The student panel: what it shows, the note box's input, goals, the chart, the history model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from classroom_desk.domain.goals import GoalKind
from classroom_desk.presenters.roster import RosterRow
from classroom_desk.presenters.student_panel import NOTE_TAGS, TimelineEntry, UnitLine, UnitState
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow
from classroom_desk.ui.student_panel import AMBER
from classroom_desk.ui.timeline_model import KIND_ROLE, TimelineModel
from classroom_desk.ui.unit_row import UnitRow
from tests.conftest import probe_connection
from tests.ui.conftest import Clock
from tests.ui.keyboard import Keyboard
from tests.ui.store_probe import StoreProbe


def open_student(qtbot: QtBot, window: MainWindow, row: RosterRow) -> None:
    """Select the student's row and press Enter, as from the roster."""
    number = window.model.row_of(row.student_id)
    assert number is not None
    window.table.selectRow(number)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.panel.student_id == row.student_id


def rows(window: MainWindow) -> list[RosterRow]:
    return list(window._presenter.state.rows)


def test_header_says_the_week_against_expectations_and_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    row = next(r for r in rows(window) if r.figures.units_to_reassign and r.figures.minutes)
    open_student(qtbot, window, row)
    panel = window.panel
    assert panel.name_label.text() == row.name
    assert panel.context_label.text() == f"Grade {row.grade} · Reading · This week"
    texts = [label.text() for label in panel.expectation_labels]
    assert texts[0].startswith(f"Minutes <b>{row.figures.minutes} (target 30)</b>")
    assert texts[1].startswith(f"Units mastered <b>{row.figures.units_mastered} (target 2-3)</b>")
    assert texts[2].startswith("Average <b>") and "(target 80%)</b>" in texts[2]
    status = panel.status_label.text()
    assert f"<b>{row.status.value}</b>" in status
    for reason in row.assessment.reasons:
        assert reason in status
    # The marks agree with the status: a ✗ for each target it says is missed.
    words = row.status.value.casefold()
    for text, target in zip(texts, ("time", "units", "mastery"), strict=True):
        assert ("✗" in text) == (target in words), (text, row.status)


def test_a_student_short_of_units_is_not_on_track_and_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ethan: minutes and average met, one unit mastered: 'Needs units: 1 of 2 mastered'."""
    row = next(
        r
        for r in rows(window)
        if r.figures.minutes >= 30
        and (r.figures.average_score or 0) >= 80
        and r.figures.units_mastered < 2
    )
    open_student(qtbot, window, row)
    status = window.panel.status_label.text()
    assert "<b>Needs units</b>" in status
    assert f"{row.figures.units_mastered} of 2 mastered" in status
    assert "On track" not in status


def test_units_under_mastery_stand_out_and_reassign_in_one_click(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    row = next(r for r in rows(window) if r.figures.units_to_reassign >= 2)
    open_student(qtbot, window, row)
    panel = window.panel
    shown = [unit_row for unit_row in panel.unit_rows if unit_row.isVisible()]
    units = window._panel_presenter.units
    assert len(shown) == len(units) > 0
    for unit_row, unit in zip(shown, units, strict=True):
        waiting = unit.state is UnitState.TO_REASSIGN
        assert unit_row.property("unitState") == unit.state.name.lower()
        assert unit_row.score.font().bold() == waiting
        assert unit_row.reassign_button.isVisible() == waiting
        assert unit_row.score.text() == f"{unit.latest_score:.0f}%"
        assert unit_row.attempts.text() in (f"{unit.attempts} tries", "1 try")

    target = next(u for u in shown if u.reassign_button.isVisible())
    qtbot.mouseClick(target.reassign_button, Qt.MouseButton.LeftButton)
    assert QApplication.activeModalWidget() is None  # no dialog
    assert (row.student_id, target.unit_id) in probe.active_reassignments()
    assert not target.reassign_button.isVisible()
    assert target.state.text() == "Reassigned"
    assert "reassigned" in window._panel_presenter.draft.tags
    assert window.panel.tag_actions["reassigned"].isChecked()
    assert panel.timeline_model.index(0).data(KIND_ROLE) == "reassigned"


def test_unit_row_states_read_in_words(qtbot: QtBot) -> None:
    row = UnitRow({"score": 40, "day": 50, "attempts": 50, "action": 130})
    qtbot.addWidget(row)
    row.show()
    moment = datetime(2026, 11, 18, 15, 0)
    for state, text in (
        (UnitState.MASTERED, "Mastered"),
        (UnitState.MASTERED_ON_RETRY, "Mastered on retry"),
        (UnitState.REASSIGNED, "Reassigned"),
    ):
        unit = UnitLine("u1", "MTH-1.01", "Place value", 85, moment, 2, state, moment)
        row.show_unit(unit, day=moment.date(), reassigned_on=moment.date(), lowest=False)
        assert row.state.text() == text
        assert row.state.isVisible() and not row.reassign_button.isVisible()
    assert row.state.toolTip().startswith("Reassigned Nov 18")
    assert row.title.text() == "Place value" and row.title.toolTip() == "Place value"


def test_tags_have_one_key_each_and_show_it(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    row = rows(window)[0]
    open_student(qtbot, window, row)
    keys = Keyboard(qtbot)
    for number, tag in enumerate(NOTE_TAGS, start=1):
        assert window.panel.tag_buttons[tag].text().endswith(f"Alt+{number}")
    keys.type("Tagged")
    keys.shortcut("Alt+5")
    keys.shortcut("Alt+6")
    keys.shortcut("Alt+5")  # a second press takes the tag off
    assert window.panel.tag_actions["contact family"].isChecked()
    assert not window.panel.tag_actions["needs small group"].isChecked()
    window.panel.flush()
    assert probe.notes(row.student_id) == [("Tagged", "contact family")]


def test_follow_up_date_is_saved_with_the_note(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    row = rows(window)[0]
    open_student(qtbot, window, row)
    panel = window.panel
    Keyboard(qtbot).type("Check in Monday")
    assert not panel.follow_up_date.isEnabled()
    panel.follow_up_check.setChecked(True)
    assert panel.follow_up_date.isEnabled()
    panel.flush()
    connection = probe_connection(demo_store.path)
    [(follow_up,)] = connection.execute(
        "SELECT follow_up_on FROM conference_note WHERE student_id = ?", (row.student_id,)
    ).fetchall()
    connection.close()
    assert follow_up == panel.follow_up_date.date().toString("yyyy-MM-dd")


def paste(qtbot: QtBot, window: MainWindow, mime: QMimeData) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setMimeData(mime)
    window.panel.note_edit.setFocus()
    qtbot.keyClick(window.panel.note_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # The clipboard owns ``mime``; left there, Qt would free it after Python has shut
    # down, and the process would crash at exit.
    clipboard.clear()


def test_pasted_rich_text_is_stored_as_plain_text(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    first, second = rows(window)[:2]
    open_student(qtbot, window, first)
    both = QMimeData()
    both.setHtml("<p><b>Great</b> <i>week</i> <span style='color:red'>in math</span></p>")
    both.setText("Great week in math")
    paste(qtbot, window, both)
    window.panel.flush()
    assert probe.notes(first.student_id) == [("Great week in math", "")]

    open_student(qtbot, window, second)
    html_only = QMimeData()  # some apps put only HTML on the clipboard
    html_only.setHtml("<ul><li><b>Redo</b> unit 4</li><li>Read <a href='x'>aloud</a></li></ul>")
    paste(qtbot, window, html_only)
    window.panel.flush()
    [(body, _tags)] = probe.notes(second.student_id)
    assert "<" not in body and "Redo unit 4" in body and "Read aloud" in body


def test_a_100_kb_note_is_saved_whole_and_shown_shortened(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    probe = StoreProbe(demo_store.path)
    row = rows(window)[0]
    open_student(qtbot, window, row)
    text = ("Reading log line with some words. " * 3000)[:100_000].strip()
    long = QMimeData()
    long.setText(text)
    paste(qtbot, window, long)
    qtbot.wait_until(lambda: window.panel.save_label.text().startswith("Saved"), timeout=5000)
    [(body, _tags)] = probe.notes(row.student_id)
    assert body == text
    entry = window.panel.timeline_model.index(0)
    assert entry.data(KIND_ROLE) == "note"
    assert len(entry.data()) < 200  # the history shows the start of it


def test_celebrate_is_offered_only_when_a_goal_is_met(
    qtbot: QtBot, window: MainWindow, demo_store: Store, clock: Clock
) -> None:
    probe = StoreProbe(demo_store.path)
    row = next(r for r in rows(window) if r.figures.units_mastered == 1)
    open_student(qtbot, window, row)
    panel = window.panel
    presenter = window._panel_presenter
    presenter.set_goal(GoalKind.UNITS_MASTERED, 3)  # not met: 1 of 3
    [goal_row] = [r for r in panel.goal_rows if r.isVisible()]
    assert not goal_row.celebrate_button.isVisible()
    assert goal_row.progress.text().startswith("1 of 3")

    keys = Keyboard(qtbot)
    keys.shortcut("Ctrl+G")
    assert keys.focus() is panel.goal_kind_combo
    assert panel.goal_button.text() == "Change goal"  # units mastered already has a goal
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_1)
    keys.press(Qt.Key.Key_Return)
    assert probe.goals(row.student_id) == [("units_mastered", 1.0)]  # changed, not added
    [goal_row] = [r for r in panel.goal_rows if r.isVisible()]
    assert goal_row.celebrate_button.isVisible()
    assert goal_row.progress.text().endswith("✓")

    clock.now += timedelta(seconds=5)  # the history orders by time
    qtbot.mouseClick(goal_row.celebrate_button, Qt.MouseButton.LeftButton)
    assert probe.celebrations(row.student_id) == 1
    assert not goal_row.celebrate_button.isVisible() and goal_row.celebrated_label.isVisible()
    assert panel.timeline_model.index(0).data(KIND_ROLE) == "celebrated"
    assert panel.tag_actions["celebrated"].isChecked()
    qtbot.wait_until(lambda: not window._reload_pending)
    roster_row = next(r for r in rows(window) if r.student_id == row.student_id)
    assert (roster_row.goals.met, roster_row.goals.total) == (1, 1)  # the roster says so too


def test_conference_timer_turns_amber_past_thirty_seconds(
    qtbot: QtBot, window: MainWindow, clock: Clock
) -> None:
    first = rows(window)[0]
    window.table.selectRow(window.model.row_of(first.student_id))  # browsing to them
    assert window.panel.student_id == first.student_id
    clock.now += timedelta(seconds=50)
    open_student(qtbot, window, first)  # Enter: the conference starts now
    label = window.panel.timer_label
    assert label.text() == "0:00 of 0:30"
    clock.now += timedelta(seconds=31)
    qtbot.wait_until(lambda: AMBER in label.text(), timeout=3000)  # the clock ticks each second
    assert "0:31 of 0:30" in label.text()


def test_the_chart_reuses_its_canvas_for_the_next_student(qtbot: QtBot, window: MainWindow) -> None:
    first, second = rows(window)[:2]
    open_student(qtbot, window, first)
    window.panel.flush_chart()
    canvas = window.panel.chart_host.canvas
    assert canvas is not None
    figure = canvas.figure
    open_student(qtbot, window, second)
    window.panel.flush_chart()
    assert window.panel.chart_host.canvas is canvas  # same widget, new figure
    assert canvas.figure is not figure and canvas.figure.canvas is canvas
    width, height = canvas.get_width_height()
    assert (width, height) == (canvas.width(), canvas.height())

    window.panel.set_chart_visible(False)  # hidden: no chart work on the next student
    open_student(qtbot, window, first)
    assert not window.panel._chart_timer.isActive()


def test_escape_returns_to_the_roster_on_the_open_student(qtbot: QtBot, window: MainWindow) -> None:
    row = rows(window)[3]
    open_student(qtbot, window, row)
    keys = Keyboard(qtbot)
    assert keys.focus() is window.panel.note_edit
    keys.press(Qt.Key.Key_Escape)
    assert keys.focus() is window.table
    assert window.selected_student_id() == row.student_id


def test_timeline_model_passes_qt_model_tester(qtmodeltester, window: MainWindow) -> None:
    model = TimelineModel(lambda: window._presenter.calendar)
    qtmodeltester.check(model)
    at = datetime(2026, 11, 18, 15, 0, tzinfo=UTC).replace(tzinfo=None)
    model.set_entries(
        [
            TimelineEntry(at, "note", "First line\nsecond line " + "x" * 500),
            TimelineEntry(at - timedelta(days=1), "goal", "Average 85% in math"),
            TimelineEntry(at - timedelta(days=2), "reassigned", "MTH-1.07 Fractions (65%)"),
        ]
    )
    qtmodeltester.check(model)
    first = model.index(0)
    assert first.data().startswith("Nov 18  ·  Note: First line second line x")
    assert first.data().endswith("…") and len(first.data()) < 200
    assert "First line<br>second line" in first.data(Qt.ItemDataRole.ToolTipRole)
    model.set_entries([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
