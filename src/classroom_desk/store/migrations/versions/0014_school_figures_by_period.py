"""The School view keeps a week's figures too: one row per account and period.

``period`` is ``YYYY-MM`` for a month (the rows kept so far) and ``YYYY-MM-DD`` for the
school week from that day, so a month and a week never share a key.

Revision ID: 0014_school_figures_by_period
Revises: 0013_school_months
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_school_figures_by_period"
down_revision = "0013_school_months"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_figures",
        sa.Column("account", sa.String(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("fetched_at", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account", "period"),
    )
    op.execute(
        "INSERT INTO school_figures (account, period, fetched_at, body)"
        " SELECT account, printf('%04d-%02d', year, month), fetched_at, body FROM school_month"
    )
    op.drop_table("school_month")


def downgrade() -> None:
    op.create_table(
        "school_month",
        sa.Column("account", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account", "year", "month"),
    )
    op.execute(
        "INSERT INTO school_month (account, year, month, fetched_at, body)"
        " SELECT account, CAST(substr(period, 1, 4) AS INTEGER),"
        " CAST(substr(period, 6, 2) AS INTEGER), fetched_at, body FROM school_figures"
        " WHERE length(period) = 7"
    )
    op.drop_table("school_figures")
