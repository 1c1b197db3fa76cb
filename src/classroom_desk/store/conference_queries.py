"""Read queries behind the student panel: units, goals, notes, the learner profile, the
timeline, recent weeks."""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from classroom_desk.domain.conflicts import LostValue
from classroom_desk.domain.goals import GOAL_FIELDS, GoalKind, GoalValue
from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.profiles import (
    PROFILE_FIELDS,
    LearnerProfile,
    ProfileValue,
    profile_id,
)
from classroom_desk.domain.records import GoalLine
from classroom_desk.store.roster_queries import REASSIGNED_SINCE_CONDITION, REASSIGNED_SINCE_SQL
from classroom_desk.store.timefmt import from_db_time, to_db_time


class UnitState(enum.Enum):
    MASTERED = "mastered"
    MASTERED_ON_RETRY = "mastered on retry"
    TO_REASSIGN = "to reassign"
    REASSIGNED = "reassigned"


@dataclass(frozen=True, slots=True)
class UnitLine:
    unit_id: str
    code: str
    title: str
    latest_score: float
    latest_at: datetime
    attempts: int
    state: UnitState
    reassigned_at: datetime | None


@dataclass(frozen=True, slots=True)
class NoteLine:
    """One version of a note. ``created_at`` is when the conference was (its first
    version's time, so a corrected note keeps its place); ``edited_at`` is when this
    version was last written, for a version that corrects an earlier one."""

    id: str
    body: str
    tags: tuple[str, ...]
    follow_up_on: date | None
    created_at: datetime
    superseded: bool
    edited_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # note, goal, reassigned, undone, celebrated, tutoring, group
    text: str
    record_id: str | None = None  # the note version shown, for a note
    edited_at: datetime | None = None  # a corrected note: when it was corrected


# Each of a student's note versions with its first version's time: an edit (a new
# version superseding the last) belongs to the conference the note was written in.
_NOTE_VERSIONS_CTE = """
WITH RECURSIVE versions(id, conference_at) AS (
    SELECT id, created_at FROM conference_note
     WHERE student_id = :s AND supersedes_id IS NULL
    UNION ALL
    SELECT v.id, versions.conference_at
      FROM conference_note v JOIN versions ON v.supersedes_id = versions.id
)
"""

_NOTE_COLUMNS = """
    n.id, n.body, n.tags, n.follow_up_on, COALESCE(c.conference_at, n.created_at),
    EXISTS (SELECT 1 FROM conference_note v WHERE v.supersedes_id = n.id),
    CASE WHEN n.supersedes_id IS NULL THEN NULL ELSE n.updated_at END
"""


V = TypeVar("V")

_PROFILE_COLUMNS = ", ".join([*PROFILE_FIELDS, *(f"{name}_stamp" for name in PROFILE_FIELDS)])


@dataclass(frozen=True, slots=True)
class WeekPoint:
    week: date
    minutes: int
    average_score: float | None


_UNITS_SQL = f"""
SELECT p.unit_id, u.code, u.title, p.latest_score, p.latest_completed_at, p.attempts,
       (SELECT MAX(r.created_at) FROM reassignment_event r
         WHERE {REASSIGNED_SINCE_CONDITION}) AS pending_since,
       EXISTS (SELECT 1 FROM reassignment_event e
                WHERE e.student_id = p.student_id AND e.unit_id = p.unit_id
                  AND e.action = 'reassign' AND e.tombstone = 0
                  AND e.created_at < p.latest_completed_at) AS retried
  FROM unit_progress p JOIN unit u ON u.id = p.unit_id
 WHERE p.student_id = :student AND p.content_area_id = :area
 ORDER BY p.latest_completed_at DESC
 LIMIT :limit
"""


class ConferenceQueries:
    """Read-only queries for one student's conference."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._this_device: str | None = None

    def _lost(self, value: V, stamp: str, device_id: str) -> LostValue[V]:
        """A losing value as the panel shows it: when it was written (its stamp's time)
        and whether this laptop wrote it."""
        if self._this_device is None:
            row = self._connection.execute("SELECT id FROM device").fetchone()
            self._this_device = "" if row is None else row[0]
        return LostValue(
            value=value,
            device_id=device_id,
            written_at=_stamp_time(stamp),
            here=bool(self._this_device) and device_id == self._this_device,
        )

    def units(
        self, *, student_id: str, content_area_id: str, mastery_score: float, limit: int = 12
    ) -> list[UnitLine]:
        """The student's most recent units in the area, with where each stands now."""
        rows = self._connection.execute(
            _UNITS_SQL, {"student": student_id, "area": content_area_id, "limit": limit}
        )
        lines = []
        for unit_id, code, title, score, at, attempts, pending_since, retried in rows:
            if pending_since is not None:
                state = UnitState.REASSIGNED
            elif score < mastery_score:
                state = UnitState.TO_REASSIGN
            elif retried:
                state = UnitState.MASTERED_ON_RETRY
            else:
                state = UnitState.MASTERED
            lines.append(
                UnitLine(
                    unit_id=unit_id,
                    code=code,
                    title=title,
                    latest_score=score,
                    latest_at=from_db_time(at),
                    attempts=attempts,
                    state=state,
                    reassigned_at=from_db_time(pending_since) if pending_since else None,
                )
            )
        return lines

    def units_to_reassign(
        self, *, student_ids: Sequence[str], content_area_id: str, mastery_score: float
    ) -> list[tuple[str, str]]:
        """(student, unit) pairs under mastery and not reassigned since, for a bulk step."""
        if not student_ids:
            return []
        marks = ", ".join("?" for _ in student_ids)
        sql = (
            "SELECT p.student_id, p.unit_id FROM unit_progress p"
            f" WHERE p.student_id IN ({marks}) AND p.content_area_id = ?"
            f" AND p.latest_score < ? AND NOT EXISTS ({REASSIGNED_SINCE_SQL})"
            " ORDER BY p.student_id, p.latest_score"
        )
        rows = self._connection.execute(sql, [*student_ids, content_area_id, mastery_score])
        return [(r[0], r[1]) for r in rows]

    def active_goals(self, *, student_ids: Sequence[str]) -> list[GoalLine]:
        if not student_ids:
            return []
        marks = ", ".join("?" for _ in student_ids)
        rows = self._connection.execute(
            "SELECT id, student_id, content_area_id, kind, target, created_at FROM goal"
            f" WHERE student_id IN ({marks}) AND status = 'active' AND tombstone = 0"
            " ORDER BY created_at",
            list(student_ids),
        )
        return [GoalLine(r[0], r[1], r[2], GoalKind(r[3]), r[4], from_db_time(r[5])) for r in rows]

    def celebrated_goal_ids(self, *, student_id: str, week: date) -> set[str]:
        rows = self._connection.execute(
            "SELECT goal_id FROM celebration WHERE student_id = ? AND week = ?"
            " AND goal_id IS NOT NULL AND tombstone = 0",
            (student_id, week.isoformat()),
        )
        return {r[0] for r in rows}

    def learner_profile(self, *, student_id: str) -> LearnerProfile:
        """The student's profile (empty fields when none was written), with the values
        that lost a sync conflict to what each field now shows. A loss stops showing once
        the field is written again: the teacher has seen both and chosen."""
        row = self._connection.execute(
            f"SELECT {_PROFILE_COLUMNS}, updated_at FROM learner_profile"
            " WHERE id = ? AND tombstone = 0",
            (profile_id(student_id),),
        ).fetchone()
        if row is None:
            return LearnerProfile(student_id=student_id)
        count = len(PROFILE_FIELDS)
        values = dict(zip(PROFILE_FIELDS, row[:count], strict=True))
        stamps = dict(zip(PROFILE_FIELDS, row[count : 2 * count], strict=True))
        lost: dict[str, list[LostValue[ProfileValue]]] = {}
        conflicts = self._connection.execute(
            "SELECT field, value, stamp, device_id, winner_stamp FROM profile_conflict"
            " WHERE profile_id = ? AND tombstone = 0 ORDER BY stamp DESC",
            (profile_id(student_id),),
        )
        for name, value, stamp, device_id, winner_stamp in conflicts:
            if name not in stamps or stamps[name] != winner_stamp:
                continue
            lost.setdefault(name, []).append(self._lost(_lost_value(value), stamp, device_id))
        return LearnerProfile(
            student_id=student_id,
            values=values,
            lost={name: tuple(found) for name, found in lost.items()},
            updated_at=from_db_time(row[-1]) if row[-1] else None,
        )

    def goal_conflicts(
        self, *, goal_ids: Sequence[str]
    ) -> dict[str, dict[str, tuple[LostValue[GoalValue], ...]]]:
        """Per goal and field (``target``, ``status``), the values that lost a sync
        conflict to what the field now holds, newest first. As for the learner profile, a
        loss stops showing once its field is written again (a newer stamp than the winner
        it lost to): the teacher has seen both and chosen."""
        if not goal_ids:
            return {}
        marks = ", ".join("?" for _ in goal_ids)
        rows = self._connection.execute(
            "SELECT c.goal_id, c.field, c.value, c.stamp, c.device_id"
            " FROM goal_conflict c JOIN goal g ON g.id = c.goal_id"
            f" WHERE c.goal_id IN ({marks}) AND c.tombstone = 0"
            " AND c.winner_stamp = CASE c.field WHEN 'target' THEN g.target_stamp"
            " WHEN 'status' THEN g.status_stamp END"
            " ORDER BY c.goal_id, c.field, c.stamp DESC",
            list(goal_ids),
        )
        found: dict[str, dict[str, list[LostValue[GoalValue]]]] = {}
        for goal_id, name, text, stamp, device_id in rows:
            value = _lost_goal_value(name, text)
            if name not in GOAL_FIELDS or value is None:
                continue  # a field or value this version does not know: nothing to offer
            lost = self._lost(value, stamp, device_id)
            found.setdefault(goal_id, {}).setdefault(name, []).append(lost)
        return {
            goal_id: {name: tuple(values) for name, values in fields.items()}
            for goal_id, fields in found.items()
        }

    def notes(self, *, student_id: str, limit: int = 50) -> list[NoteLine]:
        """Newest conference first; a note replaced by a later version is marked superseded."""
        rows = self._connection.execute(
            f"{_NOTE_VERSIONS_CTE} SELECT {_NOTE_COLUMNS}"
            " FROM conference_note n LEFT JOIN versions c ON c.id = n.id"
            " WHERE n.student_id = :s AND n.tombstone = 0"
            " ORDER BY 5 DESC, n.created_at DESC, n.rowid DESC LIMIT :limit",
            {"s": student_id, "limit": limit},
        )
        return [_note_line(r) for r in rows]

    def note(self, *, student_id: str, note_id: str) -> NoteLine | None:
        """One of the student's note versions (a teacher chose it to correct it)."""
        row = self._connection.execute(
            f"{_NOTE_VERSIONS_CTE} SELECT {_NOTE_COLUMNS}"
            " FROM conference_note n LEFT JOIN versions c ON c.id = n.id"
            " WHERE n.id = :id AND n.student_id = :s AND n.tombstone = 0",
            {"s": student_id, "id": note_id},
        ).fetchone()
        return None if row is None else _note_line(row)

    def timeline(self, *, student_id: str, limit: int = 60) -> list[TimelineEntry]:
        """Notes, goals, reassignments, celebrations, tutoring sessions attended and
        groups joined as one history, newest first: tutoring beside the conferences."""
        rows = self._connection.execute(
            _NOTE_VERSIONS_CTE
            + """
            SELECT COALESCE(c.conference_at, n.created_at), 'note', n.body, n.id,
                   CASE WHEN n.supersedes_id IS NULL THEN NULL ELSE n.updated_at END
              FROM conference_note n LEFT JOIN versions c ON c.id = n.id
             WHERE n.student_id = :s AND n.tombstone = 0
               AND NOT EXISTS (SELECT 1 FROM conference_note v WHERE v.supersedes_id = n.id)
            UNION ALL
            SELECT g.created_at, 'goal', g.kind || ':' || g.target || ':' || a.name, g.id, NULL
              FROM goal g JOIN content_area a ON a.id = g.content_area_id
             WHERE g.student_id = :s AND g.tombstone = 0
            UNION ALL
            SELECT r.created_at, CASE r.action WHEN 'reassign' THEN 'reassigned' ELSE 'undone' END,
                   u.title || CASE WHEN r.score IS NULL THEN ''
                        ELSE ' (' || CAST(ROUND(r.score) AS INTEGER) || '%)' END, r.id, NULL
              FROM reassignment_event r JOIN unit u ON u.id = r.unit_id
             WHERE r.student_id = :s AND r.tombstone = 0
            UNION ALL
            SELECT created_at, 'celebrated', note, id, NULL FROM celebration
             WHERE student_id = :s AND tombstone = 0
            UNION ALL
            SELECT t.created_at, 'tutoring', t.minutes || ' min with ' || r.name || ' in '
                   || g.name || CASE WHEN t.focus = '' THEN '' ELSE ': ' || t.focus END
                   || CASE WHEN t.note = '' THEN '' ELSE '. ' || t.note END, t.id, NULL
              FROM tutoring_session t JOIN tutor r ON r.id = t.tutor_id
              JOIN tutoring_group g ON g.id = t.group_id
             WHERE t.tombstone = 0 AND t.voided = 0
               AND EXISTS (SELECT 1 FROM json_each(t.attendees) j WHERE j.value = :s)
            UNION ALL
            SELECT m.created_at, 'group', g.name || ' (' || a.name || ', week of ' || g.week
                   || '): ' || g.reason, g.id, NULL
              FROM group_member m JOIN student_group g ON g.id = m.group_id
              JOIN content_area a ON a.id = g.content_area_id
             WHERE m.student_id = :s AND m.tombstone = 0 AND g.status = 'active'
            ORDER BY 1 DESC LIMIT :limit
            """,
            {"s": student_id, "limit": limit},
        )
        entries = []
        for at, kind, text, record_id, edited_at in rows:
            if kind == "goal":
                goal_kind, target, area = text.split(":", 2)
                text = GoalKind(goal_kind).describe(float(target), area)
            entries.append(
                TimelineEntry(
                    at=from_db_time(at),
                    kind=kind,
                    text=text,
                    record_id=record_id,
                    edited_at=from_db_time(edited_at) if edited_at else None,
                )
            )
        return entries

    def weekly_history(
        self,
        *,
        student_id: str,
        content_area_id: str,
        weeks: Sequence[tuple[date, datetime, datetime]],
    ) -> list[WeekPoint]:
        """Minutes and average (latest score per unit) for each given week, for the chart."""
        if not weeks:
            return []
        values = ", ".join("(?, ?, ?)" for _ in weeks)
        parameters: list[object] = []
        for week, start, end in weeks:
            parameters += [week.isoformat(), to_db_time(start), to_db_time(end)]
        rows = self._connection.execute(
            f"""
            WITH weeks(week, start, finish) AS (VALUES {values}),
            attempts AS (
                SELECT w.week, a.unit_id, a.score, a.minutes,
                       ROW_NUMBER() OVER (PARTITION BY w.week, a.unit_id
                                          ORDER BY a.completed_at DESC, a.rowid DESC) AS recency
                  FROM weeks w JOIN unit_attempt a
                    ON a.student_id = ? AND a.content_area_id = ?
                   AND a.completed_at >= w.start AND a.completed_at < w.finish
            )
            SELECT w.week, COALESCE(SUM(a.minutes), 0),
                   AVG(CASE WHEN a.recency = 1 THEN a.score END)
              FROM weeks w LEFT JOIN attempts a ON a.week = w.week
             GROUP BY w.week ORDER BY w.week
            """,
            [*parameters, student_id, content_area_id],
        )
        return [WeekPoint(date.fromisoformat(r[0]), int(r[1]), r[2]) for r in rows]


def _lost_value(text: str) -> ProfileValue:
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if value is None or isinstance(value, str | int) else str(value)


def _lost_goal_value(name: str, text: str) -> GoalValue | None:
    """A losing goal value as the server stored it (JSON): a target number or a status."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if name == "target" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if name == "status" and value in ("active", "dropped"):
        return str(value)
    return None


def _stamp_time(text: str) -> datetime:
    """When a stamped value was written (naive UTC, as the store keeps times)."""
    try:
        millis = Stamp.decode(text).millis
    except ValueError:
        millis = 0
    return datetime.fromtimestamp(millis / 1000, UTC).replace(tzinfo=None)


def _note_line(row: Sequence[Any]) -> NoteLine:
    return NoteLine(
        id=row[0],
        body=row[1],
        tags=tuple(t for t in row[2].split(",") if t),
        follow_up_on=date.fromisoformat(row[3]) if row[3] else None,
        created_at=from_db_time(row[4]),
        superseded=bool(row[5]),
        edited_at=from_db_time(row[6]) if row[6] else None,
    )
