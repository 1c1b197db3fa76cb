"""Teacher actions and the outbox: notes, goals, celebrations, reassignments.

Every teacher-made row has a device-made UUID, its student as scope, a tombstone
flag and a ``server_seq`` the school server fills in, so sync needs no new migration.
The outbox holds one row per mutation, numbered per device (AUTOINCREMENT never
reuses a number), written in the same transaction as the change it describes.

Revision ID: 0002_teacher_actions
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_teacher_actions"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("tombstone", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("clock", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "conference_note",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("supersedes_id", sa.String(), sa.ForeignKey("conference_note.id")),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False, server_default=""),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        *_synced_columns(),
        sa.CheckConstraint("length(trim(body)) > 0", name="ck_conference_note_body"),
    )
    op.create_index(
        "ix_conference_note_student_time", "conference_note", ["student_id", "created_at"]
    )
    op.create_index("ix_conference_note_supersedes", "conference_note", ["supersedes_id"])
    op.create_table(
        "goal",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("content_area_id", sa.String(), sa.ForeignKey("content_area.id"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("target_stamp", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("status_stamp", sa.String(), nullable=False),
        *_synced_columns(),
        sa.CheckConstraint(
            "kind IN ('units_mastered', 'average_score', 'minutes')", name="ck_goal_kind"
        ),
        sa.CheckConstraint("status IN ('active', 'dropped')", name="ck_goal_status"),
    )
    op.create_index("ix_goal_student", "goal", ["student_id", "content_area_id"])
    op.create_table(
        "celebration",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("goal_id", sa.String(), sa.ForeignKey("goal.id"), nullable=True),
        sa.Column("week", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        *_synced_columns(),
    )
    op.create_index("ix_celebration_student", "celebration", ["student_id", "created_at"])
    op.create_table(
        "reassignment_event",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("unit_id", sa.String(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("undoes_id", sa.String(), sa.ForeignKey("reassignment_event.id")),
        sa.Column("batch_id", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False, server_default=""),
        *_synced_columns(),
        sa.CheckConstraint("action IN ('reassign', 'undo')", name="ck_reassignment_action"),
    )
    op.create_index(
        "ix_reassignment_student_unit",
        "reassignment_event",
        ["student_id", "unit_id", "created_at"],
    )
    op.create_index("ix_reassignment_undoes", "reassignment_event", ["undoes_id"])
    op.create_index("ix_reassignment_batch", "reassignment_event", ["batch_id"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("mutation_id", sa.String(), nullable=False, unique=True),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("student_id", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(), nullable=False, server_default="pending"),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'acknowledged', 'rejected')", name="ck_outbox_state"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_state_seq", "outbox", ["state", "seq"])
    op.create_index("ix_outbox_record", "outbox", ["record_id", "state"])


def downgrade() -> None:
    for table in (
        "outbox",
        "reassignment_event",
        "celebration",
        "goal",
        "conference_note",
        "device",
    ):
        op.drop_table(table)
