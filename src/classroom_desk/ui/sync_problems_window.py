"""The Sync problems window: what the server refused and what this laptop set aside, each
with its reason, so nothing goes wrong in silence (Sync menu, "Sync problems…")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.i18n import translate
from classroom_desk.presenters.sync_problems import COLUMNS, SyncProblemsView
from classroom_desk.ui.tables import ModelIndex, SnapshotTableModel, read_only_table


class SyncProblemsTableModel(SnapshotTableModel[SyncProblemsView]):
    """One line per problem: when, what, which record, why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def size(self, content: SyncProblemsView) -> tuple[int, int]:
        return len(content.lines), len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        view = self.content
        if view is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return view.cell(index.row(), index.column())
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return translate("SyncProblems", COLUMNS[section])
        return None


class SyncProblemsWindow(QDialog):
    """Lists a ``SyncProblemsView``; ``show_view`` replaces it (after each sync)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncProblemsWindow")
        self.setWindowTitle(translate("Sync", "Sync problems"))
        self.summary = QLabel()
        self.summary.setObjectName("syncProblemsSummary")
        self.summary.setWordWrap(True)
        self.model = SyncProblemsTableModel(self)
        self.table = read_only_table(
            self.model,
            name="syncProblemsTable",
            spoken=translate("Sync", "Sync problems"),
            row_height=24,
        )
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # Fits a 1024x600 laptop screen with room to spare.
        self.resize(860, 420)

    def show_view(self, view: SyncProblemsView) -> None:
        self.summary.setText(view.summary)
        self.model.set_content(view)
        # The reason matters most: it takes the width left and wraps; an id is elided
        # (its tooltip has it whole). Set once the columns exist.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 110)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
