"""OneRoster academic sessions kept in the SIS mirror, as the other record kinds are.

Terms and school years were read and checked but dropped; keeping them lets a delta
package name a term imported earlier, and lets reports say which term a class is in.

Revision ID: 0006_academic_sessions
Revises: 0005_activity
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_academic_sessions"
down_revision = "0005_activity"
branch_labels = None
depends_on = None

_FIELDS = ("title", "type", "start_date", "end_date", "parent_sourced_id", "school_year")


def upgrade() -> None:
    op.create_table(
        "oneroster_academic_session",
        sa.Column("sourced_id", sa.String(), primary_key=True),
        sa.Column("status", sa.String(), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False, server_default="") for name in _FIELDS),
        sa.CheckConstraint(
            "status IN ('active', 'inactive')", name="ck_oneroster_academic_session_status"
        ),
    )


def downgrade() -> None:
    op.drop_table("oneroster_academic_session")
