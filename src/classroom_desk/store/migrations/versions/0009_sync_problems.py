"""Pulled records set aside: ``sync_problem`` keeps a record from the server this laptop
could not store (an unknown kind, a malformed row or clock stamp, a value the store
refuses), with the reason, so sync moves on and the Sync problems window lists it. A
later version of the same record that can be stored takes it off the list.

Revision ID: 0009_sync_problems
Revises: 0008_learner_profiles
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_sync_problems"
down_revision = "0008_learner_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_problem",
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("set_aside_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_problem")
