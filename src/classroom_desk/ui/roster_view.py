"""The roster table view: whole-row selection, source-side sorting, columns sized to their data.

Less-used columns start hidden so the roster stays readable beside the student panel on a
1366-pixel laptop; the header's context menu shows or hides any but the key columns (name,
status, minutes, mastered, average), and on a narrow roster the others give way first.
Cells are drawn by the style as a stock delegate draws them, from the model's made cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from classroom_desk.domain.figures import Status
from classroom_desk.i18n import translate, weekday_day_and_month
from classroom_desk.presenters.roster import COLUMNS, Column
from classroom_desk.ui.chips import CHECKED_BACKGROUND
from classroom_desk.ui.roster_model import RosterTableModel, header_text


def column_samples() -> dict[Column, str]:
    """The widest text each column must show without clipping (the status's: its longest
    word), in the language spoken."""
    return {
        Column.NAME: "Valentina Hernandez",
        Column.STATUS: max((status.label for status in Status), key=len),
        Column.MINUTES: "000",
        Column.MASTERED: "00",
        Column.AVERAGE: "100%",
        Column.TO_REASSIGN: "00",
        Column.PENDING: "00",
        Column.GOALS: translate("Roster", "{met} of {total}").format(met=0, total=0),
        Column.TUTORING: translate("Roster", "{sessions} · {minutes} min").format(
            sessions=0, minutes="00"
        ),
        Column.LAST_CONFERENCE: translate("Roster", "{days} days ago").format(days=10),
        Column.LAST_ACTIVITY: weekday_day_and_month(date(2026, 11, 25)),
        Column.PRIORITY: "000",
    }


#: Hidden in a fresh window, so the roster fits beside the student panel on a 1366-pixel
#: screen: the panel shows pending reassignments and the last activity, and the roster's
#: order already is the support priority (the status bar says so). "Tutoring" is one
#: right-click away (its filter chip, Ctrl+7, is always there).
HIDDEN_BY_DEFAULT = frozenset(
    {Column.PENDING, Column.LAST_ACTIVITY, Column.PRIORITY, Column.TUTORING}
)
#: Always shown, whatever the width: who, how they stand, and the three weekly figures.
KEY_COLUMNS = (Column.NAME, Column.STATUS, Column.MINUTES, Column.MASTERED, Column.AVERAGE)
#: When the roster is too narrow for every column the teacher chose, these give way
#: first, in this order (and come back, last out first in, when there is room again).
COLLAPSE_ORDER = (
    Column.TUTORING,
    Column.LAST_ACTIVITY,
    Column.PRIORITY,
    Column.PENDING,
    Column.LAST_CONFERENCE,
    Column.GOALS,
    Column.TO_REASSIGN,
)
CELL_PADDING = 14
SORT_ARROW_ROOM = 26

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_ENABLED = QStyle.StateFlag.State_Enabled
_SELECTED = QStyle.StateFlag.State_Selected
_OPEN = QStyle.StateFlag.State_Open
_TEXT = QPalette.ColorRole.Text
#: The selected row: white on dark blue while the roster has the keyboard (7:1), black on
#: pale blue while the panel has it, so the two never look the same.
SELECTION_FOCUSED = (QColor(CHECKED_BACKGROUND), QColor("#ffffff"))
SELECTION_UNFOCUSED = (QColor("#cddaf0"), QColor("#000000"))


class RosterCellDelegate(QStyledItemDelegate):
    """Fills a cell's style option from the model's made cell in one call.

    The stock delegate asks ``data()`` for seven roles per painted cell, each a call into
    Python; this fills the same option in one (``QStyledItemDelegate::initStyleOption`` in
    Qt 6, for the roles the roster answers) and leaves the drawing to the style, so the
    roster looks exactly as before. Indexes of any other model get the stock treatment.
    """

    def __init__(self, model: RosterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        cell = (
            self._model.cell(index.row(), index.column()) if index.model() is self._model else None
        )
        if cell is None:
            super().initStyleOption(option, index)
            return
        option.index = cast(QModelIndex, index)  # views pass a QModelIndex
        if cell.font is not None:
            font = cell.font.resolve(option.font)
            option.font = font
            option.fontMetrics = QFontMetrics(font)
        option.displayAlignment = cell.alignment
        if cell.foreground is not None:
            palette = option.palette  # set back below, in case the binding hands out a copy
            palette.setBrush(_TEXT, cell.foreground)
            option.palette = palette
        if cell.marker is not None:
            option.features |= _HAS_DECORATION
            option.icon = cell.marker
            state = option.state
            if not state & _ENABLED:
                mode = QIcon.Mode.Disabled
            elif state & _SELECTED:
                mode = QIcon.Mode.Selected
            else:
                mode = QIcon.Mode.Normal
            wanted = option.decorationSize
            actual = cell.marker.actualSize(
                wanted, mode, QIcon.State.On if state & _OPEN else QIcon.State.Off
            )
            option.decorationSize = QSize(
                min(wanted.width(), actual.width()), min(wanted.height(), actual.height())
            )
        option.features |= _HAS_DISPLAY
        # As the stock delegate's displayText(): a line break is drawn as a line separator.
        option.text = cell.text.replace("\n", "\u2028") if "\n" in cell.text else cell.text
        if cell.background is not None:
            option.backgroundBrush = cell.background
        # As the stock delegate: no style animations within a cell.
        option.styleObject = None  # type: ignore[assignment]


class RosterTableView(QTableView):
    """Shows a ``RosterTableModel``; the student column takes whatever width is spare."""

    hidden_columns_changed = Signal()
    """The teacher showed or hid a column from the header's menu."""

    def __init__(self, model: RosterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._roster_model = model
        self.setItemDelegate(RosterCellDelegate(model, self))
        self._preferred: list[int] = [0] * len(COLUMNS)
        self._chosen_hidden: frozenset[Column] = frozenset()  # the teacher's choice
        self.collapsed: frozenset[Column] = frozenset()  # given way for lack of room
        self._asked_for: list[Column] = []  # shown from the menu: the last to give way
        self._empty_text = translate("Roster", "No students to show.")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._show_selection(focused=False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        column, order = model.sort_state()
        header.setSortIndicator(column, order)
        self.setSortingEnabled(True)  # sorts once, by the presenter's current order
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        self.size_columns()
        self.set_hidden_columns(HIDDEN_BY_DEFAULT)

    # -- which columns show ------------------------------------------------------------------

    def hidden_columns(self) -> frozenset[Column]:
        """The columns the teacher chose to hide (those collapsed for room are not)."""
        return self._chosen_hidden

    def shown_columns(self) -> list[Column]:
        header = self.horizontalHeader()
        return [c for n, c in enumerate(COLUMNS) if not header.isSectionHidden(n)]

    def set_hidden_columns(self, columns: Iterable[Column]) -> None:
        self._chosen_hidden = frozenset(columns) - set(KEY_COLUMNS)
        self._fit_columns()

    def key_columns_width(self) -> int:
        """The width the key columns need, scroll bar and frame included."""
        return (
            sum(self._preferred[COLUMNS.index(c)] for c in KEY_COLUMNS)
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )

    def _fit_columns(self) -> None:
        """Show the chosen columns that fit, collapsing in ``COLLAPSE_ORDER`` until the rest
        fit at their preferred widths; the student column takes what is left."""
        wanted = [c for c in COLUMNS if c not in self._chosen_hidden]
        room = self.viewport().width()
        collapsed: set[Column] = set()
        order = [c for c in COLLAPSE_ORDER if c not in self._asked_for] + self._asked_for
        for column in order:
            needed = sum(self._preferred[COLUMNS.index(c)] for c in wanted if c not in collapsed)
            if needed <= room:
                break
            if column in wanted:
                collapsed.add(column)
        self.collapsed = frozenset(collapsed)
        hidden = self._chosen_hidden | self.collapsed
        header = self.horizontalHeader()
        for number, column in enumerate(COLUMNS):
            if header.isSectionHidden(number) != (column in hidden):
                header.setSectionHidden(number, column in hidden)
                if column not in hidden:
                    header.resizeSection(number, self._preferred[number])
        self._fit_name_column()

    def column_menu(self) -> QMenu:
        """A checkable entry per column; the key columns always show."""
        menu = QMenu(self)
        menu.setTitle(translate("Roster", "Columns"))
        hidden = self.hidden_columns()
        for column in COLUMNS:
            label = column.label
            if column in self.collapsed:
                label = translate("Roster", "{column} (no room: widen the window)").format(
                    column=label
                )
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(column not in hidden)
            action.setEnabled(column not in KEY_COLUMNS)
            action.toggled.connect(
                lambda shown, chosen=column: self._on_column_toggled(chosen, shown)
            )
            menu.addAction(action)
        return menu

    def _on_header_menu_requested(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def _on_column_toggled(self, column: Column, shown: bool) -> None:
        hidden = set(self.hidden_columns())
        if column in self._asked_for:
            self._asked_for.remove(column)
        if shown:
            hidden.discard(column)
            self._asked_for.append(column)
        else:
            hidden.add(column)
        self.set_hidden_columns(hidden)
        self.hidden_columns_changed.emit()

    def size_columns(self) -> None:
        """Each column as wide as its header or its widest expected value."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)  # urgent statuses are drawn bold
        header_metrics = header.fontMetrics()
        icon_room = self.iconSize().width() + 8 if self.iconSize().isValid() else 24
        samples = column_samples()
        for number, column in enumerate(COLUMNS):
            sample = samples[column]
            if column is Column.STATUS:
                content = bold_metrics.horizontalAdvance(sample) + max(icon_room, 24)
            else:
                content = metrics.horizontalAdvance(sample)
            lines = header_text(column).splitlines()
            title = max(header_metrics.horizontalAdvance(line) for line in lines) + SORT_ARROW_ROOM
            self._preferred[number] = max(content + CELL_PADDING, title)
            header.resizeSection(number, self._preferred[number])
        self._fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter with no current row opens the first (a fresh window, a new list)."""
        model = self.model()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.currentIndex().isValid()
            and model is not None
            and model.rowCount() > 0
        ):
            first = model.index(0, 0)
            self.setCurrentIndex(first)
            self.activated.emit(first)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_name_column(self) -> None:
        """Give spare width to the student column, never less than its preferred width."""
        header = self.horizontalHeader()
        name = COLUMNS.index(Column.NAME)
        others = sum(
            header.sectionSize(n)
            for n in range(len(COLUMNS))
            if n != name and not header.isSectionHidden(n)
        )
        header.resizeSection(name, max(self._preferred[name], self.viewport().width() - others))

    def _show_selection(self, *, focused: bool) -> None:
        background, text = SELECTION_FOCUSED if focused else SELECTION_UNFOCUSED
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, background)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, text)
        self.setPalette(palette)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._show_selection(focused=True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._show_selection(focused=False)
        super().focusOutEvent(event)

    @property
    def empty_text(self) -> str:
        """Why the list is empty, painted in its place."""
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        # Painted again: an empty list that stays empty (a sync that brought only an art
        # class) gives the view no other reason to, and the old words would stay.
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._roster_model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(16, 24, -16, -16),
                # In lines: why a class shows nobody can be longer than the table is wide.
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.end()
