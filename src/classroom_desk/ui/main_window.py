"""The main window: the roster of a class for one week, its filters, and the student panel.

The window draws what ``RosterPresenter`` decides and forwards the teacher's choices to it;
the ``StudentPanel`` beside the roster does the same for ``StudentPanelPresenter``. The
window holds no roster or conference logic; it wires the keyboard flow between the two
(Enter opens a student, Ctrl+Enter saves and moves on, Escape comes back) and reloads the
roster after every action. ``run_main_window`` is the Qt entry point ``app`` calls.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    QFontDatabase,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk import __version__
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import plural, translatable, translate
from classroom_desk.presenters.conference_run import ConferenceRun
from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    COLUMNS,
    Column,
    RosterChange,
    RosterFilter,
    RosterPresenter,
    RosterRow,
    RosterSettings,
)
from classroom_desk.presenters.student_panel import (
    SaveState,
    StudentContext,
    StudentPanelPresenter,
    UndoableStep,
)
from classroom_desk.ui.application import application
from classroom_desk.ui.chips import CHIP_STYLE, chip
from classroom_desk.ui.flow_layout import FlowLayout, flow_group
from classroom_desk.ui.panel_placeholder import panel_stand_in
from classroom_desk.ui.roster_model import STUDENT_ID_ROLE, RosterTableModel
from classroom_desk.ui.roster_view import RosterTableView
from classroom_desk.ui.screen_fit import available_area, fit_to_screen, keep_on_screen
from classroom_desk.ui.task_runner import TaskRunner
from classroom_desk.ui.translation import install_language, language_choice
from classroom_desk.ui.undo_toast import UndoToast

if TYPE_CHECKING:
    from classroom_desk.presenters.backups import BackupService
    from classroom_desk.presenters.imports import ImportService
    from classroom_desk.presenters.plans import PlanPresenters
    from classroom_desk.presenters.reports import ReportService
    from classroom_desk.presenters.rollup_rebuild import RollupRebuildService
    from classroom_desk.presenters.school_settings import AppInfo, SchoolSettingsService
    from classroom_desk.presenters.schools import SchoolSwitchPresenter
    from classroom_desk.presenters.sync_status import SyncStatusPresenter
    from classroom_desk.sync.values import SyncReport
    from classroom_desk.ui.data_menu import DataMenu
    from classroom_desk.ui.help_dialogs import ShortcutGroup
    from classroom_desk.ui.plan_menu import PlanMenu
    from classroom_desk.ui.rollup_rebuild import RollupRebuildRunner
    from classroom_desk.ui.school_switcher import SchoolSwitcher
    from classroom_desk.ui.student_panel import StudentPanel
    from classroom_desk.ui.sync_status_widget import SyncController

APPLICATION_NAME = "Classroom Desk"
ROSTER_GROUP = "roster"
WINDOW_GROUP = "window"
# A laptop screen is used whole (roster and panel side by side); a large one is not.
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1440, 900
MINIMUM_WIDTH, MINIMUM_HEIGHT = 760, 480
#: The panel takes this share of the window, within these bounds; the roster keeps the rest.
PANEL_SHARE, PANEL_MIN_WIDTH, PANEL_MAX_WIDTH = 0.38, 380, 600
ROSTER_MIN_WIDTH = 340
ALL_CLASSES_LABEL = translatable("MainWindow", "All classes")


def roster_group(school_key: str | None = None) -> str:
    """Where a school's roster choices are kept: the first school's where they always
    were, another's beside them (each school has its own classes)."""
    return ROSTER_GROUP if school_key is None else f"{ROSTER_GROUP}-{school_key}"


def load_roster_settings(settings: QSettings, group: str = ROSTER_GROUP) -> RosterSettings:
    """The roster choices remembered in ``settings`` (defaults for anything missing)."""
    settings.beginGroup(group)
    try:
        values: dict[str, Any] = {}
        for key in settings.childKeys():
            value = settings.value(key)
            # QSettings quotes "a,b" when it writes; a hand-edited, unquoted one reads as a list.
            values[key] = ",".join(value) if isinstance(value, list) else value
    finally:
        settings.endGroup()
    return RosterSettings.from_dict(values)


def save_roster_settings(
    settings: QSettings, roster: RosterSettings, group: str = ROSTER_GROUP
) -> None:
    settings.beginGroup(group)
    try:
        for key, value in roster.to_dict().items():
            settings.setValue(key, value)
    finally:
        settings.endGroup()


STALE_COLOR = "#b03a2e"
#: Sources named one by one in the status bar; past that, the fresh ones are counted.
FRESHNESS_SHOWN = 3
#: The most the freshness note takes of the status bar, in pixels.
FRESHNESS_WIDTH = 520


class MainWindow(QMainWindow):
    """The roster screen. Built from a started presenter; follows its change notices."""

    student_opened = Signal(str)
    """A student was opened for a conference (Enter or double-click on their row, or
    Ctrl+Enter moving on to them); carries the student id."""

    def __init__(
        self,
        presenter: RosterPresenter,
        panel_presenter: StudentPanelPresenter,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        sync_presenter: SyncStatusPresenter | None = None,
        school_settings: SchoolSettingsService | None = None,
        app_info: AppInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._panel_presenter = panel_presenter
        self._settings = settings
        self._school_settings = school_settings
        self._app_info = app_info
        self.data_menu: DataMenu | None = None
        self._selected_student_id: str | None = None
        # Ctrl+Enter walks the list as it was when the teacher opened its first student:
        # an action drops a student from a filter ("To reassign", "Not seen") and a sync
        # brings new figures, and neither may send the walk back or skip anyone.
        self.run: ConferenceRun | None = None
        # Whether roster and panel take turns (a narrow window), and which is in front.
        self.narrow = False
        self._panel_in_front = False
        self._reload_pending = False
        self._school_reload_pending = False
        self._closed = False
        self.setWindowTitle(APPLICATION_NAME)
        self.setObjectName("mainWindow")
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)  # the bars wrap down to this

        self.model = RosterTableModel(presenter, self)
        self._create_actions()
        self._create_app_actions()
        top_bar = self._create_top_bar()
        filter_bar = self._create_filter_bar()
        self._create_roster()
        self._create_panel()

        central = QWidget()
        layout = self._central_layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(8)
        layout.addWidget(top_bar)
        layout.addWidget(filter_bar)
        layout.addWidget(self.splitter, 1)
        # The roster, or a principal's or coach's School view in its place.
        self.pages = QStackedWidget()
        self.pages.setObjectName("mainPages")
        self.pages.addWidget(central)
        self.roster_page = central
        # The roster's keys work while it is on screen, never behind the School view.
        central.addActions(self._roster_actions())
        self.setCentralWidget(self.pages)
        self.undo_toast = UndoToast(central)

        self.status_label = QLabel()
        self.status_label.setObjectName("rosterStatus")
        self.status_label.setContentsMargins(6, 0, 0, 0)
        self.statusBar().addWidget(self.status_label, 1)
        self.freshness_label = QLabel()
        self.freshness_label.setObjectName("freshnessLabel")
        self.freshness_label.setTextFormat(Qt.TextFormat.RichText)
        # Clipped past FRESHNESS_WIDTH rather than widening the window (the tooltip has all).
        self.freshness_label.setMaximumWidth(FRESHNESS_WIDTH)
        self.statusBar().addPermanentWidget(self.freshness_label)
        self.sync: SyncController | None = None
        self.schools: SchoolSwitcher | None = None
        self.plan_menu: PlanMenu | None = None
        self.rollup: RollupRebuildRunner | None = None
        self._panel_refresh_pending = False
        self._read_only_shown: bool | None = None

        self._set_tab_order()
        self._connect_signals()
        presenter.listeners.append(self._on_roster_changed)
        self._fill_section_combo()
        self._restore_window_state()
        if sync_presenter is not None:
            self.attach_sync(sync_presenter)
        self._refresh()
        self._show_changes_allowed()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building --------------------------------------------------------------------------

    def _create_actions(self) -> None:
        thresholds = self._presenter.thresholds
        self.filter_actions: dict[RosterFilter, QAction] = {}
        for number, roster_filter in enumerate(RosterFilter, start=1):
            action = QAction(roster_filter.label(thresholds), self)
            action.setObjectName(f"filter_{roster_filter.name.lower()}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.filter_actions[roster_filter] = action

        self.clear_filters_action = QAction(translate("MainWindow", "Clear"), self)
        self.clear_filters_action.setShortcut(QKeySequence("Ctrl+0"))
        self.clear_filters_action.setToolTip(
            translate("MainWindow", "Show every student again (Ctrl+0)")
        )

        self.match_group = QActionGroup(self)
        self.match_group.setExclusive(True)
        self.match_any_action = QAction(translate("MainWindow", "Any"), self.match_group)
        self.match_any_action.setCheckable(True)
        self.match_any_action.setToolTip(
            translate("MainWindow", "Any: show students with at least one of the chosen needs")
        )
        self.match_all_action = QAction(translate("MainWindow", "All"), self.match_group)
        self.match_all_action.setCheckable(True)
        self.match_all_action.setToolTip(
            translate("MainWindow", "All: show only students with every chosen need")
        )

        self.previous_week_action = QAction(translate("MainWindow", "Previous week"), self)
        self.previous_week_action.setShortcut(QKeySequence("Alt+Left"))
        self.previous_week_action.setToolTip(translate("MainWindow", "Previous week (Alt+Left)"))
        self.this_week_action = QAction(translate("MainWindow", "This week"), self)
        self.this_week_action.setShortcut(QKeySequence("Alt+Home"))
        self.this_week_action.setToolTip(translate("MainWindow", "Go to this week (Alt+Home)"))
        self.next_week_action = QAction(translate("MainWindow", "Next week"), self)
        self.next_week_action.setShortcut(QKeySequence("Alt+Right"))
        self.next_week_action.setToolTip(translate("MainWindow", "Next week (Alt+Right)"))
        self.find_action = QAction(translate("MainWindow", "Search students"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))

        # The conference: window-wide, so they work from the roster and from the note.
        self.reassign_lowest_action = QAction(
            translate("MainWindow", "Reassign the lowest unit"), self
        )
        self.reassign_lowest_action.setShortcut(QKeySequence("Ctrl+R"))
        self.save_next_action = QAction(translate("MainWindow", "Save and next student"), self)
        self.save_next_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.goal_action = QAction(translate("MainWindow", "Set a goal"), self)
        self.goal_action.setShortcut(QKeySequence("Ctrl+G"))
        self.undo_action = QAction(translate("MainWindow", "Undo"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        mastery = f"{self._presenter.thresholds.mastery_score:.0f}%"
        self.bulk_reassign_action = QAction(
            translate("MainWindow", "Reassign all under {mastery}…").format(mastery=mastery), self
        )
        self.bulk_reassign_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.bulk_reassign_action.setToolTip(
            translate(
                "MainWindow",
                "Reassign every unit under {mastery} for the students shown, after one "
                "confirmation; one undo takes it back (Ctrl+Shift+R)",
            ).format(mastery=mastery)
        )

    def _create_app_actions(self) -> None:
        """Settings, Quit and Help: window-wide, in the File and Help menus."""
        self.settings_action = QAction(translate("MainWindow", "Settings…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = QAction(translate("MainWindow", "Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.shortcuts_action = QAction(translate("MainWindow", "Keyboard shortcuts"), self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.about_action = QAction(translate("MainWindow", "About Classroom Desk"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        for action in (
            self.settings_action,
            self.quit_action,
            self.shortcuts_action,
            self.about_action,
        ):
            self.addAction(action)
        # Alt+H is the History's (the panel); the menu takes Alt+L.
        self.help_menu = self.menuBar().addMenu(translate("MainWindow", "He&lp"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _create_top_bar(self) -> QWidget:
        self.section_combo = QComboBox()
        self.section_combo.setObjectName("sectionCombo")
        self.section_combo.setToolTip(translate("MainWindow", "Class"))
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setToolTip(translate("MainWindow", "Content area"))
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Shown, greyed, for a class that works in no content area (the table says why).
        self.area_combo.setPlaceholderText(translate("MainWindow", "None", "content area"))

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
        self.search_edit.setPlaceholderText(translate("MainWindow", "Search (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        placeholder_width = self.search_edit.fontMetrics().horizontalAdvance(
            self.search_edit.placeholderText()
        )
        # Short, so the class, area, week and search share one line at 1366x768 and 150%.
        self.search_edit.setMinimumWidth(placeholder_width + 40)
        self.search_edit.setMaximumWidth(placeholder_width + 220)
        self.search_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search_edit.setProperty("flowAlignRight", True)
        self.search_escape_action = QAction(
            translate("MainWindow", "Clear search"), self.search_edit
        )
        self.search_escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.search_escape_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_edit.addAction(self.search_escape_action)

        self.bulk_reassign_button = QToolButton()
        self.bulk_reassign_button.setObjectName("bulkReassignButton")
        self.bulk_reassign_button.setDefaultAction(self.bulk_reassign_action)
        self.bulk_reassign_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        bar = QWidget()
        bar.setObjectName("topBar")
        flow = FlowLayout(bar, spacing=14)
        flow.addWidget(
            flow_group(
                _caption(translate("MainWindow", "Class"), self.section_combo), self.section_combo
            )
        )
        flow.addWidget(
            flow_group(_caption(translate("MainWindow", "Area"), self.area_combo), self.area_combo)
        )
        flow.addWidget(
            flow_group(
                self.previous_week_button,
                self.this_week_button,
                self.next_week_button,
                self.week_label,
            )
        )
        flow.addWidget(self.search_edit)
        return bar

    def _create_filter_bar(self) -> QWidget:
        self.filter_buttons: dict[RosterFilter, QToolButton] = {}
        for roster_filter, action in self.filter_actions.items():
            button = chip(action)
            button.setObjectName(f"filterButton_{roster_filter.name.lower()}")
            self.filter_buttons[roster_filter] = button
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setDefaultAction(self.clear_filters_action)
        self.clear_filters_button.setAutoRaise(True)
        self.match_any_button = chip(self.match_any_action)
        self.match_all_button = chip(self.match_all_action)

        bar = QWidget()
        bar.setObjectName("filterBar")
        bar.setStyleSheet(CHIP_STYLE)
        # Each chip wraps on its own, so a narrow window keeps every filter visible.
        flow = FlowLayout(bar, spacing=4)
        chips = list(self.filter_buttons.values())
        flow.addWidget(flow_group(QLabel(translate("MainWindow", "Show")), chips[0]))
        for filter_chip in chips[1:]:
            flow.addWidget(filter_chip)
        flow.addWidget(self.clear_filters_button)
        self.match_group_widget = flow_group(
            QLabel(translate("MainWindow", "Match")),
            self.match_any_button,
            self.match_all_button,
            spacing=2,
        )
        self.match_group_widget.setContentsMargins(10, 0, 10, 0)
        flow.addWidget(self.match_group_widget)
        # It acts on the students the filters show, so it sits at the filters' end.
        self.bulk_reassign_button.setProperty("flowAlignRight", True)
        flow.addWidget(self.bulk_reassign_button)
        return bar

    def _create_roster(self) -> None:
        self.table = RosterTableView(self.model)
        self.table.setObjectName("rosterTable")
        self.table.setMinimumWidth(ROSTER_MIN_WIDTH)

    def _create_panel(self) -> None:
        """The panel's place, with a stand-in until the panel is built (``panel``)."""
        self._panel: StudentPanel | None = None
        self._chart_choice: bool | None = None  # the settings' choice, until the panel has it
        self._stand_in = panel_stand_in()
        self._stand_in.setMinimumWidth(PANEL_MIN_WIDTH)
        self._stand_in.setAccessibleName(translate("MainWindow", "Student conference"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("rosterSplitter")
        self.splitter.setChildrenCollapsible(False)  # the panel never hides the roster
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._stand_in)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)

    @property
    def panel(self) -> StudentPanel:
        """The open student's conference. Built the first time anything needs it, and by
        ``run_main_window`` right after the roster's first paint: it is a tenth of the
        start, and until a student is opened it only shows the stand-in's words."""
        if self._panel is None:
            self._panel = self._build_panel()
            self._fit_side_by_side(self.width())  # its width may differ from the stand-in's
        return self._panel

    def build_panel(self) -> None:
        """Build the panel now (after the first paint), if nothing has needed it yet."""
        if not self._closed:
            self.panel  # noqa: B018 - the property builds it

    def _build_panel(self) -> StudentPanel:
        from classroom_desk.ui.student_panel import StudentPanel

        panel = StudentPanel(self._panel_presenter)
        panel.setMinimumWidth(max(panel.minimumWidth(), PANEL_MIN_WIDTH))
        panel.setAccessibleName(translate("MainWindow", "Student conference"))
        panel.note_edit.undo_passes_through = self.undo_toast.is_offering_undo
        panel.clock_stands_still = self._clock_should_stand_still
        if self._chart_choice is not None:
            panel.set_chart_visible(self._chart_choice)
        panel.set_back_visible(self.narrow)
        # In the stand-in's place, with its size and its shown or hidden state.
        self.splitter.replaceWidget(self.splitter.indexOf(self._stand_in), panel)
        self._stand_in.deleteLater()
        QWidget.setTabOrder(self.table, panel.note_edit)
        panel.record_changed.connect(self._on_student_record_changed)
        panel.reassigned.connect(self._on_panel_reassigned)
        panel.roster_requested.connect(self._on_back_to_roster)
        return panel

    def _open_student_id(self) -> str | None:
        """The student the panel has open; none before the panel is built."""
        return None if self._panel is None else self._panel.student_id

    def _panel_place(self) -> QWidget:
        """The panel, or its stand-in before it is built."""
        return self._stand_in if self._panel is None else self._panel

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
        self.section_combo.setAccessibleName(translate("MainWindow", "Class"))
        self.area_combo.setAccessibleName(translate("MainWindow", "Content area"))
        self.search_edit.setAccessibleName(translate("MainWindow", "Search students"))
        self.table.setAccessibleName(translate("MainWindow", "Roster"))
        self.bulk_reassign_button.setAccessibleName(
            translate("MainWindow", "Reassign all units under mastery")
        )

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
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)
        self.table.clicked.connect(self._on_row_activated)  # a click opens; arrows browse
        self.table.hidden_columns_changed.connect(self._on_hidden_columns_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.reassign_lowest_action.triggered.connect(self._on_reassign_lowest)
        self.save_next_action.triggered.connect(self._on_save_and_next)
        self.goal_action.triggered.connect(self._on_goal_shortcut)
        self.undo_action.triggered.connect(self._on_undo)
        self.bulk_reassign_action.triggered.connect(self._on_bulk_reassign)
        self.undo_toast.undo_requested.connect(self._on_undo)
        self.settings_action.triggered.connect(self._on_settings)
        self.quit_action.triggered.connect(self._on_quit)
        self.shortcuts_action.triggered.connect(self._on_shortcuts)
        self.about_action.triggered.connect(self._on_about)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._on_focus_window_changed)

    def _on_focus_window_changed(self, _focused: QWindow | None) -> None:
        if not self._closed and self._panel is not None:
            self._panel.update_clock()

    def _clock_should_stand_still(self) -> bool:
        """The conference clock stands still while a menu, a dialog or another program has
        the keyboard, and goes on when this window has it again. (A modal dialog is asked
        for too: not every platform moves the keyboard's window when one opens.)"""
        focused = QGuiApplication.focusWindow()
        return (
            QApplication.activeModalWidget() is not None
            or QApplication.activePopupWidget() is not None
            or focused is not self.windowHandle()
        )

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

    def _on_search_return(self) -> None:
        """Enter in the search box opens the single match, or the first of several."""
        if self.model.rowCount() == 0:
            self._tell(self.table.empty_text)
            return
        self._open_row(0)

    # -- the roster and the selected student -------------------------------------------------

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """The panel follows the selection; losing it (a reload) keeps the panel's student."""
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        self._selected_student_id = row.student_id if row else None
        if row is not None:
            self.panel.show_student(self._context_for(row))
            self._show_run_position()

    def _on_row_activated(self, index: QModelIndex) -> None:
        """Enter, a click or a double-click: this student's conference, cursor in the note."""
        if isinstance(index.data(STUDENT_ID_ROLE), str):
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        """Open the row's student for a conference: a run starts on this list if none is
        going (or the student is not in it), and the student counts as seen in it."""
        roster_row = self.model.row_at(row)
        if roster_row is None:
            return
        student_id = roster_row.student_id
        if self.run is None or student_id not in self.run:
            self.run = ConferenceRun.start(self._shown_ids())
        if self._selected_student_id != student_id:
            self._select_row(row)
        self._begin_conference(student_id)

    def _begin_conference(self, student_id: str) -> None:
        if self.run is not None:
            self.run.see(student_id)
        self._show_run_position()
        self._show_panel_in_front(True)
        self.panel.begin_conference()
        self.student_opened.emit(student_id)

    def _show_run_position(self) -> None:
        """ "3 of 11" in the panel's header: where the open student is in the run."""
        if self._panel is None:
            return  # no student open, no position to show
        run = self.run
        self._panel.set_run_position(run.progress_text(self._panel.student_id) if run else "")

    def _on_model_reset(self) -> None:
        """Rows were replaced: keep the same student selected if they are still shown."""
        wanted = self._selected_student_id
        row = self.model.row_of(wanted) if wanted else None
        if row is None:
            self._selected_student_id = None
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

    def selected_student_id(self) -> str | None:
        return self._selected_student_id

    def _context_for(self, row: RosterRow) -> StudentContext:
        presenter = self._presenter
        return StudentContext(
            student_id=row.student_id,
            name=row.name,
            grade=row.grade,
            content_area_id=presenter.content_area_id,
            content_area_name=self._area_name(),
            week=presenter.week,
            figures=row.figures,
        )

    def _follow_list(self, change: RosterChange) -> None:
        """The panel follows the list. After new figures (an action, a sync) the open
        student stays open even if a filter now leaves them out: the conference goes on.
        When the teacher chooses another list, a student it hides is closed (their note
        saved first) and the first row becomes current, so Enter opens it."""
        student_id = self._open_student_id()
        shown = student_id is not None and self.model.row_of(student_id) is not None
        if change is RosterChange.FIGURES or shown:
            row = next((r for r in self._presenter.state.rows if r.student_id == student_id), None)
            if row is not None:
                self.panel.show_student(self._context_for(row))
            elif student_id is not None:  # another school's data: nobody to show
                self.panel.close_student()
        else:
            if student_id is not None:
                self.panel.close_student()
                self._show_panel_in_front(False)
            if self.model.rowCount():
                self._select_row(0)
        self._show_run_position()

    # -- the conference ------------------------------------------------------------------------

    def _on_reassign_lowest(self) -> None:
        if self.panel.student_id is None:
            self._tell(
                translate(
                    "MainWindow", "Select a student first: Ctrl+R reassigns their lowest unit."
                )
            )
            return
        self._show_panel_in_front(True)  # what is done is seen, with the student's name
        if self.panel.reassign_lowest() is None:
            context = self._panel_presenter.context
            name = context.name if context else translate("MainWindow", "this student")
            mastery = self._presenter.thresholds.mastery_score
            self._tell(
                translate(
                    "MainWindow", "{name} has no unit under {mastery}% waiting to be reassigned."
                ).format(name=name, mastery=f"{mastery:.0f}")
            )

    def _on_panel_reassigned(self, step: UndoableStep) -> None:
        self.undo_toast.show_step(step.description)

    def _on_save_and_next(self) -> None:
        """Save the note, then open the run's next student with the cursor in the note."""
        current = self.panel.student_id
        if current is None:
            if self.model.rowCount():
                self._open_row(0)
            return
        if self.panel.flush() is SaveState.FAILED:
            self._tell(
                translate(
                    "MainWindow", "The note is not saved yet, so the panel stays on this student."
                )
            )
            return
        if self.run is None or current not in self.run:
            # Opened by browsing (arrows, a chart click): the run is the list as it is.
            self.run = ConferenceRun.start(self._shown_ids())
            self.run.see(current)
            self._show_run_position()
        following = self.run.next_after(current, set(self._shown_ids()))
        if following is None:
            seen = len(self.run.seen)
            self._tell(
                translate(
                    "MainWindow",
                    "That was the last student in the list ({seen} of {total} seen). "
                    "Choose another list, or Esc to go back to the roster.",
                ).format(seen=seen, total=len(self.run.order))
            )
            return
        row = self.model.row_of(following)
        if row is None:
            return
        self._select_row(row)
        self._begin_conference(following)

    def _shown_ids(self) -> list[str]:
        return [row.student_id for row in self._presenter.state.visible]

    def _on_goal_shortcut(self) -> None:
        if self.panel.student_id is None:
            self._tell(
                translate("MainWindow", "Select a student first: Ctrl+G sets one of their goals.")
            )
            return
        self._show_panel_in_front(True)
        self.panel.focus_goal_editor()

    def _on_back_to_roster(self) -> None:
        open_row = self.model.row_of(self.panel.student_id) if self.panel.student_id else None
        if open_row is not None and self._selected_student_id != self.panel.student_id:
            self._select_row(open_row)
        self._show_panel_in_front(False)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- fitting the screen ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_side_by_side(event.size().width())

    def _fit_side_by_side(self, window_width: int) -> None:
        """Roster and panel side by side when the roster's key columns fit beside the
        panel; on a narrower window (1024 pixels, or 1366 at 150%) they take turns: the
        roster, and the panel in its place while a student is open (Esc goes back)."""
        margins = self._central_layout.contentsMargins()
        room = window_width - margins.left() - margins.right()
        need = (
            self.table.key_columns_width()
            + self._panel_place().minimumWidth()
            + self.splitter.handleWidth()
        )
        narrow = room < need
        if narrow != self.narrow:
            self.narrow = narrow
            if self._panel is not None:
                self._panel.set_back_visible(narrow)
            self._show_panel_in_front(self._panel_in_front)

    def _show_panel_in_front(self, in_front: bool) -> None:
        """In the narrow layout, the panel (``in_front``) or the roster; both otherwise."""
        self._panel_in_front = in_front and self._open_student_id() is not None
        self.table.setVisible(not (self.narrow and self._panel_in_front))
        self._panel_place().setVisible(not self.narrow or self._panel_in_front)

    def _on_undo(self) -> None:
        try:
            step = self._panel_presenter.undo_last()
        except ValueError as error:  # refused (the step stays only while read only)
            self.undo_toast.show_step(
                translate("MainWindow", "Not undone: {error}").format(error=error),
                undoable=False,
                seconds=5,
            )
            return
        if step is None:
            self.undo_toast.show_step(
                translate("MainWindow", "Nothing to undo"), undoable=False, seconds=3
            )
            return
        said = step.undone or translate("MainWindow", "Undone: {what}").format(
            what=step.description
        )
        self.undo_toast.show_step(said, undoable=False, seconds=4)
        self._schedule_roster_reload()

    def _on_bulk_reassign(self) -> None:
        """Every unit under mastery for the students shown, after one confirmation."""
        presenter = self._presenter
        students = [row.student_id for row in presenter.state.visible]
        units = self._panel_presenter.bulk_candidates(students, presenter.content_area_id)
        mastery = f"{presenter.thresholds.mastery_score:.0f}%"
        if not units:
            self._tell(
                translate(
                    "MainWindow", "No unit under {mastery} is waiting for the students shown."
                ).format(mastery=mastery)
            )
            return
        student_count = len({student_id for student_id, _ in units})
        answer = QMessageBox.question(
            self,
            translate("MainWindow", "Reassign units"),
            translate(
                "MainWindow",
                "Reassign {units} under {mastery} for {students} of the {shown} shown?\n\n"
                "Each goes back to its student to retry. Undo (Ctrl+Z) takes them all back.",
            ).format(
                units=plural(
                    len(units),
                    translate("MainWindow", "{count} unit"),
                    translate("MainWindow", "{count} units"),
                ).format(count=len(units)),
                mastery=mastery,
                students=students_count(student_count),
                shown=len(students),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        step = self._panel_presenter.reassign_many(units)
        self.panel.redraw()
        self.undo_toast.show_step(step.description)
        self._schedule_roster_reload()

    def attach_sync(self, presenter: SyncStatusPresenter) -> SyncController:
        """Sync (when the app has a store to sync): status line, Sync now (F5), sign-in.

        Attached after the first paint by ``run_main_window``: the HTTP client and the
        wire format need not slow the start."""
        from classroom_desk.ui.sync_status_widget import SyncController

        self.sync = SyncController(presenter, self)
        self.statusBar().addPermanentWidget(self.sync.widget)
        self.sync.add_menu(self.menuBar())  # after the window's own menus
        self._help_menu_last()
        self.sync.synced.connect(self._on_synced)
        self.sync.status_changed.connect(self._on_sync_status_changed)
        self.sync.signed_in.connect(self._on_signed_in)
        return self.sync

    def attach_schools(self, presenter: SchoolSwitchPresenter) -> SchoolSwitcher:
        """A teacher of several schools: the name of the one showing on the top bar and in
        the title, File > School and Ctrl+Shift+L to switch (shown once there are two)."""
        from classroom_desk.ui.school_switcher import SchoolSwitcher

        self.schools = SchoolSwitcher(presenter, self)
        # The menu bar's right end: room that costs the roster no line on a small screen.
        self.menuBar().setCornerWidget(self.schools.button, Qt.Corner.TopRightCorner)
        self.schools.render()  # a new parent hides the button: shown again if it should be
        self._add_school_menu()
        return self.schools

    def _add_school_menu(self) -> None:
        """File > School, once both the File menu and the schools are there."""
        if self.schools is None or self.data_menu is None:
            return
        self.data_menu.menu.insertMenu(self.settings_action, self.schools.menu)
        self.data_menu.menu.insertSeparator(self.settings_action)

    def _on_signed_in(self) -> None:
        """A sign-in may have listed the teacher's other schools: the switch offers them."""
        schools = self.schools
        if schools is not None and schools.reload() and schools.presenter.switchable:
            self._tell(schools.listed_words())

    def _on_sync_status_changed(self, _text: str) -> None:
        """A sign-in (or a sync that learned the account's role) changes what is offered,
        and a principal's or coach's window becomes the School view."""
        if self._panel_presenter.read_only != self._read_only_shown:
            self._show_changes_allowed()
            if self.sync is not None:
                self.sync.follow_role()

    def _roster_group(self) -> str:
        return roster_group(None if self.schools is None else self.schools.presenter.settings_key)

    def _show_changes_allowed(self) -> None:
        """A principal's or coach's laptop (known from the sign-in) offers no shortcut to
        a change: reassigning and goals are the class's teachers'."""
        allowed = not self._panel_presenter.read_only
        for action in (self.reassign_lowest_action, self.goal_action, self.undo_action):
            action.setEnabled(allowed)
        self.bulk_reassign_button.setVisible(allowed)
        if not allowed:
            self.bulk_reassign_action.setEnabled(False)  # back with the roster's next reload
        if self._panel is not None:  # built after the first paint; it asks when it opens
            self._panel.show_changes_allowed()
        self._read_only_shown = not allowed

    def school_calendar(self) -> SchoolCalendar:
        """The school's weeks as the roster counts them (the School view offers them)."""
        return self._presenter.calendar

    def school_today(self) -> date:
        """Today in the school's time zone, which the laptop's own may not be in."""
        return self._presenter.calendar.local_date(self._presenter.now())

    def show_school_page(self, view: QWidget | None) -> None:
        """A principal's or coach's window holds ``view`` (the School view) in the
        roster's place; ``None`` gives the roster back. Their laptop holds no raw activity,
        so the roster's keys and the reports computed on this laptop rest meanwhile."""
        if view is not None:
            self.pages.addWidget(view)
            self.pages.setCurrentWidget(view)
            focus = QApplication.focusWidget()
            if focus is None or not view.isAncestorOf(focus):  # asked again: keys stay
                view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.pages.setCurrentWidget(self.roster_page)
        on_roster = view is None
        self.status_label.setVisible(on_roster)  # the roster's count and freshness
        self.freshness_label.setVisible(on_roster)
        if self.data_menu is not None:
            self.data_menu.show_local_reports(on_roster)
        if self.plan_menu is not None:
            self.plan_menu.show_for_roster(on_roster)

    def _roster_actions(self) -> list[QAction]:
        return [
            *self.filter_actions.values(),
            self.clear_filters_action,
            self.previous_week_action,
            self.this_week_action,
            self.next_week_action,
            self.find_action,
            self.reassign_lowest_action,
            self.save_next_action,
            self.goal_action,
            self.undo_action,
            self.bulk_reassign_action,
        ]

    def _on_synced(self, report: SyncReport) -> None:
        """Pulled rows reach the open views: the roster keeps its selection and scroll,
        and the panel is redrawn (never its note box) once no note is being typed. The
        first sync after a sign-in may have changed the account, so its role is read
        (and only a change of it redraws: the goal editor's typed target stays)."""
        self._on_sync_status_changed("")
        if report.pulled or report.pushed:
            # Pulled rows may be the school's policy, new classes or content areas (a
            # roster import on the server): read the school again, not only the figures.
            self._school_reload_pending |= report.pulled > 0
            self._schedule_roster_reload()
            self._panel_refresh_pending = True
            self._refresh_panel_after_sync()

    def _refresh_panel_after_sync(self) -> None:
        if self._closed:
            return
        if not self._panel_refresh_pending or self._open_student_id() is None:
            self._panel_refresh_pending = False
            return
        typing = (
            self.panel.note_edit.hasFocus() and not self.panel.note_edit.isReadOnly()
        ) or self._panel_presenter.draft.state is SaveState.UNSAVED
        if typing:
            QTimer.singleShot(5000, self._refresh_panel_after_sync)
            return
        self._panel_refresh_pending = False
        self._panel_presenter.refresh()
        self.panel.redraw()

    def _on_student_record_changed(self, _student_id: str) -> None:
        self._schedule_roster_reload()

    def _schedule_roster_reload(self) -> None:
        """Reload once control is back in the event loop: an action can be reported from
        inside a selection change, where replacing the model's rows is not safe."""
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self._reload_roster)

    def _reload_roster(self) -> None:
        """The roster's figures after an action, same students selected, same scroll."""
        self._reload_pending = False
        if self._closed:  # a reload queued just before closing: the store may be gone
            return
        scroll = self.table.verticalScrollBar().value()
        if self._school_reload_pending:
            self._school_reload_pending = False
            self.reload_school(keep_list=True)
        else:
            self._presenter.refresh_figures()
        self.table.verticalScrollBar().setValue(scroll)

    # -- data in and out (File menu) ------------------------------------------------------------

    def install_data_menu(
        self,
        imports: ImportService,
        reports: ReportService,
        backups: BackupService | None = None,
    ) -> DataMenu:
        """The File menu: imports, class chart, Skills Summary, a student's report, and
        restoring a backup."""
        from classroom_desk.ui.data_menu import DataMenu

        self.data_menu = DataMenu(self, self._presenter, imports, reports, backups=backups)
        self.data_menu.show_local_reports(self.pages.currentWidget() is self.roster_page)
        menu = self.data_menu.menu
        menu.addSeparator()
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self._add_school_menu()
        return self.data_menu

    def _help_menu_last(self) -> None:
        bar = self.menuBar()
        bar.removeAction(self.help_menu.menuAction())
        bar.addAction(self.help_menu.menuAction())

    # -- settings and help ----------------------------------------------------------------------

    def _on_settings(self) -> None:
        from classroom_desk.ui.settings_dialog import SettingsDialog

        if self._school_settings is None:
            self._tell(translate("MainWindow", "Settings open once the school's data is ready."))
            return
        dialog = SettingsDialog(self._school_settings, self, app_settings=self._settings)
        dialog.saved.connect(self._on_settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings_saved(self) -> None:
        self.reload_school()
        self._tell(
            translate(
                "MainWindow", "Settings saved: the roster shows the week and targets as now set."
            )
        )

    def _on_quit(self) -> None:
        """Quit: the note is saved and the window's layout kept, as when it is closed."""
        if self.close():
            QApplication.quit()

    def _on_shortcuts(self) -> None:
        from classroom_desk.ui.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_groups(), self)
        dialog.finished.connect(dialog.deleteLater)
        self.shortcuts_dialog = dialog
        dialog.open()

    def shortcut_groups(self) -> list[ShortcutGroup]:
        """Every shortcut that works on the page showing, by what it is for, from the
        actions that carry them: a principal's School view lists its own keys, not the
        roster's resting behind it."""
        view = None if self.sync is None else self.sync.school_view
        on_roster = view is None or self.pages.currentWidget() is not view
        groups: list[ShortcutGroup] = (
            self._roster_shortcut_groups()
            if on_roster or view is None
            else [(translate("SchoolView", "School view"), view.shortcut_entries())]
        )

        for title, menu in (
            (translate("MainWindow", "Data and reports"), self.data_menu),
            (translate("MainWindow", "Groups and tutoring"), self.plan_menu),
        ):
            if menu is not None:  # behind the School view its commands rest (disabled)
                keyed = menu.keyed_actions()
                groups.append((title, [a for a in keyed if on_roster or a.isEnabled()]))
        if self.schools is not None and self.schools.presenter.switchable:
            groups.append((translate("MainWindow", "Schools"), [self.schools.next_action]))
        if self.sync is not None:
            # As the menus': on the School view only what acts there (Ctrl+Shift+H, the
            # School view itself, rests while it is the page).
            keyed = [self.sync.sync_now_action, self.sync.school_view_action]
            groups.append(
                (translate("MainWindow", "Sync"), [a for a in keyed if on_roster or a.isEnabled()])
            )
        groups.append(
            (
                translate("MainWindow", "The app"),
                [self.settings_action, self.shortcuts_action, self.quit_action],
            )
        )
        return [(title, entries) for title, entries in groups if entries]

    def _roster_shortcut_groups(self) -> list[ShortcutGroup]:
        """The roster's and the conference's keys."""
        from classroom_desk.ui.help_dialogs import action_keys

        panel = self.panel
        return [
            (
                translate("MainWindow", "Roster"),
                [
                    *self.filter_actions.values(),
                    (
                        action_keys(self.clear_filters_action),
                        translate("MainWindow", "Clear the filters"),
                    ),
                    self.find_action,
                    (
                        translate("MainWindow", "Enter"),
                        translate("MainWindow", "Open the student, the cursor in the note"),
                    ),
                    (
                        translate("MainWindow", "Up, Down"),
                        translate("MainWindow", "Move through the roster (the panel follows)"),
                    ),
                    self.previous_week_action,
                    self.next_week_action,
                    self.this_week_action,
                    self.bulk_reassign_action,
                ],
            ),
            (
                translate("MainWindow", "Conference"),
                [
                    self.save_next_action,
                    self.reassign_lowest_action,
                    self.goal_action,
                    self.undo_action,
                    *panel.tag_actions.values(),
                    panel.profile_action,
                    ("Alt+N", translate("MainWindow", "The note")),
                    ("Alt+H", translate("MainWindow", "The history (Enter edits a note)")),
                    (translate("MainWindow", "Esc"), translate("MainWindow", "Back to the roster")),
                ],
            ),
        ]

    def _on_about(self) -> None:
        from classroom_desk.ui.help_dialogs import AboutDialog

        if self._app_info is None:
            self._tell(f"{APPLICATION_NAME} {__version__}")
            return
        dialog = AboutDialog(self._app_info, self)
        dialog.finished.connect(dialog.deleteLater)
        self.about_dialog = dialog
        dialog.open()

    def attach_rollup(self, service: RollupRebuildService) -> RollupRebuildRunner:
        """The weekly rollup's rebuild, run off the UI thread now (an upgrade or a change
        made elsewhere may have left one owed) and whenever the school is read again."""
        from classroom_desk.ui.rollup_rebuild import RollupRebuildRunner

        self.rollup = RollupRebuildRunner(service, parent=self)
        self.rollup.request()
        return self.rollup

    def reload_school(self, *, keep_list: bool = False) -> None:
        """After an import, a sync or a settings save: the school, its classes and areas
        read again; the teacher's choices kept where they still exist (``keep_list``: and
        the rows' places, as after any action). A new week or mastery score leaves the
        weekly rollup to rebuild: it runs in the background, the figures computed meanwhile."""
        if self.rollup is not None:
            self.rollup.request()
        self._presenter.start(self._presenter.settings(), keep_list=keep_list)
        self._fill_section_combo()
        self._refresh()
        view = None if self.sync is None else self.sync.school_view
        if view is not None:  # the school's weeks may have changed with it
            view.follow_calendar(self.school_calendar(), self.school_today())

    def open_student(self, student_id: str) -> bool:
        """Select the student's row and open their conference (a click on the class chart);
        filters and search are cleared if they hide the student. False: not in the roster."""
        row = self.model.row_of(student_id)
        if row is None and (self._presenter.state.active_filters or self.search_edit.text()):
            self.search_edit.clear()
            self._on_clear_filters()
            row = self.model.row_of(student_id)
        if row is None:
            return False
        self._open_row(row)
        self.raise_()  # above the chart the click came from: the chart is not kept on top
        self.activateWindow()
        return True

    def _tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _on_hidden_columns_changed(self) -> None:
        self._refresh()  # the status bar names the order when its column is hidden

    # -- following the presenter ---------------------------------------------------------------

    def _on_roster_changed(self, change: RosterChange) -> None:
        if change is not RosterChange.FIGURES:
            self.run = None  # the teacher chose another list: a new run starts on it
        if change is RosterChange.CONTEXT:
            self._fill_area_combo()
        self._refresh()
        self._follow_list(change)

    def _fill_section_combo(self) -> None:
        with QSignalBlocker(self.section_combo):
            self.section_combo.clear()
            for section in self._presenter.sections:
                self.section_combo.addItem(
                    f"{section.name} ({students_count(section.student_count)})", section.id
                )
            if self._presenter.sections:
                self.section_combo.insertSeparator(self.section_combo.count())
            self.section_combo.addItem(translate("MainWindow", ALL_CLASSES_LABEL), ALL_SECTIONS)
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
        return translate("MainWindow", "No content area")

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
        # Any/All matters from two filters, Clear from one: shown only then (room on a
        # small screen; the shortcuts work either way).
        self.match_group.setEnabled(len(state.active_filters) > 1)
        self.match_group_widget.setVisible(len(state.active_filters) > 1)
        self.clear_filters_button.setVisible(bool(state.active_filters))
        waiting = sum(row.figures.units_to_reassign for row in state.visible)
        self.bulk_reassign_action.setText(
            translate("MainWindow", "Reassign all under {mastery} ({waiting})…").format(
                mastery=f"{thresholds.mastery_score:.0f}%", waiting=waiting
            )
        )
        self.bulk_reassign_action.setEnabled(waiting > 0 and not self._panel_presenter.read_only)
        if self.search_edit.text() != state.search:
            with QSignalBlocker(self.search_edit):
                self.search_edit.setText(state.search)

        school = (
            presenter.school.name
            if presenter.school
            else translate("MainWindow", "No school set up")
        )
        shown = plural(
            len(state.rows),
            translate("MainWindow", "{shown} of {total} student"),
            translate("MainWindow", "{shown} of {total} students"),
        ).format(shown=len(state.visible), total=len(state.rows))
        parts = [shown, school]
        priority_hidden = Column.PRIORITY not in self.table.shown_columns()
        if state.sort_column is Column.PRIORITY and priority_hidden:
            parts.insert(
                1,
                translate("MainWindow", "most in need first")
                if state.sort_descending
                else translate("MainWindow", "least in need first"),
            )
        no_area = presenter.no_area_words()
        if no_area:  # the class lists nobody though it has students: no count, no order
            parts = [school]
        self.status_label.setText(" · ".join(parts))
        self._show_freshness()
        if no_area:
            self.table.empty_text = no_area
        elif not state.rows:
            self.table.empty_text = translate("MainWindow", "No students in this class.")
        elif state.search.strip() and not state.active_filters:
            self.table.empty_text = translate(
                "MainWindow", "No student's name contains “{search}”."
            ).format(search=state.search.strip())
        else:
            self.table.empty_text = translate("MainWindow", "No students match the chosen filters.")

    def _show_freshness(self) -> None:
        """How old the figures are, per source; one older than two school days in red."""
        lines = self._presenter.freshness
        stale = [f for f in lines if f.stale]
        fresh = [f for f in lines if not f.stale]
        shown = [
            f'<span style="color:{STALE_COLOR}; font-weight:bold">⚠ {escape(f.text)}</span>'
            for f in stale
        ]
        if len(lines) <= FRESHNESS_SHOWN:
            shown += [escape(f.text) for f in fresh]
        elif fresh:  # many feeds: the old ones by name, the rest counted (all in the tooltip)
            shown.append(
                plural(
                    len(fresh),
                    translate("MainWindow", "{count} other source up to date"),
                    translate("MainWindow", "{count} other sources up to date"),
                ).format(count=len(fresh))
            )
        self.freshness_label.setText(" · ".join(shown) or translate("MainWindow", "No import yet"))

        self.freshness_label.setToolTip(
            "\n".join(
                translate("MainWindow", "{source} — older than two school days").format(
                    source=f.text
                )
                if f.stale
                else f.text
                for f in lines
            )
            or translate(
                "MainWindow",
                "Import a roster and activity (File menu), or sign in to the school server.",
            )
        )
        self.freshness_label.setProperty("stale", any(f.stale for f in lines))

    # -- remembering ---------------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = self._settings
        settings.beginGroup(WINDOW_GROUP)
        try:
            geometry = settings.value("geometry")
            state = settings.value("state")
            splitter = settings.value("panel_splitter")  # not the old summary pane's sizes
            hidden = settings.value("hidden_columns")
            chart = settings.value("chart")
        finally:
            settings.endGroup()
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._place_by_default()
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            self.split_by_default()
        if isinstance(hidden, str | list):
            names = hidden.split(",") if isinstance(hidden, str) else hidden
            known = {column.name: column for column in Column}
            self.table.set_hidden_columns(known[n] for n in names if n in known)
        if chart in ("0", "1"):
            self._chart_choice = chart == "1"
            if self._panel is not None:
                self._panel.set_chart_visible(self._chart_choice)

    def split_by_default(self) -> None:
        """The panel's share of the window's width, the roster the rest."""
        share = round(self.width() * PANEL_SHARE)
        panel = max(min(share, PANEL_MAX_WIDTH), self._panel_place().minimumWidth())
        self.splitter.setSizes([self.width() - panel, panel])

    def _place_by_default(self) -> None:
        """A laptop's screen is used whole: maximized where the default size does not fit
        (the window manager then fits title bar and all), else the default size, centred."""
        available = available_area(self)
        fit_to_screen(self, DEFAULT_WIDTH, DEFAULT_HEIGHT)
        if available.width() < DEFAULT_WIDTH or available.height() < DEFAULT_HEIGHT:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A geometry saved on a larger screen (or a title bar Qt did not know of) must not
        # put the status bar under the bottom of this one.
        if not self.isMaximized() and not self.isFullScreen():
            QTimer.singleShot(0, self._keep_on_screen)

    def _keep_on_screen(self) -> None:
        if not self._closed and not self.isMaximized():
            keep_on_screen(self)

    def save_state(self) -> None:
        """Write the window's layout and the roster choices to the settings file."""
        settings = self._settings
        settings.beginGroup(WINDOW_GROUP)
        try:
            settings.setValue("geometry", self.saveGeometry())
            settings.setValue("state", self.saveState())
            settings.setValue("panel_splitter", self.splitter.saveState())
            hidden = sorted(self.table.hidden_columns(), key=COLUMNS.index)
            settings.setValue("hidden_columns", ",".join(column.name for column in hidden))
            if self._panel is not None:
                self._chart_choice = self._panel.chart_visible()
            if self._chart_choice is not None:
                settings.setValue("chart", "1" if self._chart_choice else "0")
        finally:
            settings.endGroup()
        save_roster_settings(settings, self._presenter.settings(), self._roster_group())
        settings.sync()

    def flush(self) -> None:
        """Save the note being typed and the window's layout (closing or quitting)."""
        if self._panel is not None:
            self._panel.flush()
        self.save_state()
        if self.sync is not None:
            self.sync.finish()  # the note just saved goes out too, within a few seconds

    def _may_close(self) -> bool:
        """A note or a learner profile that could not be saved is said before the window
        closes: closing loses it, so the teacher chooses (staying keeps it in its box, to
        copy or save later). Every save that failed is tried again first (the open note,
        those kept for other students, the profile): what refused it may be gone, and only
        what is still refused is asked about, each with its own words and reason."""
        if self._panel is not None:
            self._panel.save_everything()
        notes = self._panel_presenter.failed_notes()
        profile = self._panel_presenter.profile
        profile_failed = profile.state is SaveState.FAILED
        if not notes and not profile_failed:
            return True
        lines: list[str] = []
        if notes:
            lines.append(
                plural(
                    len(notes),
                    translate("MainWindow", "{count} note could not be saved: {error}"),
                    translate("MainWindow", "{count} notes could not be saved: {error}"),
                ).format(
                    count=len(notes), error=next((note.error for note in notes if note.error), "")
                )
            )
        if profile_failed:
            lines.append(
                translate("MainWindow", "The learner profile could not be saved: {error}").format(
                    error=profile.error
                )
            )
        lines.append(
            translate("MainWindow", "Close anyway and lose what was not saved, or cancel?")
        )
        answer = QMessageBox.warning(
            self,
            translate("MainWindow", _NOT_SAVED_TITLES[bool(notes), profile_failed]),
            "\n\n".join(lines),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self._may_close():
            event.ignore()
            return
        self._closed = True
        self.flush()
        if self._on_roster_changed in self._presenter.listeners:
            self._presenter.listeners.remove(self._on_roster_changed)
        self.model.detach()
        if self._panel is not None:
            self._panel.detach()
        if self.data_menu is not None:
            self.data_menu.close_windows()  # the chart has a window of its own
        if self.plan_menu is not None:
            self.plan_menu.close_windows()
        if self.sync is not None:
            self.sync.close()
        if self.rollup is not None:
            self.rollup.stop()  # the rest is built at the next start
        for runner in self.findChildren(TaskRunner):
            runner.close()  # an import or a report ending later tells no window
        super().closeEvent(event)


# The close question's title, by what could not be saved: (notes, the learner profile).
_NOT_SAVED_TITLES = {
    (True, False): translatable("MainWindow", "A note is not saved"),
    (False, True): translatable("MainWindow", "The learner profile is not saved"),
    (True, True): translatable("MainWindow", "Not everything is saved"),
}


def _caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def students_count(count: int) -> str:
    """ "1 student", "28 students", in the teacher's language."""
    return plural(
        count,
        translate("MainWindow", "{count} student"),
        translate("MainWindow", "{count} students"),
    ).format(count=count)


@dataclass(frozen=True, slots=True)
class AppServices:
    """What the window gains after its first paint: imports, reports, sync, and the Plan
    menu (groups, rotation board, tutoring)."""

    imports: ImportService
    reports: ReportService
    sync: SyncStatusPresenter
    plans: PlanPresenters | None = None
    backups: BackupService | None = None
    rollup: RollupRebuildService | None = None


def add_bundled_fonts() -> int:
    """The packaged app's fallback fonts for Qt too, so a name in Chinese or Arabic shows
    in the roster on a laptop that has no such font; returns how many were added."""
    from classroom_desk.reports.fonts import BUNDLED_FONTS

    added = 0
    for path in sorted(BUNDLED_FONTS.glob("*")) if BUNDLED_FONTS.is_dir() else []:
        added += QFontDatabase.addApplicationFont(str(path)) >= 0
    return added


def run_main_window(
    presenter: RosterPresenter,
    panel_presenter: StudentPanelPresenter,
    *,
    settings_path: Path,
    smoke_test: bool,
    services: Callable[[], AppServices] | None = None,
    school_settings: SchoolSettingsService | None = None,
    app_info: AppInfo | None = None,
    schools: SchoolSwitchPresenter | None = None,
) -> int:
    """Show the roster window and run Qt's event loop; returns the process exit code.

    ``schools``: the teacher's schools; a switch to another ends the event loop with
    ``schools.chosen`` set, for the caller to open that school's store and call again.

    With ``smoke_test`` the window paints its roster once, prints ``roster rows: N``,
    builds and paints the conference panel, and exits without writing settings. The
    panel and the ``services`` (imports, reports, sync) are made once the roster has
    painted, so they cost the start nothing.
    """
    app = application()
    app.setApplicationName(APPLICATION_NAME)
    add_bundled_fonts()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    language = install_language(language_choice(settings))
    school_key = None if schools is None else schools.settings_key
    presenter.start(load_roster_settings(settings, roster_group(school_key)))
    window = MainWindow(
        presenter, panel_presenter, settings, school_settings=school_settings, app_info=app_info
    )
    if schools is not None:
        window.attach_schools(schools).switch_requested.connect(app.quit)
    window.show()
    if smoke_test:

        def paint_and_report() -> None:
            try:
                window.grab()  # paints every child, the roster's rows included
                print(f"language: {language}", flush=True)
                print(f"roster rows: {window.model.rowCount()}", flush=True)
                window.build_panel()  # as after a real start's first paint
                window.grab()
            except Exception:
                traceback.print_exc()
                app.exit(1)
            else:
                app.exit(0)

        QTimer.singleShot(0, paint_and_report)
    else:
        # A session ending quits without closing windows: save the note and choices then too.
        app.aboutToQuit.connect(window.flush)
        QTimer.singleShot(0, window.build_panel)

        def attach_services() -> None:
            if services is None:
                return
            made = services()
            window.install_data_menu(made.imports, made.reports, made.backups)
            if made.plans is not None:
                from classroom_desk.ui.plan_menu import PlanMenu

                window.plan_menu = PlanMenu(window, presenter, made.plans, made.reports)
            window.attach_sync(made.sync).start()
            if made.rollup is not None:
                window.attach_rollup(made.rollup)

        QTimer.singleShot(0, attach_services)
    try:
        return app.exec()
    finally:
        if not smoke_test:  # the next school's window is another (its store this one's no more)
            app.aboutToQuit.disconnect(window.flush)
        window.deleteLater()
