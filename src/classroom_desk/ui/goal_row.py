"""One goal in the student panel, and the target box of the goal editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.figures import Status, percent_text
from classroom_desk.domain.goals import GoalKind
from classroom_desk.i18n import translate
from classroom_desk.presenters.student_panel import GoalView
from classroom_desk.ui.conflict_notice import ConflictNoticeWidget
from classroom_desk.ui.elided_label import ElidedLabel
from classroom_desk.ui.roster_model import STATUS_STYLES

MET = "\u2713"
SAVED_COLOUR = STATUS_STYLES[Status.ON_TRACK].marker.name()


class TargetSpinBox(QSpinBox):
    """A goal's target; Enter submits it."""

    submitted = Signal()
    """Enter was pressed in the box."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class GoalRow(QFrame):
    """One goal: what it asks, progress from the data, and Celebrate once met; under it,
    a value another laptop wrote that lost to it (or beat this laptop's), with "Use that"."""

    celebrate_requested = Signal(str)
    """Celebrate was pressed; carries the goal id."""
    drop_requested = Signal(str)
    """The goal's drop button was pressed; carries the goal id."""
    use_lost_requested = Signal(str, str)
    """"Use that" was pressed under the goal; carries the goal id and the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal_id = ""
        self.description = ElidedLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.setFixedWidth(self.fontMetrics().horizontalAdvance("100% (goal 100%) ✓") + 28)
        self.celebrate_button = QPushButton(translate("Panel", "Celebrate"))
        self.celebrate_button.setObjectName("celebrateButton")
        self.celebrated_label = QLabel(translate("Panel", "Celebrated {mark}").format(mark=MET))
        self.celebrated_label.setStyleSheet(f"color: {SAVED_COLOUR}")
        self.drop_button = QToolButton()
        self.drop_button.setText("\u00d7")  # a multiplication sign, drawn as a close cross
        self.drop_button.setAutoRaise(True)
        self.drop_button.setToolTip(translate("Panel", "Drop this goal"))
        self.notices = [ConflictNoticeWidget(), ConflictNoticeWidget()]  # target, status
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.description, 1)
        row.addWidget(self.progress)
        row.addWidget(self.celebrate_button)
        row.addWidget(self.celebrated_label)
        row.addWidget(self.drop_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 1, 0, 1)
        column.setSpacing(0)
        column.addLayout(row)
        for notice in self.notices:
            notice.setContentsMargins(12, 0, 0, 0)  # under the goal it is about
            column.addWidget(notice)
            notice.use_requested.connect(self._on_use_lost_clicked)
        self.celebrate_button.clicked.connect(self._on_celebrate_clicked)
        self.drop_button.clicked.connect(self._on_drop_clicked)

    def show_goal(self, view: GoalView, *, may_change: bool = True) -> None:
        """``may_change`` False (a principal's or coach's laptop): no Celebrate, no drop,
        no "Use that" under a lost value."""
        self.goal_id = view.goal.id
        self.description.setText(view.description)
        progress, goal = view.progress, view.goal
        self.progress.setValue(round(progress.fraction * 100))
        self.progress.setFormat(_progress_text(goal.kind, progress.current, goal.target))
        self.celebrate_button.setVisible(may_change and progress.met and not view.celebrated)
        self.drop_button.setVisible(may_change)
        self.celebrated_label.setVisible(view.celebrated)
        self.celebrate_button.setAccessibleName(
            translate("Panel", "Celebrate: {goal}").format(goal=view.description)
        )
        self.drop_button.setAccessibleName(
            translate("Panel", "Drop goal: {goal}").format(goal=view.description)
        )
        for index, notice in enumerate(self.notices):
            notice.show_notice(view.conflicts[index] if index < len(view.conflicts) else None)
            notice.use_button.setVisible(may_change)

    def focus_widgets(self) -> list[QWidget]:
        """The row's keyboard stops, left to right then down."""
        return [
            self.celebrate_button,
            self.drop_button,
            *(notice.use_button for notice in self.notices),
        ]

    def _on_celebrate_clicked(self) -> None:
        self.celebrate_requested.emit(self.goal_id)

    def _on_use_lost_clicked(self, key: str) -> None:
        self.use_lost_requested.emit(self.goal_id, key)

    def _on_drop_clicked(self) -> None:
        self.drop_requested.emit(self.goal_id)


def _progress_text(kind: GoalKind, current: float | None, target: float) -> str:
    met = current is not None and current >= target
    mark = f"  {MET}" if met else ""
    if kind is GoalKind.AVERAGE_SCORE:
        if current is None:
            return translate("Panel", "no units yet (goal {target}%)").format(
                target=f"{target:.0f}"
            )
        return (
            translate("Panel", "{average} (goal {target}%)").format(
                average=percent_text(current, target), target=f"{target:.0f}"
            )
            + mark
        )
    progress = (
        translate("Panel", "{current} of {target} min")
        if kind is GoalKind.MINUTES
        else translate("Panel", "{current} of {target}")
    )
    return progress.format(current=f"{current or 0:.0f}", target=f"{target:.0f}") + mark
