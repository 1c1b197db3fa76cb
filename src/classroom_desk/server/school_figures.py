"""The School view's figures: a school-local month (or school week) per class and content
area, counted exactly as the laptop's Skills Summary counts it
(``reports.skills_summary.student_months`` over ``store.roster_queries.WEEKLY_FIGURES_SQL``;
a week as the roster counts it), for every class the caller may read.

Per student and content area, over the attempts in the month's ``[start, end)``: minutes
are every attempt's; units completed are the distinct units attempted; units mastered
those with any attempt at or above the mastery score; the average is the mean over units
of each unit's latest attempt in the month. Platform summaries (``activity_summary``)
starting in the month add their minutes, their units completed, and their units passed
to mastered; each summary with an average weighs it by its units completed.

SQL reads every student of the caller's classes at once (one statement for the
attempts, one for the summaries, none per class or student) and returns one row per
student, content area and unit; the sums are made here. Averages must equal the laptop's
to the last bit before rounding to one decimal: the laptop's SQLite (3.43 and later)
sums with compensation (Kahan-Babuska-Neumaier), while PostgreSQL and the server's own
SQLite add in whatever order rows come; ``math.fsum`` gives the correctly rounded sum the
laptop's nearly always equals, on either database.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, text

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.server.access import access_of
from classroom_desk.server.auth import Account
from classroom_desk.server.sync_service import school_policy
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.protocol import (
    MAX_MONTH_MINUTES,
    MAX_MONTH_UNITS,
    MonthArea,
    MonthClassArea,
    MonthSection,
    MonthStudent,
    SchoolMonth,
    SchoolWeek,
)

logger = logging.getLogger(__name__)

_ROSTER = "SELECT DISTINCT student_id FROM enrollment WHERE section_id IN :sections"

# One row per student, content area and unit attempted in [start, end): its minutes, its
# best score (mastered when at or above mastery) and its latest score.
#
# Latest is by time, then by insertion order, as on the laptop (``ORDER BY completed_at
# DESC, rowid DESC``). A laptop inserts attempts in the order its pull sends them, which
# is ``server_seq`` order, so the tie-break here is the attempt's ``server_seq`` in the
# sync log (the later written wins): the server's ``unit_attempt`` has no insertion number
# of its own that PostgreSQL keeps (no rowid, no serial column). Ties are rare (attempts
# of one unit at the very same instant, as a platform export with dates but no times
# gives); the CASE looks the log up only for them.
UNIT_MONTHS_SQL = f"""
WITH roster AS ({_ROSTER}),
month_attempts AS (
    SELECT a.student_id, a.content_area_id, a.unit_id, a.score, a.minutes, a.completed_at,
           MAX(a.completed_at) OVER (
               PARTITION BY a.student_id, a.content_area_id, a.unit_id) AS latest_at
      FROM roster r
      JOIN unit_attempt a ON a.student_id = r.student_id
     WHERE a.completed_at >= :start AND a.completed_at < :end
),
units AS (
    SELECT student_id, content_area_id, unit_id,
           SUM(minutes) AS minutes,
           MAX(score) AS best_score,
           MAX(latest_at) AS latest_at,
           COUNT(CASE WHEN completed_at = latest_at THEN 1 END) AS at_latest,
           MAX(CASE WHEN completed_at = latest_at THEN score END) AS latest_score
      FROM month_attempts
     GROUP BY student_id, content_area_id, unit_id
)
SELECT u.student_id, u.content_area_id, u.minutes, u.best_score,
       CASE WHEN u.at_latest = 1 THEN u.latest_score ELSE (
           SELECT a.score
             FROM unit_attempt a
             LEFT JOIN sync_row s
               ON s.school_id = :school AND s.table_name = 'unit_attempt' AND s.row_id = a.id
            WHERE a.student_id = u.student_id AND a.unit_id = u.unit_id
              AND a.content_area_id = u.content_area_id AND a.completed_at = u.latest_at
            ORDER BY COALESCE(s.server_seq, -1) DESC, a.id DESC
            LIMIT 1
       ) END AS latest_score
  FROM units u
"""

# Every summary row starting in [start, end): a handful per student and month.
SUMMARIES_SQL = f"""
WITH roster AS ({_ROSTER})
SELECT m.student_id, m.content_area_id, m.minutes, m.units_completed, m.units_passed,
       m.average_score
  FROM roster r
  JOIN activity_summary m ON m.student_id = r.student_id
 WHERE m.starts_at >= :start AND m.starts_at < :end
"""

_ENROLLED_SQL = """
SELECT e.section_id, s.id, s.given_name, s.family_name, s.grade
  FROM enrollment e
  JOIN student s ON s.id = e.student_id
 WHERE e.section_id IN :sections
"""

_SECTIONS_SQL = """
SELECT c.id, c.name, c.grade, t.given_name, t.family_name
  FROM class_section c
  JOIN teacher t ON t.id = c.teacher_id
 WHERE c.id IN :sections AND c.school_id = :school
"""

_SECTION_AREAS_SQL = (
    "SELECT section_id, content_area_id FROM section_content_area WHERE section_id IN :sections"
)

# The school's content areas are those its laptops hold: the ones published to its sync
# log (content_area has no school of its own on a server that may hold several), and any
# its classes teach.
_SCHOOL_AREAS_SQL = """
SELECT ca.id, ca.name, ca.position
  FROM content_area ca
 WHERE EXISTS (SELECT 1 FROM sync_row r
                WHERE r.school_id = :school AND r.table_name = 'content_area'
                  AND r.row_id = ca.id AND NOT r.tombstone)
    OR ca.id IN (SELECT sca.content_area_id FROM section_content_area sca
                  JOIN class_section c ON c.id = sca.section_id
                 WHERE c.school_id = :school)
"""


def _with_sections(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("sections", expanding=True))


@dataclass(slots=True)
class _Tally:
    """One student's month in one content area, as the parts the laptop's SQL adds up."""

    minutes: int = 0
    units_completed: int = 0
    units_mastered: int = 0
    #: Each unit's latest score in the month.
    latest_scores: list[float] = field(default_factory=list)
    summary_minutes: int = 0
    summary_units: int = 0
    summary_passed: int = 0
    #: ``average_score * units_completed`` of each summary that has an average.
    summary_score_parts: list[float] = field(default_factory=list)
    #: Units completed of the summaries that have an average.
    summary_scored: int = 0
    from_summary: bool = False

    def average(self) -> float | None:
        """As ``WEEKLY_FIGURES_SQL`` divides: (unit scores + weighted summary averages) /
        (units + summary units with an average), then to one decimal as the Skills
        Summary shows it (``reports.skills_summary._round``)."""
        units = self.units_completed + self.summary_scored
        if units == 0:
            return None
        total = math.fsum(self.latest_scores) + math.fsum(self.summary_score_parts)
        return round(total / float(units), 1)


def school_month(
    connection: Connection,
    *,
    account: Account,
    year: int,
    month: int,
) -> SchoolMonth | None:
    """The month's figures of every class ``account`` may read; ``None`` when its school
    is not in the database."""
    found = _school_period(connection, account, lambda school: school.month_bounds(year, month))
    return None if found is None else SchoolMonth(year=year, month=month, **found[1])


def school_week(connection: Connection, *, account: Account, day: date) -> SchoolWeek | None:
    """The figures of the school week that holds ``day`` (from the school's first day of
    the week, local midnight to midnight): the roster's week, counted as a month is."""

    def bounds(school: SchoolCalendar) -> tuple[datetime, datetime]:
        return school.utc_bounds(school.week_start(day))

    found = _school_period(connection, account, bounds)
    if found is None:
        return None
    week = found[0].week_start(day)
    return SchoolWeek(year=week.year, month=week.month, week_start=week, **found[1])


def _school_period(
    connection: Connection,
    account: Account,
    bounds: Callable[[SchoolCalendar], tuple[datetime, datetime]],
) -> tuple[SchoolCalendar, dict[str, Any]] | None:
    """The school's calendar and the answer's fields but its period's, for the UTC
    ``[start, end)`` that ``bounds`` gives in that calendar."""
    school_id = account.school_id
    policy = school_policy(connection, school_id)
    name = connection.execute(
        text("SELECT name FROM school WHERE id = :id"), {"id": school_id}
    ).scalar()
    if policy is None or name is None:
        return None
    section_ids = sorted(access_of(account).sections(connection))
    school = SchoolCalendar.named(policy.time_zone, policy.first_day_of_week)
    start, end = bounds(school)
    sections = _sections(connection, school_id, section_ids)
    areas = _school_areas(connection, school_id)
    figures = _figures(
        connection,
        school_id=school_id,
        section_ids=[s.id for s in sections],
        start=to_db_time(start),
        end=to_db_time(end),
        mastery=policy.mastery_score,
        positions={a.id: a.position for a in areas},
    )
    return school, {
        "school_id": school_id,
        "school_name": str(name),
        "policy": policy,
        "computed_at": datetime.now(UTC),
        "areas": areas,
        "sections": sections,
        "figures": figures,
    }


def _sections(
    connection: Connection, school_id: str, section_ids: Sequence[str]
) -> list[MonthSection]:
    """The classes among ``section_ids`` of the caller's school (a link to another
    school's class, however it got in, shows nothing of it)."""
    if not section_ids:
        return []
    rows = connection.execute(
        _with_sections(_SECTIONS_SQL), {"sections": section_ids, "school": school_id}
    )
    sections = [
        MonthSection(id=r[0], name=r[1], grade=r[2], teacher=f"{r[3]} {r[4]}") for r in rows
    ]
    return sorted(sections, key=lambda s: (s.name.casefold(), s.id))


def _school_areas(connection: Connection, school_id: str) -> list[MonthArea]:
    rows = connection.execute(text(_SCHOOL_AREAS_SQL), {"school": school_id})
    areas = [MonthArea(id=r[0], name=r[1], position=int(r[2])) for r in rows]
    return sorted(areas, key=lambda a: (a.position, a.name, a.id))


def _figures(
    connection: Connection,
    *,
    school_id: str,
    section_ids: Sequence[str],
    start: str,
    end: str,
    mastery: float,
    positions: Mapping[str, int],
) -> list[MonthClassArea]:
    if not section_ids:
        return []
    sections = {"sections": list(section_ids)}
    period = {**sections, "start": start, "end": end}
    tallies: dict[tuple[str, str], _Tally] = {}

    def tally(student_id: str, area_id: str) -> _Tally:
        found = tallies.get((student_id, area_id))
        if found is None:
            found = tallies[(student_id, area_id)] = _Tally()
        return found

    for student_id, area_id, minutes, best, latest in connection.execute(
        _with_sections(UNIT_MONTHS_SQL), {**period, "school": school_id}
    ):
        t = tally(student_id, area_id)
        t.minutes += int(minutes)
        t.units_completed += 1
        if float(best) >= mastery:
            t.units_mastered += 1
        t.latest_scores.append(float(latest))
    for student_id, area_id, minutes, units, passed, average in connection.execute(
        _with_sections(SUMMARIES_SQL), period
    ):
        t = tally(student_id, area_id)
        t.from_summary = True
        t.summary_minutes += int(minutes)
        t.summary_units += int(units)
        t.summary_passed += int(passed)
        if average is not None:
            t.summary_score_parts.append(float(average) * int(units))
            t.summary_scored += int(units)

    students: dict[str, list[tuple[str, str, str, str]]] = {}
    for section_id, student_id, given, family, grade in connection.execute(
        _with_sections(_ENROLLED_SQL), sections
    ):
        students.setdefault(section_id, []).append((student_id, given, family, grade))
    areas_of: dict[str, list[str]] = {}
    for section_id, area_id in connection.execute(_with_sections(_SECTION_AREAS_SQL), sections):
        areas_of.setdefault(section_id, []).append(area_id)

    empty = _Tally()
    figures: list[MonthClassArea] = []
    for section_id in section_ids:
        enrolled = sorted(
            students.get(section_id, []), key=lambda s: (s[2].casefold(), s[1].casefold(), s[0])
        )
        for area_id in sorted(areas_of.get(section_id, []), key=lambda a: (positions.get(a, 0), a)):
            figures.append(
                MonthClassArea(
                    section_id=section_id,
                    content_area_id=area_id,
                    students=[
                        _student(student, tallies.get((student[0], area_id), empty))
                        for student in enrolled
                    ],
                )
            )
    return figures


def _student(student: tuple[str, str, str, str], t: _Tally) -> MonthStudent:
    student_id, given, family, grade = student
    minutes = t.minutes + t.summary_minutes
    completed = t.units_completed + t.summary_units
    mastered = t.units_mastered + t.summary_passed
    if minutes > MAX_MONTH_MINUTES or max(completed, mastered) > MAX_MONTH_UNITS:
        # Imports bound each row, not a month's sum (a seconds column read as minutes,
        # five weekly summaries of a week's minutes): one student's bad import must not
        # fail the school's answer. Held at the bound, as the laptop's Skills Summary does.
        logger.warning(
            "school month: student %s's figures (%d minutes, %d units) held at the bound",
            student_id,
            minutes,
            completed,
        )
    return MonthStudent(
        student_id=student_id,
        given_name=given,
        family_name=family,
        grade=grade,
        minutes=min(minutes, MAX_MONTH_MINUTES),
        units_completed=min(completed, MAX_MONTH_UNITS),
        units_mastered=min(mastered, MAX_MONTH_UNITS),
        average_score=t.average(),
        from_summary=t.from_summary,
    )
