"""The weekly rollup keyed by week and rebuilt in the background; a student's standing keeps
their latest attempt and conference.

* ``weekly_rollup`` is keyed (content area, week, student): a week's rows lie together, so a
  district's week reads that week's pages instead of a page per student (and on an
  encrypted store each page read is decrypted).
* ``student_standing`` replaces ``reassign_standing``: per student and area, beside the
  units to reassign and reassignments pending, the latest attempt and the latest conference
  (not an edit, not deleted), so the roster's week seeks nothing else per student. Notes
  written, edited or deleted note their student for the next refresh, as reassignments do.
* ``weekly_rollup_state.rebuild_after``: how far a rebuild has come (``NULL``: none under
  way; otherwise the last student built, ``''`` for none yet). A change of the school's
  week or mastery score starts a rebuild that the app runs a few students per transaction
  off the UI thread (``store/weekly_rollup.py``).
* No row is copied or computed here: the state is removed, so the app rebuilds the rows
  with the code of its own day (no migration runs the app's modules, which later changes
  may break).
* ``ix_conference_note_latest``: a student's latest conference is one seek into this index
  (for ranges the rollup does not hold), without reading the notes themselves.

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
_STANDING_COLUMNS = """
    student_id TEXT NOT NULL,
    content_area_id TEXT NOT NULL,
    to_reassign INTEGER NOT NULL,
    reassigned_pending INTEGER NOT NULL,
"""


def _recreate_rollup(primary_key: str) -> None:
    """``weekly_rollup`` again, empty, with this key; the state cleared, so the app builds
    the rows again."""
    op.execute("DROP TABLE weekly_rollup")
    op.execute(
        f"CREATE TABLE weekly_rollup ({_ROLLUP_COLUMNS} PRIMARY KEY ({primary_key})) WITHOUT ROWID"
    )
    for table in ("weekly_rollup_state", "weekly_rollup_dirty"):
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    _recreate_rollup("content_area_id, starts_at, student_id")
    op.execute("ALTER TABLE weekly_rollup_state ADD COLUMN rebuild_after TEXT")
    op.execute("DROP TABLE reassign_standing")
    op.execute(
        f"CREATE TABLE student_standing ({_STANDING_COLUMNS}"
        " latest_attempt TEXT, last_conference TEXT,"
        " PRIMARY KEY (student_id, content_area_id)) WITHOUT ROWID"
    )
    # Only what moves the latest conference: a note's text changes nothing here.
    for event, rows in (
        ("INSERT", ("NEW",)),
        ("UPDATE OF student_id, created_at, tombstone, supersedes_id", ("OLD", "NEW")),
        ("DELETE", ("OLD",)),
    ):
        notes = " ".join(
            f"INSERT INTO weekly_rollup_dirty (student_id) VALUES ({row}.student_id);"
            for row in rows
        )
        op.execute(
            f"CREATE TRIGGER conference_note_weekly_rollup_{event.split()[0].lower()}"
            f" AFTER {event} ON conference_note BEGIN {notes} END"
        )
    op.execute(
        "CREATE INDEX ix_conference_note_latest"
        " ON conference_note (student_id, created_at, tombstone, supersedes_id)"
        " WHERE tombstone = 0 AND supersedes_id IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_conference_note_latest")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER conference_note_weekly_rollup_{event}")
    op.execute("DROP TABLE student_standing")
    op.execute(
        f"CREATE TABLE reassign_standing ({_STANDING_COLUMNS}"
        " PRIMARY KEY (student_id, content_area_id)) WITHOUT ROWID"
    )
    op.execute("ALTER TABLE weekly_rollup_state DROP COLUMN rebuild_after")
    _recreate_rollup("student_id, content_area_id, starts_at")
