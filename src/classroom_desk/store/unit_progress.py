"""Keeping ``unit_progress`` up to date with ``unit_attempt``, one statement per batch.

Every writer of unit attempts (pulls, imports, loading) marks the table before it
inserts and folds what it added into ``unit_progress`` before its transaction commits;
a per-row trigger did the same at about half the cost of a pull (migration 0007).

The rule is the one the trigger applied: a unit's latest score is the score of its
attempt with the latest ``completed_at``; of attempts completed at the same moment, the
one stored last wins (the highest rowid: SQLite gives a new row one more than the
largest rowid in the table, so among the rows present, rowid order is insertion order).
Deleting an attempt is still handled by the ``unit_attempt_progress_delete`` trigger,
which recomputes that one unit from its remaining attempts (see :meth:`deleting`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

# Attempts are immutable (a trigger refuses updates), so a unit's progress is the fold of
# its attempts in insertion order: the new attempts' count is added, and their latest
# replaces the stored latest unless it was completed earlier. The new rows are grouped by
# unit, and the latest is the one with the largest (completed_at, rowid), spelled as one
# text key (completed_at, then the rowid zero-padded; char(1) sorts below any character
# of a time, so a shorter time still sorts first). With exactly one max() in a query,
# SQLite takes the bare columns from the row holding it, and the key is unique. (A window
# function did the same at half the speed: SQLite makes a partition per unit.) Groups
# come out in unit_progress's key order. The rows are folded FOLD_ROWS at a time, in
# rowid order (the fold of a fold is the same fold): grouping sorts, and SQLCipher's
# sorter keeps everything it sorts in memory.
_FOLD_SQL = """
INSERT INTO unit_progress
    (student_id, unit_id, content_area_id, latest_score, latest_completed_at, attempts)
SELECT student_id, unit_id, content_area_id, score, completed_at, attempts
  FROM (SELECT student_id, unit_id, content_area_id, score, completed_at,
               COUNT(*) AS attempts,
               MAX(completed_at || char(1) || printf('%020d', rowid)) AS latest
          FROM unit_attempt NOT INDEXED  -- the rowid range, never a whole index
         WHERE rowid > ? AND rowid <= ?
         GROUP BY student_id, unit_id)
 WHERE true
ON CONFLICT (student_id, unit_id) DO UPDATE SET
    attempts = attempts + excluded.attempts,
    latest_score = CASE WHEN excluded.latest_completed_at >= latest_completed_at
                        THEN excluded.latest_score ELSE latest_score END,
    latest_completed_at = MAX(latest_completed_at, excluded.latest_completed_at)
"""

_HIGH_WATER_SQL = "SELECT COALESCE(MAX(rowid), 0) FROM unit_attempt"

#: Attempts grouped per statement: a bounded sort (a few MB), and per-statement overhead
#: lost in the rows' cost.
FOLD_ROWS = 100_000


class UnitProgressUpdater:
    """Folds the attempts inserted since it was made into ``unit_progress``.

    Make it in the writer's transaction before inserting attempts, call :meth:`fold`
    before that transaction commits, and delete attempts only inside :meth:`deleting`.
    Inserting with ``ON CONFLICT DO NOTHING`` is fine: only rows actually stored count.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._since = _high_water(connection)

    def fold(self) -> None:
        """Bring ``unit_progress`` up to date with the attempts inserted since the last
        fold (or since this updater was made)."""
        until = _high_water(self._connection)
        for start in range(self._since, until, FOLD_ROWS):
            self._connection.execute(_FOLD_SQL, (start, min(start + FOLD_ROWS, until)))
        self._since = until

    @contextlib.contextmanager
    def deleting(self) -> Iterator[None]:
        """Around deleting attempts: the delete trigger recomputes a unit from all its
        attempts, so new ones are folded first (or they would count twice); after the
        delete the mark is taken again, since a deleted top rowid is given out again."""
        self.fold()
        try:
            yield
        finally:
            self._since = _high_water(self._connection)


def _high_water(connection: sqlite3.Connection) -> int:
    return int(connection.execute(_HIGH_WATER_SQL).fetchone()[0])
