"""A student's one-page progress for a family conference: the month against its targets,
each week of the month, the weeks' chart and the latest units, as plain data."""

from __future__ import annotations

import calendar as month_calendar
import sqlite3
from dataclasses import dataclass
from datetime import timedelta

from classroom_desk.reports.skills_summary import (
    MONTHLY_UNITS_TARGET,
    Cell,
    ReportTable,
    _round,
    _school,
    month_bounds,
    student_months,
)
from classroom_desk.store.conference_queries import ConferenceQueries, WeekPoint
from classroom_desk.store.roster_queries import RosterQueries


@dataclass(frozen=True, slots=True)
class StudentReport:
    student_name: str
    class_name: str
    area_name: str
    month_label: str
    summary: ReportTable  # the month against its targets
    weeks: ReportTable  # each school week that starts in the month
    units: ReportTable  # the latest units and where each stands
    points: tuple[WeekPoint, ...]  # the chart: the last twelve weeks
    min_weekly_minutes: int
    target_average: float


def student_report(
    connection: sqlite3.Connection,
    *,
    student_id: str,
    section_id: str,
    content_area_id: str,
    year: int,
    month: int,
) -> StudentReport:
    school = _school(connection)
    thresholds = school.record.thresholds
    queries = RosterQueries(connection)
    section = next((s for s in queries.sections() if s.id == section_id), None)
    if section is None:
        raise ValueError(f"no class {section_id!r}")
    mine = [
        s
        for s in student_months(
            connection,
            section_ids=[section_id],
            content_area_id=content_area_id,
            year=year,
            month=month,
        )
        if s.student_id == student_id
    ]
    if not mine:
        raise ValueError(f"student {student_id!r} is not in {section.name}")
    student = mine[0]
    area = school.area_names.get(content_area_id, content_area_id)
    label = f"{month_calendar.month_name[month]} {year}"
    summary = ReportTable(
        title=f"{student.name}: {area}, {label}",
        subtitle=section.name,
        headers=("Measure", "This month", "Target"),
        rows=(
            ("Minutes of practice", student.minutes, None),
            ("Units completed", student.units_completed, None),
            ("Units mastered (80% or more)", student.units_mastered, MONTHLY_UNITS_TARGET),
            ("Mastery average %", student.average_score, thresholds.target_average),
        ),
        numeric=frozenset({1, 2}),
    )
    start, end = month_bounds(school.calendar, year, month)
    first_week = school.calendar.week_of(start)
    if first_week < school.calendar.local_date(start):
        first_week += timedelta(weeks=1)
    week_rows: list[tuple[Cell, ...]] = []
    week = first_week
    while week <= school.calendar.local_date(end - timedelta(microseconds=1)):
        week_start, week_end = school.calendar.utc_bounds(week)
        [row] = [
            r
            for r in queries.weekly_roster(
                section_ids=[section_id],
                content_area_id=content_area_id,
                start_utc=week_start,
                end_utc=week_end,
                thresholds=thresholds,
            )
            if r.student_id == student_id
        ]
        figures = row.figures
        week_rows.append(
            (
                f"Week of {week:%b} {week.day}",
                figures.minutes,
                figures.units_mastered,
                _round(figures.average_score),
                "yes" if figures.from_summary else "",
            )
        )
        week += timedelta(weeks=1)
    weeks = ReportTable(
        title="Week by week",
        subtitle=(
            f"Each week: at least {thresholds.min_weekly_minutes} minutes, "
            f"{thresholds.weekly_units_target} units mastered, "
            f"{thresholds.target_average:.0f}% average"
        ),
        headers=("Week", "Minutes", "Units mastered", "Average %", "From a summary"),
        rows=tuple(week_rows),
        numeric=frozenset({1, 2, 3}),
    )
    conference = ConferenceQueries(connection)
    lines = conference.units(
        student_id=student_id,
        content_area_id=content_area_id,
        mastery_score=thresholds.mastery_score,
        limit=8,
    )
    units = ReportTable(
        title="Latest units",
        subtitle="",
        headers=("Unit", "Latest score %", "Attempts", "Where it stands"),
        rows=tuple(
            (u.title or u.code, _round(u.latest_score), u.attempts, u.state.value) for u in lines
        ),
        numeric=frozenset({1, 2}),
    )
    last_week = school.calendar.week_of(end - timedelta(microseconds=1))
    history = [last_week - timedelta(weeks=n) for n in range(11, -1, -1)]
    points = conference.weekly_history(
        student_id=student_id,
        content_area_id=content_area_id,
        weeks=[(w, *school.calendar.utc_bounds(w)) for w in history],
    )
    return StudentReport(
        student_name=student.name,
        class_name=section.name,
        area_name=area,
        month_label=label,
        summary=summary,
        weeks=weeks,
        units=units,
        points=tuple(points),
        min_weekly_minutes=thresholds.min_weekly_minutes,
        target_average=thresholds.target_average,
    )
