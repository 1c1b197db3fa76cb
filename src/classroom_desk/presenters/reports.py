"""Reports as the window asks for them: the class chart's points from the roster it shows,
the Skills Summary and a student's report built on a connection of their own (report
building runs on a worker thread), and their CSV and PDF exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import translate
from classroom_desk.presenters.roster import ALL_SECTIONS, RosterPresenter, RosterRow
from classroom_desk.reports.charts import ChartPoint, ClassChart, class_chart_figure, pick_student
from classroom_desk.reports.exports import (
    CLASS_CHART_SIZE,
    table_csv,
    write_class_chart,
    write_class_pdf,
    write_csv,
    write_groups_tutoring,
    write_student_pdf,
)
from classroom_desk.reports.groups_tutoring import GroupsTutoringReport, groups_tutoring_report
from classroom_desk.reports.skills_summary import (
    ReportTable,
    class_line_label,
    class_skills_summary,
    month_label,
    school_skills_summary,
)
from classroom_desk.reports.student_report import StudentReport, student_report
from classroom_desk.store.database import StoreKey, open_store

__all__ = [
    "CLASS_CHART_SIZE",
    "WHOLE_SCHOOL",
    "ChartPoint",
    "ClassChart",
    "ReportService",
    "ReportTable",
    "StudentReport",
    "chart_points",
    "chart_title",
    "class_chart_figure",
    "class_line_label",
    "month_label",
    "pick_student",
    "recent_months",
    "report_sections",
    "table_csv",
]

#: The Skills Summary's "class" meaning every class of the school, sorted by grade.
WHOLE_SCHOOL = "*school*"


def chart_points(rows: Sequence[RosterRow]) -> list[ChartPoint]:
    """The class chart's points from the roster's rows (the same figures the roster shows)."""
    return [
        ChartPoint(row.student_id, row.name, row.figures.minutes, row.figures.average_score)
        for row in rows
    ]


def chart_title(roster: RosterPresenter) -> str:
    all_classes = translate("MainWindow", "All classes")
    section = next((s.name for s in roster.sections if s.id == roster.section_id), all_classes)
    if roster.section_id == ALL_SECTIONS:
        section = all_classes
    area = next(
        (a.name for a in roster.content_areas if a.id == roster.content_area_id),
        translate("MainWindow", "No content area"),
    )
    return f"{section} · {area} · {roster.week_label()}"


def report_sections(roster: RosterPresenter) -> list[str]:
    """The classes a student's report may be about, given what the roster shows."""
    if roster.section_id != ALL_SECTIONS:
        return [roster.section_id]
    return [s.id for s in roster.sections if roster.content_area_id in s.content_area_ids]


def recent_months(today: date, count: int = 12) -> list[tuple[int, int]]:
    """(year, month) from this month back, for the month picker."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@dataclass(frozen=True, slots=True)
class ReportService:
    """Report tables and exports over the store file at ``store_path``."""

    store_path: Path
    key: StoreKey | None = None

    def skills_summary(
        self, *, section_id: str, content_area_id: str, year: int, month: int
    ) -> ReportTable:
        """One class's month in one content area, or every class (``WHOLE_SCHOOL``)."""
        with closing(open_store(self.store_path, self.key)) as store:
            if section_id == WHOLE_SCHOOL:
                return school_skills_summary(store.connection, year=year, month=month)
            return class_skills_summary(
                store.connection,
                section_id=section_id,
                content_area_id=content_area_id,
                year=year,
                month=month,
            )

    def student_report(
        self,
        *,
        student_id: str,
        section_ids: Sequence[str],
        content_area_id: str,
        year: int,
        month: int,
    ) -> StudentReport:
        """The report for the first of ``section_ids`` the student is in (the roster's class,
        or with "All classes" each class working in the area). Raises ``ValueError`` when
        the student is in none of them."""
        with closing(open_store(self.store_path, self.key)) as store:
            for section_id in section_ids:
                try:
                    return student_report(
                        store.connection,
                        student_id=student_id,
                        section_id=section_id,
                        content_area_id=content_area_id,
                        year=year,
                        month=month,
                    )
                except ValueError:
                    continue
        raise ValueError("the student is in none of the classes shown")

    @staticmethod
    def export_class_chart(
        points: Sequence[ChartPoint], thresholds: Thresholds, title: str, path: Path
    ) -> Path:
        """The class chart as PDF or PNG, or its points as CSV, by the file's suffix."""
        return write_class_chart(points, thresholds, title, path)

    @staticmethod
    def export_table_csv(table: ReportTable, path: Path) -> Path:
        write_csv(table, path)
        return path

    @staticmethod
    def export_table_pdf(table: ReportTable, path: Path) -> Path:
        write_class_pdf(table, path)
        return path

    def groups_tutoring(
        self, *, section_id: str, content_area_id: str, week: date
    ) -> GroupsTutoringReport:
        """The class's groups for the block and its tutoring that week."""
        with closing(open_store(self.store_path, self.key)) as store:
            return groups_tutoring_report(
                store.connection, section_id=section_id, content_area_id=content_area_id, week=week
            )

    @staticmethod
    def export_groups_tutoring(report: GroupsTutoringReport, path: Path) -> Path:
        """PDF, or CSV when ``path`` ends in ``.csv``."""
        return write_groups_tutoring(report, path)

    @staticmethod
    def export_student(report: StudentReport, path: Path) -> Path:
        """PDF, or CSV when ``path`` ends in ``.csv``."""
        if path.suffix.lower() == ".csv":
            from classroom_desk.reports.exports import student_report_csv

            path.write_text(student_report_csv(report), encoding="utf-8-sig", newline="")
        else:
            write_student_pdf(report, path)
        return path
