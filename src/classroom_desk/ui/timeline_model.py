"""The student's history (notes, goals, reassignments, celebrations, tutoring sessions,
groups) as a Qt list model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QObject, Qt

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import (
    clock_time,
    day_and_month,
    translatable,
    translate,
    weekday_day_and_month,
)
from classroom_desk.presenters.student_panel import TimelineEntry
from classroom_desk.ui.tables import ModelIndex

#: The entry's kind (note, goal, reassigned, undone, celebrated), for views and tests.
KIND_ROLE = Qt.ItemDataRole.UserRole
#: The record the entry shows (for a note, the version a correction would replace).
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_LABELS = {
    "note": translatable("History", "Note"),
    "goal": translatable("History", "Goal"),
    "reassigned": translatable("History", "Reassigned"),
    "undone": translatable("History", "Undid reassignment"),
    "celebrated": translatable("History", "Celebrated"),
    "tutoring": translatable("History", "Tutoring"),
    "group": translatable("History", "Group"),
}
# A note can be 100 KB: the list shows its start, the tooltip a longer start.
DISPLAY_CHARS = 160
TOOLTIP_CHARS = 1500


def _shortened(text: str, limit: int) -> str:
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _tooltip(text: str, edited: str = "") -> str | None:
    """Rich text, so Qt wraps it; line breaks kept; a corrected note says when first."""
    if not text.strip():
        return None
    start = text[:TOOLTIP_CHARS].strip() + ("…" if len(text) > TOOLTIP_CHARS else "")
    head = f"<i>{escape(edited)}</i><br>" if edited else ""
    return "<qt>" + head + escape(start).replace("\n", "<br>") + "</qt>"


def _edited_words(calendar: SchoolCalendar, edited_at: datetime) -> tuple[str, str]:
    """("edited Nov 19", "Edited Thu Nov 19, 3:05 PM") in the school's time zone."""
    local = edited_at.replace(tzinfo=UTC).astimezone(calendar.time_zone)
    clock = clock_time(local.hour, local.minute).replace("\u00a0", " ")
    return (
        translate("History", "edited {day}").format(day=day_and_month(local.date())),
        translate("History", "Edited {day}, {clock}").format(
            day=weekday_day_and_month(local.date()), clock=clock
        ),
    )


class TimelineModel(QAbstractListModel):
    """Newest first, one row per entry; replaced whole when the student changes."""

    def __init__(
        self, calendar: Callable[[], SchoolCalendar], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._entries: list[TimelineEntry] = []
        self._display: list[str] = []
        self._edited: list[str] = []

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        if list(entries) == self._entries:
            return
        self.beginResetModel()
        self._entries = list(entries)
        calendar = self._calendar()
        self._display = []
        self._edited = []
        for entry in self._entries:
            day = calendar.local_date(entry.at)
            english = KIND_LABELS.get(entry.kind)
            label = entry.kind.title() if english is None else translate("History", english)
            edited_short, edited_long = "", ""
            if entry.edited_at is not None:
                edited_short, edited_long = _edited_words(calendar, entry.edited_at)
                label = f"{label} ({edited_short})"
            text = _shortened(entry.text, DISPLAY_CHARS)
            self._display.append(f"{day_and_month(day)}  ·  {label}: {text}" if text else label)
            self._edited.append(edited_long)
        self.endResetModel()

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, record_id: str) -> int | None:
        """The row showing ``record_id``, if it is shown."""
        return next((n for n, e in enumerate(self._entries) if e.record_id == record_id), None)

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
            return _tooltip(entry.text, self._edited[index.row()])
        if role == KIND_ROLE:
            return entry.kind
        if role == RECORD_ROLE:
            return entry.record_id
        return None
