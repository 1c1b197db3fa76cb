"""RosterCellDelegate: the roster's cells drawn from the model's made cells must look exactly
as the stock delegate draws them from ``data()``."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from classroom_desk.presenters.roster import ALL_SECTIONS, COLUMNS, Column, RosterPresenter
from classroom_desk.ui.roster_model import RosterTableModel
from classroom_desk.ui.roster_view import RosterCellDelegate, RosterTableView

pytestmark = pytest.mark.usefixtures("qapp")

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)


class Stock(QStyledItemDelegate):
    """The stock delegate, with its protected initStyleOption reachable from a test."""

    def fill(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)


class Roster(RosterCellDelegate):
    def fill(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)


def brush(value: Any) -> tuple[str, str]:
    return (value.style().name, value.color().name(QColor.NameFormat.HexArgb))


def summary(option: QStyleOptionViewItem) -> dict[str, Any]:
    """Everything in a filled option that the style draws from, as plain values (the
    option's parts go when the option does)."""
    size = option.decorationSize
    return {
        "text": option.text,
        "features": int(option.features.value),
        "alignment": int(option.displayAlignment.value),
        "font": option.font.toString(),
        "metrics": (option.fontMetrics.height(), option.fontMetrics.horizontalAdvance("Needs")),
        "text colour": [brush(option.palette.brush(g, QPalette.ColorRole.Text)) for g in GROUPS],
        "icon": None if option.icon.isNull() else option.icon.cacheKey(),
        "decoration size": (size.width(), size.height()),
        "background": brush(option.backgroundBrush),
        "style object": option.styleObject is None,
        "index": (option.index.row(), option.index.column()),
        "check": option.checkState.name,
    }


@pytest.fixture
def view(qtbot: QtBot, presenter: RosterPresenter) -> RosterTableView:
    presenter.select_section(ALL_SECTIONS)
    table = RosterTableView(RosterTableModel(presenter))
    qtbot.addWidget(table)
    table.set_hidden_columns(())  # every column drawn
    table.resize(1200, 600)
    table.show()
    qtbot.waitExposed(table)
    return table


@pytest.mark.parametrize(
    "state",
    [
        QStyle.StateFlag.State_Enabled,
        QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Selected,
        QStyle.StateFlag.State_None,  # a disabled view
    ],
)
def test_every_cell_gets_the_option_the_stock_delegate_would_fill(
    view: RosterTableView, state: QStyle.StateFlag
) -> None:
    model = view.model()
    assert isinstance(model, RosterTableModel)
    roster, stock = Roster(model, view), Stock(view)
    for number in range(model.rowCount()):
        for column in range(len(COLUMNS)):
            index = model.index(number, column)
            filled = []
            for delegate in (roster, stock):
                option = QStyleOptionViewItem()
                view.initViewItemOption(option)
                option.state = state
                delegate.fill(option, index)
                filled.append(summary(option))
            assert filled[0] == filled[1], (number, COLUMNS[column])


def test_the_roster_looks_the_same_as_with_the_stock_delegate(
    qtbot: QtBot, view: RosterTableView, presenter: RosterPresenter
) -> None:
    presenter.sort_by(Column.AVERAGE, descending=False)  # red figures, tinted statuses
    view.selectRow(2)
    roster_image = view.grab().toImage()
    view.setItemDelegate(QStyledItemDelegate(view))
    stock_image = view.grab().toImage()
    assert roster_image == stock_image


class CountingModel(RosterTableModel):
    def __init__(self, presenter: RosterPresenter) -> None:
        super().__init__(presenter)
        self.roles: list[int] = []

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        self.roles.append(int(role))
        return super().data(index, role)


def test_a_paint_reads_the_made_cells_not_data_role_by_role(
    qtbot: QtBot, presenter: RosterPresenter
) -> None:
    model = CountingModel(presenter)
    table = RosterTableView(model)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    model.roles.clear()
    table.grab()
    assert int(Qt.ItemDataRole.DisplayRole) not in model.roles
    # The stock delegate would ask for the display text of every painted cell.
    table.setItemDelegate(QStyledItemDelegate(table))
    table.grab()
    assert int(Qt.ItemDataRole.DisplayRole) in model.roles
