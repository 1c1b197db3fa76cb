"""A read-only summary of the selected student's week, beside the roster.

The full conference panel replaces this later; for now it says who is selected, their
status in words, and this week's figures against the school's expectations.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from classroom_desk.domain.figures import Status
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.roster import RosterRow
from classroom_desk.ui.roster_model import STATUS_STYLES, shortfall_colour

MET, SHORT = "✓", "✗"


class StudentSummaryPane(QFrame):
    """Shows one roster row in words; shows a hint when nobody is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("studentSummaryPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(220)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._student_id: str | None = None

        self._placeholder = QLabel(
            "Select a student to see their week.\n\n"
            "Arrow keys move through the roster; Enter opens the student."
        )
        self._placeholder.setObjectName("summaryPlaceholder")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setEnabled(False)

        self.name_label = QLabel()
        self.name_label.setObjectName("summaryName")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.name_label.setFont(title_font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_label = QLabel()
        self.status_label.setObjectName("summaryStatus")
        self.context_label = QLabel()
        self.context_label.setObjectName("summaryContext")
        self.context_label.setWordWrap(True)

        self.minutes_value = QLabel()
        self.mastered_value = QLabel()
        self.average_value = QLabel()
        self.reassign_value = QLabel()
        self.last_activity_value = QLabel()
        for value in (
            self.minutes_value,
            self.mastered_value,
            self.average_value,
            self.reassign_value,
            self.last_activity_value,
        ):
            value.setWordWrap(True)
        figures = QFormLayout()
        figures.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        figures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        figures.addRow("Minutes", self.minutes_value)
        figures.addRow("Units mastered", self.mastered_value)
        figures.addRow("Average score", self.average_value)
        figures.addRow("To reassign", self.reassign_value)
        figures.addRow("Last activity", self.last_activity_value)

        reasons_title = QLabel("Why")
        reasons_font = QFont(self.font())
        reasons_font.setBold(True)
        reasons_title.setFont(reasons_font)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("summaryReasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.name_label)
        column.addWidget(self.status_label)
        column.addWidget(self.context_label)
        column.addSpacing(4)
        column.addLayout(figures)
        column.addSpacing(4)
        column.addWidget(reasons_title)
        column.addWidget(self.reasons_label)
        column.addStretch(1)

        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(16, 14, 16, 14)
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(details)
        self._details = details

    @property
    def student_id(self) -> str | None:
        """The student shown, or ``None`` when the pane shows its hint."""
        return self._student_id

    def clear(self) -> None:
        self._student_id = None
        self._stack.setCurrentWidget(self._placeholder)

    def show_row(
        self,
        row: RosterRow,
        *,
        thresholds: Thresholds,
        calendar: SchoolCalendar,
        context: str,
    ) -> None:
        """Fill the pane from one roster row; ``context`` names the area and week."""
        self._student_id = row.student_id
        figures = row.figures
        self.name_label.setText(row.name)
        style = STATUS_STYLES[row.status]
        self.status_label.setText(
            f'<span style="color:{style.marker.name()}; font-size:large">●</span>'
            f" <b>{escape(row.status.value)}</b>"
        )
        grade = f"Grade {row.grade} · " if row.grade else ""
        self.context_label.setText(f"{grade}{context}")

        minutes_met = figures.minutes >= thresholds.min_weekly_minutes
        self.minutes_value.setText(
            _against(f"{figures.minutes} of {thresholds.min_weekly_minutes}", minutes_met)
        )
        mastered_met = figures.units_mastered >= thresholds.weekly_units_target
        self.mastered_value.setText(
            _against(f"{figures.units_mastered} of {thresholds.weekly_units_target}", mastered_met)
        )
        if figures.average_score is None:
            self.average_value.setText(f"none yet (expected {thresholds.target_average:.0f}%)")
        else:
            average_met = figures.average_score >= thresholds.target_average
            self.average_value.setText(
                _against(
                    f"{figures.average_score:.0f}% (expected {thresholds.target_average:.0f}%)",
                    average_met,
                )
            )
        to_reassign = figures.units_to_reassign
        self.reassign_value.setText(
            "none" if not to_reassign else f"{to_reassign} unit{'s' if to_reassign > 1 else ''}"
        )
        self.last_activity_value.setText(
            "never"
            if figures.last_activity is None
            else calendar.local_date(figures.last_activity).strftime("%A %b %d").replace(" 0", " ")
        )
        reasons = row.assessment.reasons
        if reasons:
            items = "".join(f"<li>{escape(_sentence(reason))}</li>" for reason in reasons)
            self.reasons_label.setText(f'<ul style="margin-left:-24px">{items}</ul>')
        else:
            self.reasons_label.setText("Meets every weekly expectation.")
        self._stack.setCurrentWidget(self._details)


def _against(text: str, met: bool) -> str:
    """A figure and a mark saying whether it meets its threshold (not colour alone)."""
    mark, colour = (
        (MET, STATUS_STYLES[Status.ON_TRACK].marker.name())
        if met
        else (SHORT, shortfall_colour().name())
    )
    return f'{escape(text)}&nbsp;&nbsp;<b style="color:{colour}">{mark}</b>'


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]
