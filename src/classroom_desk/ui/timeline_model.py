"""The student's history (notes, goals, reassignments, celebrations) as a Qt list model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QObject, Qt

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.student_panel import TimelineEntry
from classroom_desk.ui.tables import ModelIndex

#: The entry's kind (note, goal, reassigned, undone, celebrated), for views and tests.
KIND_ROLE = Qt.ItemDataRole.UserRole

KIND_LABELS = {
    "note": "Note",
    "goal": "Goal",
    "reassigned": "Reassigned",
    "undone": "Undid reassignment",
    "celebrated": "Celebrated",
}
# A note can be 100 KB: the list shows its start, the tooltip a longer start.
DISPLAY_CHARS = 160
TOOLTIP_CHARS = 1500


def _shortened(text: str, limit: int) -> str:
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _tooltip(text: str) -> str | None:
    """Rich text, so Qt wraps it; line breaks kept."""
    if not text.strip():
        return None
    start = text[:TOOLTIP_CHARS].strip() + ("…" if len(text) > TOOLTIP_CHARS else "")
    return "<qt>" + escape(start).replace("\n", "<br>") + "</qt>"


class TimelineModel(QAbstractListModel):
    """Newest first, one row per entry; replaced whole when the student changes."""

    def __init__(
        self, calendar: Callable[[], SchoolCalendar], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._entries: list[TimelineEntry] = []
        self._display: list[str] = []

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        if list(entries) == self._entries:
            return
        self.beginResetModel()
        self._entries = list(entries)
        calendar = self._calendar()
        self._display = []
        for entry in self._entries:
            day = calendar.local_date(entry.at)
            label = KIND_LABELS.get(entry.kind, entry.kind.title())
            text = _shortened(entry.text, DISPLAY_CHARS)
            self._display.append(f"{day:%b} {day.day}  ·  {label}: {text}" if text else label)
        self.endResetModel()

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(entry.text)
        if role == KIND_ROLE:
            return entry.kind
        return None
