"""Groups, station rotations and tutoring on the server: the laptop's tables of the same
names (store migration 0011_groups_tutoring).

A merged field is NULL until first written (a new record is inserted bare, then each
field given is merged); like goals, each has the ``server_seq`` at which its current
value was published (``*_seq``), to tell an update from a conflict.

Revision ID: 0007_groups_tutoring
Revises: 0006_server_inbox
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_groups_tutoring"
down_revision = "0006_server_inbox"
branch_labels = None
depends_on = None

TIME = sa.String(32)
ID = sa.String(64)


def _merged(field: str, kind: sa.types.TypeEngine[Any]) -> list[sa.Column[Any]]:
    return [
        sa.Column(field, kind, nullable=True),
        sa.Column(f"{field}_stamp", sa.String(300), nullable=True),
        sa.Column(f"{field}_seq", sa.BigInteger(), nullable=False, server_default="0"),
    ]


def _ref(name: str, target: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, ID, sa.ForeignKey(target), nullable=nullable)


def _made() -> list[sa.Column[str]]:
    return [
        sa.Column("device_id", ID, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    ]


def _block() -> list[sa.Column[str]]:
    return [
        _ref("section_id", "class_section.id"),
        _ref("content_area_id", "content_area.id"),
        sa.Column("week", sa.String(10), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "student_group",
        sa.Column("id", ID, primary_key=True),
        *_block(),
        sa.Column("basis", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("unit_id", ID, nullable=True),
        *_merged("name", sa.String(200)),
        *_merged("status", sa.String(16)),
        *_made(),
    )
    op.create_index(
        "ix_student_group_block", "student_group", ["section_id", "content_area_id", "week"]
    )
    op.create_table(
        "group_member",
        sa.Column("id", ID, primary_key=True),
        *_block(),
        _ref("student_id", "student.id"),
        *_merged("group_id", ID),
        *_made(),
    )
    op.create_index("ix_group_member_student", "group_member", ["student_id"])
    op.create_table(
        "rotation",
        sa.Column("id", ID, primary_key=True),
        *_block(),
        *_merged("stations", sa.Text()),
        *_merged("round_minutes", sa.Integer()),
        *_merged("progress", sa.Text()),
        *_made(),
    )
    op.create_table(
        "tutor",
        sa.Column("id", ID, primary_key=True),
        _ref("section_id", "class_section.id"),
        *_merged("name", sa.String(200)),
        *_merged("role", sa.String(32)),
        *_merged("active", sa.Integer()),
        *_made(),
    )
    op.create_index("ix_tutor_section", "tutor", ["section_id"])
    op.create_table(
        "tutoring_group",
        sa.Column("id", ID, primary_key=True),
        _ref("section_id", "class_section.id"),
        _ref("content_area_id", "content_area.id", nullable=True),
        *_merged("name", sa.String(200)),
        *_merged("tutor_id", ID),
        *_merged("schedule", sa.String(40)),
        *_merged("plan", sa.String(20)),
        *_merged("members", sa.Text()),
        *_merged("active", sa.Integer()),
        *_made(),
    )
    op.create_index("ix_tutoring_group_section", "tutoring_group", ["section_id"])
    op.create_table(
        "tutoring_session",
        sa.Column("id", ID, primary_key=True),
        _ref("section_id", "class_section.id"),
        _ref("group_id", "tutoring_group.id"),
        _ref("tutor_id", "tutor.id"),
        sa.Column("held_on", sa.String(10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("focus_unit_id", ID, nullable=True),
        sa.Column("focus", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_merged("voided", sa.Integer()),
        *_made(),
        sa.CheckConstraint("minutes > 0", name="ck_tutoring_session_minutes"),
    )
    op.create_index("ix_tutoring_session_group", "tutoring_session", ["group_id"])
    op.create_table(
        "plan_conflict",
        sa.Column("id", ID, primary_key=True),
        _ref("section_id", "class_section.id"),
        sa.Column("record_table", sa.String(32), nullable=False),
        sa.Column("record_id", ID, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(300), nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("winner_stamp", sa.String(300), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )
    op.create_index("ix_plan_conflict_record", "plan_conflict", ["record_id"])


def downgrade() -> None:
    for table in (
        "plan_conflict",
        "tutoring_session",
        "tutoring_group",
        "tutor",
        "rotation",
        "group_member",
        "student_group",
    ):
        op.drop_table(table)
