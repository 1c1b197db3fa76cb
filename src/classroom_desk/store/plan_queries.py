"""Read queries behind the groups view, the rotation board and tutoring: a block's
groups, last week's, a student's groups over time, the board, tutors, tutoring groups,
sessions and dosage."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from classroom_desk.domain.groups import GroupBasis, UnitShortfall
from classroom_desk.domain.rotation import (
    DEFAULT_ROUND_MINUTES,
    DEFAULT_STATIONS,
    RotationProgress,
    Station,
    decode_progress,
    decode_stations,
)
from classroom_desk.domain.tutoring import (
    Plan,
    Schedule,
    decode_members,
    decode_plan,
    decode_schedule,
)
from classroom_desk.store.timefmt import from_db_time, to_db_time


@dataclass(frozen=True, slots=True)
class GroupRecord:
    """A saved group of a block, with its students (in name order)."""

    id: str
    name: str
    basis: GroupBasis
    reason: str
    unit_id: str | None
    student_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupHistoryLine:
    week: date
    area_name: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class RotationRecord:
    stations: tuple[Station, ...] = DEFAULT_STATIONS
    round_minutes: int = DEFAULT_ROUND_MINUTES
    progress: RotationProgress = field(default_factory=RotationProgress)
    saved: bool = False


@dataclass(frozen=True, slots=True)
class TutorRecord:
    id: str
    name: str
    role: str
    active: bool


@dataclass(frozen=True, slots=True)
class TutoringGroupRecord:
    id: str
    name: str
    tutor_id: str
    content_area_id: str | None
    schedule: Schedule
    plan: Plan
    student_ids: tuple[str, ...]
    active: bool


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    group_id: str
    tutor_id: str
    held_on: date
    minutes: int
    attendees: tuple[str, ...]
    focus: str
    note: str
    voided: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PlanConflictLine:
    """A value of a group, board or tutoring record that lost to another laptop's."""

    record_table: str
    record_id: str
    field: str
    value: str
    device_id: str
    created_at: datetime


#: How many weeks, up to the block's, a unit still under mastery counts for a group.
WEAK_UNIT_WEEKS = 4

_SESSION_COLUMNS = (
    "id, group_id, tutor_id, held_on, minutes, attendees, focus, note, voided, created_at"
)


def _session(row: Sequence[object]) -> SessionRecord:
    return SessionRecord(
        id=str(row[0]),
        group_id=str(row[1]),
        tutor_id=str(row[2]),
        held_on=date.fromisoformat(str(row[3])),
        minutes=int(row[4]),  # type: ignore[call-overload]
        attendees=decode_members(str(row[5])),
        focus=str(row[6]),
        note=str(row[7]),
        voided=bool(row[8]),
        created_at=from_db_time(str(row[9])),
    )


class PlanQueries:
    """Read-only queries over an open store connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    # -- groups ----------------------------------------------------------------

    def weak_units(
        self,
        *,
        section_id: str,
        content_area_id: str,
        start_utc: datetime,
        end_utc: datetime,
        mastery_score: float,
    ) -> dict[str, list[UnitShortfall]]:
        """Per student of the class, the units whose latest score is under mastery, last
        attempted in the four weeks up to the week's end (a unit mastered since is not
        one), in course order: what a small group can work on together."""
        rows = self._connection.execute(
            """
            SELECT p.student_id, u.id, u.title, u.position, p.latest_score
              FROM enrollment e
              JOIN unit_progress p
                ON p.student_id = e.student_id AND p.content_area_id = :area
               AND p.latest_score < :mastery
              JOIN unit u ON u.id = p.unit_id
             WHERE e.section_id = :section
               AND p.latest_completed_at >= :since AND p.latest_completed_at < :end
             ORDER BY p.student_id, u.position, u.id
            """,
            {
                "area": content_area_id,
                "since": to_db_time(start_utc - timedelta(weeks=WEAK_UNIT_WEEKS - 1)),
                "end": to_db_time(end_utc),
                "section": section_id,
                "mastery": mastery_score,
            },
        )
        found: dict[str, list[UnitShortfall]] = {}
        for student_id, unit_id, title, position, score in rows:
            found.setdefault(student_id, []).append(
                UnitShortfall(unit_id, title, int(position), float(score))
            )
        return found

    def block_groups(
        self, *, section_id: str, content_area_id: str, week: date
    ) -> list[GroupRecord]:
        """The block's groups (not dissolved) in the order they were made, each with its
        students in name order."""
        groups = self._connection.execute(
            "SELECT id, name, basis, reason, unit_id FROM student_group WHERE section_id = ?"
            " AND content_area_id = ? AND week = ? AND status = 'active' AND tombstone = 0"
            " ORDER BY created_at, name, id",
            (section_id, content_area_id, week.isoformat()),
        ).fetchall()
        members: dict[str, list[str]] = {}
        for student_id, group_id in self._connection.execute(
            "SELECT m.student_id, m.group_id FROM group_member m JOIN student s"
            " ON s.id = m.student_id WHERE m.section_id = ? AND m.content_area_id = ?"
            " AND m.week = ? AND m.group_id IS NOT NULL AND m.tombstone = 0"
            " ORDER BY s.family_name COLLATE NOCASE, s.given_name COLLATE NOCASE, s.id",
            (section_id, content_area_id, week.isoformat()),
        ):
            members.setdefault(group_id, []).append(student_id)
        return [
            GroupRecord(
                id=row[0],
                name=row[1],
                basis=_basis(row[2]),
                reason=row[3],
                unit_id=row[4],
                student_ids=tuple(members.get(row[0], ())),
            )
            for row in groups
        ]

    def group_history(self, *, student_id: str, limit: int = 12) -> list[GroupHistoryLine]:
        """The student's groups over time, newest week first."""
        rows = self._connection.execute(
            "SELECT g.week, a.name, g.name, g.reason FROM group_member m"
            " JOIN student_group g ON g.id = m.group_id"
            " JOIN content_area a ON a.id = g.content_area_id"
            " WHERE m.student_id = ? AND m.tombstone = 0 AND g.status = 'active'"
            " AND g.tombstone = 0 ORDER BY g.week DESC, a.position, g.name LIMIT ?",
            (student_id, limit),
        )
        return [
            GroupHistoryLine(date.fromisoformat(week), area, name, reason)
            for week, area, name, reason in rows
        ]

    # -- the rotation board ------------------------------------------------------

    def rotation(self, *, section_id: str, content_area_id: str, week: date) -> RotationRecord:
        row = self._connection.execute(
            "SELECT stations, round_minutes, progress FROM rotation WHERE section_id = ?"
            " AND content_area_id = ? AND week = ? AND tombstone = 0",
            (section_id, content_area_id, week.isoformat()),
        ).fetchone()
        if row is None:
            return RotationRecord()
        return RotationRecord(
            stations=decode_stations(row[0]) if row[0] else DEFAULT_STATIONS,
            round_minutes=int(row[1]) if row[1] else DEFAULT_ROUND_MINUTES,
            progress=decode_progress(row[2]),
            saved=True,
        )

    # -- tutoring ----------------------------------------------------------------

    def tutors(self, *, section_id: str) -> list[TutorRecord]:
        rows = self._connection.execute(
            "SELECT id, name, role, active FROM tutor WHERE section_id = ? AND tombstone = 0"
            " ORDER BY name COLLATE NOCASE, id",
            (section_id,),
        )
        return [TutorRecord(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def tutoring_groups(self, *, section_id: str) -> list[TutoringGroupRecord]:
        rows = self._connection.execute(
            "SELECT id, name, tutor_id, content_area_id, schedule, plan, members, active"
            " FROM tutoring_group WHERE section_id = ? AND tombstone = 0"
            " ORDER BY active DESC, name COLLATE NOCASE, id",
            (section_id,),
        )
        return [
            TutoringGroupRecord(
                id=r[0],
                name=r[1],
                tutor_id=r[2],
                content_area_id=r[3],
                schedule=decode_schedule(r[4]),
                plan=decode_plan(r[5]),
                student_ids=decode_members(r[6]),
                active=bool(r[7]),
            )
            for r in rows
        ]

    def sessions(self, *, section_id: str, week: date) -> list[SessionRecord]:
        """The class's sessions held in the week starting ``week`` (voided ones too),
        newest first."""
        rows = self._connection.execute(
            f"SELECT {_SESSION_COLUMNS} FROM tutoring_session WHERE section_id = ?"
            " AND held_on >= ? AND held_on < ? AND tombstone = 0"
            " ORDER BY held_on DESC, created_at DESC",
            (section_id, week.isoformat(), (week + timedelta(days=7)).isoformat()),
        )
        return [_session(row) for row in rows]

    def student_sessions(self, *, student_id: str, limit: int = 20) -> list[SessionRecord]:
        rows = self._connection.execute(
            f"SELECT {_SESSION_COLUMNS} FROM tutoring_session s WHERE s.tombstone = 0"
            " AND s.voided = 0 AND EXISTS (SELECT 1 FROM json_each(s.attendees) j"
            " WHERE j.value = ?) ORDER BY held_on DESC, created_at DESC LIMIT ?",
            (student_id, limit),
        )
        return [_session(row) for row in rows]

    def conflicts(self, *, section_id: str) -> list[PlanConflictLine]:
        rows = self._connection.execute(
            "SELECT record_table, record_id, field, value, device_id, created_at"
            " FROM plan_conflict WHERE section_id = ? AND tombstone = 0"
            " ORDER BY created_at DESC",
            (section_id,),
        )
        return [PlanConflictLine(r[0], r[1], r[2], r[3], r[4], from_db_time(r[5])) for r in rows]


def _basis(text: str) -> GroupBasis:
    try:
        return GroupBasis(text)
    except ValueError:
        return GroupBasis.TEACHER
