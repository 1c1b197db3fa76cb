"""The signed-in account's role, so a laptop of a read-only account refuses changes at once.

``sync_state.role`` is what the server said at sign-in (teacher, admin, principal or
coach); NULL on a laptop signed in before this revision, which then writes as before and
the server stays the judge.

Revision ID: 0012_account_role
Revises: 0011_groups_tutoring
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_account_role"
down_revision = "0011_groups_tutoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("role", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("role")
