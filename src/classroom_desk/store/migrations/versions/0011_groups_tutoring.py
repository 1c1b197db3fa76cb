"""Small groups, station rotations and tutoring: records of a class section, synced.

``student_group`` (a group of one block: class, content area, week) and
``group_member`` (a student's group in a block, one row per student and block, its id
made from them: a student is in one group per block by construction); ``rotation``
(the block's stations, round length and timer); ``tutor``, ``tutoring_group`` and
``tutoring_session`` (an append-only log; a mistake is voided, never deleted);
``plan_conflict`` keeps a value that lost a last-writer-wins race on any of them.
Each merged field has a ``*_stamp`` column (see sync/tables.py ``MERGED_FIELDS``).

Revision ID: 0011_groups_tutoring
Revises: 0010_data_sources
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_groups_tutoring"
down_revision = "0010_data_sources"
branch_labels = None
depends_on = None


def _text(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _stamp(field: str) -> sa.Column[str]:
    return sa.Column(f"{field}_stamp", sa.String(), nullable=True)


def _synced() -> list[sa.Column[object]]:
    return [
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("tombstone", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


def _section() -> sa.Column[str]:
    return sa.Column("section_id", sa.String(), sa.ForeignKey("class_section.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "student_group",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("content_area_id", sa.String(), sa.ForeignKey("content_area.id"), nullable=False),
        sa.Column("week", sa.String(10), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        _text("reason"),
        sa.Column("unit_id", sa.String(), nullable=True),
        _text("name"),
        _stamp("name"),
        sa.Column("status", sa.String(), nullable=False, server_default="active"),
        _stamp("status"),
        *_synced(),
    )
    op.create_index(
        "ix_student_group_block", "student_group", ["section_id", "content_area_id", "week"]
    )
    op.create_table(
        "group_member",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.Column("week", sa.String(10), nullable=False),
        sa.Column("student_id", sa.String(), sa.ForeignKey("student.id"), nullable=False),
        sa.Column("group_id", sa.String(), sa.ForeignKey("student_group.id"), nullable=True),
        _stamp("group_id"),
        *_synced(),
    )
    op.create_index(
        "ix_group_member_block", "group_member", ["section_id", "content_area_id", "week"]
    )
    op.create_index("ix_group_member_student", "group_member", ["student_id"])
    op.create_index("ix_group_member_group", "group_member", ["group_id"])
    op.create_table(
        "rotation",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("content_area_id", sa.String(), nullable=False),
        sa.Column("week", sa.String(10), nullable=False),
        _text("stations", nullable=True),
        _stamp("stations"),
        sa.Column("round_minutes", sa.Integer(), nullable=True),
        _stamp("round_minutes"),
        _text("progress", nullable=True),
        _stamp("progress"),
        *_synced(),
    )
    op.create_table(
        "tutor",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        _text("name"),
        _stamp("name"),
        sa.Column("role", sa.String(), nullable=False),
        _stamp("role"),
        sa.Column("active", sa.Integer(), nullable=False, server_default="1"),
        _stamp("active"),
        *_synced(),
    )
    op.create_index("ix_tutor_section", "tutor", ["section_id"])
    op.create_table(
        "tutoring_group",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("content_area_id", sa.String(), nullable=True),
        _text("name"),
        _stamp("name"),
        sa.Column("tutor_id", sa.String(), sa.ForeignKey("tutor.id"), nullable=False),
        _stamp("tutor_id"),
        _text("schedule"),
        _stamp("schedule"),
        _text("plan"),
        _stamp("plan"),
        _text("members"),
        _stamp("members"),
        sa.Column("active", sa.Integer(), nullable=False, server_default="1"),
        _stamp("active"),
        *_synced(),
    )
    op.create_index("ix_tutoring_group_section", "tutoring_group", ["section_id"])
    op.create_table(
        "tutoring_session",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("group_id", sa.String(), sa.ForeignKey("tutoring_group.id"), nullable=False),
        sa.Column("tutor_id", sa.String(), sa.ForeignKey("tutor.id"), nullable=False),
        sa.Column("held_on", sa.String(10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        _text("attendees"),
        sa.Column("focus_unit_id", sa.String(), nullable=True),
        _text("focus"),
        _text("note"),
        sa.Column("voided", sa.Integer(), nullable=False, server_default="0"),
        _stamp("voided"),
        *_synced(),
        sa.CheckConstraint("minutes > 0", name="ck_tutoring_session_minutes"),
    )
    op.create_index("ix_tutoring_session_section", "tutoring_session", ["section_id", "held_on"])
    op.create_index("ix_tutoring_session_group", "tutoring_session", ["group_id"])
    op.create_table(
        "plan_conflict",
        sa.Column("id", sa.String(), primary_key=True),
        _section(),
        sa.Column("record_table", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        _text("value"),
        sa.Column("stamp", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("winner_stamp", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("tombstone", sa.Boolean(), nullable=False, server_default=sa.false()),
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
