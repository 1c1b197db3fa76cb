"""Unit attempts published to the sync log by reference: each attempt carries the
``server_seq`` it was published with, and a pull renders it from ``unit_attempt`` as it
rendered the JSON copy ``sync_row`` used to hold (the same record on the wire).

Attempts are most of a school's rows (a million a year from the inbox) and never change:
a second copy of each, with its own indexes, doubled the cost of every import. An
attempt's removal (forget-student) is still a tombstone in ``sync_row``.

Upgrade moves each attempt's entry (not tombstones) from ``sync_row`` onto its row;
downgrade writes the JSON copies back.

Revision ID: 0008_attempts_by_reference
Revises: 0007_groups_tutoring
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0008_attempts_by_reference"
down_revision = "0007_groups_tutoring"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    op.add_column("unit_attempt", sa.Column("server_seq", sa.BigInteger(), nullable=True))
    op.create_index("ix_unit_attempt_server_seq", "unit_attempt", ["server_seq"])
    connection = op.get_bind()
    # The entry of the attempt's own school (sync_row is keyed per school).
    connection.execute(
        sa.text(
            "UPDATE unit_attempt SET server_seq = (SELECT r.server_seq FROM sync_row r"
            " JOIN student s ON s.school_id = r.school_id"
            " WHERE s.id = unit_attempt.student_id AND r.table_name = 'unit_attempt'"
            " AND r.row_id = unit_attempt.id AND NOT r.tombstone)"
        )
    )
    connection.execute(
        sa.text(
            "DELETE FROM sync_row WHERE table_name = 'unit_attempt' AND NOT tombstone"
            " AND EXISTS (SELECT 1 FROM unit_attempt a JOIN student s ON s.id = a.student_id"
            " WHERE a.id = sync_row.row_id AND a.server_seq = sync_row.server_seq"
            " AND s.school_id = sync_row.school_id)"
        )
    )


def downgrade() -> None:
    connection = op.get_bind()
    # Every column but the number, in the table's order: the copy's (as 0001 made them).
    rows = connection.execute(
        sa.text(
            "SELECT s.school_id AS copy_school, a.* FROM unit_attempt a"
            " JOIN student s ON s.id = a.student_id"
            " WHERE a.server_seq IS NOT NULL ORDER BY a.server_seq"
        )
    )
    columns = list(rows.keys())[1:]
    insert = sa.text(
        "INSERT INTO sync_row (school_id, table_name, row_id, server_seq, tombstone,"
        " section_id, student_id, data) VALUES (:school, 'unit_attempt', :row_id, :seq,"
        " :tombstone, NULL, :student, :data)"
    )
    while batch := rows.fetchmany(_BATCH):
        entries = []
        for school_id, *values in batch:
            data = dict(zip(columns, values, strict=True))
            seq = data.pop("server_seq")
            entries.append(
                {
                    "school": school_id,
                    "row_id": data["id"],
                    "seq": seq,
                    "tombstone": False,
                    "student": data["student_id"],
                    "data": json.dumps(data, separators=(",", ":"), default=str),
                }
            )
        connection.execute(insert, entries)
    op.drop_index("ix_unit_attempt_server_seq", "unit_attempt")
    op.drop_column("unit_attempt", "server_seq")
