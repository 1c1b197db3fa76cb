"""The conference panel beside the roster: one student's week, units, goals, note and history.

``StudentPanel`` draws what its ``StudentPanelPresenter`` decides and forwards the
teacher's actions to it. The note autosaves a moment after the last keystroke, when the
panel changes student and when the window closes; "Saved" shows only once the presenter
reports the note committed. matplotlib is imported the first time a chart is drawn.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.figures import Status
from classroom_desk.domain.goals import GoalKind
from classroom_desk.i18n import day_and_month, plural, translatable, translate
from classroom_desk.presenters.student_panel import (
    CHART_WEEKS,
    CONFERENCE_AIM_SECONDS,
    NOTE_TAGS,
    GoalView,
    SaveState,
    StudentContext,
    StudentPanelPresenter,
    UndoableStep,
    UnitState,
    tag_label,
)
from classroom_desk.reports.charts import student_weeks_figure
from classroom_desk.ui.chart_host import ChartHost
from classroom_desk.ui.chips import CHIP_STYLE, chip
from classroom_desk.ui.flow_layout import FlowLayout
from classroom_desk.ui.goal_row import MET, SAVED_COLOUR, GoalRow, TargetSpinBox
from classroom_desk.ui.hints import as_hint
from classroom_desk.ui.note_edit import AUTOSAVE_DELAY_MS, NoteEdit
from classroom_desk.ui.note_revision_dialog import NoteRevisionDialog
from classroom_desk.ui.panel_placeholder import framed_as_panel, placeholder_label
from classroom_desk.ui.profile_section import ProfileSection
from classroom_desk.ui.roster_model import STATUS_STYLES, shortfall_colour
from classroom_desk.ui.timeline_model import RECORD_ROLE, TimelineModel
from classroom_desk.ui.timeline_view import TimelineView
from classroom_desk.ui.unit_row import UnitRow, attempts_text, unit_state_text

if TYPE_CHECKING:
    pass

#: Arrowing through the roster opens each student; the chart waits until the teacher stops.
CHART_DELAY_MS = 80
TIMELINE_VISIBLE_ROWS = 8
LAST_NOTE_CHARS = 280
SHORT = "✗"
AMBER = "#b26a00"

GOAL_KIND_LABELS = {
    GoalKind.UNITS_MASTERED: translatable("Panel", "Units mastered"),
    GoalKind.AVERAGE_SCORE: translatable("Panel", "Average score"),
    GoalKind.MINUTES: translatable("Panel", "Minutes"),
}
PANEL_STYLE = """
QLabel[section="true"] { font-weight: bold; }
QFrame[unitState="to_reassign"] { background: #fdecea; border-radius: 4px; }
QFrame[unitState="to_reassign"] QFrame { color: #7f1010; }
QFrame[unitState="reassigned"] QLabel[role="state"] { color: #6a5acd; }
QFrame[unitState="mastered"] QLabel[role="state"],
QFrame[unitState="mastered_on_retry"] QLabel[role="state"] { color: #276b2b; }
QToolButton#chartToggle { border: none; background: transparent; padding: 2px 0; }
"""


class StudentPanel(QFrame):
    """The open student's conference, built from a presenter; follows its change notices."""

    record_changed = Signal(str)
    """Something about the open student was written (the note's first save, a reassignment,
    a goal, a celebration, an undo); carries the student id."""
    reassigned = Signal(object)
    """An undoable step was taken in the panel (a unit reassigned, a goal dropped); carries
    the presenter's ``UndoableStep``, for the window's undo toast. (The name is older than
    dropping's undo; the window connects it.)"""
    roster_requested = Signal()
    """Escape: the teacher wants the roster back."""

    def __init__(self, presenter: StudentPanelPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._note_dirty = False
        self._loading = False
        self._chart_key: tuple[str, str, date] | None = None
        self.revision_dialog: NoteRevisionDialog | None = None
        self._chart_visible = True
        #: Whether the conference clock should stand still (a menu or dialog is open);
        #: the window that hosts the panel says.
        self.clock_stands_still: Callable[[], bool] = lambda: False
        self.setObjectName("studentPanel")
        framed_as_panel(self)
        self.setStyleSheet(PANEL_STYLE + CHIP_STYLE)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(CHART_DELAY_MS)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)

        self._placeholder = placeholder_label()

        content = QWidget()
        content.setObjectName("panelContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(14, 12, 14, 14)
        column.setSpacing(6)
        column.addWidget(self._build_header())
        column.addWidget(self._build_profile())
        column.addSpacing(4)
        column.addWidget(self._build_note())
        column.addSpacing(8)
        column.addWidget(self._build_units())
        column.addSpacing(8)
        column.addWidget(self._build_goals())
        column.addSpacing(8)
        column.addWidget(self._build_chart())
        column.addSpacing(8)
        column.addWidget(self._build_history())
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("panelScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A click on a chip or a goal's drop cross (buttons that take no click focus) would
        # otherwise hand the focus to the scroll area, and the next words typed go nowhere.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        self.scroll_area.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        content.setBackgroundRole(QPalette.ColorRole.Base)

        self._fit_minimum_width(content)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self.scroll_area)

        self.back_action = QAction(translate("Panel", "Back to the roster"), self)
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.back_action)

        self._connect_signals()
        presenter.changed.append(self._on_presenter_changed)

    # -- building --------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        self.name_label = QLabel()
        self.name_label.setObjectName("panelName")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.name_label.setFont(title_font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_label = QLabel()
        self.run_label.setObjectName("runPosition")
        self.run_label.setToolTip(
            translate(
                "Panel",
                "Where this student is in the list Ctrl+Enter walks (it keeps the order it "
                "had when the first student was opened)",
            )
        )
        self.timer_label = QLabel()
        self.timer_label.setObjectName("conferenceTimer")
        self.timer_label.setToolTip(
            translate(
                "Panel", "How long this conference has taken; the aim is {seconds} seconds"
            ).format(seconds=CONFERENCE_AIM_SECONDS)
        )
        self.context_label = QLabel()
        self.context_label.setObjectName("panelContext")
        self.context_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("panelStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.expectation_labels = [QLabel() for _ in range(3)]
        expectations = QWidget()
        flow = FlowLayout(expectations, spacing=16, line_spacing=2)
        for label in self.expectation_labels:
            label.setTextFormat(Qt.TextFormat.RichText)
            flow.addWidget(label)

        # In a narrow window the panel stands in the roster's place: the way back.
        self.back_button = QToolButton()
        self.back_button.setObjectName("backToRosterButton")
        self.back_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.setText(translate("Panel", "Roster (Esc)"))
        self.back_button.setAutoRaise(True)
        self.back_button.setAccessibleName(translate("Panel", "Back to the roster"))
        self.back_button.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.run_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(10)
        top.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignTop)
        header = QWidget()
        header.setObjectName("panelHeader")
        column = QVBoxLayout(header)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(top)
        column.addWidget(self.context_label)
        column.addWidget(self.status_label)
        column.addWidget(expectations)
        return header

    def _build_profile(self) -> QWidget:
        self.profile_section = ProfileSection(self._presenter.profile, SAVED_COLOUR)
        self.profile_action = QAction(translate("Panel", "Learner profile"), self)
        self.profile_action.setShortcut(QKeySequence("Alt+P"))
        self.profile_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.profile_action)
        return self.profile_section

    def _build_note(self) -> QWidget:
        self.last_time_label = QLabel()
        self.last_time_label.setObjectName("lastTime")
        self.last_time_label.setWordWrap(True)
        self.last_time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_time_label.setTextFormat(Qt.TextFormat.RichText)

        self.note_edit = NoteEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setAccessibleName(translate("Panel", "Conference note"))
        lines = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(lines * 4 + 14)
        note_caption = _section_label(translate("Panel", "&Note"))
        note_caption.setBuddy(self.note_edit)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.addWidget(note_caption)
        caption_row.addStretch(1)
        caption_row.addWidget(self.save_label)

        self.tag_actions: dict[str, QAction] = {}
        self.tag_buttons: dict[str, QToolButton] = {}
        self.note_tags = QWidget()
        self.note_tags.setObjectName("noteTags")
        flow = FlowLayout(self.note_tags, spacing=4, line_spacing=4)
        for number, tag in enumerate(NOTE_TAGS, start=1):
            action = QAction(f"{tag_label(tag)}  Alt+{number}", self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                translate("Panel", "Tag the note “{tag}” (Alt+{number})").format(
                    tag=tag_label(tag).lower(), number=number
                )
            )
            self.addAction(action)
            button = chip(action)
            button.setObjectName(f"tag_{tag.replace(' ', '_')}")
            flow.addWidget(button)
            self.tag_actions[tag] = action
            self.tag_buttons[tag] = button

        self.follow_up_check = QCheckBox(translate("Panel", "Follow up on"))
        self.follow_up_check.setObjectName("followUpCheck")
        self.follow_up_date = QDateEdit()
        self.follow_up_date.setObjectName("followUpDate")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDisplayFormat(translate("Panel", "ddd MMM d"))
        self.follow_up_date.setEnabled(False)
        self.follow_up_date.setAccessibleName(translate("Panel", "Follow-up date"))
        self.follow_up_date.setAccessibleDescription(
            translate("Panel", "The day to see the student again")
        )
        # As wide as the widest date it shows (a style's own hint leaves "Wed Sep 30" cut).
        locale, display = QLocale(), self.follow_up_date.displayFormat()
        widest = max(
            self.follow_up_date.fontMetrics().horizontalAdvance(
                locale.toString(QDate(2026, 9, 21 + day), display)
            )
            for day in range(7)
        )
        self.follow_up_date.setMinimumWidth(widest + 44)
        self.follow_up_row = QWidget()
        follow = QHBoxLayout(self.follow_up_row)
        follow.setContentsMargins(0, 0, 0, 0)
        follow.addWidget(self.follow_up_check)
        follow.addWidget(self.follow_up_date)
        follow.addStretch(1)

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.last_time_label)
        column.addLayout(caption_row)
        column.addWidget(self.note_edit)
        column.addWidget(self.note_tags)
        column.addWidget(self.follow_up_row)
        return box

    def _build_units(self) -> QWidget:
        metrics = self.fontMetrics()
        self._unit_widths = {
            "score": metrics.horizontalAdvance("100%") + 6,
            "day": metrics.horizontalAdvance(day_and_month(date(2026, 11, 30))) + 6,
            "attempts": metrics.horizontalAdvance(attempts_text(12)) + 6,
            "action": max(
                metrics.horizontalAdvance(unit_state_text(UnitState.MASTERED_ON_RETRY)) + 8,
                QPushButton(translate("Panel", "Reassign")).sizeHint().width(),
            ),
        }
        self.units_caption = _section_label(translate("Panel", "Units"))
        self.units_summary = QLabel()
        self.units_summary.setObjectName("unitsSummary")
        self.units_summary.setWordWrap(True)  # a narrow panel (1024 pixels) takes two lines
        as_hint(self.units_summary)
        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.addWidget(self.units_caption)
        caption_row.addWidget(self.units_summary, 1)
        self.no_units_label = QLabel(translate("Panel", "No units completed yet."))
        as_hint(self.no_units_label)
        self.unit_rows: list[UnitRow] = []
        self._units_column = QVBoxLayout()
        self._units_column.setContentsMargins(0, 0, 0, 0)
        self._units_column.setSpacing(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(caption_row)
        column.addWidget(self.no_units_label)
        column.addLayout(self._units_column)
        return box

    def _build_goals(self) -> QWidget:
        self.goal_rows: list[GoalRow] = []
        self._goals_column = QVBoxLayout()
        self._goals_column.setContentsMargins(0, 0, 0, 0)
        self._goals_column.setSpacing(1)
        self.no_goals_label = QLabel(translate("Panel", "No goals yet."))
        as_hint(self.no_goals_label)

        self.goal_kind_combo = QComboBox()
        self.goal_kind_combo.setObjectName("goalKind")
        self.goal_kind_combo.setAccessibleName(translate("Panel", "Goal kind"))
        # On Linux a screen reader reads a combo box's value as its name, its label apart.
        self.goal_kind_label = QLabel(translate("Panel", "New goal"))
        self.goal_kind_label.setBuddy(self.goal_kind_combo)
        for kind, english in GOAL_KIND_LABELS.items():
            label = translate("Panel", english)
            self.goal_kind_combo.addItem(label, kind)
        self.goal_kind_combo.setMinimumWidth(self.goal_kind_combo.sizeHint().width())
        self.goal_target_spin = TargetSpinBox()
        self.goal_target_spin.setObjectName("goalTarget")
        self.goal_target_spin.setAccessibleName(translate("Panel", "Goal target"))
        self.goal_target_spin.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("10080 min") + 36
        )
        self.goal_button = QPushButton(translate("Panel", "Set goal"))
        self.goal_button.setObjectName("goalButton")
        self.goal_button.setToolTip(
            translate("Panel", "Set the goal (Enter in the target box); Ctrl+G comes here")
        )
        self.goal_error = QLabel()
        self.goal_error.setStyleSheet(f"color: {shortfall_colour().name()}")
        self.goal_error.hide()
        self.goal_editor = QWidget()
        editor = QHBoxLayout(self.goal_editor)
        editor.setContentsMargins(6, 2, 0, 0)
        editor.setSpacing(6)
        editor.addWidget(self.goal_kind_label)
        editor.addWidget(self.goal_kind_combo)
        editor.addWidget(self.goal_target_spin)
        editor.addWidget(self.goal_button)
        editor.addStretch(1)

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(_section_label(translate("Panel", "Goals")))
        column.addWidget(self.no_goals_label)
        column.addLayout(self._goals_column)
        column.addWidget(self.goal_editor)
        column.addWidget(self.goal_error)
        return box

    def _build_chart(self) -> QWidget:
        self.chart_toggle = QToolButton()
        self.chart_toggle.setObjectName("chartToggle")
        self.chart_toggle.setText(
            translate("Panel", "Last {weeks} weeks: minutes and average").format(weeks=CHART_WEEKS)
        )
        self.chart_toggle.setCheckable(True)
        self.chart_toggle.setChecked(True)
        self.chart_toggle.setAutoRaise(True)
        self.chart_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chart_toggle.setArrowType(Qt.ArrowType.DownArrow)
        bold = QFont(self.font())
        bold.setBold(True)
        self.chart_toggle.setFont(bold)
        self.chart_host = ChartHost()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.chart_toggle)
        column.addWidget(self.chart_host)
        return box

    def _build_history(self) -> QWidget:
        self.timeline_model = TimelineModel(self._presenter.calendar, self)
        self.timeline_view = TimelineView()
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setAccessibleName(translate("Panel", "History"))
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setUniformItemSizes(True)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.timeline_view.setFrameShape(QFrame.Shape.NoFrame)
        self.timeline_view.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.no_history_label = QLabel(
            translate("Panel", "Nothing yet: notes, goals and reassignments appear here.")
        )
        as_hint(self.no_history_label)
        self.no_history_label.setWordWrap(True)
        history_caption = _section_label(translate("Panel", "&History"))
        history_caption.setBuddy(self.timeline_view)
        self.history_hint = QLabel(translate("Panel", "Enter or double-click a note to edit it"))
        self.history_hint.setObjectName("historyHint")
        as_hint(self.history_hint)
        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.setSpacing(8)
        caption_row.addWidget(history_caption)
        caption_row.addWidget(self.history_hint, 1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(caption_row)
        column.addWidget(self.no_history_label)
        column.addWidget(self.timeline_view)
        return box

    def _connect_signals(self) -> None:
        self._autosave_timer.timeout.connect(self._on_autosave_due)
        self._chart_timer.timeout.connect(self._on_chart_due)
        self._clock.timeout.connect(self.update_clock)
        self.note_edit.textChanged.connect(self._on_note_edited)
        for tag, action in self.tag_actions.items():
            action.triggered.connect(lambda _checked, chosen=tag: self._on_tag_toggled(chosen))
        self.follow_up_check.toggled.connect(self._on_follow_up_changed)
        self.follow_up_date.dateChanged.connect(self._on_follow_up_changed)
        self.goal_kind_combo.currentIndexChanged.connect(self._on_goal_kind_chosen)
        self.goal_target_spin.submitted.connect(self._on_goal_submitted)
        self.goal_button.clicked.connect(self._on_goal_submitted)
        self.chart_toggle.toggled.connect(self._on_chart_toggled)
        self.timeline_view.edit_requested.connect(self._on_note_edit_requested)
        self.back_action.triggered.connect(self.roster_requested)
        self.back_button.clicked.connect(self.roster_requested)
        self.profile_action.triggered.connect(self._on_profile_shortcut)

    # -- what the window asks ----------------------------------------------------------------

    @property
    def student_id(self) -> str | None:
        context = self._presenter.context
        return context.student_id if context else None

    def show_student(self, context: StudentContext) -> None:
        """Open ``context``'s student, or bring the open one up to date (same student: the
        note being typed is left alone)."""
        current = self._presenter.context
        same_student = current is not None and current.student_id == context.student_id
        if same_student and current == context:
            return
        if not same_student:
            self.flush()
        self._presenter.open(context)
        if not same_student:
            self._reset_note()
            self.profile_section.reset()
            self.scroll_area.verticalScrollBar().setValue(0)
        self._stack.setCurrentWidget(self.scroll_area)
        self._clock.start()
        self.redraw()

    def close_student(self) -> None:
        """Show no student (the list hid them); their note is saved first."""
        self.flush()
        self._autosave_timer.stop()
        self._clock.stop()
        self._presenter.close()
        self._reset_note()
        self.set_run_position("")
        self._stack.setCurrentWidget(self._placeholder)

    def set_back_visible(self, visible: bool) -> None:
        """The "Roster (Esc)" button: shown while the panel stands in the roster's place."""
        self.back_button.setVisible(visible)

    def set_run_position(self, text: str) -> None:
        """ "3 of 11": the open student's place in the conference run (empty: none)."""
        self.run_label.setText(text)
        self.run_label.setAccessibleName(
            translate("Panel", "Student {position} in this list").format(position=text)
            if text
            else ""
        )
        self.run_label.setVisible(bool(text))

    def begin_conference(self) -> None:
        """The teacher opened the student (Enter, a click, Ctrl+Enter): the clock starts
        and the cursor is in the note."""
        self._presenter.start_clock()
        self._show_clock()
        self.focus_note()

    def focus_note(self) -> None:
        self.scroll_area.ensureWidgetVisible(self.note_edit)
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_goal_editor(self) -> None:
        self.scroll_area.ensureWidgetVisible(self.goal_button)
        self.goal_kind_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def flush(self) -> SaveState:
        """Save the note now (autosave's timer, a student change, closing, quitting); a
        correction of an earlier note open in its dialog is saved too."""
        self._autosave_timer.stop()
        if self.revision_dialog is not None:
            self.revision_dialog.flush()
        if self._presenter.context is None:
            return SaveState.EMPTY
        if self._note_dirty:
            self._note_dirty = False
            self._presenter.edit_note(self.note_edit.toPlainText())
        state = self._presenter.autosave()
        self._show_save_state()
        if self.profile_section.flush() is SaveState.FAILED:
            return SaveState.FAILED
        return state

    def save_everything(self) -> None:
        """Closing: what was typed is saved (``flush``), and every note whose save failed
        is tried again, the open student's and those kept for others (the presenter's
        ``failed_notes`` then says which are still not saved)."""
        self.flush()
        self._presenter.save_failed_notes()
        self._show_save_state()

    def reassign_lowest(self) -> UndoableStep | None:
        """Reassign the open student's lowest unit under mastery; ``None`` when there is none."""
        if self._presenter.context is None:
            return None
        unit = self._presenter.lowest_unit_to_reassign()
        if unit is None:
            return None
        return self._reassign(unit.unit_id)

    def chart_visible(self) -> bool:
        return self._chart_visible

    def set_chart_visible(self, visible: bool) -> None:
        self.chart_toggle.setChecked(visible)

    def flush_chart(self) -> None:
        """Draw a pending chart now rather than after its short delay."""
        if self._chart_timer.isActive():
            self._chart_timer.stop()
            self._on_chart_due()

    def detach(self) -> None:
        """Stop following the presenter and its timers (the window is going away)."""
        for timer in (self._clock, self._chart_timer, self._autosave_timer):
            timer.stop()
        self.profile_section.stop()
        if self.revision_dialog is not None:
            self.revision_dialog.stop()
        if self._on_presenter_changed in self._presenter.changed:
            self._presenter.changed.remove(self._on_presenter_changed)

    # -- drawing -----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Bring every part of the panel in line with the presenter (the note box excepted)."""
        presenter = self._presenter
        context = presenter.context
        if context is None:
            self._stack.setCurrentWidget(self._placeholder)
            return
        calendar = presenter.calendar()
        self.name_label.setText(context.name)
        this_week = calendar.current_week(presenter.now())
        week = (
            translate("Panel", "This week")
            if context.week == this_week
            else translate("Panel", "Week of {day}").format(day=day_and_month(context.week))
        )
        parts = [context.content_area_name, week]
        if context.grade:
            parts.insert(0, translate("Panel", "Grade {grade}").format(grade=context.grade))
        self.context_label.setText(" · ".join(parts))
        self._render_status()
        for label, line in zip(self.expectation_labels, presenter.expectation_lines(), strict=True):
            label.setText(_against(line.label, line.value, line.met))
        self.profile_section.redraw()
        self._render_last_time()
        self._render_tags()
        allowed = not presenter.read_only
        self._render_units(allowed)
        self._render_goals(allowed)
        self._show_changes_allowed(allowed)
        current = self.timeline_view.currentIndex().data(RECORD_ROLE)
        self.timeline_model.set_entries(presenter.timeline)
        if isinstance(current, str):
            self._select_history_row(current)  # a reset loses the current row
        self._fit_timeline()
        self._show_clock()
        self._show_save_state()
        if presenter.draft.state is SaveState.UNSAVED and not self._autosave_timer.isActive():
            self._autosave_timer.start()  # a tag added by an action changes the note too
        key = (context.student_id, context.content_area_id, context.week)
        if self._chart_visible and key != self._chart_key:
            self._chart_timer.start()

    def show_changes_allowed(self) -> None:
        """After a sign-in, at once: what the panel offers follows the account's role. The
        rest of the panel waits while a note is typed; this never touches the note's text."""
        allowed = not self._presenter.read_only
        if self._presenter.context is not None:
            self._render_units(allowed)
            self._render_goals(allowed)
        self._show_changes_allowed(allowed)

    def _show_changes_allowed(self, allowed: bool) -> None:
        """Signed in as a principal or a coach, the panel shows the student and offers no
        change it could not save: the note box says why, and tags, follow-up, the goal
        editor and the rows' buttons are gone (their shortcuts too)."""
        self.note_edit.setReadOnly(not allowed)
        self.note_edit.setPlaceholderText(
            translate("Panel", "Conference note: type while you talk (saved as you type)")
            if allowed
            else translate(
                "Panel",
                "Read only: this account reads the school's records. Notes, goals and "
                "reassignments are made by the class's teachers.",
            )
        )
        for action in self.tag_actions.values():
            action.setEnabled(allowed)
        for widget in (self.note_tags, self.follow_up_row, self.goal_editor):
            widget.setVisible(allowed)
        self.profile_section.set_changes_allowed(allowed)

    def _render_status(self) -> None:
        assessment = self._presenter.assessment
        if assessment is None:
            self.status_label.clear()
            return
        style = STATUS_STYLES[assessment.status]
        text = self._presenter.status_text()
        head, _, reasons = text.partition(": ")
        self.status_label.setText(
            f'<span style="color:{style.marker.name()}">{style.glyph}</span> <b>{escape(head)}</b>'
            + (f": {escape(reasons)}" if reasons else "")
        )

    def _render_last_time(self) -> None:
        text = self._presenter.last_note_text()
        shown = text if len(text) <= LAST_NOTE_CHARS else text[: LAST_NOTE_CHARS - 1] + "…"
        head, colon, rest = shown.partition(": ")
        if colon and self._presenter.last_note is not None:  # "Last time (Nov 12)" in bold
            self.last_time_label.setText(f"<b>{escape(head)}</b>: {escape(rest)}")
        else:
            self.last_time_label.setText(escape(shown))
        self.last_time_label.setToolTip(text[:2000] if len(text) > LAST_NOTE_CHARS else "")

    def _render_tags(self) -> None:
        chosen = set(self._presenter.draft.tags)
        for tag, action in self.tag_actions.items():
            if action.isChecked() != (tag in chosen):
                action.setChecked(tag in chosen)

    def _render_units(self, allowed: bool) -> None:
        presenter = self._presenter
        units = presenter.units
        calendar = presenter.calendar()
        lowest = presenter.lowest_unit_to_reassign()
        while len(self.unit_rows) < len(units):
            self._add_unit_row()
        for row, unit in zip(self.unit_rows, units, strict=False):
            row.show_unit(
                unit,
                day=calendar.local_date(unit.latest_at),
                reassigned_on=(
                    calendar.local_date(unit.reassigned_at) if unit.reassigned_at else None
                ),
                lowest=lowest is not None and unit.unit_id == lowest.unit_id,
                may_reassign=allowed,
            )
            row.show()
        for row in self.unit_rows[len(units) :]:
            row.hide()
        self.no_units_label.setVisible(not units)
        waiting = sum(u.state is UnitState.TO_REASSIGN for u in units)
        pending = sum(u.state is UnitState.REASSIGNED for u in units)
        parts = []
        if waiting:
            parts.append(
                translate("Panel", "{count} to reassign").format(count=waiting)
                if not allowed
                else translate("Panel", "{count} to reassign (Ctrl+R: the lowest)").format(
                    count=waiting
                )
            )
        if pending:
            parts.append(
                plural(
                    pending,
                    translate("Panel", "{count} reassigned, waiting for a retry"),
                    translate("Panel", "{count} reassigned, waiting for retries"),
                ).format(count=pending)
            )
        self.units_summary.setText(" · ".join(parts))

    def _render_goals(self, allowed: bool) -> None:
        goals = self._presenter.goals
        while len(self.goal_rows) < len(goals):
            self._add_goal_row()
        for row, view in zip(self.goal_rows, goals, strict=False):
            row.show_goal(view, may_change=allowed)
            row.show()
        for row in self.goal_rows[len(goals) :]:
            row.hide()
        self.no_goals_label.setVisible(not goals)
        self._fill_goal_editor(keep_target=True)

    def _fill_goal_editor(self, *, keep_target: bool) -> None:
        """The target box's range for the chosen kind, and the existing goal's target."""
        kind = self._goal_kind()
        existing = self._existing_goal(kind)
        thresholds = self._presenter.thresholds()
        spin = self.goal_target_spin
        if kind is GoalKind.UNITS_MASTERED:
            bounds, suffix, default = (1, 50), "", thresholds.weekly_units_target + 1
        elif kind is GoalKind.AVERAGE_SCORE:
            bounds, suffix, default = (1, 100), "%", min(100, round(thresholds.target_average) + 5)
        else:
            bounds, default = (1, 10_080), thresholds.min_weekly_minutes
            suffix = translate("Panel", " min")
        self._loading = True
        try:
            spin.setRange(*bounds)
            spin.setSuffix(suffix)
            if not (keep_target and spin.hasFocus()):
                spin.setValue(round(existing.goal.target) if existing else default)
        finally:
            self._loading = False
        self.goal_button.setText(
            translate("Panel", "Change goal") if existing else translate("Panel", "Set goal")
        )

    def _fit_timeline(self) -> None:
        rows = self.timeline_model.rowCount()
        self.no_history_label.setVisible(rows == 0)
        self.timeline_view.setVisible(rows > 0)
        self.history_hint.setVisible(any(e.kind == "note" for e in self._presenter.timeline))
        row_height = self.timeline_view.sizeHintForRow(0) if rows else 0
        shown = min(rows, TIMELINE_VISIBLE_ROWS)
        self.timeline_view.setFixedHeight(shown * row_height + 2 * self.timeline_view.frameWidth())

    def _show_save_state(self) -> None:
        draft = self._presenter.draft
        if self._note_dirty or self._autosave_timer.isActive():
            text, colour = translate("Panel", "Saving…"), ""
        elif draft.state is SaveState.SAVED:
            text, colour = translate("Panel", "Saved {mark}").format(mark=MET), SAVED_COLOUR
        elif draft.state is SaveState.FAILED:
            text = translate("Panel", "Not saved: {error}").format(error=draft.error)
            colour = shortfall_colour().name()
        elif draft.state is SaveState.UNSAVED:
            text, colour = translate("Panel", "Saving…"), ""
        elif draft.note_id is not None:
            text, colour = translate("Panel", "Empty: the saved text is kept"), ""
        else:
            text, colour = "", ""
        self.save_label.setText(text)
        self.save_label.setToolTip(text if draft.state is SaveState.FAILED else "")
        self.save_label.setStyleSheet(f"color: {colour}" if colour else "")

    # -- the teacher's actions -----------------------------------------------------------------

    def _on_note_edited(self) -> None:
        if self._loading:
            return
        self._note_dirty = True
        self._autosave_timer.start()  # restarts: within the delay of the last keystroke
        self._show_save_state()

    def _schedule_autosave(self) -> None:
        """Tags and the follow-up belong to the note: saved with it, once it has words."""
        if self._note_dirty or self._presenter.draft.state is SaveState.UNSAVED:
            self._autosave_timer.start()
        self._show_save_state()

    def _on_autosave_due(self) -> None:
        self.flush()

    def _on_tag_toggled(self, tag: str) -> None:
        if self._presenter.context is None:
            return
        self._presenter.toggle_tag(tag)
        self._render_tags()
        self._schedule_autosave()

    def _on_follow_up_changed(self, *_args: Any) -> None:
        if self._loading or self._presenter.context is None:
            return
        checked = self.follow_up_check.isChecked()
        self.follow_up_date.setEnabled(checked)
        day = self.follow_up_date.date().toPython() if checked else None
        self._presenter.set_follow_up(day if isinstance(day, date) else None)
        self._schedule_autosave()

    def _on_reassign_requested(self, unit_id: str) -> None:
        self._reassign(unit_id)

    def _reassign(self, unit_id: str) -> UndoableStep:
        pressed = self.focusWidget()
        step = self._presenter.reassign(unit_id)
        self._keep_focus_in_panel(pressed)
        self.reassigned.emit(step)
        return step

    def _on_goal_kind_chosen(self, _index: int) -> None:
        if not self._loading:
            self._fill_goal_editor(keep_target=False)

    def _on_goal_submitted(self) -> None:
        if self._presenter.context is None:
            return
        kind = self._goal_kind()
        existing = self._existing_goal(kind)
        try:
            self._presenter.set_goal(
                kind, float(self.goal_target_spin.value()), existing.goal.id if existing else None
            )
        except ValueError as error:
            self.goal_error.setText(translate("Panel", "Goal not set: {error}").format(error=error))
            self.goal_error.show()
            return
        self.goal_error.hide()
        self.focus_note()

    def _on_celebrate_requested(self, goal_id: str) -> None:
        pressed = self.focusWidget()
        self._presenter.celebrate(goal_id)
        self._keep_focus_in_panel(pressed)

    def _on_drop_goal_requested(self, goal_id: str) -> None:
        pressed = self.focusWidget()
        step = self._presenter.drop_goal(goal_id)
        self._keep_focus_in_panel(pressed)
        self.reassigned.emit(step)  # the window's toast offers its undo

    def _on_use_lost_goal_value(self, goal_id: str, key: str) -> None:
        pressed = self.focusWidget()
        step = self._presenter.use_lost_goal_value(goal_id, key)
        self._keep_focus_in_panel(pressed)
        if step is not None:
            self.reassigned.emit(step)  # a drop taken this way offers its undo too

    def _on_note_edit_requested(self, row: int) -> None:
        entry = self.timeline_model.entry_at(row)
        if entry is None or entry.kind != "note" or entry.record_id is None:
            return
        if self.revision_dialog is not None:
            self.revision_dialog.raise_()
            self.revision_dialog.activateWindow()
            return
        if entry.record_id == self._presenter.draft.note_id:
            self.focus_note()  # today's note: the note box is where it is written
            return
        self.flush()  # today's note is saved before the dialog takes the keyboard
        if self._presenter.begin_revision(entry.record_id) is None:
            return
        dialog = NoteRevisionDialog(self._presenter, self)
        dialog.finished.connect(self._on_revision_dialog_closed)
        self.revision_dialog = dialog
        dialog.open()
        dialog.activateWindow()  # the keys go to the text at once

    def _on_revision_dialog_closed(self, _result: int) -> None:
        dialog = self.revision_dialog
        self.revision_dialog = None
        if dialog is None:
            return
        dialog.deleteLater()
        self.redraw()
        self._select_history_row(dialog.record_id)
        self.scroll_area.ensureWidgetVisible(self.timeline_view)
        self.window().activateWindow()  # back from the dialog, where the teacher left off
        self.timeline_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chart_toggled(self, visible: bool) -> None:
        self._chart_visible = visible
        self.chart_toggle.setArrowType(
            Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow
        )
        self.chart_host.setVisible(visible)
        if visible and self._presenter.context is not None:
            self._chart_timer.start()

    def _on_chart_due(self) -> None:
        context = self._presenter.context
        if context is None or not self._chart_visible:
            return
        figure = student_weeks_figure(self._presenter.chart_weeks(), self._presenter.thresholds())
        self.chart_host.show_figure(figure)
        self._chart_key = (context.student_id, context.content_area_id, context.week)

    def update_clock(self) -> None:
        """Stop or restart the conference clock as ``clock_stands_still`` says, and show it
        (on a change of window, and each second: not every platform tells of a dialog)."""
        if self.clock_stands_still():
            self._presenter.pause()
        else:
            self._presenter.resume()
        if self._presenter.context is None:
            self._clock.stop()
            return
        self._show_clock()

    def _show_clock(self) -> None:
        seconds = self._presenter.elapsed_seconds()
        aim = CONFERENCE_AIM_SECONDS
        text = translate("Panel", "{elapsed} of {aim}").format(
            elapsed=f"{seconds // 60}:{seconds % 60:02d}", aim=f"{aim // 60}:{aim % 60:02d}"
        )
        if seconds > aim:
            self.timer_label.setText(f'<b style="color:{AMBER}">{text}</b>')
        else:
            self.timer_label.setText(text)
        self.timer_label.setProperty("over", seconds > aim)

    def _on_profile_shortcut(self) -> None:
        """Alt+P: open the profile at the tier; from inside it, close it and go back to
        the note."""
        if self._presenter.context is None:
            return
        section = self.profile_section
        if section.expanded() and section.has_focus_inside():
            section.set_expanded(False)
            self.focus_note()
            return
        section.focus_first()
        self.scroll_area.ensureWidgetVisible(section)

    def _on_presenter_changed(self, student_id: str) -> None:
        self.redraw()
        self.record_changed.emit(student_id)

    # -- helpers -------------------------------------------------------------------------------

    def _reset_note(self) -> None:
        """A new student's note starts empty, untagged and without a follow-up, or as the
        note kept for them when its save failed."""
        draft = self._presenter.draft
        self._loading = True
        try:
            # Setting the text also forgets the previous note's undo history.
            self.note_edit.setPlainText(draft.text)
            # A note kept for the student comes back ready to go on typing, not before
            # its first word.
            self.note_edit.moveCursor(QTextCursor.MoveOperation.End)
            self._note_dirty = False
            self.follow_up_check.setChecked(draft.follow_up_on is not None)
            self.follow_up_date.setEnabled(draft.follow_up_on is not None)
            today = self._presenter.calendar().local_date(self._presenter.now())
            follow_up = draft.follow_up_on or today + timedelta(days=7)
            self.follow_up_date.setDate(QDate(follow_up.year, follow_up.month, follow_up.day))
        finally:
            self._loading = False

    def _select_history_row(self, record_id: str) -> None:
        row = self.timeline_model.row_of(record_id)
        if row is not None:
            self.timeline_view.setCurrentIndex(self.timeline_model.index(row))

    def _add_unit_row(self) -> UnitRow:
        row = UnitRow(self._unit_widths)
        row.hide()
        row.reassign_requested.connect(self._on_reassign_requested)
        self._units_column.addWidget(row)
        self.unit_rows.append(row)
        self._set_tab_order()
        return row

    def _add_goal_row(self) -> GoalRow:
        row = GoalRow()
        row.hide()
        row.celebrate_requested.connect(self._on_celebrate_requested)
        row.drop_requested.connect(self._on_drop_goal_requested)
        row.use_lost_requested.connect(self._on_use_lost_goal_value)
        self._goals_column.addWidget(row)
        self.goal_rows.append(row)
        self._set_tab_order()
        return row

    def _set_tab_order(self) -> None:
        """Tab follows the panel top to bottom, rows made later included."""
        chain: list[QWidget] = [
            *self.profile_section.focus_widgets(),
            self.note_edit,
            *self.tag_buttons.values(),
            self.follow_up_check,
            self.follow_up_date,
            *(row.reassign_button for row in self.unit_rows),
            *(b for row in self.goal_rows for b in row.focus_widgets()),
            self.goal_kind_combo,
            self.goal_target_spin,
            self.goal_button,
            self.chart_toggle,
            self.timeline_view,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _fit_minimum_width(self, content: QWidget) -> None:
        """Never narrower than the widest row, so nothing is cut at the right (150%)."""
        layout = content.layout()
        side = 0
        if layout is not None:
            side = layout.contentsMargins().left() + layout.contentsMargins().right()
        rows = (self._add_unit_row(), self._add_goal_row())  # the first rows of each pool
        widest = max(
            content.minimumSizeHint().width(),
            *(row.minimumSizeHint().width() + side for row in rows),
        )
        content.setMinimumWidth(widest)
        scroll_bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(widest + scroll_bar + 2 * self.frameWidth() + 2)

    def _goal_kind(self) -> GoalKind:
        kind = self.goal_kind_combo.currentData()
        return kind if isinstance(kind, GoalKind) else GoalKind.UNITS_MASTERED

    def _existing_goal(self, kind: GoalKind) -> GoalView | None:
        return next((g for g in self._presenter.goals if g.goal.kind is kind), None)

    def _keep_focus_in_panel(self, pressed: QWidget | None) -> None:
        """A button that disappears under the cursor hands the focus back to the note (Qt
        would pass it on to the next widget in the chain, away from the typing)."""
        focused = self.focusWidget()
        if (
            focused is None
            or not focused.isVisible()
            or (pressed is not None and not pressed.isVisible())
        ):
            self.focus_note()


def _section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("section", True)
    return label


def _against(label: str, value: str, met: bool | None) -> str:
    """A figure and a mark saying whether it meets its expectation (not colour alone);
    no mark where there is nothing to judge."""
    figure = f"{escape(label)} <b>{escape(value)}</b>"
    if met is None:
        return figure
    mark, colour = (
        (MET, STATUS_STYLES[Status.ON_TRACK].marker.name())
        if met
        else (SHORT, shortfall_colour().name())
    )
    return f'{figure}&nbsp;<b style="color:{colour}">{mark}</b>'
