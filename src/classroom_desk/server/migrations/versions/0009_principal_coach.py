"""Principals and coaches: two read-only roles next to teacher and admin. A principal
reads every class of the school; a coach reads the classes of the teachers chosen for
them (``coach_teacher``). Neither receives conference notes (``server/access.py``).

Revision ID: 0009_principal_coach
Revises: 0008_pull_by_scope
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_principal_coach"
down_revision = "0008_pull_by_scope"
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('teacher', 'admin')"
ROLES = "role IN ('teacher', 'admin', 'principal', 'coach')"


def _roles(check: str) -> None:
    # Batch mode: SQLite cannot alter a CHECK constraint, so the table is copied.
    with op.batch_alter_table("account", recreate="auto") as batch:
        batch.drop_constraint("ck_account_role", type_="check")
        batch.create_check_constraint("ck_account_role", check)


def upgrade() -> None:
    _roles(ROLES)
    op.create_table(
        "coach_teacher",
        sa.Column("account_id", sa.String(64), sa.ForeignKey("account.id"), nullable=False),
        sa.Column("teacher_id", sa.String(64), sa.ForeignKey("teacher.id"), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "teacher_id"),
    )
    op.create_index("ix_coach_teacher_teacher", "coach_teacher", ["teacher_id"])


def downgrade() -> None:
    op.drop_index("ix_coach_teacher_teacher", table_name="coach_teacher")
    op.drop_table("coach_teacher")
    readers = "SELECT id FROM account WHERE role IN ('principal', 'coach')"
    for table in ("device_token", "sync_device"):  # what refers to those accounts
        op.execute(f"DELETE FROM {table} WHERE account_id IN ({readers})")
    op.execute("DELETE FROM account WHERE role IN ('principal', 'coach')")
    _roles(ROLES_BEFORE)
