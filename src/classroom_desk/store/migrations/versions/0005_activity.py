"""Activity imports: column mappings saved per source, and per-student summaries.

``activity_mapping`` keeps the column mapping a teacher confirmed for a learning
platform's export (one row per source name), so the next file from it needs no dialog.
``activity_summary`` holds exports that give only totals per student and date range
(i-Ready's instruction summary and the like): minutes and units completed and passed,
with no per-unit detail. A range counts in the school week its first day falls in
(``starts_at``, the UTC instant of that local midnight, compared like an attempt's time);
re-importing the same range from the same source replaces it.

Revision ID: 0005_activity
Revises: 0004_oneroster
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_activity"
down_revision = "0004_oneroster"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_mapping",
        sa.Column("source", sa.String(), primary_key=True),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "activity_summary",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("content_area_id", sa.String(), sa.ForeignKey("content_area.id"), nullable=False),
        sa.Column("range_start", sa.Date(), nullable=False),
        sa.Column("range_end", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("units_completed", sa.Integer(), nullable=False),
        sa.Column("units_passed", sa.Integer(), nullable=False),
        sa.Column("average_score", sa.Float(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minutes >= 0", name="ck_activity_summary_minutes"),
        sa.CheckConstraint(
            "units_passed >= 0 AND units_passed <= units_completed",
            name="ck_activity_summary_units",
        ),
        sa.CheckConstraint(
            "average_score IS NULL OR (average_score >= 0 AND average_score <= 100)",
            name="ck_activity_summary_average",
        ),
        sa.CheckConstraint("range_end >= range_start", name="ck_activity_summary_range"),
        sa.UniqueConstraint(
            "source",
            "student_id",
            "content_area_id",
            "range_start",
            "range_end",
            name="uq_activity_summary_range",
        ),
    )
    op.create_index(
        "ix_activity_summary_student_area_time",
        "activity_summary",
        ["student_id", "content_area_id", "starts_at"],
    )
    op.create_index(
        "ix_activity_summary_area_time", "activity_summary", ["content_area_id", "starts_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_activity_summary_area_time", "activity_summary")
    op.drop_index("ix_activity_summary_student_area_time", "activity_summary")
    op.drop_table("activity_summary")
    op.drop_table("activity_mapping")
