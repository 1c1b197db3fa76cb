"""Weekly figures read, not computed: a rollup per student, content area and school week.

``weekly_rollup`` holds a week's figures from the attempts and the platform summaries;
``school_week`` the school's weeks in UTC (from ``zoneinfo``, which SQL cannot compute);
``reassign_standing`` each student's units to reassign and reassignments pending per
area; ``weekly_rollup_state`` what the rows were built with (the school's week and mastery
score, and the last attempt counted); ``weekly_rollup_dirty`` the instants of deleted
attempts and of written or deleted summaries, and the students of reassignment events,
noted by triggers, for the next refresh
(``store/weekly_rollup.py``, run by every write transaction). The rows are not filled
here: with no ``weekly_rollup_state`` row the app rebuilds them with the code of its own
day (a migration that ran today's module would break when that module changes).

Revision ID: 0015_weekly_rollup
Revises: 0014_school_figures_by_period
"""

from __future__ import annotations

from alembic import op

revision = "0015_weekly_rollup"
down_revision = "0014_school_figures_by_period"
branch_labels = None
depends_on = None

_NOTE = (
    "INSERT INTO weekly_rollup_dirty (student_id, content_area_id, at)"
    " VALUES ({row}.student_id, {row}.content_area_id, {row}.{at});"
)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE school_week (starts_at TEXT NOT NULL PRIMARY KEY,"
        " ends_at TEXT NOT NULL) WITHOUT ROWID"
    )
    op.execute(
        """
        CREATE TABLE weekly_rollup (
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
            PRIMARY KEY (student_id, content_area_id, starts_at)
        ) WITHOUT ROWID
        """
    )
    op.execute(
        """
        CREATE TABLE weekly_rollup_state (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            school_id TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            first_day_of_week INTEGER NOT NULL,
            mastery_score REAL NOT NULL,
            attempts_through INTEGER NOT NULL
        )
        """
    )
    op.execute(
        """
        CREATE TABLE reassign_standing (
            student_id TEXT NOT NULL,
            content_area_id TEXT NOT NULL,
            to_reassign INTEGER NOT NULL,
            reassigned_pending INTEGER NOT NULL,
            PRIMARY KEY (student_id, content_area_id)
        ) WITHOUT ROWID
        """
    )
    # A student's standing alone has no area nor instant.
    op.execute(
        "CREATE TABLE weekly_rollup_dirty (student_id TEXT NOT NULL, content_area_id TEXT, at TEXT)"
    )
    # A deleted attempt: its week again, and the mark of attempts counted kept at or below
    # the largest rowid left (a rowid given out again must be seen as new).
    op.execute(
        f"""
        CREATE TRIGGER unit_attempt_weekly_rollup_delete AFTER DELETE ON unit_attempt
        BEGIN
            {_NOTE.format(row="OLD", at="completed_at")}
            UPDATE weekly_rollup_state
               SET attempts_through = MIN(attempts_through,
                                          (SELECT COALESCE(MAX(rowid), 0) FROM unit_attempt));
        END
        """
    )
    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        notes = "\n".join(_NOTE.format(row=row, at="starts_at") for row in rows)
        op.execute(
            f"CREATE TRIGGER activity_summary_weekly_rollup_{event.lower()}"
            f" AFTER {event} ON activity_summary BEGIN {notes} END"
        )
    # A reassignment, its undo or their tombstones: the student's standing (and the
    # undone one's student, should a sync deliver an undo under another student).
    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        notes = "\n".join(
            f"INSERT INTO weekly_rollup_dirty (student_id) VALUES ({row}.student_id);"
            f" INSERT INTO weekly_rollup_dirty (student_id) SELECT student_id"
            f" FROM reassignment_event WHERE id = {row}.undoes_id;"
            for row in rows
        )
        op.execute(
            f"CREATE TRIGGER reassignment_event_weekly_rollup_{event.lower()}"
            f" AFTER {event} ON reassignment_event BEGIN {notes} END"
        )
    # A unit moved to another area moves its reassignments with it.
    op.execute(
        "CREATE TRIGGER unit_weekly_rollup_area AFTER UPDATE OF content_area_id ON unit"
        " BEGIN INSERT INTO weekly_rollup_dirty (student_id)"
        " SELECT student_id FROM unit_progress WHERE unit_id = NEW.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER unit_weekly_rollup_area")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER activity_summary_weekly_rollup_{event}")
        op.execute(f"DROP TRIGGER reassignment_event_weekly_rollup_{event}")
    op.execute("DROP TRIGGER unit_attempt_weekly_rollup_delete")
    for table in (
        "weekly_rollup",
        "reassign_standing",
        "weekly_rollup_dirty",
        "weekly_rollup_state",
        "school_week",
    ):
        op.execute(f"DROP TABLE {table}")
