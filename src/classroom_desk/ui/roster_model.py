"""The roster as a Qt table model: a view of the presenter's visible rows, sorted at the source.

The model keeps its own snapshot of ``state.visible`` and swaps it only between Qt's
"about to change" and "changed" signals, so views never see rows change underneath them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from classroom_desk.domain.figures import Status
from classroom_desk.domain.priority import PRIORITY_EXPLANATION
from classroom_desk.presenters.roster import (
    COLUMNS,
    NUMERIC_COLUMNS,
    Column,
    RosterChange,
    RosterPresenter,
    RosterRow,
    format_cell,
    row_tooltip,
)

ModelIndex = QModelIndex | QPersistentModelIndex

#: The student id of a row, for views and tests that need to know who a row is.
STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole
#: The row's ``Status``, so a delegate or a test can read status without parsing text.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


class StatusStyle:
    """How a status looks: a marker colour, and a tint for the ones that must stand out."""

    def __init__(self, marker: str, text: str | None = None, tint: str | None = None) -> None:
        self.marker = QColor(marker)
        self.text = QColor(text) if text else None
        self.tint = QColor(tint) if tint else None


# Urgent statuses get a tinted cell with dark text (readable on light and dark palettes
# because both colours are fixed); the calm ones only a coloured marker.
STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.NO_ACTIVITY: StatusStyle("#c62828", text="#7f1010", tint="#fbe0de"),
    Status.NEEDS_BOTH: StatusStyle("#e65100", text="#7a2e00", tint="#fde7cf"),
    Status.NEEDS_TIME: StatusStyle("#f2a900"),
    Status.NEEDS_MASTERY: StatusStyle("#6a5acd"),
    Status.ON_TRACK: StatusStyle("#2e7d32"),
}
SHORTFALL_ON_LIGHT, SHORTFALL_ON_DARK = QColor("#b3261e"), QColor("#ff8a80")


def shortfall_colour() -> QColor:
    """Red for a figure under its threshold, light enough to read on a dark palette."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return SHORTFALL_ON_DARK if dark else SHORTFALL_ON_LIGHT


# Long titles over narrow numbers take two lines, so the roster fits beside the panel.
HEADER_TEXT = {
    Column.TO_REASSIGN: "To\nreassign",
    Column.GOALS: "Goals\nmet",
    Column.LAST_CONFERENCE: "Last\nseen",
    Column.LAST_ACTIVITY: "Last\nactivity",
}

COLUMN_MENU_HINT = "Right-click a column title to show or hide columns."

# Which way a column sorts on its first click: the end that needs the teacher first.
_FIRST_CLICK_ORDER = {
    Column.NAME: Qt.SortOrder.AscendingOrder,
    Column.STATUS: Qt.SortOrder.AscendingOrder,
    Column.MINUTES: Qt.SortOrder.AscendingOrder,
    Column.MASTERED: Qt.SortOrder.AscendingOrder,
    Column.AVERAGE: Qt.SortOrder.AscendingOrder,
    Column.TO_REASSIGN: Qt.SortOrder.DescendingOrder,
    Column.PENDING: Qt.SortOrder.DescendingOrder,
    Column.GOALS: Qt.SortOrder.DescendingOrder,
    Column.LAST_CONFERENCE: Qt.SortOrder.DescendingOrder,
    Column.LAST_ACTIVITY: Qt.SortOrder.AscendingOrder,
    Column.PRIORITY: Qt.SortOrder.DescendingOrder,
}

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_STUDENT_ID = int(STUDENT_ID_ROLE)
_STATUS = int(STATUS_ROLE)
_ANSWERED_ROLES = frozenset(
    {
        _DISPLAY,
        _DECORATION,
        _TOOLTIP,
        _FONT,
        _ALIGNMENT,
        _BACKGROUND,
        _FOREGROUND,
        _STUDENT_ID,
        _STATUS,
    }
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# "2 of 3" centred: left-aligned, it would run into the number before it.
_ALIGN = {Column.GOALS: Qt.AlignmentFlag.AlignCenter}

_markers: dict[Status, QIcon] = {}


def status_marker(status: Status) -> QIcon | None:
    """A small filled circle in the status colour; none before a QGuiApplication exists."""
    icon = _markers.get(status)
    if icon is None:
        if QGuiApplication.instance() is None:
            return None  # pixmaps need the GUI application
        icon = QIcon()
        for size in (12, 18, 24):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STATUS_STYLES[status].marker)
            inset = size / 6
            painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
            painter.end()
            icon.addPixmap(pixmap)
        _markers[status] = icon
    return icon


class RosterTableModel(QAbstractTableModel):
    """One row per visible student, one column per ``COLUMNS`` entry."""

    def __init__(self, presenter: RosterPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._rows: list[RosterRow] = []
        self._positions: dict[str, int] = {}
        # Display text by (student, column): filters and sorts reuse it; a reload clears it.
        self._display_cache: dict[tuple[str, int], str] = {}
        self._take_rows(list(presenter.state.visible))
        presenter.listeners.append(self._on_roster_changed)

    def detach(self) -> None:
        """Stop following the presenter (the window is going away)."""
        if self._on_roster_changed in self._presenter.listeners:
            self._presenter.listeners.remove(self._on_roster_changed)

    # -- reading ---------------------------------------------------------------------------

    def row_at(self, row: int) -> RosterRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, student_id: str) -> int | None:
        return self._positions.get(student_id)

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell: dispatch on the plain int, and
        # skip the roles this model never answers before any other work.
        role = int(role)
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        number, column_number = index.row(), index.column()
        if not (0 <= number < len(self._rows) and 0 <= column_number < len(COLUMNS)):
            return None
        row, column = self._rows[number], COLUMNS[column_number]
        if role == _DISPLAY:
            key = (row.student_id, column_number)
            text = self._display_cache.get(key)
            if text is None:
                text = format_cell(row, column, self._presenter.calendar)
                self._display_cache[key] = text
            return text
        if role == _ALIGNMENT:
            return _RIGHT if column in NUMERIC_COLUMNS else _ALIGN.get(column, _LEFT)
        if role == _TOOLTIP:
            return row_tooltip(row, column)
        if role == _STUDENT_ID:
            return row.student_id
        if role == _STATUS:
            return row.status.name
        if column is Column.STATUS:
            return self._status_data(row.status, role)
        if role == _FOREGROUND and self._falls_short(row, column):
            return QBrush(shortfall_colour())
        return None

    def _status_data(self, status: Status, role: int) -> Any:
        style = STATUS_STYLES[status]
        if role == _DECORATION:
            return status_marker(status)
        if role == _BACKGROUND and style.tint is not None:
            return QBrush(style.tint)
        if role == _FOREGROUND and style.text is not None:
            return QBrush(style.text)
        if role == _FONT and style.tint is not None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _falls_short(self, row: RosterRow, column: Column) -> bool:
        """Minutes and average under the school's thresholds are drawn in red."""
        thresholds = self._presenter.thresholds
        figures = row.figures
        if column is Column.MINUTES:
            return figures.minutes < thresholds.min_weekly_minutes
        if column is Column.AVERAGE:
            return (
                figures.average_score is not None
                and figures.average_score < thresholds.target_average
            )
        return False

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return super().headerData(section, orientation, role)
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADER_TEXT.get(column, column.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._header_tooltip(column)}\n\n{COLUMN_MENU_HINT}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in NUMERIC_COLUMNS:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return _ALIGN.get(column, _LEFT)
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return _FIRST_CLICK_ORDER[column]
        return None

    def _header_tooltip(self, column: Column) -> str:
        thresholds = self._presenter.thresholds
        return {
            Column.NAME: "Student name (sorts by family name)",
            Column.STATUS: "No activity, needs time, needs mastery, needs both, or on track",
            Column.MINUTES: (
                f"Minutes of learning this week (expected: {thresholds.min_weekly_minutes})"
            ),
            Column.MASTERED: (
                f"Units scored {thresholds.mastery_score:.0f}% or more this week "
                f"(expected: {thresholds.weekly_units_target})"
            ),
            Column.AVERAGE: (
                "Average unit score this week, each unit's latest score "
                f"(expected: {thresholds.target_average:.0f}%)"
            ),
            Column.TO_REASSIGN: (
                f"Units whose latest score is under {thresholds.mastery_score:.0f}%"
                " and that were not reassigned since"
            ),
            Column.PENDING: "Units reassigned and waiting for the student's retry",
            Column.GOALS: "Active goals in this content area that this week's data meets",
            Column.LAST_CONFERENCE: "Days since the last conference note",
            Column.LAST_ACTIVITY: "Day of the latest unit completed, up to this week's end",
            Column.PRIORITY: PRIORITY_EXPLANATION,
        }[column]

    # -- ordering --------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the source data; the presenter's change notice moves the rows."""
        if not 0 <= column < len(COLUMNS):
            return
        self._presenter.sort_by(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """The presenter's order, for the header's sort indicator."""
        state = self._presenter.state
        order = (
            Qt.SortOrder.DescendingOrder if state.sort_descending else Qt.SortOrder.AscendingOrder
        )
        return COLUMNS.index(state.sort_column), order

    # -- following the presenter -----------------------------------------------------------

    def _on_roster_changed(self, change: RosterChange) -> None:
        new_rows = list(self._presenter.state.visible)
        if change is RosterChange.CONTEXT:  # new figures: every cached text is stale
            self._display_cache.clear()
        # Filters and search change who is shown (a reset); a sort only moves them.
        same_students = (
            change is RosterChange.VIEW
            and len(new_rows) == len(self._rows)
            and all(row.student_id in self._positions for row in new_rows)
        )
        if same_students:
            self._reorder(new_rows)
        else:
            self.beginResetModel()
            self._take_rows(new_rows)
            self.endResetModel()

    def _take_rows(self, rows: list[RosterRow]) -> None:
        self._rows = rows
        self._positions = {row.student_id: number for number, row in enumerate(rows)}

    def _reorder(self, new_rows: list[RosterRow]) -> None:
        """Same students in a new order: a layout change, so selections follow their rows."""
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._take_rows(new_rows)
        moves = {
            old: self._positions[row.student_id]
            for old, row in enumerate(old_rows)
            if self._positions[row.student_id] != old
        }
        old_indexes = self.persistentIndexList()
        if moves:
            new_indexes = [
                self.index(moves.get(index.row(), index.row()), index.column())
                for index in old_indexes
            ]
            self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()
