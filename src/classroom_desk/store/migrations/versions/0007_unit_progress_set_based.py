"""Unit progress kept set-based: the per-row insert trigger on unit_attempt is dropped.

Writers of unit attempts now fold each batch into unit_progress with one statement in
the same transaction (store/unit_progress.py); the trigger cost about half of a pull's
time. The rows unit_progress holds were kept by the trigger and stay as they are. The
delete trigger (rare: tombstones) and the immutability trigger stay.

Revision ID: 0007_unit_progress_set_based
Revises: 0006_academic_sessions
"""

from __future__ import annotations

from alembic import op

revision = "0007_unit_progress_set_based"
down_revision = "0006_academic_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS unit_attempt_progress_insert")


def downgrade() -> None:
    # The trigger exactly as migration 0001 made it; unit_progress is already current.
    op.execute(
        """
        CREATE TRIGGER unit_attempt_progress_insert AFTER INSERT ON unit_attempt
        BEGIN
            INSERT INTO unit_progress
                (student_id, unit_id, content_area_id, latest_score, latest_completed_at, attempts)
            VALUES (NEW.student_id, NEW.unit_id, NEW.content_area_id, NEW.score,
                    NEW.completed_at, 1)
            ON CONFLICT (student_id, unit_id) DO UPDATE SET
                attempts = attempts + 1,
                latest_score = CASE WHEN excluded.latest_completed_at >= latest_completed_at
                                    THEN excluded.latest_score ELSE latest_score END,
                latest_completed_at = MAX(latest_completed_at, excluded.latest_completed_at);
        END
        """
    )
