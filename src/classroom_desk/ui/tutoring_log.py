"""Tutoring for a class: its tutoring groups (ratio checked by grade band), the
20-second session log, this week's sessions and each student's dosage against the
group's plan.

The log opens on the group that meets today with every member ticked and the plan's
minutes, the cursor in the note: typing the note and Ctrl+Enter logs it. Alt+1 ...
Alt+9 (or Space on a student in "Who came") unticks a student who did not come;
Ctrl+Z takes the session just logged back.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.tutoring import (
    MAX_FOCUS,
    MAX_SESSION_MINUTES,
    MAX_SESSION_NOTE,
    MAX_TUTOR_NAME,
    TUTOR_ROLES,
    Plan,
    Schedule,
    ratio_check,
    role_words,
)
from classroom_desk.i18n import day_and_month, translate, weekday_name
from classroom_desk.presenters.tutoring import TutoringPresenter
from classroom_desk.ui.hints import read_only_banner

WARNING_COLOUR = "#8a5a00"
#: The selected row of a list: white text on it reads at more than 4.5:1.
SELECTION_STYLE = "QListWidget::item:selected { background: #1f5fa8; color: white; }"


class TutoringGroupDialog(QDialog):
    """A new tutoring group: name, tutor, students (ratio checked live), days, time, plan."""

    def __init__(self, presenter: TutoringPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("TutoringLog", "New tutoring group"))
        self._presenter = presenter
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.tutor = QComboBox()
        for tutor in presenter.tutors:
            if tutor.active:
                self.tutor.addItem(f"{tutor.name} ({role_words(tutor.role)})", tutor.id)
        self.new_tutor = QLineEdit()
        self.new_tutor.setMaxLength(MAX_TUTOR_NAME)
        self.new_tutor.setPlaceholderText(translate("TutoringLog", "or a new tutor's name"))
        self.new_tutor.setAccessibleName(translate("TutoringLog", "New tutor's name"))
        # Wide enough to read what it asks for, in the longest language.
        self.new_tutor.setMinimumWidth(
            self.new_tutor.fontMetrics().horizontalAdvance(self.new_tutor.placeholderText()) + 16
        )
        self.role = QComboBox()
        for role in TUTOR_ROLES:
            self.role.addItem(role_words(role), role)
        # Labels that name the two lists to a screen reader (a combo box alone reads its
        # value as its name).
        tutor_label = QLabel(translate("TutoringLog", "Tutor"))
        tutor_label.setBuddy(self.tutor)
        role_label = QLabel(translate("TutoringLog", "Role"))
        role_label.setBuddy(self.role)
        tutor_row = QHBoxLayout()
        tutor_row.addWidget(self.tutor, 1)
        tutor_row.addWidget(self.new_tutor, 1)
        tutor_row.addWidget(role_label)
        tutor_row.addWidget(self.role)
        self.students = QListWidget()
        for student_id, week in sorted(
            presenter.students.items(), key=lambda pair: pair[1].family_name.casefold()
        ):
            item = QListWidgetItem(
                translate("TutoringLog", "{name} (grade {grade})").format(
                    name=f"{week.given_name} {week.family_name}", grade=week.grade
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, student_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.students.addItem(item)
        self.ratio = QLabel()
        self.ratio.setObjectName("ratioCheck")
        self.days = [QCheckBox(weekday_name(day, short=True)) for day in range(5)]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.sessions = QSpinBox()
        self.sessions.setRange(1, 7)
        self.sessions.setValue(3)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_SESSION_MINUTES)
        self.minutes.setValue(30)
        self.minutes.setSuffix(translate("TutoringLog", " min"))
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.sessions)
        plan_row.addWidget(QLabel(translate("TutoringLog", "sessions a week of")))
        plan_row.addWidget(self.minutes)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(translate("TutoringLog", "Name"), self.name)
        form.addRow(tutor_label, tutor_row)
        form.addRow(translate("TutoringLog", "Students"), self.students)
        form.addRow("", self.ratio)
        form.addRow(translate("TutoringLog", "Days"), days_row)
        form.addRow(translate("TutoringLog", "Time"), self.time)
        form.addRow(translate("TutoringLog", "Plan"), plan_row)
        for widget, spoken in (
            (self.name, translate("TutoringLog", "Name")),
            (self.tutor, translate("TutoringLog", "Tutor")),
            (self.role, translate("TutoringLog", "New tutor's role")),
            (self.students, translate("TutoringLog", "Students")),
            (self.time, translate("TutoringLog", "Time")),
            (self.sessions, translate("TutoringLog", "Sessions a week")),
            (self.minutes, translate("TutoringLog", "Minutes a session")),
        ):
            widget.setAccessibleName(spoken)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.students.itemChanged.connect(self._on_students_changed)
        self._on_students_changed()

    def chosen(self) -> list[str]:
        return [
            str(self.students.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.students.count())
            if self.students.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _on_students_changed(self, *_args: object) -> None:
        grades = [self._presenter.students[s].grade for s in self.chosen()]
        check = ratio_check(grades)
        self.ratio.setText(
            check.message() if grades else translate("TutoringLog", "Tick the group's students")
        )
        self.ratio.setStyleSheet("" if check.ok else f"color: {WARNING_COLOUR};")

    def _on_save(self) -> None:
        tutor_id = self.tutor.currentData()
        if self.new_tutor.text().strip():
            tutor_id = self._presenter.add_tutor(self.new_tutor.text(), self.role.currentData())
        if not isinstance(tutor_id, str):
            self.error.setText(
                self._presenter.error
                or translate("TutoringLog", "Choose a tutor, or name a new one.")
            )
            return
        schedule = Schedule.of(
            [n for n, box in enumerate(self.days) if box.isChecked()],
            self.time.time().toString("HH:mm"),
        )
        saved = self._presenter.save_group(
            name=self.name.text(),
            tutor_id=tutor_id,
            members=self.chosen(),
            schedule=schedule,
            plan=Plan(self.sessions.value(), self.minutes.value()),
        )
        if saved is None:
            self.error.setText(self._presenter.error)
            return
        self.accept()


class AttendeeList(QListWidget):
    """Who came: every member ticked to start; Space unticks the current one."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Space and item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            event.accept()
            return
        super().keyPressEvent(event)


class TutoringWindow(QWidget):
    """A class's tutoring; the log is ready to type into when the window opens."""

    logged = Signal(str)
    """A session was logged (its id)."""

    def __init__(self, presenter: TutoringPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("tutoringWindow")
        self.setWindowTitle(translate("TutoringLog", "Tutoring"))
        self.setMinimumSize(720, 460)
        self.setStyleSheet(SELECTION_STYLE)
        self._presenter = presenter
        self._filling = False

        self.groups_list = QListWidget()
        self.groups_list.setObjectName("tutoringGroups")
        self.groups_list.setWordWrap(True)
        self.groups_list.setAccessibleName(translate("TutoringLog", "Tutoring groups"))
        self.new_group_button = QPushButton(translate("TutoringLog", "New tutoring group…"))
        left = QVBoxLayout()
        left.addWidget(_caption(translate("TutoringLog", "Tutoring groups")))
        left.addWidget(self.groups_list, 1)
        left.addWidget(self.new_group_button)

        self.group_combo = QComboBox()
        self.group_combo.setObjectName("logGroup")
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        # Qt's day and month names are the locale's (ui/translation.py); their order is
        # the language's: "Thu Nov 19", "jue 19 nov".
        self.day.setDisplayFormat(translate("TutoringLog", "ddd MMM d"))
        self.attendees = AttendeeList()
        self.attendees.setObjectName("attendees")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("logMinutes")
        self.minutes.setRange(1, MAX_SESSION_MINUTES)
        self.minutes.setSuffix(translate("TutoringLog", " min"))
        self.focus_edit = QLineEdit()
        self.focus_edit.setObjectName("logFocus")
        self.focus_edit.setMaxLength(MAX_FOCUS)
        self.focus_edit.setPlaceholderText(translate("TutoringLog", "Unit or skill"))
        self.note = QLineEdit()
        self.note.setObjectName("logNote")
        self.note.setMaxLength(MAX_SESSION_NOTE)
        self.note.setPlaceholderText(
            translate("TutoringLog", "A short note (Ctrl+Enter logs the session)")
        )
        self.save_button = QPushButton(translate("TutoringLog", "Log session (Ctrl+Enter)"))
        self.save_button.setObjectName("logSave")
        self.message = QLabel()
        self.message.setObjectName("logMessage")
        self.message.setWordWrap(True)
        log = QFormLayout()
        log.addRow(translate("TutoringLog", "Group"), self.group_combo)
        log.addRow(translate("TutoringLog", "Day"), self.day)
        log.addRow(translate("TutoringLog", "Who came"), self.attendees)
        log.addRow(translate("TutoringLog", "Minutes"), self.minutes)
        log.addRow(translate("TutoringLog", "Focus"), self.focus_edit)
        # The note gets the column's whole width, its label above it: it is what is typed.
        note_label = QLabel(translate("TutoringLog", "Note"))
        note_label.setBuddy(self.note)
        log.addRow(note_label)
        log.addRow(self.note)
        log.addRow(self.save_button)
        log.addRow(self.message)
        middle = QVBoxLayout()
        middle.addWidget(_caption(translate("TutoringLog", "Log a session")))
        middle.addLayout(log)
        middle.addStretch(1)

        self.ratio = QLabel()
        self.ratio.setObjectName("groupRatio")
        self.ratio.setWordWrap(True)
        self.dosage = QTableWidget(0, 3)
        self.dosage.setObjectName("dosageTable")
        self.dosage.setAccessibleName(translate("TutoringLog", "Dosage this week"))
        self.dosage.setHorizontalHeaderLabels(
            [
                translate("TutoringLog", "Student"),
                translate("TutoringLog", "This week"),
                translate("TutoringLog", "Plan met"),
            ]
        )
        self.dosage.verticalHeader().setVisible(False)
        self.dosage.horizontalHeader().setStretchLastSection(True)
        self.dosage.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sessions_list = QListWidget()
        self.sessions_list.setObjectName("weekSessions")
        self.sessions_list.setAccessibleName(translate("TutoringLog", "Sessions this week"))
        self.sessions_list.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(_caption(translate("TutoringLog", "Dosage this week")))
        right.addWidget(self.ratio)
        right.addWidget(self.dosage, 1)
        right.addWidget(_caption(translate("TutoringLog", "Sessions this week")))
        right.addWidget(self.sessions_list, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        for column in (left, middle, right):
            holder = QWidget()
            holder.setLayout(column)
            splitter.addWidget(holder)
        splitter.setSizes([280, 440, 380])
        self.title = QLabel()
        self.title.setObjectName("tutoringTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.read_only = read_only_banner()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.read_only)
        layout.addWidget(splitter, 1)
        QWidget.setTabOrder(self.group_combo, self.day)
        QWidget.setTabOrder(self.day, self.attendees)
        QWidget.setTabOrder(self.attendees, self.minutes)
        QWidget.setTabOrder(self.minutes, self.focus_edit)
        QWidget.setTabOrder(self.focus_edit, self.note)
        QWidget.setTabOrder(self.note, self.save_button)

        save = QAction(translate("TutoringLog", "Log session"), self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.triggered.connect(self._on_save)
        self.addAction(save)
        undo = QAction(translate("TutoringLog", "Take back the session just logged"), self)
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        undo.triggered.connect(self._on_undo)
        self.addAction(undo)
        leave = QAction(translate("TutoringLog", "Close tutoring"), self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.triggered.connect(self.close)
        self.addAction(leave)
        for number in range(1, 10):
            toggle = QAction(
                translate("TutoringLog", "Came or not: student {number}").format(number=number),
                self,
            )
            toggle.setShortcut(QKeySequence(f"Alt+{number}"))
            toggle.triggered.connect(lambda _checked=False, n=number: self.toggle_attendee(n - 1))
            self.addAction(toggle)
        self.save_button.clicked.connect(self._on_save)
        self.new_group_button.clicked.connect(self._on_new_group)
        self.group_combo.activated.connect(self._on_group_chosen)
        self.groups_list.currentRowChanged.connect(self._on_group_selected)

    # -- drawing -----------------------------------------------------------------------

    def open_block(self) -> None:
        block = self._presenter.block
        if block is not None:
            self.setWindowTitle(
                translate("TutoringLog", "Tutoring · {section}").format(section=block.section_name)
            )
            self.title.setText(
                translate("TutoringLog", "Tutoring · {section} · week of {day}").format(
                    section=block.section_name, day=day_and_month(block.week)
                )
            )
        self._presenter.start_log()
        self.redraw()
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def redraw(self) -> None:
        presenter = self._presenter
        self._filling = True
        selected = max(0, self.groups_list.currentRow())
        self.groups_list.clear()
        self.group_combo.clear()
        for group in presenter.groups:
            check = presenter.ratio(group)
            text = f"{group.name}\n{presenter.group_line(group)}"
            if not check.ok:
                text += f"\n⚠ {check.message()}"
            item = QListWidgetItem(text)
            item.setToolTip(check.message())
            if not check.ok:
                item.setForeground(QColor(WARNING_COLOUR))
            self.groups_list.addItem(item)
            self.group_combo.addItem(group.name, group.id)
        if presenter.groups:
            self.groups_list.setCurrentRow(min(selected, len(presenter.groups) - 1))
        self._filling = False
        read_only = presenter.actions.read_only()
        self.read_only.setVisible(read_only)
        for button in (self.new_group_button, self.save_button):
            button.setVisible(not read_only)
        self._show_draft()
        self._show_week()
        if presenter.error:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(presenter.error)
        else:
            self.message.setStyleSheet("")
            self.message.setText(presenter.message)

    def _show_draft(self) -> None:
        presenter = self._presenter
        draft = presenter.draft
        group = presenter.draft_group()
        enabled = draft is not None and group is not None and not presenter.actions.read_only()
        # With no session being logged no field offers a value (the day would read
        # Jan 1, 2000), nor for an account that logs none; the group list stays open while
        # there is a group to choose.
        self.group_combo.setEnabled(bool(presenter.groups))
        for widget in (
            self.day,
            self.attendees,
            self.minutes,
            self.focus_edit,
            self.note,
            self.save_button,
        ):
            widget.setEnabled(enabled)
        self.attendees.clear()
        if draft is None or group is None:
            return
        self.group_combo.setCurrentIndex(self.group_combo.findData(group.id))
        self.day.setDate(QDate(draft.held_on.year, draft.held_on.month, draft.held_on.day))
        for number, student_id in enumerate(presenter.members(group), start=1):
            shown = (
                f"{number}. {presenter.name(student_id)}"
                if number < 10
                else presenter.name(student_id)
            )
            item = QListWidgetItem(shown)
            item.setToolTip(
                translate("TutoringLog", "Alt+{number} ticks or unticks").format(number=number)
                if number < 10
                else ""
            )
            item.setData(Qt.ItemDataRole.UserRole, student_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = student_id in draft.attendees
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        if self.attendees.count():
            self.attendees.setCurrentRow(0)
        self.minutes.setValue(draft.minutes)
        self.focus_edit.setText(draft.focus)
        self.note.setText(draft.note)

    def _show_week(self) -> None:
        presenter = self._presenter
        row = self.groups_list.currentRow()
        group = presenter.groups[row] if 0 <= row < len(presenter.groups) else None
        self.dosage.setRowCount(0)
        if group is not None:
            check = presenter.ratio(group)
            self.ratio.setText(
                translate("TutoringLog", "{group}: {plan}. {ratio}.").format(
                    group=group.name, plan=group.plan.describe(), ratio=check.message()
                )
            )
            self.ratio.setStyleSheet("" if check.ok else f"color: {WARNING_COLOUR};")
            rows = presenter.dosage_rows(group)
            self.dosage.setRowCount(len(rows))
            for index, line in enumerate(rows):
                met = (
                    translate("TutoringLog", "yes")
                    if line.dosage.met
                    else translate("TutoringLog", "not yet")
                )
                for column, text in enumerate((line.name, line.dosage.describe(), met)):
                    self.dosage.setItem(index, column, QTableWidgetItem(text))
            self.dosage.resizeColumnsToContents()
        else:
            self.ratio.setText(translate("TutoringLog", "No tutoring groups yet."))
        self.sessions_list.clear()
        for session in presenter.sessions:
            self.sessions_list.addItem(presenter.session_line(session))
        if not presenter.sessions:
            self.sessions_list.addItem(translate("TutoringLog", "No sessions logged this week."))

    # -- the teacher's choices ---------------------------------------------------------

    def _read_draft(self) -> None:
        draft = self._presenter.draft
        if draft is None:
            return
        draft.attendees = [
            str(self.attendees.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.attendees.count())
            if self.attendees.item(row).checkState() == Qt.CheckState.Checked
        ]
        draft.minutes = self.minutes.value()
        draft.focus = self.focus_edit.text()
        draft.note = self.note.text()
        draft.held_on = self.day.date().toPython()  # type: ignore[assignment]

    def _on_save(self) -> None:
        if self._presenter.draft is None:
            self._presenter.start_log()
            self.redraw()
            return
        self._read_draft()
        session = self._presenter.save_log()
        if session is not None:
            self.logged.emit(session)
            self._presenter.start_log()
        self.redraw()
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:  # the main window takes the keys back
            parent.activateWindow()

    def toggle_attendee(self, row: int) -> None:
        """Tick or untick the student at ``row`` of "Who came" (Alt+1 ... Alt+9)."""
        item = self.attendees.item(row)
        if item is None or not self.attendees.isEnabled():
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _on_undo(self) -> None:
        if self._presenter.undo_last_log():
            self.redraw()

    def _on_group_chosen(self, index: int) -> None:
        group_id = self.group_combo.itemData(index)
        if isinstance(group_id, str):
            self._presenter.start_log(group_id)
            self._show_draft()

    def _on_group_selected(self, _row: int) -> None:
        if not self._filling:
            self._show_week()

    def _on_new_group(self) -> None:
        dialog = TutoringGroupDialog(self._presenter, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._presenter.start_log()
            self.redraw()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
