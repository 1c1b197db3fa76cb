"""The roster table view: whole-row selection, source-side sorting, columns sized to their data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from classroom_desk.presenters.roster import COLUMNS, Column
from classroom_desk.ui.roster_model import RosterTableModel

# The widest text each column must show without clipping.
COLUMN_SAMPLES = {
    Column.NAME: "Valentina Hernandez",
    Column.STATUS: "Needs time and mastery",
    Column.MINUTES: "000",
    Column.MASTERED: "00",
    Column.AVERAGE: "100%",
    Column.TO_REASSIGN: "00",
    Column.LAST_ACTIVITY: "Wed Nov 30",
    Column.PRIORITY: "000",
}
CELL_PADDING = 20
SORT_ARROW_ROOM = 26


class RosterTableView(QTableView):
    """Shows a ``RosterTableModel``; the student column takes whatever width is spare."""

    def __init__(self, model: RosterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._roster_model = model
        self._preferred: list[int] = [0] * len(COLUMNS)
        self.empty_text = "No students to show."
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        self.size_columns()

    def size_columns(self) -> None:
        """Each column as wide as its header or its widest expected value."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)  # urgent statuses are drawn bold
        header_metrics = header.fontMetrics()
        icon_room = self.iconSize().width() + 8 if self.iconSize().isValid() else 24
        for number, column in enumerate(COLUMNS):
            sample = COLUMN_SAMPLES[column]
            if column is Column.STATUS:
                content = bold_metrics.horizontalAdvance(sample) + max(icon_room, 24)
            else:
                content = metrics.horizontalAdvance(sample)
            title = header_metrics.horizontalAdvance(column.value) + SORT_ARROW_ROOM
            self._preferred[number] = max(content + CELL_PADDING, title)
            header.resizeSection(number, self._preferred[number])
        self._fit_name_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        """Give spare width to the student column, never less than its preferred width."""
        header = self.horizontalHeader()
        name = COLUMNS.index(Column.NAME)
        others = sum(header.sectionSize(n) for n in range(len(COLUMNS)) if n != name)
        header.resizeSection(name, max(self._preferred[name], self.viewport().width() - others))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._roster_model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(16, 24, -16, -16),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.empty_text,
            )
            painter.end()
