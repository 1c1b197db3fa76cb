"""A school's choice to let its principals read teachers' notes (conference notes and
the words on celebrations and tutoring sessions). Off unless the school turns it on.

Revision ID: 0010_principal_notes
Revises: 0009_principal_coach
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_principal_notes"
down_revision = "0009_principal_coach"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "school",
        sa.Column("principals_read_notes", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("school") as batch:
        batch.drop_column("principals_read_notes")
