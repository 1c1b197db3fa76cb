"""The roster window driven as a teacher drives it: keys, clicks, and what it then shows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.presenters.roster import ALL_SECTIONS, COLUMNS, Column, RosterFilter
from classroom_desk.store.database import Store
from classroom_desk.ui.main_window import MainWindow, load_roster_settings
from classroom_desk.ui.roster_model import STUDENT_ID_ROLE
from classroom_desk.ui.roster_view import COLLAPSE_ORDER, HIDDEN_BY_DEFAULT, KEY_COLUMNS
from tests.conftest import DEMO_NOW
from tests.ui.conftest import WindowFactory
from tests.ui.keyboard import Keyboard
from tests.ui.roster_truth import calendar_of, class_week, expected_ids, section_id_named
from tests.ui.store_probe import StoreProbe

HOMEROOM = "Grade 4 Homeroom"
MATH_7 = "Grade 7 Math, period 2"


def shown_ids(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(row, 0).data(STUDENT_ID_ROLE) for row in range(model.rowCount())]


def shown_names(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def this_week(dataset: SchoolDataset) -> date:
    return calendar_of(dataset).current_week(DEMO_NOW)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed while the roster table has the focus, as after clicking a row."""
    window.table.setFocus()
    qtbot.keyClick(window.table, key, modifier)


def ctrl_digit(number: int) -> Qt.Key:
    return Qt.Key(Qt.Key.Key_0.value + number)


def choose_homeroom_math_last_week(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.section_combo, "Grade")  # type-ahead in the class list
    qtbot.keyClick(window.area_combo, Qt.Key.Key_Down)  # Reading -> Math
    qtbot.mouseClick(window.previous_week_button, Qt.MouseButton.LeftButton)


def test_teacher_finds_who_is_short_of_time_or_mastery_in_priority_order(
    qtbot: QtBot, window: MainWindow, demo_dataset: SchoolDataset
) -> None:
    choose_homeroom_math_last_week(qtbot, window)
    week = this_week(demo_dataset) - timedelta(weeks=1)
    assert window.section_combo.currentText() == f"{HOMEROOM} (26 students)"
    assert window.area_combo.currentText() == "Math"
    assert window.week_label.text() == "Week of Nov 9 to Nov 15, 2026"

    truths = class_week(demo_dataset, section_name=HOMEROOM, area_id="math", week=week)
    under = sum(t.under_minutes for t in truths)
    below = sum(t.below_mastery for t in truths)
    assert window.filter_buttons[RosterFilter.UNDER_MINUTES].text() == f"Under 30 min ({under})"
    assert window.filter_buttons[RosterFilter.BELOW_MASTERY].text() == f"Below 80% ({below})"

    qtbot.mouseClick(window.filter_buttons[RosterFilter.UNDER_MINUTES], Qt.MouseButton.LeftButton)
    assert not window.match_all_button.isEnabled()  # Any/All means nothing for one filter
    qtbot.mouseClick(window.filter_buttons[RosterFilter.BELOW_MASTERY], Qt.MouseButton.LeftButton)
    assert window.match_all_button.isEnabled()
    either = expected_ids(
        demo_dataset, section_name=HOMEROOM, area_id="math", week=week, match_all=False
    )
    assert shown_ids(window) == either
    # The priority column starts hidden, so the status bar names the order.
    assert window.status_label.text() == (
        f"{len(either)} of 26 students · most in need first · Maple Ridge Demo School"
    )

    qtbot.mouseClick(window.match_all_button, Qt.MouseButton.LeftButton)
    both = expected_ids(
        demo_dataset, section_name=HOMEROOM, area_id="math", week=week, match_all=True
    )
    assert 0 < len(both) < len(either)  # the data tells the two modes apart
    assert shown_ids(window) == both

    qtbot.mouseClick(window.match_any_button, Qt.MouseButton.LeftButton)
    assert shown_ids(window) == either


def test_ctrl_digits_toggle_the_filters_in_order(qtbot: QtBot, window: MainWindow) -> None:
    presenter = window._presenter
    for number, roster_filter in enumerate(RosterFilter, start=1):
        press(qtbot, window, ctrl_digit(number), Qt.KeyboardModifier.ControlModifier)
        assert presenter.state.active_filters == {roster_filter}
        assert window.filter_buttons[roster_filter].isChecked()
        assert all(roster_filter in row.flags for row in presenter.state.visible)
        assert window.model.rowCount() == presenter.state.filter_counts[roster_filter]
        press(qtbot, window, ctrl_digit(number), Qt.KeyboardModifier.ControlModifier)
        assert not presenter.state.active_filters
        assert not window.filter_buttons[roster_filter].isChecked()
    assert window.model.rowCount() == len(presenter.state.rows)

    press(qtbot, window, ctrl_digit(1), Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, ctrl_digit(5), Qt.KeyboardModifier.ControlModifier)
    assert len(presenter.state.active_filters) == 2
    press(qtbot, window, ctrl_digit(0), Qt.KeyboardModifier.ControlModifier)  # clears them
    assert not presenter.state.active_filters
    assert not any(button.isChecked() for button in window.filter_buttons.values())


def test_ctrl_f_search_narrows_by_name_and_escape_returns_to_the_table(
    qtbot: QtBot, window: MainWindow, demo_dataset: SchoolDataset
) -> None:
    everyone = window.model.rowCount()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()

    qtbot.keyClicks(window.search_edit, "li")
    section_id = section_id_named(demo_dataset, "English 10, period 5")
    members = {e.student_id for e in demo_dataset.enrollments if e.section_id == section_id}
    matching = {
        s.id for s in demo_dataset.students if s.id in members and "li" in s.display_name.lower()
    }
    assert 0 < len(matching) < everyone
    assert set(shown_ids(window)) == matching
    assert all("li" in name.lower() for name in shown_names(window))

    qtbot.keyClicks(window.search_edit, "zq")
    assert window.model.rowCount() == 0
    assert window.table.empty_text == "No student's name contains “lizq”."

    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert window.table.hasFocus()
    assert window.model.rowCount() == everyone


def test_enter_opens_the_selected_student(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_Down)
    [first] = window.table.selectionModel().selectedRows()
    press(qtbot, window, Qt.Key.Key_Down)
    [second] = window.table.selectionModel().selectedRows()
    assert second.row() == first.row() + 1
    student_id = second.data(STUDENT_ID_ROLE)
    name = second.data()

    with qtbot.waitSignal(window.student_opened, timeout=1000) as blocker:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)

    assert blocker.args == [student_id]
    assert window.panel.student_id == student_id
    assert window.panel.name_label.text() == name
    assert window.panel.note_edit.hasFocus()  # typing now goes to the note


def test_alt_arrows_move_between_weeks(
    qtbot: QtBot, window: MainWindow, demo_dataset: SchoolDataset
) -> None:
    current = this_week(demo_dataset)
    assert window.week_label.text() == "This week · Nov 16 to Nov 22, 2026"
    assert not window.next_week_action.isEnabled()  # nothing to see in the future

    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.week_label.text() == "Week of Nov 9 to Nov 15, 2026"
    assert window._presenter.week == current - timedelta(weeks=1)

    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.week_label.text() == "Week of Nov 9 to Nov 15, 2026"

    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window._presenter.week == current
    assert window.week_label.text().startswith("This week")


def test_selection_stays_on_the_student_across_a_filter_change(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    rows = window._presenter.state.visible
    kept = next(r for r in rows if RosterFilter.UNDER_MINUTES in r.flags)
    dropped = next(r for r in rows if RosterFilter.UNDER_MINUTES not in r.flags)

    window.table.selectRow(window.model.row_of(kept.student_id))
    press(qtbot, window, ctrl_digit(2), Qt.KeyboardModifier.ControlModifier)
    assert window.selected_student_id() == kept.student_id
    [index] = window.table.selectionModel().selectedRows()
    assert index.data(STUDENT_ID_ROLE) == kept.student_id
    assert window.panel.student_id == kept.student_id

    press(qtbot, window, ctrl_digit(2), Qt.KeyboardModifier.ControlModifier)  # all again
    window.table.selectRow(window.model.row_of(dropped.student_id))
    qtbot.keyClicks(window.panel.note_edit, "Typed for the student the filter hides")
    press(qtbot, window, ctrl_digit(2), Qt.KeyboardModifier.ControlModifier)
    # The panel follows the list: the hidden student's note is saved and they are closed;
    # the first row is current, shown in the panel, and Enter opens it.
    first = window.model.row_at(0)
    assert first is not None and first.student_id != dropped.student_id
    assert window.selected_student_id() == first.student_id
    assert window.table.currentIndex().row() == 0
    assert window.panel.student_id == first.student_id
    assert window.panel.name_label.text() == first.name
    assert StoreProbe(demo_store.path).notes(dropped.student_id) == [
        ("Typed for the student the filter hides", "")
    ]


def test_clicking_a_header_sorts_at_the_source_with_the_indicator(
    qtbot: QtBot, window: MainWindow
) -> None:
    header = window.table.horizontalHeader()
    column = COLUMNS.index(Column.MINUTES)
    assert header.sortIndicatorSection() == COLUMNS.index(Column.PRIORITY)

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    state = window._presenter.state
    assert (state.sort_column, state.sort_descending) == (Column.MINUTES, False)
    assert header.sortIndicatorSection() == column
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    minutes = [row.figures.minutes for row in state.visible]
    assert minutes == sorted(minutes)
    assert shown_ids(window) == [row.student_id for row in state.visible]


def test_choices_and_layout_are_remembered_across_windows(
    qtbot: QtBot, open_window: WindowFactory, settings_path: Path
) -> None:
    first = open_window()
    qtbot.keyClicks(first.section_combo, "Grade")  # Grade 4 Homeroom
    qtbot.keyClick(first.section_combo, Qt.Key.Key_Down)
    assert first.section_combo.currentText().startswith(MATH_7)
    press(qtbot, first, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(qtbot, first, ctrl_digit(1), Qt.KeyboardModifier.ControlModifier)
    press(qtbot, first, ctrl_digit(2), Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(first.match_all_button, Qt.MouseButton.LeftButton)
    first.showNormal()  # it opens maximized on the 1366x768 laptop
    first.resize(1200, 660)
    first.splitter.setSizes([700, 480])
    qtbot.wait_until(lambda: first.size().width() == 1200)
    sizes = first.splitter.sizes()
    rows = shown_ids(first)
    first.close()

    remembered = load_roster_settings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    assert remembered.filters == {RosterFilter.BELOW_MASTERY, RosterFilter.UNDER_MINUTES}

    second = open_window()
    assert second is not first
    assert second.section_combo.currentText().startswith(MATH_7)
    assert second.week_label.text() == "Week of Nov 9 to Nov 15, 2026"
    assert second.filter_buttons[RosterFilter.BELOW_MASTERY].isChecked()
    assert second.filter_buttons[RosterFilter.UNDER_MINUTES].isChecked()
    assert not second.filter_buttons[RosterFilter.NO_ACTIVITY].isChecked()
    assert second.match_all_button.isChecked()
    assert shown_ids(second) == rows
    assert (second.width(), second.height()) == (1200, 660)
    assert second.splitter.sizes() == sizes


def test_all_classes_is_a_choice_and_is_remembered(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    first = open_window()
    qtbot.keyClick(first.section_combo, Qt.Key.Key_End)
    assert first.section_combo.currentText() == "All classes"
    assert first._presenter.section_id == ALL_SECTIONS
    assert first.model.rowCount() == len(first._presenter.state.rows) > 26
    first.close()

    second = open_window()
    assert second.section_combo.currentText() == "All classes"


def test_less_used_columns_start_hidden_and_the_header_menu_shows_them(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    first = open_window()
    header = first.table.horizontalHeader()
    assert first.table.hidden_columns() == HIDDEN_BY_DEFAULT
    # On a 1366x768 laptop the roster fits beside the panel without scrolling sideways.
    first.resize(1366, 768)
    qtbot.wait_until(lambda: first.width() == 1366)
    first.split_by_default()
    qtbot.wait_until(lambda: header.length() <= first.table.viewport().width())
    for column in (Column.GOALS, Column.LAST_CONFERENCE, Column.TO_REASSIGN):
        assert not header.isSectionHidden(COLUMNS.index(column))

    menu = first.table.column_menu()
    entries = {action.text(): action for action in menu.actions()}
    for key in KEY_COLUMNS:
        assert not entries[key.value].isEnabled()  # the key columns always show
    entries[Column.PRIORITY.value].trigger()
    assert not header.isSectionHidden(COLUMNS.index(Column.PRIORITY))
    assert "most in need first" not in first.status_label.text()  # the column says it now
    first.close()

    second = open_window()
    assert second.table.hidden_columns() == HIDDEN_BY_DEFAULT - {Column.PRIORITY}


def test_the_panel_never_hides_the_roster(open_window: WindowFactory) -> None:
    window = open_window()
    assert not window.splitter.childrenCollapsible()
    window.splitter.setSizes([0, window.width()])  # dragged all the way
    roster, panel = window.splitter.sizes()
    assert roster >= window.table.minimumWidth() > 0
    assert panel >= window.panel.minimumWidth()


def test_a_click_opens_the_student_with_the_cursor_in_the_note(
    qtbot: QtBot, window: MainWindow
) -> None:
    row = 4
    rect = window.table.visualRect(window.model.index(row, 0))
    with qtbot.waitSignal(window.student_opened, timeout=1000) as blocker:
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [window.model.index(row, 0).data(STUDENT_ID_ROLE)]
    assert window.panel.student_id == blocker.args[0]
    assert window.panel.note_edit.hasFocus()
    # Arrow keys only browse: the panel follows, the focus stays in the roster.
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.panel.student_id == window.model.index(row + 1, 0).data(STUDENT_ID_ROLE)
    assert window.table.hasFocus()


def test_a_narrow_roster_keeps_its_key_columns_and_collapses_the_others_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    header = window.table.horizontalHeader()
    window.table.set_hidden_columns(())  # the teacher wants every column
    window.showNormal()
    for width, narrow in ((1900, False), (1366, False), (1100, False), (900, True), (760, True)):
        window.resize(width, 700)
        qtbot.wait_until(lambda width=width: window.width() == width)
        window.split_by_default()
        qtbot.wait(1)
        assert window.narrow == narrow, width  # too narrow for both: they take turns
        assert window.table.isVisible() and window.panel.isVisible() != narrow
        shown = window.table.shown_columns()
        assert set(KEY_COLUMNS) <= set(shown), width
        # What collapses goes in the stated order, and what shows fits without scrolling.
        collapsed = window.table.collapsed
        assert set(COLLAPSE_ORDER[: len(collapsed)]) == collapsed, width
        assert header.length() <= window.table.viewport().width(), width
        if width == 1900:
            assert len(shown) == len(COLUMNS)
    assert window.table.hidden_columns() == frozenset()  # the choice is kept for later


def test_in_a_narrow_window_the_panel_takes_the_rosters_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.showNormal()
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.narrow)
    keys = Keyboard(qtbot)
    window.table.setFocus()
    keys.press(Qt.Key.Key_Down)  # browsing: the roster stays
    assert window.table.isVisible() and not window.panel.isVisible()
    keys.press(Qt.Key.Key_Return)  # the conference: the panel in its place
    assert window.panel.isVisible() and not window.table.isVisible()
    assert window.panel.back_button.isVisible()
    assert keys.focus() is window.panel.note_edit
    keys.press(Qt.Key.Key_Escape)
    assert window.table.isVisible() and not window.panel.isVisible()
    assert keys.focus() is window.table
    keys.shortcut("Ctrl+R")  # an action shows whom it acts on
    assert window.panel.isVisible()
    qtbot.mouseClick(window.panel.back_button, Qt.MouseButton.LeftButton)
    assert window.table.isVisible()
    window.resize(1366, 740)
    qtbot.wait_until(lambda: not window.narrow)
    assert window.table.isVisible() and window.panel.isVisible()
    assert not window.panel.back_button.isVisible()
