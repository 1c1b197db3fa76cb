"""The Skills Summary a principal reviews: per class and month, each student's units
mastered (target six a month) and mastery average (target 80%); for the school, every
class sorted by grade. Also a student's one-page progress for a family conference.

The figures are the roster's own SQL aggregation (``RosterQueries.weekly_roster``) over a
school month instead of a week, so a month and a week mean the same things. Tables here
are plain rows of numbers and text: the ui shows them, and the CSV and PDF exports write
exactly those values.
"""

from __future__ import annotations

import calendar as month_calendar
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import SchoolRecord, StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import month_name, translatable, translate
from classroom_desk.store.roster_queries import RosterQueries

#: Units a student should master in a month (two to three a week, DESIGN.md).
MONTHLY_UNITS_TARGET = 6

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A Qt-free table: column headers and rows of cells (numbers stay numbers; ``None``
    is an empty cell). ``numeric`` marks the columns shown right-aligned."""

    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    #: Row indexes whose values fall short of a target, per column (for red text).
    short: frozenset[tuple[int, int]] = frozenset()
    notes: tuple[str, ...] = ()

    def display(self, row: int, column: int) -> str:
        return format_cell(self.rows[row][column])


def format_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def month_bounds(calendar: SchoolCalendar, year: int, month: int) -> tuple[datetime, datetime]:
    """Naive-UTC ``[start, end)`` of a school-local calendar month."""
    last = month_calendar.monthrange(year, month)[1]
    first_day, next_first = date(year, month, 1), date(year, month, last) + timedelta(days=1)

    def midnight(day: date) -> datetime:
        local = datetime.combine(day, time(0), tzinfo=calendar.time_zone)
        return local.astimezone(UTC).replace(tzinfo=None)

    return midnight(first_day), midnight(next_first)


def grade_key(grade: str) -> tuple[int, str]:
    """PK, K, 1 ... 12, then anything else by name."""
    text = grade.strip().upper()
    special = {"PK": -1, "P": -1, "TK": -1, "K": 0, "KG": 0}
    if text in special:
        return special[text], ""
    return (int(text), "") if text.isdigit() else (100, text)


@dataclass(frozen=True, slots=True)
class StudentMonth:
    student_id: str
    name: str
    grade: str
    minutes: int
    units_completed: int
    units_mastered: int
    average_score: float | None
    from_summary: bool


@dataclass(slots=True)
class _School:
    record: SchoolRecord
    calendar: SchoolCalendar
    area_names: dict[str, str] = field(default_factory=dict)


def _school(connection: sqlite3.Connection) -> _School:
    queries = RosterQueries(connection)
    record = queries.school()
    if record is None:
        raise ValueError("no school in the store yet (import a roster first)")
    calendar = SchoolCalendar.named(record.time_zone, record.first_day_of_week)
    names = {a.id: a.name for a in queries.content_areas()}
    return _School(record, calendar, names)


def _round(value: float | None) -> float | None:
    """Averages are shown to one decimal; the table holds the shown value so the screen,
    the CSV and the PDF agree to the digit."""
    return None if value is None else round(value, 1)


def student_months(
    connection: sqlite3.Connection,
    *,
    section_ids: Sequence[str],
    content_area_id: str,
    year: int,
    month: int,
) -> list[StudentMonth]:
    school = _school(connection)
    start, end = month_bounds(school.calendar, year, month)
    weeks = RosterQueries(connection).weekly_roster(
        section_ids=section_ids,
        content_area_id=content_area_id,
        start_utc=start,
        end_utc=end,
        thresholds=school.record.thresholds,
    )
    return sorted((_student_month(w) for w in weeks), key=lambda s: _name_key(s.name))


def _student_month(week: StudentWeek) -> StudentMonth:
    figures = week.figures
    return StudentMonth(
        student_id=week.student_id,
        name=f"{week.given_name} {week.family_name}",
        grade=week.grade,
        minutes=figures.minutes,
        units_completed=figures.units_completed,
        units_mastered=figures.units_mastered,
        average_score=_round(figures.average_score),
        from_summary=figures.from_summary,
    )


def _name_key(name: str) -> tuple[str, str]:
    given, _, family = name.partition(" ")
    return family.casefold(), given.casefold()


CLASS_HEADERS = (
    translatable("Report", "Student"),
    translatable("Report", "Grade"),
    translatable("Report", "Minutes"),
    translatable("Report", "Units completed"),
    translatable("Report", "Units mastered"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "Units target met"),
    translatable("Report", "Average target met"),
    translatable("Report", "From a summary"),
)


def class_skills_summary(
    connection: sqlite3.Connection, *, section_id: str, content_area_id: str, year: int, month: int
) -> ReportTable:
    """One class's month in one content area: a row per student, then the class line."""
    school = _school(connection)
    thresholds = school.record.thresholds
    section = next((s for s in RosterQueries(connection).sections() if s.id == section_id), None)
    if section is None:
        raise ValueError(f"no class {section_id!r}")
    students = student_months(
        connection,
        section_ids=[section_id],
        content_area_id=content_area_id,
        year=year,
        month=month,
    )
    rows: list[tuple[Cell, ...]] = []
    short: set[tuple[int, int]] = set()
    for index, s in enumerate(students):
        units_met = s.units_mastered >= MONTHLY_UNITS_TARGET
        average_met = (
            None if s.average_score is None else s.average_score >= thresholds.target_average
        )
        rows.append(
            (
                s.name,
                s.grade,
                s.minutes,
                s.units_completed,
                s.units_mastered,
                s.average_score,
                _yes_no(units_met),
                None if average_met is None else _yes_no(average_met),
                translate("Report", "yes") if s.from_summary else "",
            )
        )
        if not units_met:
            short.add((index, 4))
        if average_met is False:
            short.add((index, 5))
    rows.append(_class_line(students, thresholds))
    area = school.area_names.get(content_area_id, content_area_id)
    return ReportTable(
        title=translate("Report", "Skills Summary: {section}, {area}").format(
            section=section.name, area=area
        ),
        subtitle=translate(
            "Report",
            "{month} {year} · {school} · targets: {units} units mastered a month, {average}% "
            "mastery average (each unit's latest score in the month)",
        ).format(
            month=month_name(month, short=False),
            year=year,
            school=school.record.name,
            units=MONTHLY_UNITS_TARGET,
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in CLASS_HEADERS),
        rows=tuple(rows),
        numeric=frozenset({2, 3, 4, 5}),
        short=frozenset(short),
        notes=_summary_notes(students),
    )


def class_line_label(students: int) -> str:
    """The first cell of the class's line (the window draws that line apart)."""
    return translate("Report", "Class ({count} students)").format(count=students)


def _yes_no(value: bool) -> str:
    return translate("Report", "yes") if value else translate("Report", "no")


def _mean(values: Sequence[float]) -> float | None:
    return _round(sum(values) / len(values)) if values else None


def _class_line(students: Sequence[StudentMonth], thresholds: Thresholds) -> tuple[Cell, ...]:
    averages = [s.average_score for s in students if s.average_score is not None]
    units_met = sum(s.units_mastered >= MONTHLY_UNITS_TARGET for s in students)
    average_met = sum(a >= thresholds.target_average for a in averages)
    return (
        class_line_label(len(students)),
        None,
        _mean([s.minutes for s in students]),
        _mean([s.units_completed for s in students]),
        _mean([s.units_mastered for s in students]),
        _mean(averages),
        units_met,
        average_met,
        sum(s.from_summary for s in students) or None,
    )


def _summary_notes(students: Sequence[StudentMonth]) -> tuple[str, ...]:
    notes = [
        translate(
            "Report",
            "The class line gives means per student; the target columns count the students "
            "meeting each target.",
        )
    ]
    if any(s.from_summary for s in students):
        notes.append(
            translate(
                "Report",
                "'From a summary': some figures came from a platform's summary export, which "
                "has no per-unit scores; its units count as completed and mastered (passed).",
            )
        )
    return tuple(notes)


SCHOOL_HEADERS = (
    translatable("Report", "Grade"),
    translatable("Report", "Class"),
    translatable("Report", "Teacher"),
    translatable("Report", "Content area"),
    translatable("Report", "Students"),
    translatable("Report", "Units mastered per student"),
    translatable("Report", "Students at units target"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "Students at average target"),
)


def school_skills_summary(connection: sqlite3.Connection, *, year: int, month: int) -> ReportTable:
    """Every class and content area of the school for the month, sorted by grade."""
    school = _school(connection)
    thresholds = school.record.thresholds
    sections = connection.execute(
        """
        SELECT c.id, c.name, c.grade, t.given_name || ' ' || t.family_name
          FROM class_section c JOIN teacher t ON t.id = c.teacher_id
        """
    ).fetchall()
    positions = {a.id: a.position for a in RosterQueries(connection).content_areas()}
    area_rows = connection.execute(
        "SELECT section_id, content_area_id FROM section_content_area"
    ).fetchall()
    areas_of: dict[str, list[str]] = {}
    for section_id, area_id in area_rows:
        areas_of.setdefault(section_id, []).append(area_id)
    rows: list[tuple[Cell, ...]] = []
    ordered = sorted(sections, key=lambda s: (grade_key(s[2]), s[1].casefold()))
    for section_id, name, grade, teacher in ordered:
        for area_id in sorted(areas_of.get(section_id, []), key=lambda a: positions.get(a, 0)):
            students = student_months(
                connection,
                section_ids=[section_id],
                content_area_id=area_id,
                year=year,
                month=month,
            )
            averages = [s.average_score for s in students if s.average_score is not None]
            rows.append(
                (
                    grade,
                    name,
                    teacher,
                    school.area_names.get(area_id, area_id),
                    len(students),
                    _mean([s.units_mastered for s in students]),
                    sum(s.units_mastered >= MONTHLY_UNITS_TARGET for s in students),
                    _mean(averages),
                    sum(a >= thresholds.target_average for a in averages),
                )
            )
    short = {
        (index, column)
        for index, row in enumerate(rows)
        for column, target in ((5, MONTHLY_UNITS_TARGET), (7, thresholds.target_average))
        if isinstance(row[column], float) and row[column] < target  # type: ignore[operator]
    }
    return ReportTable(
        title=translate("Report", "Skills Summary: {school}").format(school=school.record.name),
        subtitle=translate(
            "Report",
            "{month} {year} · every class by grade · targets: {units} units mastered a month, "
            "{average}% mastery average",
        ).format(
            month=month_name(month, short=False),
            year=year,
            units=MONTHLY_UNITS_TARGET,
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in SCHOOL_HEADERS),
        rows=tuple(rows),
        numeric=frozenset({4, 5, 6, 7, 8}),
        short=frozenset(short),
        notes=(
            translate(
                "Report",
                "Units mastered and mastery average are means over each class's students.",
            ),
        ),
    )
