"""Read queries behind the roster: the school, its sections and the weekly figures.

Weekly figures are one SQL statement: a school week read from the weekly rollup (see
``ROLLED_UP_WEEKLY_FIGURES_SQL`` and ``store/weekly_rollup.py``), any other range one
aggregation over indexed columns (``WEEKLY_FIGURES_SQL``), never a Python loop over attempts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.freshness import DataSourceRecord
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import (
    ContentAreaRecord,
    SchoolRecord,
    SectionSummary,
    StudentWeek,
)
from classroom_desk.domain.roles import READ_ONLY_ROLES
from classroom_desk.store.data_sources import data_sources
from classroom_desk.store.timefmt import from_db_time, to_db_time
from classroom_desk.store.weekly_rollup import (
    LAST_CONFERENCE_SQL,
    LATEST_ATTEMPT_SQL,
    STANDING_COLUMNS,
    STANDING_CTES,
    WEEK_FIGURES_CTES,
    rollup_serves,
)

# One statement with named parameters (:mastery, :area, :start, :end, :section_N), so the
# same text runs through sqlite3 and through SQLAlchemy's text(). Per student in those sections:
# * the week's figures from the attempts and the platform summaries (``week_figures``), and
#   the units to reassign and reassignments pending (``STANDING_CTES``), both from
#   ``store/weekly_rollup.py``: read from ``weekly_rollup`` and ``student_standing`` for a
#   school week the rollup holds (``ROLLED_UP_WEEKLY_FIGURES_SQL``), else computed
#   (``WEEKLY_FIGURES_SQL``: any range, such as the Skills Summary's month);
# * last_conference: the latest conference (not an edit of one), kept in the standing, or
#   a seek into an index of conferences alone;
# * last_activity: the latest attempt before the week's end: the week's own latest when
#   the student worked this week, else the latest attempt the standing keeps when it is
#   before the week's end, else an index seek.
#
# Pages matter as much as rows: on an encrypted store every page read that is not in the
# page cache is decrypted and authenticated, so each part reads as few pages as it can.
_ROSTER_FIGURES_SQL = """
WITH roster AS (
    SELECT DISTINCT student_id FROM enrollment WHERE section_id IN ({{sections}})
){ctes}
SELECT s.id, s.given_name, s.family_name, s.grade,
       COALESCE(f.minutes, 0) + COALESCE(f.summary_minutes, 0),
       COALESCE(f.units_completed, 0) + COALESCE(f.summary_units_completed, 0),
       COALESCE(f.units_mastered, 0) + COALESCE(f.summary_units_passed, 0),
       (COALESCE(f.score_total, 0) + COALESCE(f.summary_score_total, 0))
         / NULLIF(COALESCE(f.units_completed, 0) + COALESCE(f.summary_scored, 0), 0)
           AS average_score,
       {standing_columns},
       {last_conference} AS last_conference,
       COALESCE(f.last_activity, {earlier_activity}) AS last_activity,
       COALESCE(f.summaries, 0) > 0 AS from_summary,
       COALESCE(f.summary_minutes, 0), COALESCE(f.summary_units_completed, 0),
       COALESCE(f.summary_units_passed, 0)
  FROM roster r
  JOIN student s ON s.id = r.student_id
  {joins}
"""
_EARLIER_ACTIVITY = LATEST_ATTEMPT_SQL.format(student="s.id", before=" AND l.completed_at < :end")

#: The week computed from the attempts, summaries and reassignments of the roster's students.
WEEKLY_FIGURES_SQL = _ROSTER_FIGURES_SQL.format(
    ctes=", week_keys AS (SELECT student_id, :area AS content_area_id, :start AS starts_at,"
    f" :end AS ends_at FROM roster),{WEEK_FIGURES_CTES},{STANDING_CTES}",
    standing_columns=STANDING_COLUMNS,
    last_conference=LAST_CONFERENCE_SQL.format(student="s.id"),
    earlier_activity=_EARLIER_ACTIVITY,
    joins="LEFT JOIN week_figures f ON f.student_id = r.student_id"
    " LEFT JOIN pending pd ON pd.student_id = r.student_id",
)
#: The week read from ``weekly_rollup`` and the rest from ``student_standing``: an index
#: seek per student into each (and into the attempts only for a student idle that week
#: whose latest attempt came after it).
ROLLED_UP_WEEKLY_FIGURES_SQL = _ROSTER_FIGURES_SQL.format(
    ctes="",
    standing_columns="COALESCE(sd.to_reassign, 0), COALESCE(sd.reassigned_pending, 0)",
    last_conference="sd.last_conference",
    earlier_activity="CASE WHEN sd.latest_attempt IS NULL OR sd.latest_attempt < :end"
    f" THEN sd.latest_attempt ELSE {_EARLIER_ACTIVITY} END",
    joins="LEFT JOIN weekly_rollup f ON f.student_id = r.student_id"
    " AND f.content_area_id = :area AND f.starts_at = :start"
    " LEFT JOIN student_standing sd ON sd.student_id = r.student_id"
    " AND sd.content_area_id = :area",
)


# A reassignment of unit progress row ``p`` made at or after its latest attempt and not
# undone: the unit is waiting for the student's retry.
REASSIGNED_SINCE_CONDITION = """
       r.student_id = p.student_id AND r.unit_id = p.unit_id AND r.action = 'reassign'
   AND r.tombstone = 0 AND r.created_at >= p.latest_completed_at
   AND NOT EXISTS (SELECT 1 FROM reassignment_event u
                    WHERE u.undoes_id = r.id AND u.tombstone = 0)
"""
REASSIGNED_SINCE_SQL = f"SELECT 1 FROM reassignment_event r WHERE {REASSIGNED_SINCE_CONDITION}"


def weekly_figures_statement(section_count: int, *, rolled_up: bool = False) -> str:
    """The roster's figures for ``section_count`` sections: read from the weekly rollup,
    or computed from the attempts (``rolled_up=False``)."""
    if section_count < 1:
        raise ValueError("at least one section is needed")
    template = ROLLED_UP_WEEKLY_FIGURES_SQL if rolled_up else WEEKLY_FIGURES_SQL
    return template.format(
        sections=", ".join(f":section_{index}" for index in range(section_count)),
    )


def weekly_figures_parameters(
    *,
    section_ids: Sequence[str],
    content_area_id: str,
    start_utc: datetime,
    end_utc: datetime,
    thresholds: Thresholds,
) -> dict[str, object]:
    parameters: dict[str, object] = {
        "mastery": thresholds.mastery_score,
        "area": content_area_id,
        "start": to_db_time(start_utc),
        "end": to_db_time(end_utc),
    }
    parameters.update({f"section_{index}": id_ for index, id_ in enumerate(section_ids)})
    return parameters


#: The members of every active tutoring group (a group's members are a JSON list of
#: student ids; a damaged list counts as no members, as ``domain.tutoring`` reads it).
TUTORED_STUDENTS_SQL = (
    "SELECT DISTINCT CAST(j.value AS TEXT) FROM tutoring_group g, json_each("
    "CASE WHEN json_valid(g.members) AND json_type(g.members) = 'array'"
    " THEN g.members ELSE '[]' END) j WHERE g.active = 1 AND g.tombstone = 0"
)


class RosterQueries:
    """Read-only queries over an open store connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def data_sources(self) -> list[DataSourceRecord]:
        """When the roster and each activity feed were last imported."""
        return data_sources(self._connection)

    def school(self) -> SchoolRecord | None:
        row = self._connection.execute(
            "SELECT id, name, time_zone, first_day_of_week, min_weekly_minutes,"
            " mastery_score, target_average, weekly_units_target FROM school ORDER BY name LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return SchoolRecord(
            id=row[0],
            name=row[1],
            time_zone=row[2],
            first_day_of_week=row[3],
            thresholds=Thresholds(
                min_weekly_minutes=row[4],
                mastery_score=row[5],
                target_average=row[6],
                weekly_units_target=row[7],
            ),
        )

    def content_areas(self) -> list[ContentAreaRecord]:
        rows = self._connection.execute(
            "SELECT id, name, position FROM content_area ORDER BY position, name"
        )
        return [ContentAreaRecord(id=r[0], name=r[1], position=r[2]) for r in rows]

    def sections(self) -> list[SectionSummary]:
        rows = self._connection.execute(
            """
            SELECT c.id, c.name, c.grade,
                   (SELECT group_concat(content_area_id) FROM (
                        SELECT sca.content_area_id FROM section_content_area sca
                          JOIN content_area ca ON ca.id = sca.content_area_id
                         WHERE sca.section_id = c.id ORDER BY ca.position)),
                   (SELECT COUNT(*) FROM enrollment e WHERE e.section_id = c.id)
              FROM class_section c
             ORDER BY c.name
            """
        )
        return [
            SectionSummary(
                id=r[0],
                name=r[1],
                grade=r[2],
                content_area_ids=tuple(r[3].split(",")) if r[3] else (),
                student_count=r[4],
            )
            for r in rows
        ]

    def school_server(self) -> str | None:
        """The school server this copy of the school comes from (signed in to), if any."""
        row = self._connection.execute("SELECT server_url FROM sync_state WHERE id = 1").fetchone()
        return None if row is None or not row[0] else str(row[0])

    def read_only_role(self) -> str | None:
        """The role of the account this laptop signs in as when it changes nothing (a
        principal, a coach): its school is the server's copy, kept by syncs alone."""
        row = self._connection.execute("SELECT role FROM sync_state WHERE id = 1").fetchone()
        return row[0] if row is not None and row[0] in READ_ONLY_ROLES else None

    def last_activity(self) -> datetime | None:
        row = self._connection.execute("SELECT MAX(completed_at) FROM unit_attempt").fetchone()
        return None if row[0] is None else from_db_time(row[0])

    def tutoring_week(
        self, *, student_ids: Sequence[str], week: date
    ) -> dict[str, tuple[int, int]]:
        """Per student, (sessions attended, minutes) in the week starting ``week``, for
        students with a session or in an active tutoring group (0, 0). Here rather than
        with the plan queries: the roster's first paint needs it, and the plan modules
        load after that paint."""
        wanted = set(student_ids)
        found: dict[str, tuple[int, int]] = {}
        for (student_id,) in self._connection.execute(TUTORED_STUDENTS_SQL):
            if student_id in wanted:
                found.setdefault(student_id, (0, 0))
        rows = self._connection.execute(
            "SELECT j.value, COUNT(*), SUM(s.minutes) FROM tutoring_session s,"
            " json_each(s.attendees) j WHERE s.voided = 0 AND s.tombstone = 0"
            " AND s.held_on >= ? AND s.held_on < ? GROUP BY j.value",
            (week.isoformat(), (week + timedelta(days=7)).isoformat()),
        )
        for student_id, sessions, minutes in rows:
            if student_id in wanted:
                found[student_id] = (int(sessions), int(minutes))
        return found

    def weekly_roster(
        self,
        *,
        section_ids: Sequence[str],
        content_area_id: str,
        start_utc: datetime,
        end_utc: datetime,
        thresholds: Thresholds,
    ) -> list[StudentWeek]:
        """Every student of the sections with their figures for ``[start, end)``: read
        from the weekly rollup for a school week it holds, else computed."""
        if not section_ids:
            return []
        parameters = weekly_figures_parameters(
            section_ids=section_ids,
            content_area_id=content_area_id,
            start_utc=start_utc,
            end_utc=end_utc,
            thresholds=thresholds,
        )
        # One read transaction: the check and the figures see the same commit.
        self._connection.execute("SAVEPOINT weekly_roster")
        try:
            rolled_up = rollup_serves(
                self._connection,
                start=str(parameters["start"]),
                end=str(parameters["end"]),
                mastery=thresholds.mastery_score,
            )
            rows = self._connection.execute(
                weekly_figures_statement(len(section_ids), rolled_up=rolled_up), parameters
            ).fetchall()
        finally:
            self._connection.execute("RELEASE weekly_roster")
        return student_weeks(rows)


def student_weeks(rows: Iterable[Sequence[Any]]) -> list[StudentWeek]:
    """The records of the weekly figures' rows (``weekly_figures_statement``'s columns)."""
    # Positional, each record in its fields' order: matching keywords cost about 5 ms of
    # the district's read (5,000 students, two records each).
    return [
        StudentWeek(
            r[0],  # student_id
            r[1],  # given_name
            r[2],  # family_name
            r[3],  # grade
            WeeklyFigures(
                int(r[4]),  # minutes
                r[5],  # units_completed
                r[6],  # units_mastered
                r[7],  # average_score
                r[8],  # units_to_reassign
                None if r[11] is None else from_db_time(r[11]),  # last_activity
                r[13],  # summary_minutes
                r[14],  # summary_units_completed
                r[15],  # summary_units_mastered
                bool(r[12]),  # from_summary
            ),
            r[9],  # reassigned_pending
            None if r[10] is None else from_db_time(r[10]),  # last_conference_at
        )
        for r in rows
    ]
