"""The weekly figures kept, not computed: one row per student, content area and school week.

``weekly_rollup`` holds what the roster's week needs from the attempts and the platform
summaries (minutes, units completed and mastered, the sum of each unit's latest score,
the last activity, and the summaries' totals), and ``student_standing`` what stands for a
student in an area beyond the week (units to reassign, reassignments pending, the latest
attempt, the latest conference), so a week of 5,000 students is two index seeks per
student instead of an aggregation over their attempts, reassignments and notes.
``weekly_rollup`` is keyed by area and week first: a week's rows lie together, so the
district's week reads that week's pages, not a page per student.

The rows are computed by the same SQL as figures computed on the fly (``WEEK_FIGURES_CTES``
over a ``week_keys`` relation of student, area and week bounds; ``STANDING_CTES`` over a
``roster`` of students), only for the (student, area, week) keys and students that changed.
What changed is found in one place, :func:`refresh_weekly_rollup`, which every write
transaction runs before it commits (``Store.transaction``):

* attempts added since the last refresh, by rowid (attempts are immutable, and a new row
  gets a rowid above every present one; the delete trigger keeps the mark at or below the
  largest rowid, so a rowid given out again is seen as new);
* attempts deleted, summaries, reassignment events and conference notes written or
  deleted, noted by triggers in ``weekly_rollup_dirty`` (rare, so per-row triggers cost
  nothing that matters);
* a change of the school's time zone, first day of week or mastery score (or a store with
  no rollup yet, as after the upgrade that made it): every row is wrong at once. The
  transaction only starts a rebuild: the new calendar (``school_week``, the weeks' UTC
  bounds from ``zoneinfo``, which SQL cannot compute), no rows, and the students still to
  build. The rows come back a few students per transaction
  (:func:`finish_weekly_rollup`, which the app runs off the UI thread), so a settings save
  commits at once and no transaction holds the write lock for the seconds a whole school
  takes. Writes meanwhile keep the students already built exact, as above.

``weekly_rollup_state`` records what the rows were built with and how far a rebuild has
come; a reader uses the rows only when that matches the school and the request, no
rebuild is under way and nothing is left to refresh (:func:`rollup_serves`), and computes
the figures otherwise: a writer that bypassed the refresh, or a rebuild not finished,
makes a read slower, never wrong.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.timefmt import to_db_time

if TYPE_CHECKING:  # the store runs this module's refresh in every transaction
    from classroom_desk.store.database import Store

#: Students per transaction of a rebuild: about a quarter of a second of the write lock
#: on the district of ``bench/scale.py`` (300 attempts a student), so a teacher's save
#: waiting behind a chunk is not held up for long.
REBUILD_STUDENTS = 100
#: The write lock left free between chunks: SQLite's busy handler retries a waiting writer
#: at most every 100 ms, so a longer gap lets it in rather than the next chunk.
REBUILD_PAUSE_S = 0.15

#: The calendar's span: a week outside it is computed, not read (it can hold no rollup).
CALENDAR_FIRST_DAY = date(1990, 1, 1)
CALENDAR_LAST_DAY = date(2100, 1, 1)

# A week's figures for each row of ``week_keys`` (student_id, content_area_id, starts_at,
# ends_at), with :mastery. The attempts part: each unit's latest attempt of the week (by
# time, then insertion order) gives the average; mastered = distinct units with any
# attempt >= mastery; minutes = the sum over all the week's attempts. The summary part:
# platform summaries (activity_summary) whose range starts in the week add their minutes
# and units completed and passed; the average weighs each summary that has one by its
# units, beside each unit row's latest score; summaries add nothing to reassign. Keys
# with neither give no row.
WEEK_FIGURES_CTES = """
week_attempts AS (
    SELECT k.student_id, k.content_area_id, k.starts_at,
           a.unit_id, a.score, a.minutes, a.completed_at,
           ROW_NUMBER() OVER (
               PARTITION BY k.student_id, k.content_area_id, k.starts_at, a.unit_id
               ORDER BY a.completed_at DESC, a.rowid DESC
           ) AS recency
      -- From each student to their week, by the student index. Left free, the app's
      -- SQLite (3.53) read the whole school's week by the area index for one class (10 ms
      -- instead of 1.3 ms on the district), or that week once per student.
      FROM week_keys k
     CROSS JOIN unit_attempt a INDEXED BY ix_unit_attempt_student_area_time
        ON a.student_id = k.student_id
       AND a.content_area_id = k.content_area_id
       AND a.completed_at >= k.starts_at AND a.completed_at < k.ends_at
),
week AS (
    SELECT student_id, content_area_id, starts_at,
           MAX(completed_at) AS last_activity,
           SUM(minutes) AS minutes,
           COUNT(DISTINCT unit_id) AS units_completed,
           COUNT(DISTINCT CASE WHEN score >= :mastery THEN unit_id END) AS units_mastered,
           TOTAL(CASE WHEN recency = 1 THEN score END) AS score_total
      FROM week_attempts
     GROUP BY student_id, content_area_id, starts_at
),
summary AS (
    SELECT k.student_id, k.content_area_id, k.starts_at,
           COUNT(*) AS summaries,
           SUM(m.minutes) AS minutes,
           SUM(m.units_completed) AS units_completed,
           SUM(m.units_passed) AS units_passed,
           TOTAL(m.average_score * m.units_completed) AS score_total,
           TOTAL(CASE WHEN m.average_score IS NOT NULL THEN m.units_completed END) AS scored
      FROM week_keys k
     CROSS JOIN activity_summary m
        ON m.student_id = k.student_id
       AND m.content_area_id = k.content_area_id
       AND m.starts_at >= k.starts_at AND m.starts_at < k.ends_at
     GROUP BY k.student_id, k.content_area_id, k.starts_at
),
week_figures AS (
    SELECT k.student_id, k.content_area_id, k.starts_at,
           w.minutes, w.units_completed, w.units_mastered, w.score_total, w.last_activity,
           COALESCE(m.summaries, 0) AS summaries,
           m.minutes AS summary_minutes,
           m.units_completed AS summary_units_completed,
           m.units_passed AS summary_units_passed,
           m.score_total AS summary_score_total,
           m.scored AS summary_scored
      FROM week_keys k
      LEFT JOIN week w
        ON w.student_id = k.student_id AND w.content_area_id = k.content_area_id
       AND w.starts_at = k.starts_at
      LEFT JOIN summary m
        ON m.student_id = k.student_id AND m.content_area_id = k.content_area_id
       AND m.starts_at = k.starts_at
     WHERE w.student_id IS NOT NULL OR m.student_id IS NOT NULL
)
"""

# Per student of ``roster`` in content area :area, with :mastery, what stands beyond the
# week: the units to reassign (units whose latest score ever is under mastery, an index
# range of unit_progress per student, less those reassigned since that score and not
# undone) and the reassignments pending (reassigned since the unit's latest attempt,
# waiting for a retry), driven by the few reassignment events of the area.
STANDING_CTES = """
area_reassignments AS MATERIALIZED (
    -- Reassignments of the area's units still standing (not undone), found from the (few)
    -- reassignment events rather than by probing every unit a student ever attempted.
    -- The unit's area comes from the small unit table first, so the standing of units of
    -- other areas is never read (it was: a third of the district's pages). The unary +
    -- keeps the unit list a filter: as an index key it made SQLite probe every unit of
    -- the area for every student (1.2 million probes for a district) instead of reading
    -- each student's few events.
    SELECT r.student_id, r.unit_id, r.created_at
      FROM roster ro
     CROSS JOIN reassignment_event r ON r.student_id = ro.student_id
     WHERE r.action = 'reassign' AND r.tombstone = 0
       AND +r.unit_id IN (SELECT un.id FROM unit un WHERE un.content_area_id = :area)
       AND NOT EXISTS (SELECT 1 FROM reassignment_event u
                        WHERE u.undoes_id = r.id AND u.tombstone = 0)
),
pending_units AS MATERIALIZED (
    -- Waiting for a retry: reassigned at or after the unit's latest attempt. The standing
    -- is a scalar lookup, once per event (materialized), not a join: a join lets SQLite
    -- build a Bloom filter over the whole unit_progress table first, which costs a class
    -- 100+ ms on a district store.
    SELECT r.student_id, r.unit_id,
           (SELECT p.latest_score FROM unit_progress p
             WHERE p.student_id = r.student_id AND p.unit_id = r.unit_id
               AND p.content_area_id = :area
               AND r.created_at >= p.latest_completed_at) AS latest_score
      FROM area_reassignments r
),
pending AS (
    SELECT student_id,
           COUNT(DISTINCT unit_id) AS units,
           COUNT(DISTINCT CASE WHEN latest_score < :mastery THEN unit_id END) AS under_mastery
      FROM pending_units
     WHERE latest_score IS NOT NULL
     GROUP BY student_id
)
"""
STANDING_COLUMNS = """
       (SELECT COUNT(*) FROM unit_progress p
         WHERE p.student_id = r.student_id AND p.content_area_id = :area
           AND p.latest_score < :mastery) - COALESCE(pd.under_mastery, 0) AS to_reassign,
       COALESCE(pd.units, 0) AS reassigned_pending"""

# The (student, area, week) keys to recompute: each instant of ``{instants}`` (student_id,
# content_area_id, at) placed in its school week. The instant is compared as text, as the
# weeks are: an instant from a DATETIME column (numeric affinity) would turn the week's
# seek into a scan of the calendar from 2100 down, for every attempt.
_COLLECT_KEYS_SQL = """
INSERT OR IGNORE INTO temp.weekly_rollup_keys (student_id, content_area_id, starts_at, ends_at)
SELECT t.student_id, t.content_area_id, w.starts_at, w.ends_at
  FROM (SELECT student_id, content_area_id, CAST(at AS TEXT) AS at FROM ({instants})) t
  JOIN school_week w
    ON w.starts_at = (SELECT s.starts_at FROM school_week s
                       WHERE s.starts_at <= t.at ORDER BY s.starts_at DESC LIMIT 1)
 WHERE t.at < w.ends_at
"""
# What a refresh recomputes: the instants noted by the triggers and those of the attempts
# stored since the last refresh.
_CHANGED_INSTANTS = """
SELECT student_id, content_area_id, at FROM weekly_rollup_dirty
UNION ALL
-- The rowid range, never a whole covering index (SQLite chose one, for 100 ms).
SELECT student_id, content_area_id, completed_at FROM unit_attempt NOT INDEXED
 WHERE rowid > :through
"""
# What a rebuild's chunk computes, by the tables' student indexes, for the students after
# :after (through :last, when the chunk is not the last): the weeks of every attempt and
# summary, and the standing of every student with an attempt or a conference note.
_CHUNK_INSTANTS = """
SELECT student_id, content_area_id, completed_at AS at FROM unit_attempt
 WHERE student_id > :after{last}
UNION ALL
SELECT student_id, content_area_id, starts_at FROM activity_summary
 WHERE student_id > :after{last}
"""
_CHUNK_STUDENTS = """
SELECT student_id FROM unit_attempt WHERE student_id > :after{last}
UNION ALL
SELECT student_id FROM conference_note WHERE student_id > :after{last}
"""

#: The columns of ``weekly_rollup`` after its key, as ``week_figures`` names them.
ROLLUP_COLUMNS = (
    "student_id, content_area_id, starts_at, minutes, units_completed, units_mastered,"
    " score_total, last_activity, summaries, summary_minutes, summary_units_completed,"
    " summary_units_passed, summary_score_total, summary_scored"
)

_RECOMPUTE_SQL = f"""
WITH week_keys AS (SELECT * FROM temp.weekly_rollup_keys),
{WEEK_FIGURES_CTES}
INSERT INTO weekly_rollup ({ROLLUP_COLUMNS})
SELECT {ROLLUP_COLUMNS} FROM week_figures
-- In the table's key order: each insert lands beside the one before it.
 ORDER BY content_area_id, starts_at, student_id
"""

# The students whose standing may have moved: those of every note (a reassignment event or
# a conference note notes its student alone) and new attempt.
_COLLECT_STUDENTS_SQL = """
INSERT OR IGNORE INTO temp.weekly_rollup_students (student_id)
SELECT student_id FROM ({instants})
"""
_CHANGED_STUDENTS = """
SELECT student_id FROM weekly_rollup_dirty
UNION ALL
SELECT student_id FROM unit_attempt NOT INDEXED WHERE rowid > :through
"""

#: A student's (``{student}``) latest attempt in area :area (``{before}``: and before that).
LATEST_ATTEMPT_SQL = """(SELECT MAX(l.completed_at) FROM unit_attempt l
  WHERE l.student_id = {student} AND l.content_area_id = :area{before})"""
#: A student's (``{student}``) latest conference: not an edit of one, not deleted. One seek
#: into an index of just those (the planner, left free, read each note of the student).
LAST_CONFERENCE_SQL = """(SELECT MAX(n.created_at) FROM conference_note n
  INDEXED BY ix_conference_note_latest
  WHERE n.student_id = {student} AND n.tombstone = 0 AND n.supersedes_id IS NULL)"""

_STANDING_SQL = f"""
WITH roster AS (SELECT student_id FROM temp.weekly_rollup_students),
{STANDING_CTES}
INSERT INTO student_standing (student_id, content_area_id, to_reassign, reassigned_pending,
                              latest_attempt, last_conference)
SELECT * FROM (
    SELECT r.student_id, :area, {STANDING_COLUMNS},
           {LATEST_ATTEMPT_SQL.format(student="r.student_id", before="")} AS latest_attempt,
           {LAST_CONFERENCE_SQL.format(student="r.student_id")} AS last_conference
      FROM roster r LEFT JOIN pending pd ON pd.student_id = r.student_id
) WHERE to_reassign != 0 OR reassigned_pending != 0
     OR latest_attempt IS NOT NULL OR last_conference IS NOT NULL
"""

_STATE_SQL = (
    "SELECT school_id, time_zone, first_day_of_week, mastery_score, attempts_through,"
    " rebuild_after FROM weekly_rollup_state WHERE id = 1"
)
_SCHOOL_SQL = (
    "SELECT id, time_zone, first_day_of_week, mastery_score FROM school ORDER BY name LIMIT 1"
)
_HIGH_WATER_SQL = "SELECT COALESCE(MAX(rowid), 0) FROM unit_attempt"

#: Whether the rows answer the week [:start, :end) at :mastery (see :func:`rollup_serves`).
_SERVES_SQL = """
SELECT 1 FROM weekly_rollup_state st JOIN school s ON s.id = st.school_id
 WHERE st.id = 1
   AND st.time_zone = s.time_zone AND st.first_day_of_week = s.first_day_of_week
   AND st.mastery_score = s.mastery_score AND st.mastery_score = :mastery
   AND st.rebuild_after IS NULL
   AND st.attempts_through = (SELECT COALESCE(MAX(rowid), 0) FROM unit_attempt)
   AND NOT EXISTS (SELECT 1 FROM weekly_rollup_dirty)
   AND EXISTS (SELECT 1 FROM school_week w WHERE w.starts_at = :start AND w.ends_at = :end)
"""


#: Every table of the rollup: what a refresh writes, derived from the others.
ROLLUP_TABLES = (
    "weekly_rollup",
    "student_standing",
    "weekly_rollup_dirty",
    "weekly_rollup_state",
    "school_week",
)


@dataclass(frozen=True, slots=True)
class RollupBasis:
    """What the rows depend on besides the attempts: the school's week and mastery score."""

    school_id: str
    time_zone: str
    first_day_of_week: int
    mastery_score: float


def refresh_weekly_rollup(connection: sqlite3.Connection) -> None:
    """Bring ``weekly_rollup`` up to date inside the caller's write transaction; for a new
    school week or mastery score, start a rebuild (see the module's docstring)."""
    school = connection.execute(_SCHOOL_SQL).fetchone()
    state = connection.execute(_STATE_SQL).fetchone()
    if school is None:
        if state is not None or _has_dirty(connection):
            _clear(connection)
        return
    basis = RollupBasis(*school)
    if state is None or RollupBasis(*state[:4]) != basis:
        start_weekly_rollup_rebuild(connection, basis)
        return
    through, built = int(state[4]), state[5]
    high_water = _high_water(connection)
    if through == high_water and not _has_dirty(connection):
        return
    # During a rebuild only the students already built are kept: the others' rows come
    # with their chunk, from all their attempts.
    only_built = "" if built is None else " WHERE student_id <= :built"
    _recompute(
        connection,
        basis,
        instants=f"SELECT * FROM ({_CHANGED_INSTANTS}){only_built}",
        students=f"SELECT * FROM ({_CHANGED_STUDENTS}){only_built}",
        parameters={"through": through, "built": built},
    )
    connection.execute("DELETE FROM weekly_rollup_dirty")
    connection.execute(
        "UPDATE weekly_rollup_state SET attempts_through = ? WHERE id = 1", (high_water,)
    )


def start_weekly_rollup_rebuild(connection: sqlite3.Connection, basis: RollupBasis) -> None:
    """Begin building every row again for the school's week and mastery score, in the
    caller's transaction: the calendar, no rows, every student still to build. Readers
    compute the figures until :func:`continue_weekly_rollup_rebuild` has built them all."""
    connection.execute("DELETE FROM school_week")
    connection.executemany(
        "INSERT INTO school_week (starts_at, ends_at) VALUES (?, ?)",
        school_weeks(SchoolCalendar.named(basis.time_zone, basis.first_day_of_week)),
    )
    for table in ("weekly_rollup", "student_standing", "weekly_rollup_dirty"):
        connection.execute(f"DELETE FROM {table}")
    connection.execute(
        "INSERT INTO weekly_rollup_state (id, school_id, time_zone, first_day_of_week,"
        " mastery_score, attempts_through, rebuild_after) VALUES (1, ?, ?, ?, ?, ?, '')"
        " ON CONFLICT (id) DO UPDATE SET school_id = excluded.school_id,"
        " time_zone = excluded.time_zone, first_day_of_week = excluded.first_day_of_week,"
        " mastery_score = excluded.mastery_score,"
        " attempts_through = excluded.attempts_through, rebuild_after = ''",
        (
            basis.school_id,
            basis.time_zone,
            basis.first_day_of_week,
            basis.mastery_score,
            _high_water(connection),
        ),
    )


def continue_weekly_rollup_rebuild(connection: sqlite3.Connection, *, students: int | None) -> bool:
    """Build the next ``students`` students' rows of a rebuild under way (all that are
    left for ``None``) in the caller's write transaction; ``True`` when none are left."""
    refresh_weekly_rollup(connection)  # a change of basis since starts it over
    state = connection.execute(_STATE_SQL).fetchone()
    if state is None or state[5] is None:
        return True
    after = state[5]
    last = None
    if students is not None:
        found = connection.execute(
            "SELECT id FROM student WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            (after, students - 1),
        ).fetchone()
        last = None if found is None else found[0]
    # The last chunk has no upper bound: it takes the attempts of students not (or no
    # longer) on the roster too.
    upper = "" if last is None else " AND student_id <= :last"
    _recompute(
        connection,
        RollupBasis(*state[:4]),
        instants=_CHUNK_INSTANTS.format(last=upper),
        students=_CHUNK_STUDENTS.format(last=upper),
        parameters={"after": after, "last": last},
    )
    connection.execute("UPDATE weekly_rollup_state SET rebuild_after = ? WHERE id = 1", (last,))
    return last is None


def rebuild_weekly_rollup(connection: sqlite3.Connection) -> None:
    """Every row again, now, in the caller's transaction (a check, or a tool with no
    teacher waiting: the app rebuilds in chunks)."""
    school = connection.execute(_SCHOOL_SQL).fetchone()
    if school is None:
        refresh_weekly_rollup(connection)
        return
    start_weekly_rollup_rebuild(connection, RollupBasis(*school))
    continue_weekly_rollup_rebuild(connection, students=None)


def rollup_rebuild_pending(connection: sqlite3.Connection) -> bool:
    """Whether rows are still to be built (a school without a rollup for its week, or a
    rebuild under way): what the app's background rebuild is for."""
    school = connection.execute(_SCHOOL_SQL).fetchone()
    if school is None:
        return False
    state = connection.execute(_STATE_SQL).fetchone()
    return state is None or RollupBasis(*state[:4]) != RollupBasis(*school) or state[5] is not None


def finish_weekly_rollup(
    store: Store,
    *,
    students: int = REBUILD_STUDENTS,
    pause_s: float = REBUILD_PAUSE_S,
    stop: Callable[[], bool] = lambda: False,
) -> bool:
    """Build the rows a rebuild still owes, ``students`` per write transaction with the
    lock free between them, until none are left or ``stop()`` says so (the next call goes
    on from there); ``True`` when none are left. For a caller off the UI thread."""
    first = True
    while rollup_rebuild_pending(store.connection):
        if not first:
            time.sleep(pause_s)
        if stop():
            return False
        first = False
        with store.transaction() as connection:
            continue_weekly_rollup_rebuild(connection, students=students)
    return True


def rollup_serves(connection: sqlite3.Connection, *, start: str, end: str, mastery: float) -> bool:
    """Whether ``weekly_rollup`` holds the figures of the school week ``[start, end)`` (db
    times) at this mastery score: built for the school's week and score, and current."""
    found = connection.execute(
        _SERVES_SQL, {"start": start, "end": end, "mastery": mastery}
    ).fetchone()
    return found is not None


def school_weeks(calendar: SchoolCalendar) -> list[tuple[str, str]]:
    """The UTC bounds (db times) of every school week of the calendar's span."""
    first = calendar.week_start(CALENDAR_FIRST_DAY)
    starts = [
        to_db_time(calendar.utc_bounds(first + timedelta(weeks=n))[0])
        for n in range((CALENDAR_LAST_DAY - first).days // 7 + 2)
    ]
    return list(itertools.pairwise(starts))


def _recompute(
    connection: sqlite3.Connection,
    basis: RollupBasis,
    *,
    instants: str,
    students: str,
    parameters: dict[str, object],
) -> None:
    """The rows of the keys of ``instants`` and the standing of the ``students`` (both
    SELECTs over ``parameters``), computed again."""
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS weekly_rollup_keys (student_id TEXT NOT NULL,"
        " content_area_id TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,"
        " PRIMARY KEY (student_id, content_area_id, starts_at))"
    )
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS weekly_rollup_students (student_id TEXT PRIMARY KEY)"
    )
    connection.execute(_COLLECT_KEYS_SQL.format(instants=instants), parameters)
    connection.execute(_COLLECT_STUDENTS_SQL.format(instants=students), parameters)
    connection.execute(
        "DELETE FROM weekly_rollup WHERE (student_id, content_area_id, starts_at) IN"
        " (SELECT student_id, content_area_id, starts_at FROM temp.weekly_rollup_keys)"
    )
    connection.execute(_RECOMPUTE_SQL, {"mastery": basis.mastery_score})
    connection.execute(
        "DELETE FROM student_standing"
        " WHERE student_id IN (SELECT student_id FROM temp.weekly_rollup_students)"
    )
    # Every area an attempt or a unit_progress row can name (their foreign keys): an area
    # in which a student has neither, nor a conference, stands at nothing and gives no row.
    for (area,) in connection.execute("SELECT id FROM content_area").fetchall():
        connection.execute(_STANDING_SQL, {"area": area, "mastery": basis.mastery_score})
    connection.execute("DROP TABLE temp.weekly_rollup_keys")
    connection.execute("DROP TABLE temp.weekly_rollup_students")


def _clear(connection: sqlite3.Connection) -> None:
    for table in ROLLUP_TABLES:
        connection.execute(f"DELETE FROM {table}")


def _has_dirty(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM weekly_rollup_dirty LIMIT 1").fetchone() is not None


def _high_water(connection: sqlite3.Connection) -> int:
    return int(connection.execute(_HIGH_WATER_SQL).fetchone()[0])
