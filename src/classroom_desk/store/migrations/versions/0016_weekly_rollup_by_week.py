"""The weekly rollup keyed by week, rebuilt in the background; the last conference indexed.

* ``weekly_rollup`` is keyed (content area, week, student): a week's rows lie together, so a
  district's week reads a few hundred pages instead of one per student (and on an encrypted
  store each page read is decrypted).
* ``weekly_rollup_state.rebuild_after``: how far a rebuild has come (``NULL``: none under
  way; otherwise the last student built, ``''`` for none yet). A change of the school's
  week or mastery score starts a rebuild that the app runs a few students per transaction
  off the UI thread (``store/weekly_rollup.py``).
* The rows are not copied: the state is removed, so the app rebuilds them with the code of
  its own day (no migration runs the app's modules, which later changes may break).
* ``ix_conference_note_latest``: a student's latest conference (not an edit, not deleted) is
  one seek into this index, without reading the notes themselves.

Revision ID: 0016_weekly_rollup_by_week
Revises: 0015_weekly_rollup
"""

from __future__ import annotations

from alembic import op

revision = "0016_weekly_rollup_by_week"
down_revision = "0015_weekly_rollup"
branch_labels = None
depends_on = None

_ROLLUP_COLUMNS = """
    student_id TEXT NOT NULL,
    content_area_id TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    minutes INTEGER,
    units_completed INTEGER,
    units_mastered INTEGER,
    score_total REAL,
    last_activity TEXT,
    summaries INTEGER NOT NULL,
    summary_minutes INTEGER,
    summary_units_completed INTEGER,
    summary_units_passed INTEGER,
    summary_score_total REAL,
    summary_scored REAL,
"""


def _recreate_rollup(primary_key: str) -> None:
    """``weekly_rollup`` again, empty, with this key; the state cleared, so the app builds
    the rows again."""
    op.execute("DROP TABLE weekly_rollup")
    op.execute(
        f"CREATE TABLE weekly_rollup ({_ROLLUP_COLUMNS} PRIMARY KEY ({primary_key})) WITHOUT ROWID"
    )
    for table in ("weekly_rollup_state", "reassign_standing", "weekly_rollup_dirty"):
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    _recreate_rollup("content_area_id, starts_at, student_id")
    op.execute("ALTER TABLE weekly_rollup_state ADD COLUMN rebuild_after TEXT")
    op.execute(
        "CREATE INDEX ix_conference_note_latest"
        " ON conference_note (student_id, created_at, tombstone, supersedes_id)"
        " WHERE tombstone = 0 AND supersedes_id IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_conference_note_latest")
    op.execute("ALTER TABLE weekly_rollup_state DROP COLUMN rebuild_after")
    _recreate_rollup("student_id, content_area_id, starts_at")
