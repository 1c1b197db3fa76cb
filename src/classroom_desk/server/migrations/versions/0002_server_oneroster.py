"""OneRoster import on the server: the SIS records as last imported, and the roster
columns the laptops already have (``teacher.source_id``, ``class_section.source_id``,
``student.active``), now synced.

The mirror is one table of JSON records keyed by (kind, sourcedId): the server only
stores and returns it for the next import, which reads it with the laptop importer's
own tables, so its columns are defined in one place. Rows already published (``sync_row``) get
the new columns, so a laptop pulling from the start stores complete rows.

Revision ID: 0002_server_oneroster
Revises: 0001_server_initial
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002_server_oneroster"
down_revision = "0001_server_initial"
branch_labels = None
depends_on = None

#: The new columns and the value rows published before them take.
_NEW_COLUMNS: dict[str, dict[str, object]] = {
    "teacher": {"source_id": None},
    "class_section": {"source_id": None},
    "student": {"active": 1},
}


def upgrade() -> None:
    op.add_column("teacher", sa.Column("source_id", sa.String(200), nullable=True))
    op.create_index("ix_teacher_source_id", "teacher", ["source_id"])
    op.add_column("class_section", sa.Column("source_id", sa.String(200), nullable=True))
    op.create_index("ix_class_section_source_id", "class_section", ["source_id"])
    # An integer, not a boolean: rows render as the laptop stores them (0 or 1).
    op.add_column("student", sa.Column("active", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "sis_record",
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("sourced_id", sa.String(200), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "sourced_id"),
    )
    _complete_published_rows()


def _complete_published_rows() -> None:
    connection = op.get_bind()
    published = sa.table(
        "sync_row",
        sa.column("school_id", sa.String()),
        sa.column("table_name", sa.String()),
        sa.column("row_id", sa.String()),
        sa.column("data", sa.Text()),
    )
    key = (published.c.school_id, published.c.table_name, published.c.row_id)
    for table, additions in _NEW_COLUMNS.items():
        rows = connection.execute(
            sa.select(*key, published.c.data).where(published.c.table_name == table)
        ).all()
        for school_id, table_name, row_id, data in rows:
            values = {**additions, **json.loads(data)}
            connection.execute(
                published.update()
                .where(
                    published.c.school_id == school_id,
                    published.c.table_name == table_name,
                    published.c.row_id == row_id,
                )
                .values(data=json.dumps(values, separators=(",", ":")))
            )


def downgrade() -> None:
    op.drop_table("sis_record")
    op.drop_column("student", "active")
    op.drop_index("ix_class_section_source_id", "class_section")
    op.drop_column("class_section", "source_id")
    op.drop_index("ix_teacher_source_id", "teacher")
    op.drop_column("teacher", "source_id")
