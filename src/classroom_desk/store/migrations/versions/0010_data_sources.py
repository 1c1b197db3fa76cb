"""Data sources and when each was last imported: the roster and each activity feed, so the
roster can say how fresh its figures are. Server-owned: the school server's imports reach
the laptops as rows of this table.

Revision ID: 0010_data_sources
Revises: 0009_sync_problems
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_data_sources"
down_revision = "0009_sync_problems"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_source",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('roster', 'activity')", name="ck_data_source_kind"),
    )


def downgrade() -> None:
    op.drop_table("data_source")
