"""The roster as a Qt table model: a view of the presenter's visible rows, sorted at the source.

The model keeps its own snapshot of ``state.visible`` and swaps it only between Qt's
"about to change" and "changed" signals, so views never see rows change underneath them:
a re-sort is a layout change (selections follow their student), a new set of rows a reset.
What each cell shows is worked out once per row and figures, not on every paint.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
)

from classroom_desk.domain.figures import Status
from classroom_desk.domain.priority import priority_explanation
from classroom_desk.i18n import translatable, translate
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
    """How a status looks: a marker of its own shape and colour (colour is never the only
    signal: the word and the shape say it too), and a tint for the ones that must stand
    out."""

    def __init__(
        self, marker: str, shape: str, text: str | None = None, tint: str | None = None
    ) -> None:
        self.marker = QColor(marker)
        self.shape = shape
        self.text = QColor(text) if text else None
        self.tint = QColor(tint) if tint else None

    @property
    def glyph(self) -> str:
        """The marker's shape as a character, for rich text beside the status's word."""
        return MARKER_GLYPHS[self.shape]


MARKER_GLYPHS = {"circle": "\u25cf", "triangle": "\u25b2", "square": "\u25a0"}

# The colour says how much is missing (green, amber for one target, orange for two or
# three, red for no activity), the word says what, the shape whether anything is: a
# circle on track, a triangle for a need, a square for no activity. The markers keep 3:1
# against the white table. No activity and all three missed get a tinted cell with dark
# text (fixed colours, so readable on light and dark palettes alike).
_ONE, _TWO, _URGENT_TEXT, _URGENT_TINT = "#a15c00", "#c43e00", "#7a2e00", "#fde7cf"
STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.NO_ACTIVITY: StatusStyle("#c62828", "square", text="#7f1010", tint="#fbe0de"),
    Status.NEEDS_TIME_MASTERY_UNITS: StatusStyle(
        _TWO, "triangle", text=_URGENT_TEXT, tint=_URGENT_TINT
    ),
    Status.NEEDS_TIME_AND_MASTERY: StatusStyle(_TWO, "triangle"),
    Status.NEEDS_TIME_AND_UNITS: StatusStyle(_TWO, "triangle"),
    Status.NEEDS_MASTERY_AND_UNITS: StatusStyle(_TWO, "triangle"),
    Status.NEEDS_TIME: StatusStyle(_ONE, "triangle"),
    Status.NEEDS_MASTERY: StatusStyle(_ONE, "triangle"),
    Status.NEEDS_UNITS: StatusStyle(_ONE, "triangle"),
    Status.ON_TRACK: StatusStyle("#276b2b", "circle"),
}
SHORTFALL_ON_LIGHT, SHORTFALL_ON_DARK = QColor("#b3261e"), QColor("#ff8a80")


def shortfall_colour() -> QColor:
    """Red for a figure under its threshold, light enough to read on a dark palette."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return SHORTFALL_ON_DARK if dark else SHORTFALL_ON_LIGHT


# Long titles over narrow numbers take two lines, so the roster fits beside the panel.
_HEADER_LINES = {
    Column.TO_REASSIGN: translatable("Column", "To\nreassign"),
    Column.GOALS: translatable("Column", "Goals\nmet"),
    Column.LAST_CONFERENCE: translatable("Column", "Last\nseen"),
    Column.LAST_ACTIVITY: translatable("Column", "Last\nactivity"),
}


def header_text(column: Column) -> str:
    """The column's title as the roster's header shows it, in the teacher's language."""
    lines = _HEADER_LINES.get(column)
    return column.label if lines is None else translate("Column", lines)


def column_menu_hint() -> str:
    return translate("Column", "Right-click a column title to show or hide columns.")


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
    Column.TUTORING: Qt.SortOrder.AscendingOrder,
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
# The roles a view asks of every painted cell, and where each sits in a cell's looks.
_CELL_SLOTS = {_DISPLAY: 0, _DECORATION: 1, _FONT: 2, _ALIGNMENT: 3, _BACKGROUND: 4, _FOREGROUND: 5}
_COLUMN_COUNT = len(COLUMNS)
# A figure under its threshold: its colour is read from the palette when asked, so a
# switch to a dark palette shows at once.
_SHORTFALL = object()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# "2 of 3" centred: left-aligned, it would run into the number before it.
_ALIGN = {Column.GOALS: Qt.AlignmentFlag.AlignCenter}

_markers: dict[Status, QIcon] = {}


def status_marker(status: Status) -> QIcon | None:
    """A small marker of the status's shape and colour; none before a QGuiApplication
    exists."""
    icon = _markers.get(status)
    if icon is None:
        if QGuiApplication.instance() is None:
            return None  # pixmaps need the GUI application
        style = STATUS_STYLES[status]
        icon = QIcon()
        for size in (12, 18, 24):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.marker)
            inset = size / 6
            box = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
            if style.shape == "circle":
                painter.drawEllipse(box)
            elif style.shape == "square":
                painter.drawRect(box.adjusted(1, 1, -1, -1))
            else:
                painter.drawPolygon(
                    QPolygonF(
                        [box.bottomLeft(), box.bottomRight(), QPointF(box.center().x(), box.top())]
                    )
                )
            painter.end()
            icon.addPixmap(pixmap)
        _markers[status] = icon
    return icon


StatusLooks = tuple[QIcon | None, QFont | None, QBrush | None, QBrush | None]
_status_looks: dict[Status, StatusLooks] = {}


def status_looks(status: Status) -> StatusLooks:
    """A status cell's marker, font, background and text colour (made once per status)."""
    looks = _status_looks.get(status)
    if looks is None:
        style = STATUS_STYLES[status]
        font = None
        if style.tint is not None:
            font = QFont()
            font.setBold(True)
        marker = status_marker(status)
        looks = (
            marker,
            font,
            QBrush(style.tint) if style.tint is not None else None,
            QBrush(style.text) if style.text is not None else None,
        )
        if marker is not None:  # kept once the GUI application can draw the marker
            _status_looks[status] = looks
    return looks


class Cell(NamedTuple):
    """What a cell shows: its value for each role in ``_CELL_SLOTS``, in that order."""

    text: str
    marker: QIcon | None
    font: QFont | None
    alignment: Qt.AlignmentFlag
    background: QBrush | None
    # A QBrush, None, or ``_SHORTFALL`` (drawn in the palette's shortfall red).
    foreground: Any


class RosterTableModel(QAbstractTableModel):
    """One row per visible student, one column per ``COLUMNS`` entry."""

    def __init__(self, presenter: RosterPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._rows: list[RosterRow] = []
        self._positions: dict[str, int] = {}
        # Each student's cells, made on the first paint of their row: filters and sorts
        # reuse them, a reload (new figures) clears them.
        self._cells: dict[str, tuple[Cell, ...]] = {}
        rows = list(presenter.state.visible)
        self._take_rows(rows, [row.student_id for row in rows])
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
        # Called for seven roles of every painted cell: one dict lookup finds the role,
        # and the row's cells are made once, so a paint is mostly tuple indexing.
        slot = _CELL_SLOTS.get(role)
        if slot is None:
            return self._other_data(index, int(role))
        number, column_number = index.row(), index.column()
        rows = self._rows
        if not (0 <= number < len(rows) and 0 <= column_number < _COLUMN_COUNT):
            return None
        row = rows[number]
        cells = self._cells.get(row.student_id)
        if cells is None:
            cells = self._cells_of(row)
        value = cells[column_number][slot]
        if value is _SHORTFALL:
            return QBrush(shortfall_colour())
        return value

    def cell(self, number: int, column_number: int) -> Cell | None:
        """Everything the cell shows at once, for a delegate that would otherwise ask
        ``data()`` once per role."""
        rows = self._rows
        if not (0 <= number < len(rows) and 0 <= column_number < _COLUMN_COUNT):
            return None
        row = rows[number]
        cells = self._cells.get(row.student_id)
        if cells is None:
            cells = self._cells_of(row)
        cell = cells[column_number]
        if cell.foreground is _SHORTFALL:
            return cell._replace(foreground=QBrush(shortfall_colour()))
        return cell

    def _other_data(self, index: ModelIndex, role: int) -> Any:
        """Roles asked now and then (a tooltip on hover, a test or a view asking who)."""
        if role not in (_TOOLTIP, _STUDENT_ID, _STATUS):
            return None
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < _COLUMN_COUNT:
            return None
        if role == _TOOLTIP:
            return row_tooltip(row, COLUMNS[index.column()])
        if role == _STUDENT_ID:
            return row.student_id
        return row.status.name

    def _cells_of(self, row: RosterRow) -> tuple[Cell, ...]:
        """What each of the row's cells shows, kept until the figures are reloaded."""
        calendar = self._presenter.calendar
        status = status_looks(row.status)
        cells = []
        for column in COLUMNS:
            alignment = _RIGHT if column in NUMERIC_COLUMNS else _ALIGN.get(column, _LEFT)
            decoration = font = background = None
            foreground: object = None
            if column is Column.STATUS:
                decoration, font, background, foreground = status
            elif self._falls_short(row, column):
                foreground = _SHORTFALL
            text = format_cell(row, column, calendar)
            cells.append(Cell(text, decoration, font, alignment, background, foreground))
        made = tuple(cells)
        if status[0] is not None:  # kept once the status marker could be drawn
            self._cells[row.student_id] = made
        return made

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
            return header_text(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._header_tooltip(column)}\n\n{column_menu_hint()}"
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
            Column.NAME: translate("Column", "Student name (sorts by family name)"),
            Column.STATUS: translate(
                "Column",
                "On track when every weekly target is met; otherwise what is missing: "
                "time (minutes), mastery (the average), units (mastered); or no activity",
            ),
            Column.MINUTES: translate(
                "Column", "Minutes of learning this week (expected: {minutes})"
            ).format(minutes=thresholds.min_weekly_minutes),
            Column.MASTERED: translate(
                "Column", "Units scored {mastery}% or more this week (expected: {units})"
            ).format(
                mastery=f"{thresholds.mastery_score:.0f}", units=thresholds.weekly_units_target
            ),
            Column.AVERAGE: translate(
                "Column",
                "Average unit score this week, each unit's latest score (expected: {average}%)",
            ).format(average=f"{thresholds.target_average:.0f}"),
            Column.TO_REASSIGN: translate(
                "Column",
                "Units whose latest score is under {mastery}% and that were not reassigned since",
            ).format(mastery=f"{thresholds.mastery_score:.0f}"),
            Column.PENDING: translate(
                "Roster", "Units reassigned and waiting for the student's retry"
            ),
            Column.GOALS: translate(
                "Roster", "Active goals in this content area that this week's data meets"
            ),
            Column.TUTORING: translate(
                "Column", "Tutoring sessions and minutes this week (in a tutoring group)"
            ),
            Column.LAST_CONFERENCE: translate("Column", "Days since the last conference note"),
            Column.LAST_ACTIVITY: translate(
                "Column", "Day of the latest unit completed, up to this week's end"
            ),
            Column.PRIORITY: priority_explanation(),
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
        new_ids = [row.student_id for row in new_rows]
        if change in (RosterChange.CONTEXT, RosterChange.FIGURES):  # every cell is stale
            self._cells.clear()
        # ``_positions`` keeps the students in row order, so it lists the rows' ids.
        if change is RosterChange.FIGURES and list(self._positions) == new_ids:
            # The same students in the same places (an action's figures): the cells
            # change, the rows do not, so selection, current row and scroll stay put.
            self._rows = new_rows
            if new_rows:
                last = self.index(len(new_rows) - 1, _COLUMN_COUNT - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if change is not RosterChange.CONTEXT and self._same_students(new_ids):
            # A sort (ORDER), or a filter or search that shows the same students: they
            # only move. Checked for ORDER too: it costs little and a wrong layout change
            # would leave views pointing at the wrong students.
            self._reorder(new_rows, new_ids)
            return
        self.beginResetModel()
        self._take_rows(new_rows, new_ids)
        self.endResetModel()

    def _same_students(self, new_ids: list[str]) -> bool:
        return len(new_ids) == len(self._rows) and self._positions.keys() == set(new_ids)

    def _take_rows(self, rows: list[RosterRow], ids: list[str]) -> None:
        self._rows = rows
        self._positions = dict(zip(ids, range(len(rows)), strict=True))

    def _reorder(self, new_rows: list[RosterRow], new_ids: list[str]) -> None:
        """Same students in a new order: a layout change, so selections follow their rows.

        Only the persistent indexes (the selection, the current cell: a handful) are
        moved, each to its student's new row.
        """
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._take_rows(new_rows, new_ids)
        old_indexes = self.persistentIndexList()
        if old_indexes:
            positions = self._positions
            new_indexes = [
                self.index(positions[old_rows[index.row()].student_id], index.column())
                for index in old_indexes
            ]
            self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()
