"""RosterTableModel's change signals and kept cells: a re-sort is a layout change that moves
selections with their student, a new set of rows a reset, and every cell says what its row's
current figures say, whatever came before."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    COLUMNS,
    NUMERIC_COLUMNS,
    Column,
    RosterFilter,
    RosterPresenter,
    RosterRow,
    format_cell,
    row_tooltip,
)
from classroom_desk.ui.roster_model import (
    SHORTFALL_ON_DARK,
    SHORTFALL_ON_LIGHT,
    STATUS_ROLE,
    STATUS_STYLES,
    STUDENT_ID_ROLE,
    RosterTableModel,
)
from classroom_desk.ui.roster_view import RosterTableView

pytestmark = pytest.mark.usefixtures("qapp")

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.SizeHintRole,
    STUDENT_ID_ROLE,
    STATUS_ROLE,
)


def shown_ids(model: RosterTableModel) -> list[str]:
    return [model.index(n, 0).data(STUDENT_ID_ROLE) for n in range(model.rowCount())]


def row_at(model: RosterTableModel, number: int) -> RosterRow:
    row = model.row_at(number)
    assert row is not None
    return row


def visible_ids(presenter: RosterPresenter) -> list[str]:
    return [row.student_id for row in presenter.state.visible]


class Signals:
    """Counts of the model's structural signals, by name."""

    NAMES = (
        "layoutAboutToBeChanged",
        "layoutChanged",
        "modelAboutToBeReset",
        "modelReset",
        "rowsInserted",
        "rowsRemoved",
        "dataChanged",
    )

    def __init__(self, model: RosterTableModel) -> None:
        self.counts = dict.fromkeys(self.NAMES, 0)
        for name in self.NAMES:
            getattr(model, name).connect(lambda *_args, name=name: self._count(name))

    def _count(self, name: str) -> None:
        self.counts[name] += 1

    def take(self) -> dict[str, int]:
        fired = {name: n for name, n in self.counts.items() if n}
        self.counts = dict.fromkeys(self.NAMES, 0)
        return fired


def random_changes(presenter: RosterPresenter, rng: random.Random, steps: int) -> Iterator[str]:
    """Filters, Any/All, searches and sorts in a random order, now and then another week or
    class; yields what it did."""
    for _ in range(steps):
        action = rng.randrange(10)
        if action < 3:
            chosen = rng.choice(list(RosterFilter))
            presenter.set_filter(chosen, chosen not in presenter.state.active_filters)
        elif action == 3:
            presenter.set_match_all(not presenter.state.match_all)
        elif action == 4:
            presenter.set_search(rng.choice(["", "a", "an", "LI", "zq", " e "]))
        elif action < 9:
            presenter.sort_by(rng.choice(COLUMNS), rng.random() < 0.5)
        else:
            presenter.shift_week(rng.choice([-1, 1]))
        yield f"{action}"


@pytest.mark.parametrize("seed", range(3))
def test_model_tester_and_the_rows_agree_through_random_changes(
    qtmodeltester: Any, presenter: RosterPresenter, seed: int
) -> None:
    presenter.select_section(ALL_SECTIONS)  # every class: more rows, more ties
    model = RosterTableModel(presenter)
    qtmodeltester.check(model)  # stays attached: checks every signal that follows
    for step, _action in enumerate(random_changes(presenter, random.Random(seed), 80)):
        assert shown_ids(model) == visible_ids(presenter), f"step {step}"
        assert [model.row_of(sid) for sid in visible_ids(presenter)] == list(
            range(model.rowCount())
        )
    qtmodeltester.check(model)


def test_a_sort_moves_rows_and_a_new_set_of_rows_resets(presenter: RosterPresenter) -> None:
    presenter.select_section(ALL_SECTIONS)
    model = RosterTableModel(presenter)
    signals = Signals(model)

    presenter.sort_by(Column.MINUTES, descending=False)
    assert signals.take() == {"layoutAboutToBeChanged": 1, "layoutChanged": 1}
    presenter.sort_by(Column.NAME, descending=True)
    assert signals.take() == {"layoutAboutToBeChanged": 1, "layoutChanged": 1}

    presenter.set_filter(RosterFilter.UNDER_MINUTES, True)
    assert 0 < model.rowCount() < len(presenter.state.rows)
    assert signals.take() == {"modelAboutToBeReset": 1, "modelReset": 1}
    # Any/All with one filter shows the same students: no reset, the selection stays.
    presenter.set_match_all(True)
    assert signals.take() == {"layoutAboutToBeChanged": 1, "layoutChanged": 1}

    presenter.shift_week(-1)  # new figures, even for the same students
    assert signals.take() == {"modelAboutToBeReset": 1, "modelReset": 1}
    assert shown_ids(model) == visible_ids(presenter)


def expected_data(model: RosterTableModel, row: RosterRow, column: Column, role: int) -> Any:
    """What a cell should answer, from the row alone (the rules the model must keep)."""
    presenter = model._presenter
    thresholds = presenter.thresholds
    style = STATUS_STYLES[row.status]
    is_status = column is Column.STATUS
    if role == Qt.ItemDataRole.DisplayRole:
        return format_cell(row, column, presenter.calendar)
    if role == Qt.ItemDataRole.ToolTipRole:
        return row_tooltip(row, column)
    if role == STUDENT_ID_ROLE:
        return row.student_id
    if role == STATUS_ROLE:
        return row.status.name
    if role == Qt.ItemDataRole.DecorationRole:
        return "marker" if is_status else None
    if role == Qt.ItemDataRole.FontRole:
        return "bold" if is_status and style.tint is not None else None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        if column in NUMERIC_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if column is Column.GOALS:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    if role == Qt.ItemDataRole.BackgroundRole:
        return style.tint.name() if is_status and style.tint is not None else None
    if role == Qt.ItemDataRole.ForegroundRole:
        if is_status:
            return style.text.name() if style.text is not None else None
        figures = row.figures
        short = (column is Column.MINUTES and figures.minutes < thresholds.min_weekly_minutes) or (
            column is Column.AVERAGE
            and figures.average_score is not None
            and figures.average_score < thresholds.target_average
        )
        return SHORTFALL_ON_LIGHT.name() if short else None
    return None


def comparable(value: Any) -> Any:
    if isinstance(value, QBrush):
        return value.color().name()
    if isinstance(value, QFont):
        return "bold" if value.bold() else "plain"
    if value is not None and type(value).__name__ == "QIcon":
        return "marker" if not value.isNull() else None
    return value


def assert_every_cell_matches_its_row(model: RosterTableModel) -> None:
    for number in range(model.rowCount()):
        row = row_at(model, number)
        for column_number, column in enumerate(COLUMNS):
            index = model.index(number, column_number)
            for role in ROLES:
                got = comparable(index.data(role))
                assert got == expected_data(model, row, column, role), (row.name, column, role)


def test_every_cell_says_what_its_row_says_after_sorts_filters_and_new_weeks(
    presenter: RosterPresenter,
) -> None:
    model = RosterTableModel(presenter)
    assert_every_cell_matches_its_row(model)
    presenter.sort_by(Column.AVERAGE, descending=False)
    presenter.set_filter(RosterFilter.NOT_CONFERENCED, True)
    assert_every_cell_matches_its_row(model)
    # The same students with last week's figures: cells made for this week must go.
    this_week = {row_at(model, n).student_id for n in range(model.rowCount())}
    presenter.shift_week(-1)
    assert_every_cell_matches_its_row(model)
    last_week = {row_at(model, n).student_id for n in range(model.rowCount())}
    assert this_week & last_week  # the check above saw students whose cells were made before
    presenter.select_section(ALL_SECTIONS)
    presenter.set_search("a")
    assert_every_cell_matches_its_row(model)


def test_the_shortfall_red_follows_a_dark_palette_without_a_reload(
    presenter: RosterPresenter,
) -> None:
    model = RosterTableModel(presenter)
    minutes = COLUMNS.index(Column.MINUTES)
    short = next(
        n
        for n in range(model.rowCount())
        if row_at(model, n).figures.minutes < presenter.thresholds.min_weekly_minutes
    )
    index = model.index(short, minutes)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == SHORTFALL_ON_LIGHT
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    light = app.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    app.setPalette(dark)
    try:
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() == SHORTFALL_ON_DARK
    finally:
        app.setPalette(light)


@pytest.fixture
def table(qtbot: QtBot, presenter: RosterPresenter) -> RosterTableView:
    presenter.select_section(ALL_SECTIONS)
    view = RosterTableView(RosterTableModel(presenter))
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_selection_and_current_cell_stay_on_the_student_through_every_sort(
    qtbot: QtBot, table: RosterTableView, presenter: RosterPresenter
) -> None:
    model = table.model()
    assert isinstance(model, RosterTableModel)
    start = model.rowCount() // 2
    student = model.index(start, 0).data(STUDENT_ID_ROLE)
    selection = table.selectionModel()
    current_column = COLUMNS.index(Column.MINUTES)
    selection.setCurrentIndex(
        model.index(start, current_column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )

    for column_number in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column_number, order)
            assert model.sort_state() == (column_number, order)
            row = model.row_of(student)
            assert row is not None
            assert [i.row() for i in selection.selectedRows()] == [row]
            current = table.currentIndex()
            assert (current.row(), current.column()) == (row, current_column)

    # The arrow keys walk the new order from the same student.
    order = visible_ids(presenter)
    row = order.index(student)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().data(STUDENT_ID_ROLE) == order[row + 1]
    assert [i.row() for i in selection.selectedRows()] == [row + 1]
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentIndex().data(STUDENT_ID_ROLE) == order[row - 1]


def test_a_change_that_shows_the_same_students_keeps_the_selection_in_the_table(
    table: RosterTableView, presenter: RosterPresenter
) -> None:
    model = table.model()
    assert isinstance(model, RosterTableModel)
    presenter.set_filter(RosterFilter.UNDER_MINUTES, True)
    assert 5 < model.rowCount() < len(presenter.state.rows)
    kept = presenter.state.visible[5]
    table.selectRow(5)
    presenter.set_match_all(True)  # one filter: Any or All shows the same students
    presenter.set_search(" ")  # blank: everyone
    presenter.sort_by(Column.NAME, descending=False)
    [index] = table.selectionModel().selectedRows()
    assert index.data(STUDENT_ID_ROLE) == kept.student_id
    assert index.row() == model.row_of(kept.student_id) != 5
