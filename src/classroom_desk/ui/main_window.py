"""The main window: the roster of a class for one week, its filters, and the selected student.

The window draws what ``RosterPresenter`` decides and forwards the teacher's choices to it;
it holds no roster logic of its own. ``run_main_window`` is the Qt entry point ``app`` calls.
"""

from __future__ import annotations

import itertools
import sys
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    RosterChange,
    RosterFilter,
    RosterPresenter,
    RosterSettings,
)
from classroom_desk.ui.flow_layout import FlowLayout
from classroom_desk.ui.roster_model import STUDENT_ID_ROLE, RosterTableModel
from classroom_desk.ui.roster_view import RosterTableView
from classroom_desk.ui.student_summary import StudentSummaryPane

APPLICATION_NAME = "Classroom Desk"
ROSTER_GROUP = "roster"
WINDOW_GROUP = "window"
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 720
MINIMUM_WIDTH, MINIMUM_HEIGHT = 640, 440
SUMMARY_MIN_WIDTH, SUMMARY_MAX_WIDTH = 240, 340
ALL_CLASSES_LABEL = "All classes"


def load_roster_settings(settings: QSettings) -> RosterSettings:
    """The roster choices remembered in ``settings`` (defaults for anything missing)."""
    settings.beginGroup(ROSTER_GROUP)
    try:
        values: dict[str, Any] = {}
        for key in settings.childKeys():
            value = settings.value(key)
            # QSettings quotes "a,b" when it writes; a hand-edited, unquoted one reads as a list.
            values[key] = ",".join(value) if isinstance(value, list) else value
    finally:
        settings.endGroup()
    return RosterSettings.from_dict(values)


def save_roster_settings(settings: QSettings, roster: RosterSettings) -> None:
    settings.beginGroup(ROSTER_GROUP)
    try:
        for key, value in roster.to_dict().items():
            settings.setValue(key, value)
    finally:
        settings.endGroup()


class MainWindow(QMainWindow):
    """The roster screen. Built from a started presenter; follows its change notices."""

    student_opened = Signal(str)
    """A student was opened (Enter or double-click on their row); carries the student id."""

    def __init__(
        self,
        presenter: RosterPresenter,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._settings = settings
        self._selected_student_id: str | None = None
        self.setWindowTitle(APPLICATION_NAME)
        self.setObjectName("mainWindow")
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)  # the bars wrap down to this

        self.model = RosterTableModel(presenter, self)
        self._create_actions()
        top_bar = self._create_top_bar()
        filter_bar = self._create_filter_bar()
        self._create_roster()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(8)
        layout.addWidget(top_bar)
        layout.addWidget(filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setObjectName("rosterStatus")
        self.status_label.setContentsMargins(6, 0, 0, 0)
        self.statusBar().addWidget(self.status_label, 1)

        self._set_tab_order()
        self._connect_signals()
        presenter.listeners.append(self._on_roster_changed)
        self._fill_section_combo()
        self._refresh()
        self._restore_window_state()

    # -- building --------------------------------------------------------------------------

    def _create_actions(self) -> None:
        thresholds = self._presenter.thresholds
        self.filter_actions: dict[RosterFilter, QAction] = {}
        for number, roster_filter in enumerate(RosterFilter, start=1):
            action = QAction(roster_filter.label(thresholds), self)
            action.setObjectName(f"filter_{roster_filter.name.lower()}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.addAction(action)
            self.filter_actions[roster_filter] = action

        self.clear_filters_action = QAction("Clear", self)
        self.clear_filters_action.setShortcut(QKeySequence("Ctrl+0"))
        self.clear_filters_action.setToolTip("Show every student again (Ctrl+0)")
        self.addAction(self.clear_filters_action)

        self.match_group = QActionGroup(self)
        self.match_group.setExclusive(True)
        self.match_any_action = QAction("Any", self.match_group)
        self.match_any_action.setCheckable(True)
        self.match_any_action.setToolTip("Any: show students with at least one of the chosen needs")
        self.match_all_action = QAction("All", self.match_group)
        self.match_all_action.setCheckable(True)
        self.match_all_action.setToolTip("All: show only students with every chosen need")

        self.previous_week_action = QAction("Previous week", self)
        self.previous_week_action.setShortcut(QKeySequence("Alt+Left"))
        self.previous_week_action.setToolTip("Previous week (Alt+Left)")
        self.this_week_action = QAction("This week", self)
        self.this_week_action.setShortcut(QKeySequence("Alt+Home"))
        self.this_week_action.setToolTip("Go to this week (Alt+Home)")
        self.next_week_action = QAction("Next week", self)
        self.next_week_action.setShortcut(QKeySequence("Alt+Right"))
        self.next_week_action.setToolTip("Next week (Alt+Right)")
        self.find_action = QAction("Search students", self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        for action in (
            self.previous_week_action,
            self.this_week_action,
            self.next_week_action,
            self.find_action,
        ):
            self.addAction(action)

    def _create_top_bar(self) -> QWidget:
        self.section_combo = QComboBox()
        self.section_combo.setObjectName("sectionCombo")
        self.section_combo.setToolTip("Class")
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setToolTip("Content area")
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.previous_week_button = QToolButton()
        self.previous_week_button.setDefaultAction(self.previous_week_action)
        self.previous_week_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.this_week_button = QToolButton()
        self.this_week_button.setDefaultAction(self.this_week_action)
        self.this_week_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.next_week_button = QToolButton()
        self.next_week_button.setDefaultAction(self.next_week_action)
        self.next_week_button.setArrowType(Qt.ArrowType.RightArrow)
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        week_font = self.week_label.font()
        week_font.setBold(True)
        self.week_label.setFont(week_font)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Search students (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        placeholder_width = self.search_edit.fontMetrics().horizontalAdvance(
            self.search_edit.placeholderText()
        )
        self.search_edit.setMinimumWidth(placeholder_width + 48)
        self.search_edit.setMaximumWidth(placeholder_width + 140)
        self.search_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search_edit.setProperty("flowAlignRight", True)
        self.search_escape_action = QAction("Clear search", self.search_edit)
        self.search_escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.search_escape_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_edit.addAction(self.search_escape_action)

        bar = QWidget()
        bar.setObjectName("topBar")
        flow = FlowLayout(bar, spacing=14)
        flow.addWidget(_group(_caption("Class", self.section_combo), self.section_combo))
        flow.addWidget(_group(_caption("Area", self.area_combo), self.area_combo))
        flow.addWidget(
            _group(
                self.previous_week_button,
                self.this_week_button,
                self.next_week_button,
                self.week_label,
            )
        )
        return bar

    def _create_filter_bar(self) -> QWidget:
        self.filter_buttons: dict[RosterFilter, QToolButton] = {}
        for roster_filter, action in self.filter_actions.items():
            button = _chip(action)
            button.setObjectName(f"filterButton_{roster_filter.name.lower()}")
            self.filter_buttons[roster_filter] = button
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setDefaultAction(self.clear_filters_action)
        self.clear_filters_button.setAutoRaise(True)
        self.match_any_button = _chip(self.match_any_action)
        self.match_all_button = _chip(self.match_all_action)

        bar = QWidget()
        bar.setObjectName("filterBar")
        bar.setStyleSheet(CHIP_STYLE)
        # Each chip wraps on its own, so a narrow window keeps every filter visible.
        flow = FlowLayout(bar, spacing=4)
        chips = list(self.filter_buttons.values())
        flow.addWidget(_group(QLabel("Show"), chips[0]))
        for chip in chips[1:]:
            flow.addWidget(chip)
        flow.addWidget(self.clear_filters_button)
        match = _group(QLabel("Match"), self.match_any_button, self.match_all_button, spacing=2)
        match.setContentsMargins(10, 0, 10, 0)
        flow.addWidget(match)
        flow.addWidget(self.search_edit)  # search narrows the roster too; it ends this row
        return bar

    def _create_roster(self) -> None:
        self.table = RosterTableView(self.model)
        self.table.setObjectName("rosterTable")
        self.summary_pane = StudentSummaryPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("rosterSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.summary_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)

    def _set_tab_order(self) -> None:
        """Tab follows the screen: choosers, weeks, filters, search, then the roster."""
        chain: list[QWidget] = [
            self.section_combo,
            self.area_combo,
            self.previous_week_button,
            self.this_week_button,
            self.next_week_button,
            *self.filter_buttons.values(),
            self.clear_filters_button,
            self.match_any_button,
            self.match_all_button,
            self.search_edit,
            self.table,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.section_combo.setAccessibleName("Class")
        self.area_combo.setAccessibleName("Content area")
        self.search_edit.setAccessibleName("Search students")
        self.table.setAccessibleName("Roster")
        self.summary_pane.setAccessibleName("Selected student")

    def _connect_signals(self) -> None:
        self.section_combo.activated.connect(self._on_section_chosen)
        self.area_combo.activated.connect(self._on_area_chosen)
        self.previous_week_action.triggered.connect(self._on_previous_week)
        self.this_week_action.triggered.connect(self._on_this_week)
        self.next_week_action.triggered.connect(self._on_next_week)
        for roster_filter, action in self.filter_actions.items():
            action.triggered.connect(
                lambda checked, chosen=roster_filter: self._on_filter_toggled(chosen, checked)
            )
        self.clear_filters_action.triggered.connect(self._on_clear_filters)
        self.match_any_action.triggered.connect(self._on_match_any)
        self.match_all_action.triggered.connect(self._on_match_all)
        self.find_action.triggered.connect(self._on_find)
        self.search_edit.textChanged.connect(self._on_search_edited)
        self.search_escape_action.triggered.connect(self._on_search_escape)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)
        self.model.modelReset.connect(self._on_model_reset)

    # -- the teacher's choices ---------------------------------------------------------------

    def _on_section_chosen(self, index: int) -> None:
        section_id = self.section_combo.itemData(index)
        if isinstance(section_id, str) and section_id != self._presenter.section_id:
            self._presenter.select_section(section_id)

    def _on_area_chosen(self, index: int) -> None:
        area_id = self.area_combo.itemData(index)
        if isinstance(area_id, str) and area_id != self._presenter.content_area_id:
            self._presenter.select_content_area(area_id)

    def _on_previous_week(self) -> None:
        self._presenter.shift_week(-1)

    def _on_this_week(self) -> None:
        self._presenter.go_to_this_week()

    def _on_next_week(self) -> None:
        self._presenter.shift_week(1)

    def _on_filter_toggled(self, roster_filter: RosterFilter, checked: bool) -> None:
        self._presenter.set_filter(roster_filter, checked)

    def _on_clear_filters(self) -> None:
        for roster_filter in list(self._presenter.state.active_filters):
            self._presenter.set_filter(roster_filter, False)
        self._refresh()  # nothing may have changed, but the buttons must match

    def _on_match_any(self) -> None:
        self._presenter.set_match_all(False)

    def _on_match_all(self) -> None:
        self._presenter.set_match_all(True)

    def _on_find(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_edited(self, text: str) -> None:
        self._presenter.set_search(text)

    def _on_search_escape(self) -> None:
        self.search_edit.clear()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self._select_row(0)

    # -- the roster and the selected student -------------------------------------------------

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        self._selected_student_id = row.student_id if row else None
        self._show_summary()

    def _on_row_activated(self, index: QModelIndex) -> None:
        student_id = index.data(STUDENT_ID_ROLE)
        if not isinstance(student_id, str):
            return
        if self._selected_student_id != student_id:
            self._select_row(index.row())
        self.student_opened.emit(student_id)

    def _on_model_reset(self) -> None:
        """Rows were replaced: keep the same student selected if they are still shown."""
        wanted = self._selected_student_id
        row = self.model.row_of(wanted) if wanted else None
        if row is None:
            self._selected_student_id = None
            self._show_summary()
        else:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _show_summary(self) -> None:
        row_number = (
            self.model.row_of(self._selected_student_id) if self._selected_student_id else None
        )
        row = self.model.row_at(row_number) if row_number is not None else None
        if row is None:
            self.summary_pane.clear()
            return
        self.summary_pane.show_row(
            row,
            thresholds=self._presenter.thresholds,
            calendar=self._presenter.calendar,
            context=f"{self._area_name()} · {self._presenter.week_label()}",
        )

    def selected_student_id(self) -> str | None:
        return self._selected_student_id

    # -- following the presenter ---------------------------------------------------------------

    def _on_roster_changed(self, change: RosterChange) -> None:
        if change is RosterChange.CONTEXT:
            self._fill_area_combo()
        self._refresh()

    def _fill_section_combo(self) -> None:
        with QSignalBlocker(self.section_combo):
            self.section_combo.clear()
            for section in self._presenter.sections:
                noun = "student" if section.student_count == 1 else "students"
                self.section_combo.addItem(
                    f"{section.name} ({section.student_count} {noun})", section.id
                )
            if self._presenter.sections:
                self.section_combo.insertSeparator(self.section_combo.count())
            self.section_combo.addItem(ALL_CLASSES_LABEL, ALL_SECTIONS)
        self._fill_area_combo()

    def _fill_area_combo(self) -> None:
        names = {area.id: area.name for area in self._presenter.content_areas}
        with QSignalBlocker(self.area_combo):
            self.area_combo.clear()
            for area_id in self._presenter.section_area_ids():
                self.area_combo.addItem(names.get(area_id, area_id), area_id)
            self.area_combo.setEnabled(self.area_combo.count() > 1)

    def _area_name(self) -> str:
        for area in self._presenter.content_areas:
            if area.id == self._presenter.content_area_id:
                return area.name
        return "No content area"

    def _refresh(self) -> None:
        """Bring every control in line with the presenter (after any change)."""
        presenter = self._presenter
        state = presenter.state
        with QSignalBlocker(self.section_combo):
            self.section_combo.setCurrentIndex(self.section_combo.findData(presenter.section_id))
        with QSignalBlocker(self.area_combo):
            self.area_combo.setCurrentIndex(self.area_combo.findData(presenter.content_area_id))

        current = presenter.current_week()
        self.week_label.setText(presenter.week_label())
        self.this_week_action.setEnabled(presenter.week != current)
        self.next_week_action.setEnabled(presenter.week < current)

        thresholds = presenter.thresholds
        for number, (roster_filter, action) in enumerate(self.filter_actions.items(), start=1):
            count = state.filter_counts.get(roster_filter, 0)
            action.setText(f"{roster_filter.label(thresholds)} ({count})")
            action.setToolTip(f"{roster_filter.description(thresholds)} (Ctrl+{number})")
            action.setChecked(roster_filter in state.active_filters)
        self.clear_filters_action.setEnabled(bool(state.active_filters))
        self.match_all_action.setChecked(state.match_all)
        self.match_any_action.setChecked(not state.match_all)
        self.match_group.setEnabled(len(state.active_filters) > 1)  # matters from two filters
        if self.search_edit.text() != state.search:
            with QSignalBlocker(self.search_edit):
                self.search_edit.setText(state.search)

        school = presenter.school.name if presenter.school else "No school set up"
        noun = "student" if len(state.rows) == 1 else "students"
        self.status_label.setText(f"{len(state.visible)} of {len(state.rows)} {noun} · {school}")
        if not state.rows:
            self.table.empty_text = "No students in this class."
        elif state.search.strip() and not state.active_filters:
            self.table.empty_text = f"No student's name contains “{state.search.strip()}”."
        else:
            self.table.empty_text = "No students match the chosen filters."
        self._show_summary()

    # -- remembering ---------------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = self._settings
        settings.beginGroup(WINDOW_GROUP)
        try:
            geometry = settings.value("geometry")
            state = settings.value("state")
            splitter = settings.value("splitter")
        finally:
            settings.endGroup()
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._place_by_default()
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            summary = min(max(self.width() // 4, SUMMARY_MIN_WIDTH), SUMMARY_MAX_WIDTH)
            self.splitter.setSizes([self.width() - summary, summary])

    def _place_by_default(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        width = min(DEFAULT_WIDTH, available.width())
        height = min(DEFAULT_HEIGHT, available.height())
        self.resize(width, height)
        self.move(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
        )

    def save_state(self) -> None:
        """Write the window's layout and the roster choices to the settings file."""
        settings = self._settings
        settings.beginGroup(WINDOW_GROUP)
        try:
            settings.setValue("geometry", self.saveGeometry())
            settings.setValue("state", self.saveState())
            settings.setValue("splitter", self.splitter.saveState())
        finally:
            settings.endGroup()
        save_roster_settings(settings, self._presenter.settings())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self._on_roster_changed in self._presenter.listeners:
            self._presenter.listeners.remove(self._on_roster_changed)
        self.model.detach()
        super().closeEvent(event)


def _caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _group(*widgets: QWidget, spacing: int = 4) -> QWidget:
    """Widgets that stay together on one line when the bar wraps."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return group


def _chip(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setDefaultAction(action)
    button.setProperty("chip", True)
    return button


# Toggle buttons drawn as chips; checked ones in the palette's highlight so they read as "on".
CHIP_STYLE = """
QToolButton[chip="true"] {
    padding: 3px 10px;
    border: 1px solid palette(mid);
    border-radius: 11px;
    background: palette(base);
}
QToolButton[chip="true"]:hover { border-color: palette(highlight); }
QToolButton[chip="true"]:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton[chip="true"]:checked:disabled {
    background: palette(button);
    border-color: palette(mid);
}
"""


def run_main_window(presenter: RosterPresenter, *, settings_path: Path, smoke_test: bool) -> int:
    """Show the roster window and run Qt's event loop; returns the process exit code.

    With ``smoke_test`` the window paints its roster once, prints ``roster rows: N``
    and exits without writing settings.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION_NAME)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    presenter.start(load_roster_settings(settings))
    window = MainWindow(presenter, settings)
    window.show()
    if smoke_test:

        def paint_and_report() -> None:
            try:
                window.grab()  # paints every child, the roster's rows included
                print(f"roster rows: {window.model.rowCount()}", flush=True)
            except Exception:
                traceback.print_exc()
                app.exit(1)
            else:
                app.exit(0)

        QTimer.singleShot(0, paint_and_report)
    else:
        # A session ending quits without closing windows; remember the choices then too.
        app.aboutToQuit.connect(window.save_state)
    return app.exec()
