"""The inbox's server side: column mappings saved on the server (``mapping save``) and
platform summaries (``activity_summary``, as on the laptop), so activity exports imported
on the server reach the laptops.

Revision ID: 0006_server_inbox
Revises: 0005_server_data_sources
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_server_inbox"
down_revision = "0005_server_data_sources"
branch_labels = None
depends_on = None

TIME = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "server_mapping",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
    )
    op.create_table(
        "activity_summary",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("student_id", sa.String(64), sa.ForeignKey("student.id"), nullable=False),
        sa.Column(
            "content_area_id", sa.String(64), sa.ForeignKey("content_area.id"), nullable=False
        ),
        sa.Column("range_start", sa.String(10), nullable=False),
        sa.Column("range_end", sa.String(10), nullable=False),
        sa.Column("starts_at", TIME, nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("units_completed", sa.Integer(), nullable=False),
        sa.Column("units_passed", sa.Integer(), nullable=False),
        sa.Column("average_score", sa.Float(), nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("imported_at", TIME, nullable=False),
    )
    op.create_index(
        "ix_server_activity_summary_student", "activity_summary", ["student_id", "starts_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_server_activity_summary_student", "activity_summary")
    op.drop_table("activity_summary")
    op.drop_table("server_mapping")
