"""Table plumbing the dialogs share: the model-index type Qt hands to models, a read-only
table model over one value replaced whole, and a read-only table view."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ModelIndex = QModelIndex | QPersistentModelIndex
"""What Qt passes to a model's ``rowCount``, ``data`` and friends."""

ContentT = TypeVar("ContentT")


class SnapshotTableModel(QAbstractTableModel, Generic[ContentT]):
    """A read-only table over one immutable value (a preview, a report), replaced whole;
    empty while there is none. Subclasses give its ``size`` and their own ``data``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content: ContentT | None = None

    @property
    def content(self) -> ContentT | None:
        return self._content

    def set_content(self, content: ContentT | None) -> None:
        self.beginResetModel()
        self._content = content
        self.endResetModel()

    def size(self, content: ContentT) -> tuple[int, int]:
        """(rows, columns) of ``content``."""
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._content is None:
            return 0
        return self.size(self._content)[0]

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._content is None:
            return 0
        return self.size(self._content)[1]


def read_only_table(
    model: QAbstractItemModel, *, name: str, spoken: str, row_height: int
) -> QTableView:
    """A view of ``model`` that cannot edit it, columns as wide as their contents;
    ``spoken`` is what a screen reader calls it. Tab leaves it for the window's other
    controls (the arrows move within it), as in the roster."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(spoken)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setDefaultSectionSize(row_height)
    return view
