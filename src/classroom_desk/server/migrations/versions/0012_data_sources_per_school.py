"""Each school's data sources: a server holding a district keeps each school's roster and
feeds' import times apart (``data_source`` was one row per source for the whole server,
so one school's import time overwrote another's). Each row already published goes to the
school whose laptops were sent it; a source in no school's sync log has no school to
keep it for and is dropped.

Revision ID: 0012_data_sources_per_school
Revises: 0011_attempts_by_student_time
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_data_sources_per_school"
down_revision = "0011_attempts_by_student_time"
branch_labels = None
depends_on = None

_COLUMNS = "id, kind, name, imported_at"


def _table(name: str, *key: str) -> None:
    op.create_table(
        name,
        *([sa.Column("school_id", sa.String(64), sa.ForeignKey("school.id"), nullable=False)]
          if "school_id" in key else []),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint(*key),
    )  # fmt: skip


def upgrade() -> None:
    _table("data_source_by_school", "school_id", "id")
    op.execute(
        f"INSERT INTO data_source_by_school (school_id, {_COLUMNS})"
        f" SELECT DISTINCT r.school_id, {', '.join(f'd.{c}' for c in _COLUMNS.split(', '))}"
        " FROM data_source d JOIN sync_row r ON r.table_name = 'data_source' AND r.row_id = d.id"
        " JOIN school s ON s.id = r.school_id"
    )
    op.drop_table("data_source")
    op.rename_table("data_source_by_school", "data_source")


def downgrade() -> None:
    _table("data_source_one", "id")
    op.execute(
        f"INSERT INTO data_source_one ({_COLUMNS}) SELECT {_COLUMNS} FROM data_source d"
        " WHERE d.school_id = (SELECT MIN(school_id) FROM data_source o WHERE o.id = d.id)"
    )
    op.drop_table("data_source")
    op.rename_table("data_source_one", "data_source")
