"""One unit in the student panel: title, latest score, date, attempts, Reassign."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from classroom_desk.i18n import day_and_month, plural, translatable, translate
from classroom_desk.presenters.student_panel import UnitLine, UnitState
from classroom_desk.ui.elided_label import ElidedLabel

_UNIT_STATE_TEXT = {
    # Shown only where no Reassign button stands in its place (a read-only account).
    UnitState.TO_REASSIGN: translatable("Panel", "To reassign"),
    UnitState.MASTERED: translatable("Panel", "Mastered"),
    UnitState.MASTERED_ON_RETRY: translatable("Panel", "Mastered on retry"),
    UnitState.REASSIGNED: translatable("Panel", "Reassigned"),
}


def unit_state_text(state: UnitState) -> str:
    """A unit's state beside it, in the teacher's language."""
    english = _UNIT_STATE_TEXT.get(state)
    return "" if english is None else translate("Panel", english)


def attempts_text(attempts: int) -> str:
    return plural(
        attempts, translate("Panel", "{count} try"), translate("Panel", "{count} tries")
    ).format(count=attempts)


class UnitRow(QFrame):
    """One unit: code and title, latest score, date, attempts, and Reassign or its state."""

    reassign_requested = Signal(str)
    """The row's Reassign button was pressed; carries the unit id."""

    def __init__(self, widths: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit_id = ""
        self.title = ElidedLabel()
        self.score = QLabel()
        self.day = QLabel()
        self.attempts = QLabel()
        self.state = QLabel()
        self.state.setProperty("role", "state")
        self.reassign_button = QPushButton(translate("Panel", "Reassign"))
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.setCursor(Qt.CursorShape.PointingHandCursor)
        for label, key in ((self.score, "score"), (self.day, "day"), (self.attempts, "attempts")):
            label.setFixedWidth(widths[key])
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        action = QWidget()
        action.setFixedWidth(widths["action"])
        action_row = QHBoxLayout(action)
        action_row.setContentsMargins(0, 0, 0, 0)
        action_row.addWidget(self.reassign_button)
        action_row.addWidget(self.state)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 4, 2)
        row.setSpacing(8)
        row.addWidget(self.title, 1)
        row.addWidget(self.score)
        row.addWidget(self.day)
        row.addWidget(self.attempts)
        row.addWidget(action)
        self.reassign_button.clicked.connect(self._on_reassign_clicked)

    def show_unit(
        self,
        unit: UnitLine,
        *,
        day: date,
        reassigned_on: date | None,
        lowest: bool,
        may_reassign: bool = True,
    ) -> None:
        self.unit_id = unit.unit_id
        self.title.setText(unit.title)
        waiting = unit.state is UnitState.TO_REASSIGN
        score_font = QFont(self.font())
        score_font.setBold(waiting)
        self.score.setFont(score_font)
        self.score.setText(f"{unit.latest_score:.0f}%")
        self.day.setText(day_and_month(day))
        self.attempts.setText(attempts_text(unit.attempts))
        offered = waiting and may_reassign
        self.reassign_button.setVisible(offered)
        self.state.setVisible(not offered)
        self.state.setText(unit_state_text(unit.state))
        self.state.setToolTip(
            translate("Panel", "Reassigned {day}, waiting for the student's retry").format(
                day=day_and_month(reassigned_on)
            )
            if unit.state is UnitState.REASSIGNED and reassigned_on is not None
            else ""
        )
        send = translate("Panel", "Send {unit} back to the student (scored {score}%)").format(
            unit=unit.title, score=f"{unit.latest_score:.0f}"
        )
        if lowest:
            send = translate("Panel", "{send} · Ctrl+R reassigns this one, the lowest").format(
                send=send
            )
        self.reassign_button.setToolTip(send)
        self.reassign_button.setAccessibleName(
            translate("Panel", "Reassign {unit}").format(unit=unit.title)
        )
        state = unit.state.name.lower()
        if self.property("unitState") != state:
            self.setProperty("unitState", state)
            for widget in (self, self.title, self.score, self.day, self.attempts, self.state):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _on_reassign_clicked(self) -> None:
        self.reassign_requested.emit(self.unit_id)
