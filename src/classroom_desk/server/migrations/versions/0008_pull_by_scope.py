"""Indexes that let a teacher's pull read only their scope: the sync log by student, by
class section, and the school-wide rows, each in ``server_seq`` order.

Before, a scoped pull walked the school's whole log in order and filtered it: a first
pull for one class of a 200-class school read the school's 161,000 rows to return 1,000.

Revision ID: 0008_pull_by_scope
Revises: 0007_groups_tutoring
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_pull_by_scope"
down_revision = "0007_groups_tutoring"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_sync_row_student_seq",
        ["school_id", "student_id", "server_seq"],
        "student_id IS NOT NULL",
    ),
    (
        "ix_sync_row_section_seq",
        ["school_id", "section_id", "server_seq"],
        "section_id IS NOT NULL",
    ),
    (
        "ix_sync_row_everyone_seq",
        ["school_id", "server_seq"],
        "section_id IS NULL AND student_id IS NULL",
    ),
)


def upgrade() -> None:
    for name, columns, where in INDEXES:
        op.create_index(
            name,
            "sync_row",
            columns,
            postgresql_where=sa.text(where),
            sqlite_where=sa.text(where),
        )


def downgrade() -> None:
    for name, _, _ in INDEXES:
        op.drop_index(name, table_name="sync_row")
