"""RosterTableModel: Qt's model checks, what each role says, and sorting at the source."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from classroom_desk.domain.figures import Status
from classroom_desk.domain.priority import priority_explanation
from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    COLUMNS,
    NUMERIC_COLUMNS,
    Column,
    RosterFilter,
    RosterPresenter,
    format_cell,
    row_tooltip,
)
from classroom_desk.ui.roster_model import (
    STATUS_ROLE,
    STUDENT_ID_ROLE,
    RosterTableModel,
    column_menu_hint,
)

# The model draws its status markers with QPixmap, which needs the GUI application.
pytestmark = pytest.mark.usefixtures("qapp")


def column_of(column: Column) -> int:
    return COLUMNS.index(column)


def test_model_passes_qt_model_tester_through_every_kind_of_change(
    qtmodeltester, presenter: RosterPresenter
) -> None:
    model = RosterTableModel(presenter)
    assert model.rowCount() > 0
    qtmodeltester.check(model)  # the tester stays attached and checks every signal below

    presenter.set_filter(RosterFilter.UNDER_MINUTES, True)
    presenter.set_search("a")
    model.sort(column_of(Column.MINUTES), Qt.SortOrder.AscendingOrder)
    presenter.shift_week(-1)
    presenter.select_section(ALL_SECTIONS)
    presenter.set_match_all(True)
    presenter.set_filter(RosterFilter.BELOW_MASTERY, True)
    presenter.set_search("")
    model.sort(column_of(Column.NAME), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_cells_say_what_the_presenter_formats(presenter: RosterPresenter) -> None:
    model = RosterTableModel(presenter)
    assert model.rowCount() == len(presenter.state.visible)
    assert model.columnCount() == len(COLUMNS)
    for number, row in enumerate(presenter.state.visible):
        for column in COLUMNS:
            index = model.index(number, column_of(column))
            assert index.data() == format_cell(row, column, presenter.calendar)
            assert index.data(Qt.ItemDataRole.ToolTipRole) == row_tooltip(row, column)
        assert model.index(number, 3).data(STUDENT_ID_ROLE) == row.student_id


def test_numbers_are_right_aligned_and_text_left_aligned(presenter: RosterPresenter) -> None:
    model = RosterTableModel(presenter)
    for column in COLUMNS:
        alignment = model.index(0, column_of(column)).data(Qt.ItemDataRole.TextAlignmentRole)
        right = Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
        assert bool(right) == (column in NUMERIC_COLUMNS), column


def test_urgent_statuses_stand_out_and_on_track_stays_calm(presenter: RosterPresenter) -> None:
    model = RosterTableModel(presenter)
    status_column = column_of(Column.STATUS)
    backgrounds: dict[str, QBrush | None] = {}
    for number in range(model.rowCount()):
        index = model.index(number, status_column)
        backgrounds[index.data(STATUS_ROLE)] = index.data(Qt.ItemDataRole.BackgroundRole)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # a coloured marker
    # The demo's first class this week has students with no activity and students on track.
    assert {Status.NO_ACTIVITY.name, Status.ON_TRACK.name} <= backgrounds.keys()
    assert backgrounds[Status.ON_TRACK.name] is None
    urgent = backgrounds[Status.NO_ACTIVITY.name]
    assert isinstance(urgent, QBrush)
    assert urgent.color().saturation() > 0


def test_priority_header_explains_the_score(presenter: RosterPresenter) -> None:
    model = RosterTableModel(presenter)
    horizontal = Qt.Orientation.Horizontal
    # Long titles over narrow numbers wrap onto two lines.
    assert [model.headerData(n, horizontal).replace("\n", " ") for n in range(len(COLUMNS))] == [
        c.value for c in COLUMNS
    ]
    priority = column_of(Column.PRIORITY)
    assert model.headerData(priority, horizontal, Qt.ItemDataRole.ToolTipRole) == (
        f"{priority_explanation()}\n\n{column_menu_hint()}"
    )


def test_sort_is_done_by_the_presenter_and_selections_follow_their_student(
    presenter: RosterPresenter,
) -> None:
    model = RosterTableModel(presenter)
    followed = QPersistentModelIndex(model.index(0, 0))
    student = followed.data(STUDENT_ID_ROLE)

    model.sort(column_of(Column.MINUTES), Qt.SortOrder.AscendingOrder)

    assert presenter.state.sort_column is Column.MINUTES
    assert presenter.state.sort_descending is False
    minutes = [
        row.figures.minutes for row in (model.row_at(n) for n in range(model.rowCount())) if row
    ]
    assert minutes == sorted(minutes)
    assert followed.isValid()
    assert followed.data(STUDENT_ID_ROLE) == student
    assert model.sort_state() == (column_of(Column.MINUTES), Qt.SortOrder.AscendingOrder)


def test_filter_change_resets_the_model_to_the_visible_rows(
    qtbot: QtBot, presenter: RosterPresenter
) -> None:
    model = RosterTableModel(presenter)
    with qtbot.waitSignal(model.modelReset):
        presenter.set_filter(RosterFilter.NO_ACTIVITY, True)
    shown = [model.index(n, 0).data(STUDENT_ID_ROLE) for n in range(model.rowCount())]
    assert shown == [row.student_id for row in presenter.state.visible]
    assert all(RosterFilter.NO_ACTIVITY in row.flags for row in model._rows)


def test_detached_model_stops_following_the_presenter(presenter: RosterPresenter) -> None:
    model = RosterTableModel(presenter)
    before = model.rowCount()
    model.detach()
    presenter.set_filter(RosterFilter.NO_ACTIVITY, True)
    assert model.rowCount() == before != len(presenter.state.visible)
