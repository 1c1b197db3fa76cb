"""The groups window: this week's suggested groups for a block, edited by keyboard or
drag, accepted in one keystroke (Ctrl+Enter); last week's groups and who moved beside.

The window draws what ``GroupsPresenter`` decides. Keys: Left/Right go to the next
column, Alt+Left/Alt+Right move the selected student there, F2 names the group,
Ctrl+M merges it into the next, Ctrl+Shift+S splits it, Ctrl+N adds a group,
Ctrl+Delete removes one (its students are then in no group), Ctrl+Enter accepts.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.groups import MAX_GROUP_NAME, MAX_GROUP_SIZE_LIMIT
from classroom_desk.i18n import day_and_month, plural, translate
from classroom_desk.presenters.groups import GroupsPresenter
from classroom_desk.ui.flow_layout import FlowLayout
from classroom_desk.ui.hints import error_line, read_only_banner

STUDENT_MIME = "application/x-classroom-desk-student"
COLUMN_WIDTH = 196
#: A selected student's background: white text on it reads at more than 4.5:1.
SELECTED_BACKGROUND = "#1f5fa8"


class StudentListWidget(QListWidget):
    """A column's students; keys and drops are turned into the presenter's moves."""

    move_requested = Signal(str, int)
    """Alt+Left/Right on a student: (student id, -1 or +1)."""
    column_step_requested = Signal(int)
    """Left/Right: go to the previous or next column."""
    dropped = Signal(str)
    """A student dragged here from any column (their id)."""

    def __init__(self, column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setFixedWidth(COLUMN_WIDTH)
        self.setWordWrap(True)

    def student_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if modifiers & Qt.KeyboardModifier.AltModifier:
                student = self.student_id()
                if student is not None:
                    self.move_requested.emit(student, step)
            else:
                self.column_step_requested.emit(step)
            event.accept()
            return
        super().keyPressEvent(event)

    # Dragging carries the student's id; a drop asks the presenter to move them.
    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        student = self.student_id()
        if student is None:
            return
        mime = QMimeData()
        mime.setData(STUDENT_MIME, student.encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(STUDENT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(STUDENT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(STUDENT_MIME):
            event.ignore()
            return
        student = bytes(event.mimeData().data(STUDENT_MIME).data()).decode()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.dropped.emit(student)


class GroupColumn(QFrame):
    """One group (or "not in a group"): its name, reason and students."""

    renamed = Signal(int, str)
    """The name was edited (column, new name)."""

    def __init__(self, column: int, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setObjectName(f"groupColumn{column}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("groupName")
        self.name_edit.setMaxLength(MAX_GROUP_NAME)
        self.name_edit.setReadOnly(not editable)
        self.name_edit.setFrame(False)
        font = self.name_edit.font()
        font.setBold(True)
        self.name_edit.setFont(font)
        self.name_edit.setFixedWidth(COLUMN_WIDTH - 34)
        self.name_edit.setAccessibleName(translate("GroupsView", "Group name"))
        self.count = QLabel()
        self.count.setObjectName("groupCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count.setFixedWidth(30)
        self.count.setFont(font)
        self.reason = QLabel()
        self.reason.setObjectName("groupReason")
        self.reason.setWordWrap(True)
        self.reason.setFixedWidth(COLUMN_WIDTH)
        self.reason.setStyleSheet("color: #555;")
        self.students = StudentListWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.name_edit)
        header.addWidget(self.count)
        layout.addLayout(header)
        layout.addWidget(self.reason)
        layout.addWidget(self.students)
        self.name_edit.editingFinished.connect(self._on_name_edited)
        self._shown_name = ""

    def show_group(self, title: str, name: str, reason: str, tooltip: str, count: int) -> None:
        self._shown_name = name
        self.count.setText(str(count))
        self.count.setToolTip(
            plural(
                count,
                translate("GroupsView", "{count} student"),
                translate("GroupsView", "{count} students"),
            ).format(count=count)
        )
        if not self.name_edit.hasFocus():
            self.name_edit.setText(name)
        self.name_edit.setToolTip(
            translate("GroupsView", "{title}. F2 to rename").format(title=title)
        )
        self.reason.setText(reason)
        self.students.setAccessibleName(
            translate("GroupsView", "Students: {group}").format(group=name)
        )
        self.setToolTip(tooltip)

    def _on_name_edited(self) -> None:
        text = self.name_edit.text()
        if not self.name_edit.isReadOnly() and text != self._shown_name:
            self.renamed.emit(self.column, text)


class GroupsWindow(QWidget):
    """A block's groups; one window, reopened on the block the roster shows."""

    accepted = Signal()
    """The groups on screen were saved."""

    def __init__(self, presenter: GroupsPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("groupsWindow")
        self.setWindowTitle(translate("GroupsView", "Groups"))
        self.setMinimumSize(720, 480)
        self._presenter = presenter
        self.columns: list[GroupColumn] = []

        self.title = QLabel()
        self.title.setObjectName("groupsTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.how = QLabel(translate("GroupsView", "How are these made?"))
        self.how.setObjectName("howSuggestions")
        self.how.setToolTip(presenter.explanation)
        self.how.setStyleSheet("color: #1f5fa8; text-decoration: underline;")
        self.smallest = QSpinBox()
        self.largest = QSpinBox()
        for box in (self.smallest, self.largest):
            box.setRange(1, MAX_GROUP_SIZE_LIMIT)
        self.smallest.setAccessibleName(translate("GroupsView", "Smallest group"))
        self.largest.setAccessibleName(translate("GroupsView", "Largest group"))
        self.suggest_button = QPushButton(translate("GroupsView", "Suggest again"))
        self.suggest_button.setToolTip(presenter.explanation)
        self.accept_button = QPushButton(translate("GroupsView", "Accept groups (Ctrl+Enter)"))
        self.accept_button.setObjectName("acceptGroups")
        self.accept_button.setDefault(True)
        self.status = QLabel()
        self.status.setObjectName("groupsStatus")
        self.status.setWordWrap(True)
        self.error = error_line("groupsError")
        self.read_only = read_only_banner()

        bar = QWidget()
        bar_flow = FlowLayout(bar, spacing=10)
        sizes = QWidget()
        sizes_row = QHBoxLayout(sizes)
        sizes_row.setContentsMargins(0, 0, 0, 0)
        sizes_row.addWidget(QLabel(translate("GroupsView", "Group size")))
        sizes_row.addWidget(self.smallest)
        sizes_row.addWidget(QLabel(translate("GroupsView", "to")))
        sizes_row.addWidget(self.largest)
        for widget in (sizes, self.suggest_button, self.how, self.accept_button):
            bar_flow.addWidget(widget)

        self.board = QWidget()
        self.board.setObjectName("groupsBoard")
        # Only the column with the keys shows its current student, in a colour that text
        # stands out on (4.5:1 and more).
        self.board.setStyleSheet(
            f"QListWidget::item:selected {{ background: {SELECTED_BACKGROUND}; color: white; }}"
            "QListWidget:!focus::item:selected { background: transparent; color: palette(text); }"
        )
        self.board_flow = FlowLayout(self.board, spacing=8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)

        self.last_week = QLabel()
        self.last_week.setObjectName("lastWeek")
        self.last_week.setWordWrap(True)
        self.last_week.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.last_week.setTextFormat(Qt.TextFormat.RichText)
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setWidget(self.last_week)
        side.setMinimumWidth(200)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 260])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.read_only)
        layout.addWidget(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

        self._create_actions()
        self.suggest_button.clicked.connect(self._on_suggest)
        self.accept_button.clicked.connect(self._on_accept)
        presenter.changed.append(self.redraw)

    def _create_actions(self) -> None:
        def action(text: str, keys: str | QKeySequence, slot: object) -> QAction:
            made = QAction(text, self)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.accept_action = action(
            translate("GroupsView", "Accept groups"), "Ctrl+Return", self._on_accept
        )
        self.accept_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.rename_action = action(translate("GroupsView", "Rename group"), "F2", self._on_rename)
        self.merge_action = action(
            translate("GroupsView", "Merge into the next group"), "Ctrl+M", self._on_merge
        )
        self.split_action = action(
            translate("GroupsView", "Split group"), "Ctrl+Shift+S", self._on_split
        )
        self.add_action = action(translate("GroupsView", "New group"), "Ctrl+N", self._on_add)
        self.remove_action = action(
            translate("GroupsView", "Remove group"), "Ctrl+Delete", self._on_remove
        )
        self.close_action = action(
            translate("GroupsView", "Close"), QKeySequence(Qt.Key.Key_Escape), self.close
        )

    # -- drawing ---------------------------------------------------------------------

    def open_block(self) -> None:
        """Draw the presenter's block (after ``presenter.open``) and focus its first group."""
        block = self._presenter.block
        if block is not None:
            self.setWindowTitle(
                translate("GroupsView", "Groups · {section} · {area}").format(
                    section=block.section_name, area=block.area_name
                )
            )
            self.title.setText(
                translate("GroupsView", "{section} · {area} · week of {day}, {year}").format(
                    section=block.section_name,
                    area=block.area_name,
                    day=day_and_month(block.week),
                    year=block.week.year,
                )
            )
        self.smallest.setValue(self._presenter.sizes.smallest)
        self.largest.setValue(self._presenter.sizes.largest)
        self.redraw()
        self.focus_column(0)

    def redraw(self) -> None:
        presenter = self._presenter
        focused = self._focused_student()
        wanted = len(presenter.groups) + 1
        while len(self.columns) > wanted:
            column = self.columns.pop()
            self.board_flow.removeWidget(column)
            column.hide()  # deleted later, but gone from the board now
            column.deleteLater()
        while len(self.columns) < wanted:
            column = GroupColumn(len(self.columns), editable=True)
            column.students.move_requested.connect(self._on_move_requested)
            column.students.column_step_requested.connect(self._on_column_step)
            column.students.dropped.connect(
                lambda student, c=column: self._on_dropped(student, c.column)
            )
            column.renamed.connect(self._on_renamed)
            self.columns.append(column)
            self.board_flow.addWidget(column)
        for index, group in enumerate(presenter.groups):
            column = self.columns[index]
            column.name_edit.setReadOnly(False)
            column.show_group(
                presenter.group_title(index),
                group.name,
                group.reason,
                presenter.group_tooltip(index),
                len(group.student_ids),
            )
            self._fill(column, group.student_ids)
        last = self.columns[-1]
        last.name_edit.setReadOnly(True)
        ungrouped = translate("GroupsView", "Not in a group")
        last.show_group(
            ungrouped,
            ungrouped,
            translate("GroupsView", "For you to place"),
            translate(
                "GroupsView",
                "Students no need placed in a group; Alt+Left or drag to put one in a group",
            ),
            len(presenter.ungrouped),
        )
        self._fill(last, presenter.ungrouped)
        self.status.setText(presenter.status_text())
        self.error.setText(presenter.error)
        self.error.setVisible(bool(presenter.error))
        read_only = presenter.actions.read_only()
        self.read_only.setVisible(read_only)
        self.accept_button.setVisible(not read_only)
        self.accept_button.setEnabled(presenter.dirty and not read_only)
        self.last_week.setText(self._side_text())
        if focused is not None:
            self.focus_student(focused)

    def _fill(self, column: GroupColumn, student_ids: list[str]) -> None:
        cards = self._presenter.cards
        current = column.students.student_id()
        column.students.clear()
        for student_id in student_ids:
            card = cards[student_id]
            item = QListWidgetItem(f"{card.name}\n{card.detail}")
            item.setData(Qt.ItemDataRole.UserRole, student_id)
            item.setToolTip(card.tooltip)
            column.students.addItem(item)
        if current in student_ids:
            column.students.setCurrentRow(student_ids.index(current))

    def _side_text(self) -> str:
        presenter = self._presenter
        last_week = escape(translate("GroupsView", "Last week"))
        parts = [f"<b>{last_week}</b>"]
        lines = presenter.last_week_lines()
        parts += [escape(line) for line in lines] or [
            escape(translate("GroupsView", "No groups last week."))
        ]
        moved = presenter.moved_lines()
        if lines:
            moved_title = escape(translate("GroupsView", "Moved since last week"))
            parts.append(f"<br><b>{moved_title}</b>")
            parts += [escape(line) for line in moved] or [
                escape(translate("GroupsView", "Nobody moved."))
            ]
        return "<br>".join(parts)

    # -- focus -------------------------------------------------------------------------

    def focus_column(self, index: int) -> None:
        if not self.columns:
            return
        column = self.columns[index % len(self.columns)]
        column.students.setFocus(Qt.FocusReason.OtherFocusReason)
        if column.students.currentRow() < 0 and column.students.count():
            column.students.setCurrentRow(0)

    def focus_student(self, student_id: str) -> None:
        for column in self.columns:
            for row in range(column.students.count()):
                if column.students.item(row).data(Qt.ItemDataRole.UserRole) == student_id:
                    column.students.setCurrentRow(row)
                    column.students.setFocus(Qt.FocusReason.OtherFocusReason)
                    return

    def _focused_student(self) -> str | None:
        for column in self.columns:
            if column.students.hasFocus():
                return column.students.student_id()
        return None

    def _focused_group(self) -> int | None:
        """The group whose column has the focus (its list or its name)."""
        for column in self.columns[:-1]:
            if column.students.hasFocus() or column.name_edit.hasFocus():
                return column.column
        return None

    # -- the teacher's choices ------------------------------------------------------------

    def _on_move_requested(self, student_id: str, step: int) -> None:
        self._presenter.move_by(student_id, step)
        self.focus_student(student_id)

    def _on_column_step(self, step: int) -> None:
        current = next((c.column for c in self.columns if c.students.hasFocus()), 0)
        self.focus_column(current + step)

    def _on_dropped(self, student_id: str, column: int) -> None:
        self._presenter.move(student_id, None if column >= len(self._presenter.groups) else column)
        self.focus_student(student_id)

    def _on_renamed(self, column: int, name: str) -> None:
        if column < len(self._presenter.groups):
            self._presenter.rename(column, name)

    def _on_rename(self) -> None:
        group = self._focused_group()
        if group is None:
            return
        edit = self.columns[group].name_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def _on_merge(self) -> None:
        group = self._focused_group()
        if group is not None and group + 1 < len(self._presenter.groups):
            self._presenter.merge(group + 1, group)
            self.focus_column(group)

    def _on_split(self) -> None:
        group = self._focused_group()
        if group is not None:
            made = self._presenter.split(group)
            if made is not None:
                self.focus_column(made)

    def _on_add(self) -> None:
        index = self._presenter.add_group()
        self.columns[index].name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.columns[index].name_edit.selectAll()

    def _on_remove(self) -> None:
        group = self._focused_group()
        if group is not None:
            self._presenter.remove_group(group)
            self.focus_column(min(group, len(self._presenter.groups)))

    def _on_suggest(self) -> None:
        if self._presenter.set_sizes(self.smallest.value(), self.largest.value()):
            self.focus_column(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The main window takes the keys back (a window manager may not do it)."""
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()

    def _on_accept(self) -> None:
        # A name being typed counts: finish it first.
        for column in self.columns:
            if column.name_edit.hasFocus():
                column.name_edit.editingFinished.emit()
        if self._presenter.accept():
            self.accepted.emit()
            self.focus_column(0)
