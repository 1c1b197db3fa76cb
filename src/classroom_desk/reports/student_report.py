"""A student's one-page progress for a family conference: the month against its targets,
each week of the month, the weeks' chart and the latest units, as plain data.

The week table lists every school week that touches the month and has begun (a month that
starts on a Sunday begins with the week before's last day), each cut to the month's days,
and a "Whole month" line. Its lines add up to the month: minutes by day, and each unit
counted once, in the week of its latest attempt in the month (completed, its score in
the average) and of its first mastering attempt (mastered), as the month counts them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import day_and_month, translatable, translate
from classroom_desk.reports.fonts import isolate
from classroom_desk.reports.groups_tutoring import student_plans_table
from classroom_desk.reports.skills_summary import (
    MONTHLY_UNITS_TARGET,
    Cell,
    ReportTable,
    _round,
    _school,
    month_label,
    student_months,
)
from classroom_desk.store.conference_queries import ConferenceQueries, UnitState, WeekPoint
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.timefmt import to_db_time


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
    #: The student's small groups and tutoring, each week of the month.
    plans: ReportTable | None = None


def student_report(
    connection: sqlite3.Connection,
    *,
    student_id: str,
    section_id: str,
    content_area_id: str,
    year: int,
    month: int,
    today: date | None = None,
) -> StudentReport:
    """``today`` (school-local, by default now) ends the week table: no week to come."""
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
    area = dict(school.areas).get(content_area_id, content_area_id)
    label = month_label(year, month)
    summary = ReportTable(
        title=translate("Report", "{student}: {area}, {month}").format(
            student=isolate(student.name), area=area, month=label
        ),
        subtitle=section.name,
        headers=(
            translate("Report", "Measure"),
            translate("Report", "This month"),
            translate("Report", "Target"),
        ),
        rows=(
            (translate("Report", "Minutes of practice"), student.minutes, None),
            (translate("Report", "Units completed"), student.units_completed, None),
            (
                translate("Report", "Units mastered ({mastery}% or more)").format(
                    mastery=f"{thresholds.mastery_score:.0f}"
                ),
                student.units_mastered,
                MONTHLY_UNITS_TARGET,
            ),
            (
                translate("Report", "Mastery average %"),
                student.average_score,
                thresholds.target_average,
            ),
        ),
        numeric=frozenset({1, 2}),
    )
    start, end = school.calendar.month_bounds(year, month)
    local_today = today or school.calendar.local_date(datetime.now(UTC))
    week_rows = _week_rows(
        connection,
        school.calendar,
        student_id=student_id,
        content_area_id=content_area_id,
        month=(start, end),
        today=local_today,
        mastery=thresholds.mastery_score,
    )
    weeks = ReportTable(
        title=translate("Report", "Week by week"),
        subtitle=translate(
            "Report",
            "Each week: at least {minutes} minutes, {units} units mastered, {average}% average",
        ).format(
            minutes=thresholds.min_weekly_minutes,
            units=thresholds.weekly_units_target,
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=(
            translate("Report", "Week"),
            translate("Report", "Minutes"),
            translate("Report", "Units completed"),
            translate("Report", "Units mastered"),
            translate("Report", "Average %"),
            translate("Report", "From a summary"),
        ),
        rows=tuple(week_rows),
        numeric=frozenset({1, 2, 3, 4}),
        notes=(
            translate(
                "Report",
                "Each unit counts once: in the week of its latest attempt this month, and as "
                "mastered in the week it first reached the mastery score.",
            ),
        ),
    )
    conference = ConferenceQueries(connection)
    lines = conference.units(
        student_id=student_id,
        content_area_id=content_area_id,
        mastery_score=thresholds.mastery_score,
        limit=8,
    )
    units = ReportTable(
        title=translate("Report", "Latest units"),
        subtitle="",
        headers=(
            translate("Report", "Unit"),
            translate("Report", "Latest score %"),
            translate("Report", "Attempts"),
            translate("Report", "Where it stands"),
        ),
        rows=tuple(
            (u.title or u.code, _round(u.latest_score), u.attempts, _unit_state_words(u.state))
            for u in lines
        ),
        numeric=frozenset({1, 2}),
    )
    last_week = min(
        school.calendar.week_of(end - timedelta(microseconds=1)),
        school.calendar.week_start(local_today),  # no week to come on the chart either
    )
    history = [last_week - timedelta(weeks=n) for n in range(11, -1, -1)]
    points = conference.weekly_history(
        student_id=student_id,
        content_area_id=content_area_id,
        weeks=[(w, *school.calendar.utc_bounds(w)) for w in history],
    )
    first_week = school.calendar.week_start(school.calendar.local_date(start))
    last_day = min(school.calendar.local_date(end - timedelta(microseconds=1)), local_today)
    plan_weeks = [
        first_week + timedelta(weeks=n)
        for n in range(6)
        if first_week + timedelta(weeks=n) <= last_day
    ]
    plans = student_plans_table(
        connection, student_id=student_id, content_area_id=content_area_id, weeks=plan_weeks
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
        plans=plans,
    )


@dataclass(slots=True)
class _Tally:
    """One line of the week table: additive counts and the average's parts."""

    minutes: int = 0
    completed: int = 0
    mastered: int = 0
    score_total: float = 0.0
    scored: float = 0.0
    from_summary: bool = False

    def add(self, other: _Tally) -> None:
        self.minutes += other.minutes
        self.completed += other.completed
        self.mastered += other.mastered
        self.score_total += other.score_total
        self.scored += other.scored
        self.from_summary = self.from_summary or other.from_summary

    def cells(self, label: str) -> tuple[Cell, ...]:
        average = self.score_total / self.scored if self.scored else None
        return (
            label,
            self.minutes,
            self.completed,
            self.mastered,
            _round(average),
            translate("Report", "yes") if self.from_summary else "",
        )


def _week_rows(
    connection: sqlite3.Connection,
    calendar: SchoolCalendar,
    *,
    student_id: str,
    content_area_id: str,
    month: tuple[datetime, datetime],
    today: date,
    mastery: float,
) -> list[tuple[Cell, ...]]:
    """The week table's lines, then "Whole month" (their sums)."""
    start, end = month
    first_day = calendar.local_date(start)
    last_day = calendar.local_date(end - timedelta(microseconds=1))
    weeks: list[date] = []
    week = calendar.week_start(first_day)
    while week <= min(last_day, today):
        weeks.append(week)
        week += timedelta(weeks=1)
    tallies = [_Tally() for _ in weeks]

    def line_of(moment: str) -> int | None:
        day = calendar.local_date(datetime.fromisoformat(moment))
        index = (calendar.week_start(day) - weeks[0]).days // 7 if weeks else -1
        return index if 0 <= index < len(weeks) else None

    attempts = connection.execute(
        """
        SELECT unit_id, score, minutes, completed_at FROM unit_attempt
         WHERE student_id = ? AND content_area_id = ? AND completed_at >= ? AND completed_at < ?
         ORDER BY completed_at, rowid
        """,
        (student_id, content_area_id, to_db_time(start), to_db_time(end)),
    ).fetchall()
    latest: dict[str, tuple[int | None, float]] = {}
    first_mastered: dict[str, int | None] = {}
    for unit_id, score, minutes, completed_at in attempts:
        line = line_of(completed_at)
        if line is not None:
            tallies[line].minutes += minutes
        latest[unit_id] = (line, score)
        if score >= mastery:
            first_mastered.setdefault(unit_id, line)
    for line, score in latest.values():
        if line is not None:
            tallies[line].completed += 1
            tallies[line].score_total += score
            tallies[line].scored += 1
    for line in first_mastered.values():
        if line is not None:
            tallies[line].mastered += 1
    for starts_at, minutes, completed, passed, average in connection.execute(
        """
        SELECT starts_at, minutes, units_completed, units_passed, average_score
          FROM activity_summary
         WHERE student_id = ? AND content_area_id = ? AND starts_at >= ? AND starts_at < ?
        """,
        (student_id, content_area_id, to_db_time(start), to_db_time(end)),
    ):
        line = line_of(starts_at)
        if line is None:
            continue
        tally = tallies[line]
        tally.minutes += minutes
        tally.completed += completed
        tally.mastered += passed
        tally.from_summary = True
        if average is not None:
            tally.score_total += average * completed
            tally.scored += completed
    rows = [
        t.cells(_week_label(w, first_day, last_day)) for w, t in zip(weeks, tallies, strict=True)
    ]
    whole = _Tally()
    for tally in tallies:
        whole.add(tally)
    return [*rows, whole.cells(translate("Report", "Whole month"))]


def _week_label(week: date, first_day: date, last_day: date) -> str:
    """``Week of Nov 2``, or with the days of the month it holds when cut by the month."""
    shown_first = max(week, first_day)
    shown_last = min(week + timedelta(days=6), last_day)
    label = translate("Report", "Week of {day}").format(day=day_and_month(week))
    if (shown_first, shown_last) == (week, week + timedelta(days=6)):
        return label
    if shown_first == shown_last:
        return f"{label} ({day_and_month(shown_first)})"
    return translate("Report", "{week} ({first} to {last})").format(
        week=label, first=day_and_month(shown_first), last=day_and_month(shown_last)
    )


_UNIT_STATE_WORDS = {
    UnitState.MASTERED: translatable("Report", "mastered"),
    UnitState.MASTERED_ON_RETRY: translatable("Report", "mastered on retry"),
    UnitState.TO_REASSIGN: translatable("Report", "to reassign"),
    UnitState.REASSIGNED: translatable("Report", "reassigned"),
}


def _unit_state_words(state: UnitState) -> str:
    return translate("Report", _UNIT_STATE_WORDS[state])
