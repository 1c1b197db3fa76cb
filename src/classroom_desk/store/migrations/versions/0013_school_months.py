"""The School view's last figures, kept so a principal's laptop shows them offline.

One row per account and month: the server's answer as it came (the wire format's JSON)
and when it was fetched, so the window can say how old the figures are. The figures are
students' names and numbers, so they live in the (encrypted) store, not beside it.

Revision ID: 0013_school_months
Revises: 0012_account_role
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_school_months"
down_revision = "0012_account_role"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_month",
        sa.Column("account", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account", "year", "month"),
    )


def downgrade() -> None:
    op.drop_table("school_month")
